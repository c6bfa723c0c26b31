"""Read a corpus database: documents back, merged events and quotes, actors, dyads.

>>> from communique.store import open_corpus
>>> with open_corpus("corpus.db") as corpus:                      # doctest: +SKIP
...     for event in corpus.events(actor="RUS", recipient="CHN"):
...         print(event["date"], event["plover"], event["num_articles"])
...     frame = corpus.events_frame(type="CONSULT")                   # needs pandas

Connections are read-only (``mode=ro``: nothing is written, so a database in a
read-only folder can be queried; SQLite WAL mode lets them run while an ingest writes).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

from communique.errors import UsageError
from communique.store.schema import connect

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


def _period(day: str, by: str) -> str:
    d = date.fromisoformat(day[:10])
    if by == "day":
        return d.isoformat()
    if by == "week":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return d.strftime("%Y-%m")
    raise UsageError(f"--by must be day, week or month, not {by!r}")


def like_escape(text: str) -> str:
    """``text`` with the LIKE wildcards escaped (use with ``ESCAPE '\\'``): a search for
    ``_`` or ``%`` matches those characters, not everything."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# SQLite's largest integer: a larger LIMIT was an sqlite3 error (a traceback from
# ``--limit 99999999999999999999``), found by fuzzing (tests/test_fuzz.py).
_MAX_LIMIT = 2**63 - 1


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, got {limit}")
    if limit is not None and limit > _MAX_LIMIT:
        raise UsageError(f"--limit must be at most {_MAX_LIMIT}, got {limit}")


def _check_text(value: str | None, name: str) -> None:
    """A filter SQLite can take: a lone surrogate (what Python makes of undecodable bytes
    in a command-line argument, e.g. ``--actor $'\\xff'``) was a UnicodeEncodeError
    traceback, and a NUL was an sqlite3 error in a full-text search; found by fuzzing
    (tests/test_fuzz.py)."""
    if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
        raise UsageError(f"{name} is not valid text (undecodable characters): {value!r}")
    if value is not None and "\x00" in value:  # FTS5: sqlite3 "unterminated string"
        raise UsageError(f"{name} contains a NUL character")


def _check_type(value: str | None) -> None:
    """A PLOVER type or a CAMEO code prefix (digits); anything else is a usage error."""
    from communique.events.cameo import PLOVER_TYPES

    if value and not value.isdigit() and value.upper() not in PLOVER_TYPES:
        raise UsageError(f"--type must be a PLOVER type ({', '.join(PLOVER_TYPES)}) or a "
                         f"CAMEO code prefix such as 19, got {value!r}")


