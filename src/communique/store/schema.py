"""Database schema, versioning and migrations; safe opening of a corpus database.

The schema is documented table by table in ``docs/database.md``. Every id is derived
from content (article ids from the pipeline, event/quote ids from the documents,
corpus-level ids from hashes of their merge keys), never from autoincrement order, so
an interrupted and resumed ingest ends with the same rows as an uninterrupted one.

Opening is careful about files that are not ours: the SQLite header is checked, the
schema version read and the file checked (``PRAGMA quick_check``) *before* anything is
written (switching to WAL mode rewrites the header), so a foreign file, a damaged
database or one from a newer communique is never modified. Read-only opening uses
``mode=ro`` (and ``immutable=1`` where it is the only way to read, see
:func:`readonly_uri`) and writes nothing; writers leave the database in rollback-journal
mode at rest, so readers need no -wal/-shm files. Every SQLite failure becomes one
:class:`~communique.errors.StoreError` line naming the file (:func:`describe_error`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from communique.errors import (
    CorruptDatabaseError,
    DatabaseAccessError,
    NotADatabaseError,
    SchemaVersionError,
    StoreError,
)

SQLITE_HEADER = b"SQLite format 3\x00"

# Version 1: articles and their derived rows, input tracking, corpus-level tables, FTS5.
# Version 2: learned actor knowledge and the per-entity overlay it yields (filled by the
# corpus-level step from the actors package's learning API).
SCHEMA_VERSION = 2

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    pipeline_hash TEXT NOT NULL,
    title TEXT,
    url TEXT,
    outlet TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    source TEXT,
    skipped TEXT,
    version TEXT,
    model TEXT,
    dictionaries TEXT,
    article TEXT NOT NULL,
    document TEXT NOT NULL,
    ingested_at TEXT
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE TABLE article_sketch (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sketch TEXT NOT NULL,
    PRIMARY KEY (article_id)
) WITHOUT ROWID;
CREATE TABLE article_minhash (
    h INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (h, article_id)
) WITHOUT ROWID;
CREATE INDEX article_minhash_article ON article_minhash(article_id);
CREATE TABLE headings (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER, "end" INTEGER, text TEXT,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE TABLE removed (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER, "end" INTEGER, reason TEXT, text TEXT,
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT, kind TEXT, country TEXT, sector TEXT, code TEXT, role TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE INDEX entities_country ON entities(country);
CREATE INDEX entities_code ON entities(code);
CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    start INTEGER, "end" INTEGER, text TEXT, type TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id, seq)
) WITHOUT ROWID;
CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT, text TEXT, start INTEGER, "end" INTEGER,
    speaker_entity TEXT, speaker_name TEXT, speaker_code TEXT,
    addressee_name TEXT, channel_name TEXT, cue TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);
CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    plover TEXT, cameo TEXT, quad INTEGER, goldstein REAL,
    actor_codes TEXT, recipient_codes TEXT, reciprocal INTEGER,
    date_value TEXT, date_resolution TEXT, date_text TEXT,
    negated INTEGER, intent INTEGER, hypothetical INTEGER, historical INTEGER,
    reported INTEGER, reported_by TEXT,
    trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER, sentence_index INTEGER,
    location_name TEXT, location_country TEXT, confidence REAL,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
) WITHOUT ROWID;
CREATE INDEX events_type ON events(plover);
CREATE TABLE event_participants (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    role TEXT NOT NULL,
    seq INTEGER NOT NULL,
    entity TEXT, name TEXT, country TEXT, sector TEXT, code TEXT,
    PRIMARY KEY (article_id, event_id, role, seq)
) WITHOUT ROWID;
CREATE TABLE inputs (
    source TEXT PRIMARY KEY,
    raw_hash TEXT NOT NULL,
    pipeline_hash TEXT,
    status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'failed')),
    article_id TEXT,
    reason TEXT,
    updated_at TEXT
) WITHOUT ROWID;
CREATE INDEX inputs_status ON inputs(status);
CREATE INDEX inputs_raw_hash ON inputs(raw_hash);
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    command TEXT,
    started_at TEXT,
    finished_at TEXT,
    processed INTEGER, skipped INTEGER, failed INTEGER
);
CREATE TABLE syndication (
    article_id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL,
    source_key TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE corpus_events (
    id TEXT PRIMARY KEY,
    plover TEXT, cameo TEXT, cameo_base TEXT, quad INTEGER, goldstein REAL,
    actor_codes TEXT, recipient_codes TEXT, negated INTEGER,
    date TEXT, date_resolution TEXT,
    first_seen TEXT, last_seen TEXT,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
    rep_article_id TEXT, rep_event_id TEXT
) WITHOUT ROWID;
CREATE INDEX corpus_events_date ON corpus_events(date);
CREATE TABLE corpus_event_participants (
    corpus_event_id TEXT NOT NULL,
    role TEXT NOT NULL,
    seq INTEGER NOT NULL,
    name TEXT, country TEXT, sector TEXT, code TEXT,
    PRIMARY KEY (corpus_event_id, role, seq)
) WITHOUT ROWID;
CREATE INDEX cep_country ON corpus_event_participants(country, role);
CREATE INDEX cep_code ON corpus_event_participants(code, role);
CREATE TABLE event_mentions (
    article_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    corpus_event_id TEXT NOT NULL,
    PRIMARY KEY (article_id, event_id)
) WITHOUT ROWID;
CREATE INDEX event_mentions_corpus ON event_mentions(corpus_event_id);
CREATE TABLE corpus_quotes (
    id TEXT PRIMARY KEY,
    speaker TEXT, speaker_code TEXT, text TEXT, kind TEXT,
    first_seen TEXT, last_seen TEXT,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
    rep_article_id TEXT, rep_quote_id TEXT
) WITHOUT ROWID;
CREATE INDEX corpus_quotes_speaker ON corpus_quotes(speaker);
CREATE TABLE quote_mentions (
    article_id TEXT NOT NULL,
    quote_id TEXT NOT NULL,
    corpus_quote_id TEXT NOT NULL,
    PRIMARY KEY (article_id, quote_id)
) WITHOUT ROWID;
CREATE INDEX quote_mentions_corpus ON quote_mentions(corpus_quote_id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='rowid'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_name)
    VALUES (new.rowid, new.text, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.rowid, old.text, old.speaker_name);
END;
"""

