"""Helpers for the database-error tests: healthy, damaged, read-only and full databases.

CI runs as root, where permission bits do not stop writes, so a read-only folder or file is
simulated by making ``os.access`` deny writing (what a non-root user would see), or by
opening the "writable" connection with ``mode=ro`` (what SQLite does with a file it may not
write); a full disk by a COMMIT that fails the way SQLite fails on ``SQLITE_FULL``.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.store.fixtures import build_db, meeting_corpus

REAL_CONNECT = sqlite3.connect
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def healthy_db(folder: Path, name: str = "c.db") -> Path:
    """A small resolved corpus database, as the store leaves it at rest."""
    folder.mkdir(parents=True, exist_ok=True)
    return build_db(folder / name, meeting_corpus())


def _at_rest(path: Path, mode: str, header: bytes) -> Path:
    conn = REAL_CONNECT(path)
    conn.execute(f"PRAGMA journal_mode={mode}")
    conn.close()
    assert path.read_bytes()[18:20] == header
    return path


def wal_at_rest(path: Path) -> Path:
    """``path`` switched to WAL mode and closed (how older versions left every database)."""
    return _at_rest(path, "WAL", b"\x02\x02")


def rollback_at_rest(path: Path) -> Path:
    """``path`` switched to rollback-journal (DELETE) mode and closed."""
    return _at_rest(path, "DELETE", b"\x01\x01")


def corrupt_table(path: Path, table: str = "events") -> Path:
    """Write garbage over the root page of ``table``: the header, ``sqlite_master`` and
    ``meta`` stay readable, so only a check of the whole file finds the damage."""
    conn = REAL_CONNECT(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
                        ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    return path


def corrupt_every_table(path: Path) -> Path:
    """:func:`corrupt_table` on every table and index but ``meta`` (which opening reads):
    the database opens, and any query then meets a damaged page."""
    conn = REAL_CONNECT(path)
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE rootpage > 0 AND tbl_name <> 'meta'")]
    conn.close()
    for name in names:
        corrupt_table(path, name)
    return path


def side_files(folder: Path) -> list[str]:
    """Journal, WAL and shared-memory files in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(SIDE_SUFFIXES))


def snapshot(path: Path) -> tuple[bytes, int]:
    """The bytes and modification time of ``path``."""
    return path.read_bytes(), path.stat().st_mtime_ns


def deny_writing(monkeypatch: pytest.MonkeyPatch, *denied: Path) -> None:
    """Make ``os.access(..., W_OK)`` false for ``denied`` (a non-root user's read-only
    folder or file); everything else is answered by the real ``os.access``."""
    real = os.access
    blocked = {os.path.abspath(p) for p in denied}

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and os.path.abspath(path) in blocked:
            return False
        return real(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)


def record_uris(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every database name ``sqlite3.connect`` is called with, in call order."""
    seen: list[str] = []

    def recording(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        seen.append(str(database))
        conn: sqlite3.Connection = REAL_CONNECT(database, *args, **kwargs)
        return conn

    monkeypatch.setattr(sqlite3, "connect", recording)
    return seen


def opened_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every plain (non-URI) ``sqlite3.connect`` opens ``mode=ro``: what SQLite does with a
    database file the user may read but not write."""

    def readonly(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if not kwargs.get("uri"):
            database = Path(os.path.abspath(database)).as_uri() + "?mode=ro"
            kwargs["uri"] = True
        conn: sqlite3.Connection = REAL_CONNECT(database, *args, **kwargs)
        return conn

    monkeypatch.setattr(sqlite3, "connect", readonly)


def full_disk_on_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every COMMIT fails as SQLite fails on a full disk: the whole transaction is rolled
    back and ``database or disk is full`` raised."""

    def execute(self: sqlite3.Connection, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.strip().upper() == "COMMIT":
            sqlite3.Connection.execute(self, "ROLLBACK")
            raise sqlite3.OperationalError("database or disk is full")
        return sqlite3.Connection.execute(self, sql, *args)

    def connecting(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        base = kwargs.pop("factory", sqlite3.Connection)
        kwargs["factory"] = type("FullDisk", (base,), {"execute": execute})
        conn: sqlite3.Connection = REAL_CONNECT(database, *args, **kwargs)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connecting)
