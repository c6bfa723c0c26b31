"""Database schema, versioning and migrations; safe opening of a corpus database.

The schema is documented table by table in ``docs/database.md``. Every id is derived
from content (article ids from the pipeline, event/quote ids from the documents,
corpus-level ids from hashes of their merge keys), never from autoincrement order, so
an interrupted and resumed ingest ends with the same rows as an uninterrupted one.

Opening is careful about files that are not ours: the SQLite header is checked and the
schema version read *before* anything is written (switching to WAL mode rewrites the
header), so a foreign file or a database from a newer communique is never modified.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from communique.errors import NotADatabaseError, SchemaVersionError, StoreError

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
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{path} is not a SQLite database (wrong file header); it was not modified. "
            "Give --db a new file name or an existing communique database."
        )


def stored_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in ``meta`` (0 for an empty database)."""
    try:
        has_meta = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(
            f"not a usable SQLite database ({exc}); it was not modified"
        ) from exc
    if not has_meta:
        others = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if others:
            raise NotADatabaseError(
                "this SQLite database was not made by communique (no meta table); "
                "it was not modified"
            )
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if row is None:
        raise NotADatabaseError("the meta table has no schema_version; it was not modified")
    try:
        return int(row[0])
    except (TypeError, ValueError) as exc:
        raise NotADatabaseError(f"unreadable schema_version {row[0]!r}") from exc


def _check_version(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{path} has schema version {version}, newer than this communique understands "
            f"({SCHEMA_VERSION}); upgrade communique. The database was not modified."
        )


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating when writable) a corpus database.

    Raises :class:`NotADatabaseError` or :class:`SchemaVersionError` without touching the
    file. Writable connections use WAL mode so readers can query while an ingest writes.
    """
    p = Path(path)
    check_file(p)
    if readonly:
        if not p.exists():
            raise NotADatabaseError(f"{p} does not exist; build it with `communique ingest`")
        conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, timeout=30.0,
                               isolation_level=None)
    else:
        if not p.parent.is_dir():
            raise StoreError(f"cannot create {p}: folder {p.parent} does not exist")
        # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT).
        conn = sqlite3.connect(str(p), timeout=30.0, isolation_level=None)
    try:
        version = stored_version(conn)
        _check_version(p, version)
        if readonly:
            if version == 0:
                raise NotADatabaseError(f"{p} is empty; build it with `communique ingest`")
            if version < SCHEMA_VERSION:
                raise SchemaVersionError(
                    f"{p} has schema version {version}; open it once for writing "
                    "(e.g. `communique resolve --db`) to migrate it"
                )
        else:
            conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against process crashes (kill -9) in WAL mode; only an
            # OS crash or power loss can lose the last transactions, never corrupt.
            conn.execute("PRAGMA synchronous=NORMAL")
            migrate(conn, version)
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return conn


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
            conn.execute("ROLLBACK")
            raise