_V2 = """
CREATE TABLE actor_knowledge (
    key TEXT PRIMARY KEY,
    name TEXT, country TEXT, sector TEXT, code TEXT, role TEXT,
    first_seen TEXT, last_seen TEXT, num_articles INTEGER,
    data TEXT
) WITHOUT ROWID;
CREATE TABLE learned_entities (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    country TEXT, sector TEXT, code TEXT, role TEXT,
    learned TEXT,
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
"""


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Execute ``script`` statement by statement inside the caller's transaction.

    ``executescript`` would COMMIT first, which would make a migration non-atomic.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        conn.execute(pending)


def _migrate_to_1(conn: sqlite3.Connection) -> None:
    run_script(conn, _V1)


def _migrate_to_2(conn: sqlite3.Connection) -> None:
    run_script(conn, _V2)


# version reached -> migration from the version before it. Append, never edit.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _migrate_to_1,
    2: _migrate_to_2,
}


def check_file(path: Path) -> None:
    """Raise :class:`NotADatabaseError` when ``path`` exists, is non-empty and is not SQLite."""
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a SQLite database file")
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseAccessError(f"{path} cannot be read ({exc.strerror or exc}); check "
                                  "that you may read it") from exc
    if head != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{path} is not a SQLite database (wrong file header); it was not modified. "
            "Give --db a new file name or an existing communique database."
        )