def _check_date(value: str | None, name: str) -> str | None:
    """``value`` as YYYY-MM-DD. ``date.fromisoformat`` also takes "20240301" and
    "2024-W10-2"; compared as given with the stored YYYY-MM-DD dates they silently
    matched nothing (``since="20240301"``), so they are normalised; found by fuzzing."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


class Corpus:
    """A read-only view of a corpus database."""

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

    def is_resolved(self) -> bool:
        """False when articles were stored after the last corpus-level step."""
        row = self.conn.execute("SELECT value FROM meta WHERE key='resolved'").fetchone()
        return row is None or row[0] == "1"

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

    def article_ids(self) -> Iterator[str]:
        """Every stored article id, sorted."""
        for (article_id,) in self.conn.execute("SELECT id FROM articles ORDER BY id"):
            yield str(article_id)

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

    def documents(self) -> Iterator[Record]:
        """Every stored document, by article id (streamed)."""
        for article_id in self.article_ids():
            yield self.document(article_id)

    def search_articles(self, text: str, limit: int = 20) -> list[Record]:
        """Full-text search (FTS5 syntax) over article titles and text."""
        _check_limit(limit)
        _check_text(text, "the search text")
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.published, a.outlet, "
            "snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
            "JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ? "
            "ORDER BY rank LIMIT ?", (_fts_query(text), limit))
        return [dict(zip(("id", "title", "published", "outlet", "snippet"), r, strict=True))
                for r in rows]

    # -- events -------------------------------------------------------------------------

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               type: str | None = None, since: str | None = None, until: str | None = None,
               min_confidence: float | None = None, place: str | None = None,
               limit: int | None = None) -> Iterator[Record]:
        """Merged (corpus-level) events, filtered; one record per real event.

        ``actor``/``recipient`` match a participant's country or the start of its code
        (``RUS`` matches ``RUSGOV``); ``type`` is a PLOVER type or a CAMEO code prefix;
        ``since``/``until`` bound the event date (inclusive); ``min_confidence`` keeps
        events whose representative mention is at least that confident (the bands
        ``communique evaluate events-news`` reports read as precision); ``place`` matches
        the event location's country code or part of its name.
        """
        since = _check_date(since, "--since")
        until = _check_date(until, "--until")
        for value, name in ((actor, "--actor"), (recipient, "--recipient"),
                            (place, "--place")):
            _check_text(value, name)
        if since and until and since > until:
            raise UsageError(f"--since {since} is after --until {until}: nothing can match")
        _check_limit(limit)
        _check_type(type)
        if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
            raise UsageError(f"--min-confidence must be between 0 and 1, got {min_confidence}")
        where: list[str] = []
        params: list[Any] = []
        if min_confidence is not None:
            where.append("e.confidence >= ?")
            params.append(min_confidence)
        if place:
            where.append("(upper(e.location_country) = ? OR "
                         "lower(e.location_name) LIKE ? ESCAPE '\\')")
            params += [place.upper(), "%" + like_escape(place.lower()) + "%"]
        for role, value in (("actor", actor), ("recipient", recipient)):
            if value:
                where.append(
                    "EXISTS (SELECT 1 FROM corpus_event_participants p WHERE "
                    "p.corpus_event_id = c.id AND p.role = ? AND (upper(p.country) = ? OR "
                    "upper(p.code) LIKE ? ESCAPE '\\' OR upper(p.name) = ?))")
                params += [role, value.upper(), like_escape(value.upper()) + "%",
                           value.upper()]
        if type:
            if type.isdigit():
                where.append("c.cameo LIKE ? ESCAPE '\\'")
                params.append(like_escape(type) + "%")
            else:
                where.append("c.plover = ?")
                params.append(type.upper())
        if since:
            where.append("c.date >= ?")
            params.append(since)
        if until:
            where.append("c.date <= ?")
            params.append(until)
        sql = (
            "SELECT c.id, c.date, c.date_resolution, c.plover, c.cameo, c.cameo_base, c.quad, "
            "c.goldstein, c.actor_codes, c.recipient_codes, c.negated, c.num_mentions, "
            "c.num_articles, c.num_sources, c.first_seen, c.last_seen, e.trigger_text, "
            "e.location_name, e.location_country, c.rep_article_id, c.rep_event_id, a.url, "
            "e.confidence "
            "FROM corpus_events c LEFT JOIN events e ON e.article_id = c.rep_article_id "
            "AND e.id = c.rep_event_id LEFT JOIN articles a ON a.id = c.rep_article_id"
        )
        sql = _filtered(sql, where, "c.date IS NULL, c.date, c.id", limit)
        names = self.conn.cursor()
        for r in self.conn.execute(sql, params):
            parts: dict[str, list[str]] = {"actor": [], "recipient": []}
            for role, name, code in names.execute(
                "SELECT role, name, code FROM corpus_event_participants WHERE "
                "corpus_event_id = ? ORDER BY role, seq", (r[0],)):
                parts[role].append(str(name or code or ""))
            yield {
                "id": r[0], "date": r[1], "date_resolution": r[2], "plover": r[3],
                "cameo": r[4], "cameo_base": r[5], "quad": r[6], "goldstein": r[7],
                "actor_codes": r[8], "recipient_codes": r[9],
                "actor_names": "; ".join(parts["actor"]),
                "recipient_names": "; ".join(parts["recipient"]),
                "negated": bool(r[10]), "num_mentions": r[11], "num_articles": r[12],
                "num_sources": r[13], "first_seen": r[14], "last_seen": r[15],
                "trigger": r[16], "location": r[17], "location_country": r[18],
                "confidence": r[22], "article_id": r[19], "event_id": r[20], "url": r[21],
            }

    def top_dyads(self, limit: int = 10) -> list[Record]:
        """The most frequent (actor, recipient) pairs of merged events (see
        :func:`top_dyads`): the same figures the dashboard shows."""
        _check_limit(limit)
        return top_dyads(self.conn, limit)

    def has_participant(self, value: str) -> bool:
        """True when some merged event has a party with this country, code prefix or name
        (the test ``events --actor``/``--recipient`` apply)."""
        _check_text(value, "--actor")
        row = self.conn.execute(
            "SELECT 1 FROM corpus_event_participants p WHERE upper(p.country) = ? OR "
            "upper(p.code) LIKE ? ESCAPE '\\' OR upper(p.name) = ? LIMIT 1",
            (value.upper(), like_escape(value.upper()) + "%", value.upper())).fetchone()
        return row is not None

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

    def quotes(self, *, speaker: str | None = None, search: str | None = None,
               limit: int | None = None) -> Iterator[Record]:
        """Merged quotes; ``speaker`` matches part of the speaker name, ``search`` is
        full-text (FTS5) over the quote text of any of its mentions."""
        _check_limit(limit)
        _check_text(speaker, "--speaker")
        _check_text(search, "--search")
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            where.append("c.speaker LIKE ? ESCAPE '\\'")
            params.append(f"%{like_escape(speaker)}%")
        if search:
            where.append(
                "c.id IN (SELECT m.corpus_quote_id FROM quotes_fts f JOIN quotes q "
                "ON q.rowid = f.rowid JOIN quote_mentions m ON m.article_id = q.article_id "
                "AND m.quote_id = q.id WHERE quotes_fts MATCH ?)")
            params.append(_fts_query(search))
        sql = (
            "SELECT c.id, c.speaker, c.speaker_code, c.kind, c.text, c.first_seen, c.last_seen, "
            "c.num_mentions, c.num_articles, c.num_sources, c.rep_article_id, c.rep_quote_id, "
            "a.url FROM corpus_quotes c LEFT JOIN articles a ON a.id = c.rep_article_id"
        )
        sql = _filtered(sql, where, "c.first_seen IS NULL, c.first_seen, c.id", limit)
        for r in self.conn.execute(sql, params):
            yield dict(zip(QUOTE_COLUMNS, r, strict=True))

    # -- actors and dyads ---------------------------------------------------------------

    def actors(self, *, country: str | None = None, limit: int | None = None) -> list[Record]:
        """Entities across the corpus, grouped by name and code, most frequent first."""
        _check_limit(limit)
        _check_text(country, "--country")
        # Learned actor knowledge (corpus level) fills in people the article left uncoded.
        inner = (
            "SELECT e.name AS name, e.kind AS kind, coalesce(e.country, l.country) AS country, "
            "coalesce(e.sector, l.sector) AS sector, coalesce(e.code, l.code) AS code, "
            "coalesce(e.role, l.role) AS role, (SELECT count(*) FROM mentions m WHERE "
            "m.article_id = e.article_id AND m.entity_id = e.id) AS n FROM entities e "
            "LEFT JOIN learned_entities l ON l.article_id = e.article_id AND l.entity_id = e.id"
        )
        params: list[Any] = []
        if country:
            inner += " WHERE upper(coalesce(e.country, l.country)) = ?"
            params.append(country.upper())
        sql = (
            "SELECT name, kind, country, sector, code, max(role), count(*), sum(n) "
            f"FROM ({inner}) GROUP BY name, kind, country, sector, code "
            "ORDER BY 7 DESC, 8 DESC, 1"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(zip(ACTOR_COLUMNS, r, strict=True)) for r in self.conn.execute(sql, params)]

    def dyad(self, actor: str, recipient: str, *, by: str = "month") -> list[Record]:
        """Events from ``actor`` to ``recipient`` per period: counts by quad class and
        mean Goldstein score (merged events, so each real event counts once)."""
        _period("2000-01-01", by)  # validates ``by``
        table: dict[str, Record] = {}
        scores: dict[str, list[float]] = defaultdict(list)
        for event in self.events(actor=actor, recipient=recipient):
            if not event["date"]:
                continue
            period = _period(event["date"], by)
            row = table.setdefault(period, {c: 0 for c in DYAD_COLUMNS[1:6]})
            quad = event["quad"]
            if quad in (1, 2, 3, 4):
                row[f"quad{quad}"] += 1
            row["events"] += 1
            if event["goldstein"] is not None:
                scores[period].append(float(event["goldstein"]))
        result = []
        for period in sorted(table):
            values = scores.get(period)
            mean = round(sum(values) / len(values), 2) if values else None
            result.append({"period": period, **table[period], "mean_goldstein": mean})
        return result

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
    sides as actor and recipient) are left out."""
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


def _filtered(sql: str, where: list[str], order: str, limit: int | None) -> str:
    """``sql`` with its WHERE conditions (all must hold), ORDER BY and optional LIMIT."""
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    return sql + (f" LIMIT {int(limit)}" if limit is not None else "")


def _fts_query(text: str) -> str:
    """Quote each word so user text is matched literally, not parsed as FTS5 syntax."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words) if words else '""'


def open_corpus(path: str | Path) -> Corpus:
    """Open a corpus database read-only; raises a :class:`~communique.errors.StoreError`
    subclass when the file is not a communique database or is too new."""
    return Corpus(path)
