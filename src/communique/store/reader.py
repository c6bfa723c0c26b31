"""Read a corpus database: documents back, merged events and quotes, actors, dyads.

>>> from communique.store import open_corpus
>>> with open_corpus("corpus.db") as corpus:                      # doctest: +SKIP
...     for event in corpus.events(actor="RUS", recipient="CHN"):
...         print(event["date"], event["plover"], event["num_articles"])
...     frame = corpus.events_frame(type="CONSULT")                   # needs pandas

Connections are read-only (``mode=ro``: nothing is written, so a database in a
read-only folder can be queried; SQLite WAL mode lets them run while an ingest writes).

Every query method turns a SQLite failure met mid-query (a damaged page that opening could
not see, an I/O error) into the store's one-line error naming the file and what to do
(:class:`~communique.errors.CorruptDatabaseError` for damage), never a raw
:class:`sqlite3.DatabaseError`, also when it is met in the middle of a stream of records.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Concatenate, ParamSpec, TypeVar

from communique.errors import UsageError
from communique.store.explore import iter_events, iter_quotes, list_actors
from communique.store.filters import (
    ActorQuery,
    EventQuery,
    QuoteQuery,
    check_text,
    cli_flag,
    fts_query,
    like_escape,
)
from communique.store.schema import connect, database_errors
from communique.store.timeline import PeriodCounts, period_counts

Record = dict[str, Any]

EVENT_COLUMNS = (
    "id", "date", "date_resolution", "plover", "cameo", "cameo_base", "quad", "goldstein",
    "actor_codes", "recipient_codes", "actor_names", "recipient_names", "negated",
    "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen",
    "trigger", "location", "location_country", "confidence", "article_id", "event_id", "url",
)
DYADS_COLUMNS = ("actor", "recipient", "events")
QUOTE_COLUMNS = (
    "id", "speaker", "speaker_code", "kind", "text", "first_seen", "last_seen",
    "num_mentions", "num_articles", "num_sources", "article_id", "quote_id", "url",
)
ACTOR_COLUMNS = ("name", "kind", "country", "sector", "code", "role", "articles", "mentions")
DYAD_COLUMNS = ("period", "quad1", "quad2", "quad3", "quad4", "events", "mean_goldstein")


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


# SQLite's largest integer: a larger LIMIT was an sqlite3 error (a traceback from
# ``--limit 99999999999999999999``), found by fuzzing (tests/test_fuzz.py).
_MAX_LIMIT = 2**63 - 1


def _search_flag(name: str) -> str:
    """How the CLI spells a filter: the free-text filter ``q`` is ``--search``."""
    return "--search" if name == "q" else cli_flag(name)


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, got {limit}")
    if limit is not None and limit > _MAX_LIMIT:
        raise UsageError(f"--limit must be at most {_MAX_LIMIT}, got {limit}")


_P = ParamSpec("_P")
_T = TypeVar("_T")


def _reads(method: Callable[Concatenate[Corpus, _P], _T]
           ) -> Callable[Concatenate[Corpus, _P], _T]:
    """A :class:`Corpus` query method whose SQLite errors become the store's error naming
    the corpus file (see :func:`~communique.store.schema.database_errors`)."""

    @functools.wraps(method)
    def reading(self: Corpus, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        with database_errors(self.path):
            return method(self, *args, **kwargs)

    return reading


def _streams(method: Callable[Concatenate[Corpus, _P], Iterator[_T]]
             ) -> Callable[Concatenate[Corpus, _P], Iterator[_T]]:
    """:func:`_reads` for a generator method: its rows are read while the caller iterates,
    so the errors are translated there, record by record, not when it is called."""

    @functools.wraps(method)
    def streaming(self: Corpus, /, *args: _P.args, **kwargs: _P.kwargs) -> Iterator[_T]:
        with database_errors(self.path):
            yield from method(self, *args, **kwargs)

    return streaming


class Corpus:
    """A read-only view of a corpus database.

    Query methods raise :class:`~communique.errors.StoreError` subclasses, never raw
    :mod:`sqlite3` errors (see the module docstring).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.conn: sqlite3.Connection = connect(self.path, readonly=True)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- status -------------------------------------------------------------------------

    @_reads
    def is_resolved(self) -> bool:
        """False when articles were stored after the last corpus-level step."""
        row = self.conn.execute("SELECT value FROM meta WHERE key='resolved'").fetchone()
        return row is None or row[0] == "1"

    @_reads
    def stats(self) -> Record:
        """Row counts of the main tables."""
        tables = ("articles", "entities", "mentions", "quotes", "events", "corpus_events",
                  "corpus_quotes", "inputs")
        counts = {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in tables}
        counts["failed_inputs"] = self.conn.execute(
            "SELECT count(*) FROM inputs WHERE status='failed'").fetchone()[0]
        return counts

    # -- documents ----------------------------------------------------------------------

    @_streams
    def article_ids(self) -> Iterator[str]:
        """Every stored article id, sorted."""
        for (article_id,) in self.conn.execute("SELECT id FROM articles ORDER BY id"):
            yield str(article_id)

    @_reads
    def document(self, article_id: str) -> Record:
        """The stored ``communique/1`` document of one article, equal to what was stored."""
        row = self.conn.execute(
            "SELECT text, article, document FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        text, article_json, document_json = row
        article = _loads(article_json)
        article["text"] = text
        rest: Record = _loads(document_json)
        document: Record = {"schema": rest.pop("schema", "communique/1"), "article": article}
        if "dateline" in rest:
            document["dateline"] = rest.pop("dateline")
        document["headings"] = [
            {"start": s, "end": e, "text": t} for s, e, t in self.conn.execute(
                'SELECT start, "end", text FROM headings WHERE article_id = ? ORDER BY seq',
                (article_id,))
        ]
        document["removed"] = [
            {"start": s, "end": e, "text": t, "reason": r} for s, e, t, r in self.conn.execute(
                'SELECT start, "end", text, reason FROM removed WHERE article_id = ? '
                "ORDER BY seq", (article_id,))
        ]
        mentions: dict[str, list[Any]] = defaultdict(list)
        for entity_id, data in self.conn.execute(
            "SELECT entity_id, data FROM mentions WHERE article_id = ? ORDER BY entity_id, seq",
            (article_id,),
        ):
            mentions[entity_id].append(_loads(data))
        entities = []
        for entity_id, data in self.conn.execute(
            "SELECT id, data FROM entities WHERE article_id = ? ORDER BY seq", (article_id,)
        ):
            entity = _loads(data)
            entity["mentions"] = mentions.get(entity_id, [])
            entities.append(entity)
        document["entities"] = entities
        for table in ("quotes", "events"):
            document[table] = [_loads(d) for (d,) in self.conn.execute(
                f"SELECT data FROM {table} WHERE article_id = ? ORDER BY seq", (article_id,))]
        document.update(rest)
        return document

    @_streams
    def documents(self) -> Iterator[Record]:
        """Every stored document, by article id (streamed)."""
        for article_id in self.article_ids():
            yield self.document(article_id)

    @_reads
    def search_articles(self, text: str, limit: int = 20) -> list[Record]:
        """Full-text search (FTS5 syntax) over article titles and text."""
        _check_limit(limit)
        check_text(text, "the search text")
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.published, a.outlet, "
            "snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
            "ORDER BY rank LIMIT ?", (fts_query(text), limit))
        return [dict(zip(("id", "title", "published", "outlet", "snippet"), r, strict=True))
                for r in rows]

    # -- events -------------------------------------------------------------------------

    @_streams
    def events(self, *, actor: str | None = None, recipient: str | None = None,
               type: str | None = None, since: str | None = None, until: str | None = None,
               min_confidence: float | None = None, place: str | None = None,
               search: str | None = None, limit: int | None = None) -> Iterator[Record]:
        """Merged (corpus-level) events, filtered; one record per real event.

        ``actor``/``recipient`` match a participant's country or the start of its code
        (``RUS`` matches ``RUSGOV``); ``type`` is a PLOVER type or a CAMEO code prefix;
        ``since``/``until`` bound the event date (inclusive); ``min_confidence`` keeps
        events whose representative mention is at least that confident (the bands
        ``communique evaluate events-news`` reports read as precision); ``place`` matches
        the event location's country code or part of its name; ``search`` keeps events
        whose sentence, in some article reporting them, holds every one of its words.
        """
        _check_limit(limit)
        query = EventQuery(actor=actor, recipient=recipient, type=type, since=since,
                           until=until, min_confidence=min_confidence, place=place,
                           q=search).validated(_search_flag)
        for row in iter_events(self.conn, query.conditions(), sort="date", limit=limit):
            yield {k: row[k] for k in EVENT_COLUMNS}

    @_reads
    def top_dyads(self, limit: int = 10) -> list[Record]:
        """The most frequent (actor, recipient) pairs of merged events (see
        :func:`top_dyads`): the same figures the dashboard shows."""
        _check_limit(limit)
        return _top_dyads(self.conn, limit)

    @_reads
    def has_participant(self, value: str) -> bool:
        """True when some merged event has a party with this country, code prefix or name
        (the test ``events --actor``/``--recipient`` apply)."""
        check_text(value, "--actor")
        row = self.conn.execute(
            "SELECT 1 FROM corpus_event_participants p WHERE upper(p.country) = ? OR "
            "upper(p.code) LIKE ? ESCAPE '\\' OR upper(p.name) = ? LIMIT 1",
            (value.upper(), like_escape(value.upper()) + "%", value.upper())).fetchone()
        return row is not None

    @_reads
    def event_mentions(self, corpus_event_id: str) -> list[Record]:
        """The per-article events merged into one corpus event, with their evidence."""
        rows = self.conn.execute(
            "SELECT m.article_id, m.event_id, e.data, a.published, a.outlet, a.url, "
            "s.source_key FROM event_mentions m JOIN events e ON e.article_id = m.article_id "
            "AND e.id = m.event_id JOIN articles a ON a.id = m.article_id "
            "LEFT JOIN syndication s ON s.article_id = m.article_id "
            "WHERE m.corpus_event_id = ? ORDER BY m.article_id, m.event_id", (corpus_event_id,))
        return [{"article_id": r[0], "event_id": r[1], "event": _loads(r[2]),
                 "published": r[3], "outlet": r[4], "url": r[5], "source_key": r[6]}
                for r in rows]

    # -- quotes -------------------------------------------------------------------------

    @_streams
    def quotes(self, *, speaker: str | None = None, search: str | None = None,
               since: str | None = None, until: str | None = None, act: str | None = None,
               limit: int | None = None) -> Iterator[Record]:
        """Merged quotes; ``speaker`` matches part of the speaker name, ``search`` is
        full-text (FTS5) over the quote text of any of its mentions, ``since``/``until``
        (YYYY-MM-DD, inclusive) bound the date the quote was first published; ``act``
        keeps what the quotes report: statements unless given (``belief``, ``stance``,
        ``unasserted``, or ``all`` for every attribution)."""
        _check_limit(limit)
        query = QuoteQuery(speaker=speaker, q=search, since=since, until=until,
                           act=act).validated(_search_flag)
        for row in iter_quotes(self.conn, query.conditions(), sort="oldest", limit=limit):
            yield {k: row[k] for k in QUOTE_COLUMNS}

    # -- actors and dyads ---------------------------------------------------------------

    @_reads
    def actors(self, *, country: str | None = None, limit: int | None = None) -> list[Record]:
        """Entities across the corpus, grouped by name and code, most frequent first."""
        _check_limit(limit)
        query = ActorQuery(country=country).validated()
        return list_actors(self.conn, query, limit=limit)

    @_reads
    def dyad(self, actor: str, recipient: str, *, by: str = "month") -> list[Record]:
        """Events from ``actor`` to ``recipient`` per period (``by``: day, ISO week or
        month), as :meth:`events` matches the two: counts by quad class and mean Goldstein
        score of merged events, so each real event counts once. An event counts in the
        period its date falls in at whatever resolution the text gave it (a month-dated
        event in its month; see :mod:`communique.store.periods`), as on the dashboard's
        charts; one dated more coarsely than ``by``, or not at all, is in no row."""
        return self.dyad_counts(actor, recipient, by=by).rows()

    @_reads
    def dyad_counts(self, actor: str, recipient: str, *, by: str = "month") -> PeriodCounts:
        """What :meth:`dyad` tabulates, with the events in no row: ``year_only`` (dated
        only to a year) and ``undated`` (no date, or one coarser than ``by``)."""
        query = EventQuery(actor=actor, recipient=recipient).validated(_search_flag)
        return period_counts(self.conn, query.conditions(), by)

    # -- pandas ---------------------------------------------------------------------------

    def events_frame(self, **filters: Any) -> Any:
        """Merged events as a pandas DataFrame (``pip install communique[pandas]``)."""
        return _frame(list(self.events(**filters)), EVENT_COLUMNS)

    def quotes_frame(self, **filters: Any) -> Any:
        """Merged quotes as a pandas DataFrame (``pip install communique[pandas]``)."""
        return _frame(list(self.quotes(**filters)), QUOTE_COLUMNS)