# -- errors --------------------------------------------------------------------------------

# Primary SQLite result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``) -> kind of error.
_ERROR_KINDS = {5: "locked", 6: "locked", 8: "readonly", 10: "io", 11: "corrupt", 13: "full",
                14: "cantopen", 26: "corrupt"}
# The same kinds recognised from SQLite's messages, for errors that carry no code.
_ERROR_WORDS = (("malformed", "corrupt"), ("not a database", "corrupt"),
                ("readonly", "readonly"), ("read-only", "readonly"), ("disk is full", "full"),
                ("locked", "locked"), ("unable to open", "cantopen"), ("disk i/o", "io"))


def _error_kind(exc: sqlite3.Error) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _ERROR_KINDS:
        return _ERROR_KINDS[code & 0xFF]
    text = str(exc).lower()
    return next((kind for words, kind in _ERROR_WORDS if words in text), "other")


def _damaged(path: str | Path, cause: str, *, untouched: bool) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        f"{path} is damaged ({cause}){'; it was not modified' if untouched else ''}. "
        "Restore it from a backup, or rebuild it: ingest the same inputs into a new --db file"
    )


def describe_error(path: str | Path, exc: sqlite3.Error, *,
                   untouched: bool = False) -> StoreError:
    """The :class:`StoreError` for the SQLite error ``exc`` on the database ``path``.

    One line naming the file, SQLite's own words for the cause, and what to do, so that a
    store command fails with one ``communique: error:`` line instead of a traceback.
    ``untouched`` says the error came before anything was written (opening, checking).
    """
    cause = " ".join(str(exc).split()) or type(exc).__name__
    kind = _error_kind(exc)
    if kind == "corrupt":
        return _damaged(path, cause, untouched=untouched)
    if kind == "readonly":
        return DatabaseAccessError(
            f"{path} is read-only ({cause}): ingest and resolve write to the database, which "
            "needs write permission on the file and its folder; fix the permissions or copy "
            "it to a writable folder")
    if kind == "full":
        return DatabaseAccessError(
            f"{path}: the disk is full ({cause}); free some space and run the command again "
            "(an ingest resumes where it stopped)")
    if kind == "locked":
        return DatabaseAccessError(
            f"{path} is busy: another process is using it ({cause}); wait for that "
            "ingest, resolve or long export to finish, then run the command again")
    if kind == "cantopen":
        return DatabaseAccessError(
            f"{path} cannot be opened ({cause}); check that the file and its folder exist and "
            "that you may read them")
    if kind == "io":
        return DatabaseAccessError(
            f"{path}: the disk or file system failed ({cause}); check it, then run the "
            "command again")
    return DatabaseAccessError(f"{path}: database error ({cause})")


@contextlib.contextmanager
def database_errors(path: str | Path) -> Iterator[None]:
    """Turn a :class:`sqlite3.Error` raised inside into :func:`describe_error`'s
    :class:`StoreError`: the store commands wrap their work in it, so a database that
    fails mid-way (a damaged page, a full disk) gives one error line naming the file."""
    try:
        yield
    except sqlite3.Error as exc:
        raise describe_error(path, exc) from exc


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any, without hiding the error that led here.

    On some errors (a full disk, an I/O error) SQLite has already rolled the whole
    transaction back; an unconditional ``ROLLBACK`` would then raise "cannot rollback - no
    transaction is active", and that message would replace the real cause.
    """
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


# -- versions -----------------------------------------------------------------------------


def stored_version(conn: sqlite3.Connection, path: str | Path | None = None) -> int:
    """The schema version recorded in ``meta`` (0 for an empty database).

    ``path`` only names the file in the errors. A file SQLite cannot read raises its
    :class:`sqlite3.DatabaseError` (see :func:`describe_error`).
    """
    where = f"{path}: " if path is not None else ""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
    ).fetchone()
    if not has_meta:
        others = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if others:
            raise NotADatabaseError(
                f"{where}this SQLite database was not made by communique (no meta table); "
                "it was not modified"
            )
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if row is None:
        raise NotADatabaseError(f"{where}the meta table has no schema_version; "
                                "it was not modified")
    try:
        return int(row[0])
    except (TypeError, ValueError) as exc:
        raise NotADatabaseError(f"{where}unreadable schema_version {row[0]!r}") from exc


def _check_version(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{path} has schema version {version}, newer than this communique understands "
            f"({SCHEMA_VERSION}); upgrade communique. The database was not modified."
        )


# -- opening ---------------------------------------------------------------------------------


def _writable(path: Path) -> bool:
    """Whether this user may write ``path`` and create files beside it (journal, WAL)."""
    return os.access(path, os.W_OK) and os.access(path.absolute().parent, os.W_OK)


def _in_wal_mode(path: Path) -> bool:
    """Whether the header of ``path`` says WAL mode (file format versions 2, bytes 18-19)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(20)
    except OSError:
        return False  # SQLite's own error follows when it opens the file
    return len(head) == 20 and 2 in head[18:20]


