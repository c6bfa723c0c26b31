"""The map (``/map``) and the dyad network (``/network``): URLs to store queries and back.

Both pages take the events explorer's filters (``since``, ``until``, ``type``,
``country``, ``actor``, ... parsed by :func:`communique.serve.explorer.parse_query`), so a
view of ``/events`` can be seen as a map or a network with the same query string, plus a
few of their own: the map's ``by`` (which country an event counts for) and the network's
``level`` (countries or full actor codes), ``min`` (fewest events an edge needs) and
``edges`` (most edges drawn). The numbers come from :mod:`communique.store.geography` and
:mod:`communique.store.network`; this module adds the links each country, place, node and
edge leads to, every one carrying the view's filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import urlencode

from communique.serve import explorer, params
from communique.store import Corpus
from communique.store.filters import EventQuery
from communique.store.geography import map_data
from communique.store.network import DEFAULT_MAX_EDGES, dyad_network

Record = dict[str, Any]

# The map's ``by``: label, and the /events filter a country sets.
MAP_BASES = {
    "any": ("Either side", "country"),
    "actor": ("Actor's country", "actor"),
    "recipient": ("Recipient's country", "recipient"),
    "place": ("Where it happened", "place"),
}
NETWORK_LEVELS = {"country": "Country (else code)", "code": "Full actor code"}
MAX_EDGES = 500
# The filters the dyad page takes, carried from a network edge to it.
_DYAD_FILTERS = ("type", "quad", "since", "until")


def _url(path: str, values: Mapping[str, object]) -> str:
    query = urlencode({k: str(v) for k, v in values.items() if v is not None})
    return path + (f"?{query}" if query else "")


@dataclass(frozen=True)
class MapView:
    """What one ``/map`` URL asks for."""

    query: EventQuery
    by: str = "any"

    def params(self) -> dict[str, str]:
        """The URL parameters (defaults left out)."""
        return self.query.params() | ({"by": self.by} if self.by != "any" else {})


@dataclass(frozen=True)
class NetworkView:
    """What one ``/network`` URL asks for."""

    query: EventQuery
    level: str = "country"
    min_events: int = 1
    max_edges: int = DEFAULT_MAX_EDGES

    def params(self) -> dict[str, str]:
        """The URL parameters (defaults left out)."""
        own = {"level": (self.level, "country"), "min": (str(self.min_events), "1"),
               "edges": (str(self.max_edges), str(DEFAULT_MAX_EDGES))}
        return self.query.params() | {k: v for k, (v, default) in own.items() if v != default}


def _events_query(qp: Mapping[str, str]) -> EventQuery:
    query = explorer.parse_query("events", qp)
    assert isinstance(query, EventQuery)
    return query


def parse_map(qp: Mapping[str, str]) -> MapView:
    """The view ``/map?...`` asks for; a bad parameter is a 400 naming it."""
    return MapView(_events_query(qp), params.choice(qp, "by", MAP_BASES, "any"))


def parse_network(qp: Mapping[str, str]) -> NetworkView:
    """The view ``/network?...`` asks for; a bad parameter is a 400 naming it."""
    return NetworkView(_events_query(qp), params.choice(qp, "level", NETWORK_LEVELS, "country"),
                       params.integer(qp, "min", 1, 1, 100_000),
                       params.integer(qp, "edges", DEFAULT_MAX_EDGES, 1, MAX_EDGES))


def _links(page: str, view: MapView | NetworkView) -> Record:
    """The URLs around a view: itself, its JSON twin, the same filters on the other pages
    and the view without each filter (the chips)."""
    filters, own = view.query.params(), view.params()
    return {"self": _url(page, own), "api": _url("/api" + page, own),
            "events": _url("/events", filters), "map": _url("/map", filters),
            "network": _url("/network", filters), "clear": page,
            "remove": {name: _url(page, {k: v for k, v in own.items() if k != name})
                       for name in filters}}


def map_view_data(corpus: Corpus, view: MapView) -> Record:
    """The map's data (:func:`communique.store.geography.map_data`) with the filters and,
    on every country and place, the URL of its events in the explorer."""
    data = map_data(corpus.conn, view.query.conditions(), view.by)
    filters = view.query.params()
    field = MAP_BASES[view.by][1]
    for country in data["countries"]:
        country["url"] = _url("/events", filters | {field: country["country"]})
    for place in data["places"]:
        place["url"] = _url("/events", filters | {"place": place["name"] or place["country"]})
    return data | {"filters": filters, "links": _links("/map", view)}


def network_view_data(corpus: Corpus, view: NetworkView) -> Record:
    """The network's data (:func:`communique.store.network.dyad_network`) with the filters
    and the URLs of each node's actor page and each edge's dyad page and events."""
    data = dyad_network(corpus.conn, view.query.conditions(), level=view.level,
                        min_events=view.min_events, max_edges=view.max_edges)
    filters = view.query.params()
    dyad = {k: v for k, v in filters.items() if k in _DYAD_FILTERS}
    for node in data["nodes"]:
        node["url"] = "/actor/" + urlquote(node["id"], safe="")
    for edge in data["edges"]:
        pair = urlquote(edge["source"], safe="") + "/" + urlquote(edge["target"], safe="")
        edge["url"] = _url("/dyad/" + pair, dyad)
        edge["events_url"] = _url("/events", filters | {"actor": edge["source"],
                                                        "recipient": edge["target"]})
    return data | {"filters": filters, "links": _links("/network", view)}