def _frame(records: list[Record], columns: tuple[str, ...]) -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise UsageError("pandas is not installed: pip install 'communique[pandas]'") from None
    return pd.DataFrame.from_records(records, columns=list(columns))


def top_dyads(conn: sqlite3.Connection, limit: int = 10) -> list[Record]:
    """Most frequent (actor, recipient) pairs of merged events, keyed by country, else code;
    an event counts once per pair of its parties. Self-pairs (reciprocal events list both
    sides as actor and recipient) are left out. A SQLite failure is the store's error naming
    the connection's file."""
    with database_errors(database_file(conn)):
        return _top_dyads(conn, limit)


def database_file(conn: sqlite3.Connection) -> str:
    """The file of ``conn``'s main database, to name it in errors (``"the database"`` when
    SQLite cannot say, e.g. for an in-memory database)."""
    with contextlib.suppress(sqlite3.Error):
        for _, name, file in conn.execute("PRAGMA database_list"):
            if name == "main" and file:
                return str(file)
    return "the database"


def _top_dyads(conn: sqlite3.Connection, limit: int) -> list[Record]:
    sql = (
        "SELECT a.k, r.k, count(DISTINCT a.corpus_event_id) FROM "
        "(SELECT corpus_event_id, upper(coalesce(country, code)) AS k "
        " FROM corpus_event_participants WHERE role = 'actor') a JOIN "
        "(SELECT corpus_event_id, upper(coalesce(country, code)) AS k "
        " FROM corpus_event_participants WHERE role = 'recipient') r "
        "ON a.corpus_event_id = r.corpus_event_id "
        "WHERE a.k IS NOT NULL AND r.k IS NOT NULL AND a.k <> r.k "
        "GROUP BY a.k, r.k ORDER BY 3 DESC, 1, 2 LIMIT ?"
    )
    return [{"actor": a, "recipient": r, "events": n}
            for a, r, n in conn.execute(sql, (limit,))]


def open_corpus(path: str | Path) -> Corpus:
    """Open a corpus database read-only; raises a :class:`~communique.errors.StoreError`
    subclass when the file is not a communique database or is too new."""
    return Corpus(path)
