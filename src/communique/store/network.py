"""The dyad network of filtered events: actors as nodes, actor -> recipient pairs as edges.

An edge counts the merged events in which one party acts on the other, with their mean
Goldstein score (cooperation > 0 > conflict). Parties are keyed as ``communique dyads``
and the dashboard's top dyads key them (:func:`communique.store.reader.top_dyads`): by
country, else by code (``level="country"``: ``RUS``, ``IGOUNO``), so an edge's numbers are
the ones the dyad page ``/dyad/<actor>/<recipient>`` starts from; ``level="code"`` keys
them by the full CAMEO code instead (``RUSGOV``, ``RUSMIL``). An event counts once per
pair of its parties, and self-pairs (reciprocal events list both sides on both roles) are
left out.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from communique.errors import UsageError
from communique.store.explore import EVENT_FROM
from communique.store.filters import EventFilter

Record = dict[str, Any]

LEVELS = {"country": "upper(coalesce(country, code))", "code": "upper(coalesce(code, country))"}
DEFAULT_MAX_EDGES = 100


def dyad_edges(conn: sqlite3.Connection, flt: EventFilter, *,
               level: str = "country") -> list[Record]:
    """Every (actor, recipient) pair of the matching events, most events first:
    ``source``, ``target``, ``events`` and ``mean_goldstein``."""
    try:
        key = LEVELS[level]
    except KeyError:
        raise UsageError(f"level must be one of {', '.join(LEVELS)}, got {level!r}") from None
    side = ("(SELECT corpus_event_id, {key} AS k FROM corpus_event_participants "
            "WHERE role = '{role}')")
    sql = (
        "SELECT s, t, count(*), sum(g), count(g) FROM (SELECT DISTINCT c.id, a.k AS s, "
        f"r.k AS t, c.goldstein AS g FROM {EVENT_FROM} "
        f"JOIN {side.format(key=key, role='actor')} a ON a.corpus_event_id = c.id "
        f"JOIN {side.format(key=key, role='recipient')} r ON r.corpus_event_id = c.id"
        + flt.sql("a.k IS NOT NULL", "r.k IS NOT NULL", "a.k <> r.k")
        + ") GROUP BY s, t ORDER BY 3 DESC, 1, 2"
    )
    return [{"source": s, "target": t, "events": n,
             "mean_goldstein": round(float(total) / scored, 2) if scored else None}
            for s, t, n, total, scored in conn.execute(sql, flt.params)]


def dyad_network(conn: sqlite3.Connection, flt: EventFilter, *, level: str = "country",
                 min_events: int = 1, max_edges: int = DEFAULT_MAX_EDGES) -> Record:
    """The network of the matching events: the ``max_edges`` busiest pairs with at least
    ``min_events`` events each (``edges``), the parties they join (``nodes``: ``id``,
    ``as_actor`` and ``as_recipient``, the events of the shown edges on each side,
    ``events`` their sum), and ``pairs``, how many pairs there are before that cut."""
    if min_events < 1:
        raise UsageError(f"min_events must be at least 1, got {min_events}")
    if max_edges < 1:
        raise UsageError(f"max_edges must be at least 1, got {max_edges}")
    every = dyad_edges(conn, flt, level=level)
    edges = [edge for edge in every if edge["events"] >= min_events][:max_edges]
    sides: dict[str, dict[str, int]] = defaultdict(lambda: {"as_actor": 0, "as_recipient": 0})
    for edge in edges:
        sides[edge["source"]]["as_actor"] += edge["events"]
        sides[edge["target"]]["as_recipient"] += edge["events"]
    nodes: list[Record] = [
        {"id": node, **counts, "events": counts["as_actor"] + counts["as_recipient"]}
        for node, counts in sorted(sides.items(),
                                   key=lambda item: (-sum(item[1].values()), item[0]))]
    return {"level": level, "min_events": min_events, "max_edges": max_edges,
            "pairs": len(every), "shown": len(edges), "nodes": nodes, "edges": edges}
