"""Where filtered events happen and which countries take part: the data of the map.

Two aggregations of the merged events an :class:`~communique.store.filters.EventFilter`
selects, both keyed by ISO 3166 alpha-3 codes (the codes the store keeps; the web map
joins them to its geometry):

- :func:`event_places`: events by the place of their representative mention (the place
  the explorer's ``place`` filter and facet use), with coordinates when the gazetteer gave
  them and otherwise only a country, which a map draws at that country;
- :func:`country_counts`: events by country, either where they happened (``place``) or
  who took part (``actor``, ``recipient`` or ``any`` side; a participant's country, else
  its code, as the ``country`` facet counts), an event counting once per country.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from communique.errors import UsageError
from communique.store.explore import EVENT_FROM, count_events
from communique.store.filters import EventFilter

Record = dict[str, Any]

# What a country count is keyed by -> (grouped expression, extra joins).
_PARTY = ("upper(coalesce(gp.country, gp.code))",
          " JOIN corpus_event_participants gp ON gp.corpus_event_id = c.id{role}")
COUNTRY_BASES: dict[str, tuple[str, str]] = {
    "any": (_PARTY[0], _PARTY[1].format(role="")),
    "actor": (_PARTY[0], _PARTY[1].format(role=" AND gp.role = 'actor'")),
    "recipient": (_PARTY[0], _PARTY[1].format(role=" AND gp.role = 'recipient'")),
    "place": ("upper(e.location_country)", ""),
}
_LAT = "json_extract(e.data, '$.location.lat')"
_LON = "json_extract(e.data, '$.location.lon')"


def _mean(total: float | None, n: int) -> float | None:
    return round(float(total) / n, 2) if n and total is not None else None


def event_places(conn: sqlite3.Connection, flt: EventFilter) -> list[Record]:
    """Matching events grouped by place (name, country, coordinates), most events first:
    ``name``, ``country``, ``lat``/``lon`` (``None`` when only the country is known),
    ``events``, ``mean_goldstein`` and the events per quad class."""
    sql = (f"SELECT e.location_name, upper(e.location_country), {_LAT}, {_LON}, "
           "count(*), sum(c.goldstein), count(c.goldstein), "
           + ", ".join(f"sum(c.quad = {q})" for q in (1, 2, 3, 4))
           + f" FROM {EVENT_FROM}"
           + flt.sql("(e.location_name IS NOT NULL OR e.location_country IS NOT NULL)")
           + " GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 1, 2")
    places = []
    for name, country, lat, lon, n, total, scored, *quads in conn.execute(sql, flt.params):
        located = isinstance(lat, (int, float)) and isinstance(lon, (int, float))
        places.append({
            "name": name, "country": country,
            "lat": float(lat) if located else None, "lon": float(lon) if located else None,
            "events": n, "mean_goldstein": _mean(total, scored),
            **{f"quad{q}": int(v or 0) for q, v in zip((1, 2, 3, 4), quads, strict=True)},
        })
    return places


def country_counts(conn: sqlite3.Connection, flt: EventFilter, by: str = "any") -> list[Record]:
    """Matching events per country (``by``: ``place``, ``actor``, ``recipient`` or ``any``
    side), most first: ``country``, ``events`` and ``mean_goldstein``."""
    try:
        expr, joins = COUNTRY_BASES[by]
    except KeyError:
        raise UsageError(f"by must be one of {', '.join(COUNTRY_BASES)}, got {by!r}") from None
    sql = (f"SELECT k, count(*), sum(g), count(g) FROM (SELECT DISTINCT c.id, {expr} AS k, "
           f"c.goldstein AS g FROM {EVENT_FROM}{joins}" + flt.sql() + ") "
           "WHERE k IS NOT NULL AND k <> '' GROUP BY k ORDER BY 2 DESC, k")
    return [{"country": k, "events": n, "mean_goldstein": _mean(total, scored)}
            for k, n, total, scored in conn.execute(sql, flt.params)]


def map_data(conn: sqlite3.Connection, flt: EventFilter, by: str = "any") -> Record:
    """Everything the map shows for one filtered view: the places, the country counts
    (``by`` as in :func:`country_counts`), how many events match and how many of them have
    a place."""
    places = event_places(conn, flt)
    return {"by": by, "total": count_events(conn, flt),
            "located": sum(p["events"] for p in places),
            "with_coordinates": sum(p["events"] for p in places if p["lat"] is not None),
            "places": places, "countries": country_counts(conn, flt, by)}
