"""Store commands on databases that cannot be used as asked: every failure is one
``communique: error:`` line naming the file and the cause, exit status 1, no traceback;
read commands leave the database byte-for-byte unchanged and create no side files."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.cli import main
from tests.store.damage import (
    corrupt_table,
    deny_writing,
    full_disk_on_commit,
    healthy_db,
    opened_read_only,
    side_files,
    snapshot,
    wal_at_rest,
)

READ_COMMANDS = [
    ["events", "--json"],
    ["quotes", "--csv"],
    ["actors"],
    ["dyad", "RUS", "CHN", "--json"],
    ["export", "--format", "plover"],
    ["export", "--format", "csv", "--table", "quotes"],
]


def one_error_line(capsys: pytest.CaptureFixture[str], *names: object) -> str:
    """The single stderr line of a failed command; it must name every one of ``names``."""
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("communique: error: "), err
    for name in names:
        assert str(name) in lines[0], err
    return lines[0]


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return healthy_db(tmp_path / "corpus")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "a.txt"
    path.parent.mkdir()
    path.write_text("Russian Foreign Minister Sergei Lavrov met Wang Yi in Beijing on "
                    "Tuesday, officials said.\n", encoding="utf-8")
    return path


# -- read commands leave no trace ------------------------------------------------------------


@pytest.mark.parametrize("argv", READ_COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_read_command_leaves_no_trace(db: Path, argv: list[str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(db)
    assert main([*argv, "--db", str(db)]) == 0
    assert side_files(db.parent) == []
    assert snapshot(db) == before


@pytest.mark.parametrize("argv", READ_COMMANDS[:2], ids=lambda a: a[0])
def test_read_command_in_read_only_folder(db: Path, argv: list[str],
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A database left in WAL mode (as older versions left it) in a folder the user may
    not write: queried without the "attempt to write a readonly database" error."""
    wal_at_rest(db)
    before = snapshot(db)
    deny_writing(monkeypatch, db.parent)
    assert main([*argv, "--db", str(db)]) == 0
    assert side_files(db.parent) == []
    assert snapshot(db) == before


# -- damaged databases ----------------------------------------------------------------------

# Each command meets the damage in a table it reads (the writers check the whole file).
DAMAGED_TABLE = {"events": "corpus_events", "quotes": "corpus_quotes", "actors": "entities",
                 "export": "corpus_events", "resolve": "events", "ingest": "articles"}


def _argv(command: str, db: Path, article: Path) -> list[str]:
    if command == "ingest":
        return ["ingest", str(article), "--db", str(db), "--workers", "0", "--no-progress"]
    if command == "export":
        return ["export", "--db", str(db), "--format", "plover"]
    return [command, "--db", str(db)]


@pytest.mark.parametrize("command", sorted(DAMAGED_TABLE))
def test_damaged_page_is_one_error_line(db: Path, article: Path, command: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    corrupt_table(db, DAMAGED_TABLE[command])
    before = db.read_bytes()
    capsys.readouterr()
    assert main(_argv(command, db, article)) == 1
    line = one_error_line(capsys, db)
    assert "damaged" in line
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", sorted(DAMAGED_TABLE))
def test_damaged_header_is_one_error_line(db: Path, article: Path, command: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with open(db, "r+b") as handle:
        handle.seek(16)
        handle.write(b"\xff" * 84)
    before = db.read_bytes()
    assert main(_argv(command, db, article)) == 1
    one_error_line(capsys, db)
    assert db.read_bytes() == before


@pytest.mark.parametrize("command", sorted(DAMAGED_TABLE))
def test_not_sqlite_is_one_error_line(tmp_path: Path, article: Path, command: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my notes\n" * 100, encoding="utf-8")
    assert main(_argv(command, db, article)) == 1
    assert "not a SQLite database" in one_error_line(capsys, db)
    assert db.read_text(encoding="utf-8") == "my notes\n" * 100


# -- export into a missing folder -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["plover", "gdelt", "csv", "parquet"])
def test_export_into_missing_folder(db: Path, tmp_path: Path, fmt: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / "nope" / "x.out"
    assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out)]) == 1
    assert "does not exist" in one_error_line(capsys, out)
    assert not out.parent.exists()


def test_export_onto_a_folder(db: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path)]) == 1
    one_error_line(capsys, tmp_path)


# -- read-only databases for the writers -----------------------------------------------------


@pytest.mark.parametrize("command", ["resolve", "ingest"])
def test_read_only_file_for_writers(db: Path, article: Path, command: str,
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(db)
    deny_writing(monkeypatch, db)
    assert main(_argv(command, db, article)) == 1
    assert "read-only" in one_error_line(capsys, db)
    assert snapshot(db) == before


@pytest.mark.parametrize("command", ["resolve", "ingest"])
def test_sqlite_refuses_to_write(db: Path, article: Path, command: str,
                                 monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite's own "attempt to write a readonly database" (a file the user may not write)."""
    before = db.read_bytes()
    opened_read_only(monkeypatch)
    assert main(_argv(command, db, article)) == 1
    line = one_error_line(capsys, db)
    assert "read-only" in line and "readonly database" in line
    assert db.read_bytes() == before


# -- full disk --------------------------------------------------------------------------------


def test_full_disk_on_resolve(db: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    full_disk_on_commit(monkeypatch)
    assert main(["resolve", "--db", str(db)]) == 1
    line = one_error_line(capsys, db)
    assert "disk is full" in line and "cannot rollback" not in line


def test_full_disk_on_ingest(db: Path, article: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    full_disk_on_commit(monkeypatch)
    assert main(_argv("ingest", db, article)) == 1
    line = one_error_line(capsys, db)
    assert "disk is full" in line and "cannot rollback" not in line
