"""`communique serve`: options, defaults and refusals (no server is started here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.cli import build_parser, main


def test_defaults_bind_localhost() -> None:
    args = build_parser().parse_args(["serve", "--db", "x.db"])
    assert (args.host, args.port, args.db) == ("127.0.0.1", 8000, "x.db")


def test_missing_database_is_not_created(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "none.db"
    assert main(["serve", "--db", str(db)]) == 1
    assert not db.exists()
    assert "communique ingest" in capsys.readouterr().err


def test_bad_port_and_non_database(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_text("not sqlite")
    assert main(["serve", "--db", str(other), "--port", "70000"]) == 2
    assert main(["serve", "--db", str(other)]) == 1
    assert other.read_text() == "not sqlite"


def test_demo_prints_the_serve_command() -> None:
    from communique.samples import serve_command

    assert serve_command("demo/corpus.db").startswith(
        ".venv/bin/communique serve --db demo/corpus.db")


def test_a_port_in_use_is_refused_before_serving(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from communique.store import connect

    db = tmp_path / "c.db"
    connect(db).close()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        assert main(["serve", "--db", str(db), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot serve on 127.0.0.1:{port}" in err and "serving" not in err
    assert "another port with --port" in err


def test_an_address_not_on_this_machine_blames_the_host(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from communique.store import connect

    db = tmp_path / "c.db"
    connect(db).close()
    # 203.0.113.0/24 is reserved for documentation (RFC 5737): never this machine's address.
    assert main(["serve", "--db", str(db), "--host", "203.0.113.5", "--port", "8771"]) == 2
    err = capsys.readouterr().err
    assert "--host" in err and "another port" not in err
