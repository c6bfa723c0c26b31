"""Bad databases get a clear error and are not modified; migrations run in order."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from communique.cli import main
from communique.errors import NotADatabaseError, SchemaVersionError
from communique.store import SCHEMA_VERSION, connect, open_corpus
from communique.store import schema as schema_module


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_versioned_and_wal(tmp_path: Path) -> None:
    conn = connect(tmp_path / "c.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] \
        == str(SCHEMA_VERSION)
    conn.close()


def test_not_sqlite_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 20)
    before = _digest(path)
    with pytest.raises(NotADatabaseError):
        connect(path)
    with pytest.raises(NotADatabaseError):
        open_corpus(path)
    assert main(["events", "--db", str(path)]) == 1
    assert main(["ingest", str(path), "--db", str(path)]) == 1
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_foreign_sqlite_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(NotADatabaseError):
        connect(path)
    assert _digest(path) == before


def test_newer_schema_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                 (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(path)
    with pytest.raises(SchemaVersionError, match="newer"):
        connect(path)
    with pytest.raises(SchemaVersionError):
        open_corpus(path)
    assert main(["resolve", "--db", str(path)]) == 1
    assert _digest(path) == before


def test_migration_from_version_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.db"
    monkeypatch.setattr(schema_module, "SCHEMA_VERSION", 1)
    connect(path).close()
    monkeypatch.undo()
    with pytest.raises(SchemaVersionError, match="migrate"):
        open_corpus(path)  # read-only opening never migrates
    conn = connect(path)
    assert schema_module.stored_version(conn) == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM actor_knowledge").fetchone()[0] == 0
    conn.close()