def _side_file(path: Path) -> Path | None:
    """The -wal or -journal file beside ``path``, if any: a writer is (or was) at work."""
    for suffix in ("-wal", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            return side
    return None


def readonly_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only.

    ``mode=ro``: SQLite never writes the file. A WAL-mode database also needs its -shm
    file, which a read-only folder cannot hold ("attempt to write a readonly database"):
    where we may not write the file or its folder, and no -wal or -journal file says a
    writer is at work, ``immutable=1`` is added; nobody can change the database there
    (a writer needs to create those files too), so SQLite may skip locking and the -shm
    file. It is never added otherwise: it would hide a writer's commits and locks.
    (Databases at rest are in rollback-journal mode, see :class:`_WriterConnection`, and
    need no ``immutable`` even in a read-only folder.)
    """
    uri = path.absolute().as_uri() + "?mode=ro"
    if _in_wal_mode(path) and not _writable(path) and _side_file(path) is None:
        uri += "&immutable=1"
    return uri


class _WriterConnection(sqlite3.Connection):
    """A writable connection from :func:`connect`.

    While it is open the database is in WAL mode, so readers query while it writes. On
    ``close`` the last writer puts the database back into rollback-journal mode (when
    no other connection is open; otherwise it stays WAL until that one closes): at rest a
    corpus database is one self-contained file, which read commands open ``mode=ro``
    without creating -wal/-shm files, also in read-only folders and on read-only media.
    """

    ready = False  # set once opened cleanly: a refused database is closed untouched

    def close(self) -> None:
        if self.ready and not self.in_transaction:
            self.ready = False
            with contextlib.suppress(sqlite3.Error):
                self.execute("PRAGMA busy_timeout = 0")  # readers still open: stay WAL
                self.execute("PRAGMA journal_mode = DELETE")
        super().close()


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """``PRAGMA quick_check`` before the first write: a damaged database is refused while
    still untouched (a write could spread the damage or hide it from ``.recover``). It
    reads the whole file once: seconds for a large corpus, nothing next to the pipeline."""
    rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check(3)")]
    if rows != ["ok"]:
        lines = (" ".join(line.split()) for row in rows for line in row.splitlines())
        found = "; ".join(line for line in lines if line and not line.startswith("***"))
        raise _damaged(path, found, untouched=True)


def _open_readonly(p: Path) -> sqlite3.Connection:
    if not p.exists():
        raise NotADatabaseError(f"{p} does not exist; build it with `communique ingest`")
    try:
        conn = sqlite3.connect(readonly_uri(p), uri=True, timeout=30.0, isolation_level=None)
    except sqlite3.Error as exc:
        raise _unreadable(p, exc) from exc
    try:
        version = stored_version(conn, p)
        _check_version(p, version)
        if version == 0:
            raise NotADatabaseError(f"{p} is empty; build it with `communique ingest`")
        if version < SCHEMA_VERSION:
            raise SchemaVersionError(
                f"{p} has schema version {version}; open it once for writing "
                "(e.g. `communique resolve --db`) to migrate it"
            )
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        conn.close()
        raise _unreadable(p, exc) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _unreadable(p: Path, exc: sqlite3.Error) -> StoreError:
    """The error for a database that cannot be opened read-only.

    Reading can need write access in one case: a WAL-mode database whose -wal file holds
    commits (a running or killed writer) needs its -shm file, which SQLite may not create
    or update where the user may not write. Anything else is :func:`describe_error`'s.
    """
    if _error_kind(exc) not in ("readonly", "cantopen") or _writable(p):
        return describe_error(p, exc, untouched=True)
    side = _side_file(p)
    pending = f"{side.name} holds changes not yet written into it" if side else \
        "it is in WAL mode"
    return DatabaseAccessError(
        f"{p} cannot be read here ({' '.join(str(exc).split())}): {pending}, and SQLite "
        "may not create or update its side files where you may not write; open it once "
        "with write access (e.g. `communique resolve --db`), or copy the database with "
        "its side files to a writable folder")


def _open_writable(p: Path) -> sqlite3.Connection:
    folder = p.absolute().parent
    if not folder.is_dir():
        raise DatabaseAccessError(f"cannot create {p}: folder {folder} does not exist")
    if p.exists() and p.stat().st_size and not os.access(p, os.W_OK):
        raise DatabaseAccessError(
            f"{p} is read-only (no write permission): ingest and resolve write to the "
            "database; fix its permissions or copy it to a writable folder. It was not "
            "modified.")
    if not os.access(folder, os.W_OK):
        raise DatabaseAccessError(
            f"{p}: its folder {folder} is read-only, and SQLite writes its journal beside "
            "the database; fix the folder's permissions or copy the database to a writable "
            "folder. Nothing was written.")
    # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
    try:
        conn = sqlite3.connect(str(p), timeout=30.0, isolation_level=None,
                               factory=_WriterConnection)
    except sqlite3.Error as exc:
        raise describe_error(p, exc, untouched=True) from exc
    try:
        # Everything up to the quick check only reads: a refused file stays unchanged.
        version = stored_version(conn, p)
        _check_version(p, version)
        if version:
            _check_integrity(conn, p)
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against process crashes (kill -9) in WAL mode; only an
        # OS crash or power loss can lose the last transactions, never corrupt.
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn, version)
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        conn.close()
        raise describe_error(p, exc, untouched=True) from exc
    except BaseException:
        conn.close()
        raise
    if isinstance(conn, _WriterConnection):  # always; a test may wrap sqlite3.connect
        conn.ready = True
    return conn


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating when writable) a corpus database.

    Read-only connections use the URI ``mode=ro`` (see :func:`readonly_uri`) and write
    nothing, not even -wal/-shm files for a database at rest. Writable connections use WAL
    mode so readers can query while an ingest writes; they check the file first (header,
    schema version, ``PRAGMA quick_check``) and refuse a foreign, newer, damaged or
    read-only database without touching it. Every failure is a :class:`StoreError`
    (:class:`NotADatabaseError`, :class:`CorruptDatabaseError`,
    :class:`SchemaVersionError`, :class:`DatabaseAccessError`) whose one-line message
    names the file and says what to do.
    """
    p = Path(path)
    check_file(p)
    return _open_readonly(p) if readonly else _open_writable(p)


def migrate(conn: sqlite3.Connection, current: int) -> None:
    """Apply every migration above ``current``, each in its own transaction."""
    for target in range(current + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # A concurrent writer may have migrated meanwhile: re-read under the lock.
            now = stored_version(conn)
            if now >= target:
                conn.execute("COMMIT")
                continue
            MIGRATIONS[target](conn)
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(target),),
            )
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
