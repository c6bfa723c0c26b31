"""Databases that cannot be used as asked: read-only folders and files, damaged files,
a full disk. Read commands open ``mode=ro`` and leave no trace; every failure is a
:class:`~communique.errors.StoreError` naming the file, and a damaged database is never
written to.

CI runs as root, where permission bits do not stop writes, so a read-only folder or file
is simulated (see :mod:`tests.store.damage`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from communique.errors import CorruptDatabaseError, DatabaseAccessError, StoreError
from communique.store import Corpus, connect, open_corpus, reader
from communique.store import schema as schema_module
from communique.store.corpus_step import resolve
from communique.store.writer import write_document
from tests.store.damage import (
    REAL_CONNECT,
    corrupt_every_table,
    corrupt_table,
    deny_writing,
    full_disk_on_commit,
    healthy_db,
    opened_read_only,
    record_uris,
    rollback_at_rest,
    side_files,
    snapshot,
    wal_at_rest,
)
from tests.store.fixtures import meeting_corpus

# -- read-only opening ---------------------------------------------------------------------


def test_reading_leaves_no_trace(tmp_path: Path) -> None:
    db = healthy_db(tmp_path)
    before = snapshot(db)
    with open_corpus(db) as corpus:
        assert corpus.stats()["articles"] == 5
        assert list(corpus.events())
    assert side_files(tmp_path) == []
    assert snapshot(db) == before


def test_reading_opens_mode_ro(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = healthy_db(tmp_path)
    uris = record_uris(monkeypatch)
    open_corpus(db).close()
    assert len(uris) == 1 and uris[0].startswith("file:") and "mode=ro" in uris[0]
    assert "immutable" not in uris[0], "a writable folder may hold a live writer"


def test_uri_quotes_awkward_paths(tmp_path: Path) -> None:
    """``?`` and ``#`` in a folder name are part of the path, not URI syntax."""
    db = healthy_db(tmp_path / "a?b#c %d")
    with open_corpus(db) as corpus:
        assert corpus.stats()["articles"] == 5


