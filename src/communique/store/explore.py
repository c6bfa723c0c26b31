"""Filtered views of merged events, quotes and actors: rows, totals, sort orders and facet
counts, the library behind ``Corpus.events``/``quotes``/``actors``, the JSON API's list
endpoints and the explorer pages.

Every function takes a connection and the conditions of a query from
:mod:`communique.store.filters`, so the CLI, the pages and their downloads list exactly
the same rows for the same filters. Facets count the rows of the filtered view by one
column (events by PLOVER type, quad class, country of either side, place and outlet), as
datasette's facets do, so each count is what the view would hold with that value added
as a filter.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from communique.errors import UsageError
from communique.store.filters import QUOTE_COUNTRY, ActorQuery, Conditions, EventFilter

Record = dict[str, Any]

# How many values each facet lists (the most frequent first).
FACET_SIZE = 12

# -- events ------------------------------------------------------------------------------

EVENT_FROM = ("corpus_events c LEFT JOIN events e ON e.article_id = c.rep_article_id "
              "AND e.id = c.rep_event_id")
_EVENT_SELECT = (
    "SELECT c.id, c.date, c.date_resolution, c.plover, c.cameo, c.cameo_base, c.quad, "
    "c.goldstein, c.actor_codes, c.recipient_codes, c.negated, c.num_mentions, "
    "c.num_articles, c.num_sources, c.first_seen, c.last_seen, e.trigger_text, "
    "e.location_name, e.location_country, e.confidence, c.rep_article_id, c.rep_event_id, "
    f"a.url, a.title FROM {EVENT_FROM} LEFT JOIN articles a ON a.id = c.rep_article_id"
)
_EVENT_KEYS = ("id", "date", "date_resolution", "plover", "cameo", "cameo_base", "quad",
               "goldstein", "actor_codes", "recipient_codes", "negated", "num_mentions",
               "num_articles", "num_sources", "first_seen", "last_seen", "trigger",
               "location", "location_country", "confidence", "article_id", "event_id", "url",
               "article_title")
_WHEN = "coalesce(c.date, c.first_seen)"
# Sort orders by name; every one ends on the id so pages never overlap.
EVENT_SORTS = {
    "newest": f"{_WHEN} IS NULL, {_WHEN} DESC, c.id",
    "oldest": f"{_WHEN} IS NULL, {_WHEN}, c.id",
    "reported": f"c.num_articles DESC, {_WHEN} IS NULL, {_WHEN} DESC, c.id",
    "conflict": "c.goldstein IS NULL, c.goldstein, c.id",
    "cooperation": "c.goldstein IS NULL, c.goldstein DESC, c.id",
    "confidence": "e.confidence IS NULL, e.confidence DESC, c.id",
    # by the event's own date, events with none last: the order of `communique events`
    "date": "c.date IS NULL, c.date, c.id",
}
# Facet name -> (grouped expression, extra joins); the names are the filters they set.
_EVENT_FACETS = {
    "type": ("c.plover", ""),
    "quad": ("c.quad", ""),
    "country": ("upper(coalesce(fp.country, fp.code))",
                " JOIN corpus_event_participants fp ON fp.corpus_event_id = c.id"),
    "place": ("upper(e.location_country)", ""),
    "outlet": ("fa.outlet", " JOIN event_mentions fm ON fm.corpus_event_id = c.id "
                            "JOIN articles fa ON fa.id = fm.article_id"),
}


def _order(sorts: dict[str, str], sort: str) -> str:
    try:
        return sorts[sort]
    except KeyError:
        raise UsageError(f"sort must be one of {', '.join(sorts)}, got {sort!r}") from None


def _window(limit: int | None, offset: int) -> tuple[str, list[int]]:
    """``LIMIT``/``OFFSET`` as SQL and parameters (no limit: every row)."""
    if limit is None and not offset:
        return "", []
    return " LIMIT ? OFFSET ?", [-1 if limit is None else limit, offset]


def count_events(conn: sqlite3.Connection, flt: EventFilter) -> int:
    """How many merged events match."""
    row = conn.execute(f"SELECT count(*) FROM {EVENT_FROM}" + flt.sql(), flt.params)
    return int(row.fetchone()[0])


def iter_events(conn: sqlite3.Connection, flt: EventFilter, *, sort: str = "newest",
                limit: int | None = None, offset: int = 0) -> Iterator[Record]:
    """Matching merged events in ``sort`` order (see :data:`EVENT_SORTS`), streamed.

    Each record has the columns of ``communique events`` (``reader.EVENT_COLUMNS``) plus
    ``actors`` and ``recipients`` (lists of name, code and country) and the
    representative article's title.
    """
    window, bounds = _window(limit, offset)
    sql = _EVENT_SELECT + flt.sql() + f" ORDER BY {_order(EVENT_SORTS, sort)}" + window
    parties = conn.cursor()
    for r in conn.execute(sql, [*flt.params, *bounds]):
        row = dict(zip(_EVENT_KEYS, r, strict=True))
        row["negated"] = bool(row["negated"])
        found: dict[str, list[Record]] = {"actor": [], "recipient": []}
        for role, name, code, country in parties.execute(
            "SELECT role, name, code, country FROM corpus_event_participants "
            "WHERE corpus_event_id = ? ORDER BY role, seq", (row["id"],)
        ):
            found[role].append({"name": name, "code": code, "country": country})
        row["actors"], row["recipients"] = found["actor"], found["recipient"]
        row["actor_names"] = "; ".join(str(p["name"] or p["code"] or "")
                                       for p in found["actor"])
        row["recipient_names"] = "; ".join(str(p["name"] or p["code"] or "")
                                           for p in found["recipient"])
        yield row


def list_events(conn: sqlite3.Connection, flt: EventFilter, *, limit: int, offset: int = 0,
                sort: str = "oldest") -> list[Record]:
    """One page of :func:`iter_events`."""
    return list(iter_events(conn, flt, sort=sort, limit=limit, offset=offset))


def _facets(conn: sqlite3.Connection, source: str, where: str, params: list[Any],
            specs: dict[str, tuple[str, str]], top: int,
            count: str = "count(DISTINCT c.id)") -> dict[str, list[Record]]:
    """Per facet, the ``top`` most frequent values of the filtered rows with their counts
    (rows ``FROM source`` plus the facet's joins, ``where`` with ``params``)."""
    result: dict[str, list[Record]] = {}
    for name, (expr, joins) in specs.items():
        sql = (f"SELECT {expr} AS value, {count} FROM {source}{joins}{where} GROUP BY value "
               "HAVING value IS NOT NULL AND value <> '' ORDER BY 2 DESC, value LIMIT ?")
        result[name] = [{"value": v, "count": n}
                        for v, n in conn.execute(sql, [*params, top])]
    return result


def event_facets(conn: sqlite3.Connection, flt: EventFilter,
                 top: int = FACET_SIZE) -> dict[str, list[Record]]:
    """Counts of the matching events by PLOVER type, quad class, country (or code) of
    either side, location country and outlet (an event counts once per value)."""
    return _facets(conn, EVENT_FROM, flt.sql(), flt.params, _EVENT_FACETS, top)


# -- quotes ------------------------------------------------------------------------------

QUOTE_FROM = (
    "corpus_quotes c LEFT JOIN quotes rq ON rq.article_id = c.rep_article_id "
    "AND rq.id = c.rep_quote_id LEFT JOIN entities se ON se.article_id = rq.article_id "
    "AND se.id = rq.speaker_entity LEFT JOIN learned_entities sl "
    "ON sl.article_id = se.article_id AND sl.entity_id = se.id"
)
_QUOTE_SELECT = (
    "SELECT c.id, c.speaker, c.speaker_code, c.kind, c.text, c.first_seen, c.last_seen, "
    "c.num_mentions, c.num_articles, c.num_sources, c.rep_article_id, c.rep_quote_id, "
    f"a.url, {QUOTE_COUNTRY}, a.title, a.outlet FROM {QUOTE_FROM} "
    "LEFT JOIN articles a ON a.id = c.rep_article_id"
)
_QUOTE_KEYS = ("id", "speaker", "speaker_code", "kind", "text", "first_seen", "last_seen",
               "num_mentions", "num_articles", "num_sources", "article_id", "quote_id", "url",
               "country", "article_title", "outlet")
QUOTE_SORTS = {
    "newest": "c.first_seen IS NULL, c.first_seen DESC, c.id",
    # the order of `communique quotes`
    "oldest": "c.first_seen IS NULL, c.first_seen, c.id",
    "reported": "c.num_articles DESC, c.first_seen IS NULL, c.first_seen DESC, c.id",
}
_QUOTE_FACETS = {
    "speaker": ("c.speaker", ""),
    "country": (QUOTE_COUNTRY, ""),
    "kind": ("c.kind", ""),
    "outlet": ("fa.outlet", " JOIN quote_mentions fm ON fm.corpus_quote_id = c.id "
                            "JOIN articles fa ON fa.id = fm.article_id"),
}


def count_quotes(conn: sqlite3.Connection, cond: Conditions) -> int:
    """How many merged quotes match."""
    row = conn.execute(f"SELECT count(*) FROM {QUOTE_FROM}" + cond.sql(), cond.params)
    return int(row.fetchone()[0])


def iter_quotes(conn: sqlite3.Connection, cond: Conditions, *, sort: str = "newest",
                limit: int | None = None, offset: int = 0) -> Iterator[Record]:
    """Matching merged quotes in ``sort`` order (see :data:`QUOTE_SORTS`), streamed: the
    columns of ``communique quotes`` plus the speaker's country and the representative
    article's title and outlet."""
    window, bounds = _window(limit, offset)
    sql = _QUOTE_SELECT + cond.sql() + f" ORDER BY {_order(QUOTE_SORTS, sort)}" + window
    for r in conn.execute(sql, [*cond.params, *bounds]):
        yield dict(zip(_QUOTE_KEYS, r, strict=True))


def quote_facets(conn: sqlite3.Connection, cond: Conditions,
                 top: int = FACET_SIZE) -> dict[str, list[Record]]:
    """Counts of the matching quotes by speaker, speaker country, kind and outlet."""
    return _facets(conn, QUOTE_FROM, cond.sql(), cond.params, _QUOTE_FACETS, top)


# -- actors ------------------------------------------------------------------------------

# One row per article entity, learned actor knowledge filling what the article left open.
_ACTOR_ROWS = (
    "SELECT e.name AS name, e.kind AS kind, coalesce(e.country, l.country) AS country, "
    "coalesce(e.sector, l.sector) AS sector, coalesce(e.code, l.code) AS code, "
    "coalesce(e.role, l.role) AS role, (SELECT count(*) FROM mentions m WHERE "
    "m.article_id = e.article_id AND m.entity_id = e.id) AS n FROM entities e "
    "LEFT JOIN learned_entities l ON l.article_id = e.article_id AND l.entity_id = e.id"
)
_ACTOR_KEYS = ("name", "kind", "country", "sector", "code", "role", "articles", "mentions")
ACTOR_SORTS = {
    "articles": "7 DESC, 8 DESC, 1",
    "mentions": "8 DESC, 7 DESC, 1",
    "name": "1, 7 DESC, 2, 3, 4, 5",
}
_ACTOR_FACETS = {"kind": ("kind", ""), "country": ("country", ""), "sector": ("sector", "")}


def _grouped_actors(query: ActorQuery) -> tuple[str, list[Any]]:
    """The actors matching ``query`` as a subquery: one row per (name, kind, country,
    sector, code), with the articles and mentions it counts."""
    cond = query.conditions()
    return ("SELECT name, kind, country, sector, code, max(role) AS role, "
            "count(*) AS articles, sum(n) AS mentions "
            f"FROM ({_ACTOR_ROWS}{cond.sql()}) GROUP BY name, kind, country, sector, code",
            cond.params)


def count_actors(conn: sqlite3.Connection, query: ActorQuery) -> int:
    """How many actors match."""
    sql, params = _grouped_actors(query)
    return int(conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def list_actors(conn: sqlite3.Connection, query: ActorQuery, *, sort: str = "articles",
                limit: int | None = None, offset: int = 0) -> list[Record]:
    """Matching actors in ``sort`` order (see :data:`ACTOR_SORTS`), the most frequent
    first by default: the columns of ``communique actors``."""
    sql, params = _grouped_actors(query)
    window, bounds = _window(limit, offset)
    rows = conn.execute(f"SELECT * FROM ({sql}) ORDER BY {_order(ACTOR_SORTS, sort)}{window}",
                        [*params, *bounds])
    return [dict(zip(_ACTOR_KEYS, r, strict=True)) for r in rows]


def actor_facets(conn: sqlite3.Connection, query: ActorQuery,
                 top: int = FACET_SIZE) -> dict[str, list[Record]]:
    """Counts of the matching actors by kind, country and sector."""
    sql, params = _grouped_actors(query)
    return _facets(conn, f"({sql})", "", params, _ACTOR_FACETS, top, count="count(*)")


# -- downloads ---------------------------------------------------------------------------


def write_csv(records: Iterable[Record], columns: Sequence[str], out: IO[str]) -> int:
    """``records`` as CSV with a header of ``columns`` (other keys are left out); returns
    how many rows were written."""
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(record)
        count += 1
    return count
