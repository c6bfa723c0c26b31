"""The README's commands run as written on the bundled samples (as sqlite-utils tests the
commands of its documentation).

Every line of the README's shell code blocks that runs ``communique`` is taken, its
comment cut, and run in README order in a temporary folder where
``src/communique/samples`` is the bundled samples folder: the ingest builds the
``corpus.db`` the query commands read. A pipe from ``cat FILE`` becomes standard input and
``> FILE`` standard output written to that file. Each command must exit 0; a query must
print rows (a README example that matches nothing in the samples is a broken example).
The Python blocks of "Using it" are run too.

Three kinds of command are changed, and only in how much they do: ``serve`` gets a stub
in place of the web server (and of the check that port 8000 is free, which another
process may hold), and ``evaluate`` and ``bench`` run on two items of the reference data
(``--limit 2``; skipped when ``../shared/data`` is absent) instead of the minutes they take
in full.
"""

from __future__ import annotations

import io
import json
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from communique.cli import main
from communique.evaluate.registry import find_data_dir

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SAMPLES = ROOT / "src" / "communique" / "samples"
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# Commands that read the reference data, shortened to this many items.
_DATA_COMMANDS = ("evaluate", "bench")
_QUICK_LIMIT = "2"
# Query commands: each README example must find something in the samples.
_QUERIES = ("events", "quotes", "actors", "dyad", "dyads")


@dataclass(frozen=True)
class Command:
    """One README command: the ``communique`` arguments and its redirections."""

    line: str
    argv: list[str]
    stdin: str | None = None  # file piped in with ``cat FILE |``
    stdout: str | None = None  # file written with ``> FILE``


def _parse(line: str) -> Command | None:
    """The command on ``line``, or None when the line does not run communique."""
    words = shlex.split(line, comments=True)
    if "communique" not in words:
        return None
    stdin = stdout = None
    if "|" in words:
        bar = words.index("|")
        source, words = words[:bar], words[bar + 1 :]
        assert source[0] == "cat" and len(source) == 2, f"unsupported pipe: {line}"
        stdin = source[1]
    if ">" in words:
        arrow = words.index(">")
        words, stdout = words[:arrow], words[arrow + 1]
    assert words[0] == "communique", f"not a communique command: {line}"
    return Command(line, words[1:], stdin, stdout)


def readme_commands(text: str) -> list[Command]:
    """Every ``communique`` command of the README's shell code blocks, in order."""
    commands = []
    for language, body in _BLOCK.findall(text):
        if language not in ("", "sh", "shell", "bash", "console"):
            continue
        for line in body.splitlines():
            command = _parse(line)
            if command is not None:
                commands.append(command)
    return commands


def readme_python(text: str) -> list[str]:
    """The Python code blocks of the "Using it" section."""
    section = text.split("## Using it", 1)[1].split("\n## ", 1)[0]
    return [body for language, body in _BLOCK.findall(section) if language == "python"]


def test_readme_commands_are_found() -> None:
    commands = readme_commands(README.read_text(encoding="utf-8"))
    names = {command.argv[0] for command in commands}
    # The commands the README promises to show: every store query and the pipeline.
    assert {"extract", "ingest", "resolve", "events", "quotes", "actors", "dyad", "dyads",
            "export", "serve", "explain", "evaluate", "bench"} <= names
    piped = [c for c in commands if c.stdin]
    assert piped and piped[0].argv == ["extract", "-"]
    assert any(c.stdout == "events.jsonl" for c in commands)


def test_parse_cuts_comments_but_not_quoted_hashes() -> None:
    command = _parse('communique explain "Item #3 was signed."   # why')
    assert command is not None and command.argv == ["explain", "Item #3 was signed."]
    assert _parse("make demo    # creates .venv") is None


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder laid out like a checkout for the README's relative paths."""
    (tmp_path / "src" / "communique").mkdir(parents=True)
    (tmp_path / "src" / "communique" / "samples").symlink_to(SAMPLES, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _adapted(command: Command, data: Path | None) -> list[str] | None:
    """The arguments actually run (see the module docstring), None to skip."""
    argv = list(command.argv)
    if argv[0] in _DATA_COMMANDS:
        if data is None:
            return None
        if "--limit" in argv:
            argv[argv.index("--limit") + 1] = _QUICK_LIMIT
        else:
            argv += ["--limit", _QUICK_LIMIT]
    return argv


def _run(command: Command, argv: list[str], workdir: Path,
         capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """Run one command in this process; its standard output."""
    if command.stdin is not None:
        data = (workdir / command.stdin).read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status = main(argv)
    out, err = capsys.readouterr()
    assert status == 0, f"{command.line}\nexit {status}\n{err}"
    if command.stdout is not None:
        (workdir / command.stdout).write_text(out, encoding="utf-8")
    if argv[0] in _QUERIES:
        assert "communique: note: no" not in err, f"{command.line} matches nothing:\n{err}"
    return out


def _json_values(text: str) -> list[Any]:
    """The JSON values written one after the other (one a line, or indented)."""
    decoder = json.JSONDecoder()
    values, pos = [], 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        value, pos = decoder.raw_decode(text, pos)
        values.append(value)
    return values


@pytest.mark.slow
def test_every_readme_command_runs_on_the_samples(
        workdir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("uvicorn")
    import uvicorn

    import communique.cli.serve_cmd as serve_cmd

    served: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(kw))
    monkeypatch.setattr(serve_cmd, "_check_port_free", lambda host, port: None)
    data = find_data_dir()
    text = README.read_text(encoding="utf-8")
    ran = []
    for command in readme_commands(text):
        argv = _adapted(command, data)
        if argv is None:
            continue
        out = _run(command, argv, workdir, capsys, monkeypatch)
        ran.append(argv[0])
        if argv[0] == "extract" and "--explain" not in argv:
            documents = _json_values(out)
            assert documents and all(d["schema"] == "communique/1" for d in documents)
        if argv[0] in _QUERIES:
            assert out.strip(), command.line
    assert served == [{"host": "127.0.0.1", "port": 8000, "log_level": "warning"}]
    assert (workdir / "corpus.db").is_file()
    records = (workdir / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert records and all(json.loads(r)["event"] for r in records)
    assert {"extract", "ingest", "events", "quotes", "dyad", "dyads", "serve"} <= set(ran)

    # The Python examples of "Using it", in the same folder.
    for block in readme_python(text):
        namespace: dict[str, Any] = {}
        exec(compile(block, str(README), "exec"), namespace)
        if "events" in namespace:
            assert namespace["events"], "the README's Python query finds the samples' events"