def test_wal_database_in_read_only_folder_is_read_immutable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A WAL-mode database needs a -shm file a read-only folder cannot hold: it is opened
    ``immutable=1`` (nobody can change it there), so it can be queried and served."""
    db = wal_at_rest(healthy_db(tmp_path))
    before = snapshot(db)
    deny_writing(monkeypatch, tmp_path)
    uris = record_uris(monkeypatch)
    with open_corpus(db) as corpus:
        assert corpus.stats()["articles"] == 5
    assert "mode=ro" in uris[0] and "immutable=1" in uris[0]
    assert side_files(tmp_path) == []
    assert snapshot(db) == before


def test_read_only_file_is_read_immutable(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = wal_at_rest(healthy_db(tmp_path))
    deny_writing(monkeypatch, db)
    uris = record_uris(monkeypatch)
    open_corpus(db).close()
    assert "immutable=1" in uris[0]


def test_pending_wal_is_never_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A -wal file holding commits means a writer is (or was) at work: ``immutable`` would
    hide those commits, so the database is opened plain ``mode=ro``."""
    db = healthy_db(tmp_path)
    writer = REAL_CONNECT(db, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("INSERT INTO meta(key, value) VALUES ('probe', 'committed')")
    try:
        assert (tmp_path / "c.db-wal").stat().st_size > 0
        deny_writing(monkeypatch, tmp_path)
        uris = record_uris(monkeypatch)
        with open_corpus(db) as corpus:
            row = corpus.conn.execute("SELECT value FROM meta WHERE key='probe'").fetchone()
        assert row == ("committed",)
        assert "immutable" not in uris[0]
    finally:
        writer.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores permission bits")
def test_real_read_only_folder(tmp_path: Path) -> None:  # pragma: no cover - non-root only
    folder = tmp_path / "ro"
    db = wal_at_rest(healthy_db(folder))
    folder.chmod(0o555)
    try:
        with open_corpus(db) as corpus:
            assert corpus.stats()["articles"] == 5
    finally:
        folder.chmod(0o755)


def test_writer_leaves_a_single_file(tmp_path: Path) -> None:
    """The last writer to close puts the database back in rollback-journal mode, so at rest
    it is one self-contained file that readers open without creating -wal/-shm files."""
    db = healthy_db(tmp_path)
    assert side_files(tmp_path) == []
    assert db.read_bytes()[18:20] == b"\x01\x01"
    conn = connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert side_files(tmp_path) == []


def test_writer_keeps_wal_while_another_connection_is_open(tmp_path: Path) -> None:
    db = healthy_db(tmp_path)
    first, second = connect(db), connect(db)
    first.close()
    assert second.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    second.close()
    assert side_files(tmp_path) == []


# -- damaged files --------------------------------------------------------------------------


def _damaged_header(path: Path) -> Path:
    """The SQLite magic string intact, the rest of the 100-byte header garbage."""
    with open(path, "r+b") as handle:
        handle.seek(16)
        handle.write(b"\xff" * 84)
    return path


DAMAGES: dict[str, Callable[[Path], Path]] = {
    "page": lambda p: corrupt_table(rollback_at_rest(p)),
    "page-wal": lambda p: corrupt_table(wal_at_rest(p)),
    "header": _damaged_header,
    "truncated": lambda p: (p.write_bytes(p.read_bytes()[:5000]), p)[1],
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_database_is_refused_untouched(tmp_path: Path, damage: str) -> None:
    db = DAMAGES[damage](healthy_db(tmp_path))
    before = db.read_bytes()
    with pytest.raises(StoreError) as caught:
        conn = connect(db)
        resolve(conn)  # reached only if the damage went unnoticed
    message = str(caught.value)
    assert str(db) in message and "\n" not in message
    assert "damaged" in message or "not a SQLite database" in message
    assert db.read_bytes() == before, "a damaged database must not be written to"


@pytest.mark.parametrize("damage", ["header", "truncated"])
def test_damaged_database_refused_by_readers(tmp_path: Path, damage: str) -> None:
    db = DAMAGES[damage](healthy_db(tmp_path))
    with pytest.raises(StoreError, match=r"damaged|not a SQLite"):
        open_corpus(db)


# -- damage met mid-query by the library ----------------------------------------------------

# Every public query method of Corpus, with arguments; a new method must be added here.
_QUERIES: dict[str, Callable[[Corpus], object]] = {
    "is_resolved": lambda c: c.is_resolved(),
    "stats": lambda c: c.stats(),
    "article_ids": lambda c: list(c.article_ids()),
    "document": lambda c: c.document("art-e"),
    "documents": lambda c: list(c.documents()),
    "search_articles": lambda c: c.search_articles("talks"),
    "events": lambda c: list(c.events(actor="RUS")),
    "top_dyads": lambda c: c.top_dyads(5),
    "has_participant": lambda c: c.has_participant("RUS"),
    "event_mentions": lambda c: c.event_mentions("ce-1"),
    "quotes": lambda c: list(c.quotes(speaker="Lavrov")),
    "actors": lambda c: c.actors(),
    "dyad": lambda c: c.dyad("RUS", "CHN"),
    "dyad_counts": lambda c: c.dyad_counts("RUS", "CHN", by="week"),
    "events_frame": lambda c: c.events_frame(),
    "quotes_frame": lambda c: c.quotes_frame(),
}


def _assert_damage_reported(caught: pytest.ExceptionInfo[CorruptDatabaseError],
                            db: Path) -> None:
    message = str(caught.value)
    assert str(db) in message and "damaged" in message and "\n" not in message
    assert "backup" in message and "new --db file" in message, "say what to do"
    assert isinstance(caught.value.__cause__, sqlite3.DatabaseError)


def test_every_query_method_is_covered() -> None:
    public = {name for name, value in vars(Corpus).items()
              if callable(value) and not name.startswith("_") and name != "close"}
    assert public == set(_QUERIES)


# Reads only the meta table, which opening has read (and so found healthy).
_META_ONLY = {"is_resolved"}


@pytest.mark.parametrize("query", sorted(set(_QUERIES) - _META_ONLY))
def test_damaged_page_mid_query_is_a_store_error(tmp_path: Path, query: str) -> None:
    """Opening read-only checks the header and schema version, not every page (that would
    read the whole file): damage found later by a query is the same one-line error."""
    db = corrupt_every_table(healthy_db(tmp_path))
    before = db.read_bytes()
    with open_corpus(db) as corpus, pytest.raises(CorruptDatabaseError) as caught:
        _QUERIES[query](corpus)
    _assert_damage_reported(caught, db)
    assert db.read_bytes() == before


class _FailingDisk:
    """A connection whose every statement fails as on a disk that stopped answering."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def execute(self, *args: object) -> sqlite3.Cursor:
        raise sqlite3.OperationalError("disk I/O error")

    def cursor(self) -> _FailingDisk:
        return self

    def close(self) -> None:
        self.real.close()


@pytest.mark.parametrize("query", sorted(_QUERIES))
def test_io_error_mid_query_is_a_store_error(tmp_path: Path, query: str,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    db = healthy_db(tmp_path)
    with open_corpus(db) as corpus:
        monkeypatch.setattr(corpus, "conn", _FailingDisk(corpus.conn))
        with pytest.raises(DatabaseAccessError) as caught:
            _QUERIES[query](corpus)
    message = str(caught.value)
    assert str(db) in message and "disk I/O error" in message and "\n" not in message
    assert "check it, then run the command again" in message


def test_damage_met_while_streaming(tmp_path: Path) -> None:
    """Only the events table damaged: the stream of events fails when it reaches it, with
    the store's error, after the corpus-level rows it could read."""
    db = corrupt_table(rollback_at_rest(healthy_db(tmp_path)), "events")
    with open_corpus(db) as corpus:
        assert corpus.stats()["articles"] == 5
        with pytest.raises(CorruptDatabaseError) as caught:
            list(corpus.events())
        _assert_damage_reported(caught, db)
        with pytest.raises(CorruptDatabaseError):
            corpus.document(next(corpus.article_ids()))


def test_top_dyads_on_a_connection_names_its_file(tmp_path: Path) -> None:
    db = corrupt_every_table(healthy_db(tmp_path))
    with open_corpus(db) as corpus, pytest.raises(CorruptDatabaseError) as caught:
        reader.top_dyads(corpus.conn)
    _assert_damage_reported(caught, db)
    assert reader.database_file(REAL_CONNECT(":memory:")) == "the database"


# -- read-only files for writers ----------------------------------------------------------


def test_read_only_file_refused_for_writing(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = healthy_db(tmp_path)
    before = snapshot(db)
    deny_writing(monkeypatch, db)
    with pytest.raises(StoreError, match="read-only") as caught:
        connect(db)
    assert str(db) in str(caught.value)
    assert snapshot(db) == before


def test_read_only_folder_refused_for_writing(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = healthy_db(tmp_path)
    deny_writing(monkeypatch, tmp_path)
    with pytest.raises(StoreError, match="read-only") as caught:
        connect(db)
    assert str(tmp_path) in str(caught.value)


def test_sqlite_read_only_error_names_the_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    db = healthy_db(tmp_path)
    before = db.read_bytes()
    opened_read_only(monkeypatch)
    with pytest.raises(StoreError, match="read-only") as caught:
        conn = connect(db)
        resolve(conn)
    assert str(db) in str(caught.value)
    assert db.read_bytes() == before


# -- full disk ------------------------------------------------------------------------------


def test_full_disk_reports_the_cause_not_the_rollback(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = healthy_db(tmp_path)
    full_disk_on_commit(monkeypatch)
    conn = connect(db)
    try:
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            write_document(conn, meeting_corpus()[0])
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            resolve(conn)
        assert not conn.in_transaction
    finally:
        conn.close()


def test_full_disk_page_limit(tmp_path: Path) -> None:
    """A real SQLITE_FULL (page limit reached) leaves no transaction open."""
    conn = connect(tmp_path / "c.db")
    try:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        doc = meeting_corpus()[0]
        doc["article"]["text"] = doc["article"]["text"] * 200
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            write_document(conn, doc)
        assert not conn.in_transaction
    finally:
        conn.close()


def test_describe_error_names_file_and_cause(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    cases = {
        "database or disk is full": "disk is full",
        "attempt to write a readonly database": "read-only",
        "database is locked": "busy",
        "database disk image is malformed": "damaged",
        "file is not a database": "damaged",
        "unable to open database file": "cannot be opened",
    }
    for cause, words in cases.items():
        error = schema_module.describe_error(db, sqlite3.OperationalError(cause))
        assert isinstance(error, StoreError)
        assert str(db) in str(error) and words in str(error) and cause in str(error)

