"""The explorer pages ``/events``, ``/quotes`` and ``/actors`` and their JSON twins.

A request's query string becomes a :class:`View`: one of the query objects of
:mod:`communique.store.filters` (the filters ``communique events`` takes, spelled as URL
parameters), a sort order, a page number and a page size. :func:`view_data` lists one page
of it with the total and the facet counts (:mod:`communique.store.explore`), and
:func:`download` writes every matching row as CSV or JSON, with the columns and records of
``communique events --csv``/``--json``. :func:`links` builds the URLs a page shows
(permalink, facet values, pages, downloads) from the view alone, so a URL always carries
every filter and the same URL always gives the same view.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from math import ceil
from typing import Any
from urllib.parse import urlencode

from communique.serve import params
from communique.store import Corpus
from communique.store import explore as ex
from communique.store.filters import ActorQuery, EventQuery, QuoteQuery, url_param
from communique.store.reader import ACTOR_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS

Record = dict[str, Any]
Query = EventQuery | QuoteQuery | ActorQuery

FORMATS = ("html", "csv", "json")

# Sort orders each page offers, with their labels; the first is the default.
SORTS: dict[str, dict[str, str]] = {
    "events": {"newest": "Newest first", "oldest": "Oldest first",
               "reported": "Most reported", "conflict": "Most conflictual (Goldstein)",
               "cooperation": "Most cooperative (Goldstein)", "confidence": "Most confident"},
    "quotes": {"newest": "Newest first", "oldest": "Oldest first",
               "reported": "Most reported"},
    # Actors have no date of their own: the most frequent come first.
    "actors": {"articles": "Most articles", "mentions": "Most mentions", "name": "Name"},
}
COLUMNS = {"events": EVENT_COLUMNS, "quotes": QUOTE_COLUMNS, "actors": ACTOR_COLUMNS}
# Facet titles, in the order the page shows them.
FACETS = {
    "events": {"type": "Type", "quad": "Quad class", "country": "Country (either side)",
               "place": "Place", "outlet": "Outlet"},
    "quotes": {"speaker": "Speaker", "country": "Speaker country", "kind": "Kind",
               "outlet": "Outlet"},
    "actors": {"kind": "Kind", "country": "Country", "sector": "Sector"},
}


@dataclass(frozen=True)
class View:
    """What one explorer URL asks for."""

    kind: str  # events, quotes or actors
    query: Query
    sort: str
    limit: int = params.DEFAULT_LIMIT
    offset: int = 0
    page: int = 1

    def params(self, **changes: Any) -> dict[str, str]:
        """The URL parameters of this view with ``changes`` applied (``None`` drops one), in
        one fixed order and without defaults, so equal views have equal URLs."""
        out = self.query.params() | {"sort": self.sort, "limit": str(self.limit),
                                     "page": str(self.page)}
        for key, value in changes.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = str(value)
        defaults = {"sort": next(iter(SORTS[self.kind])), "limit": str(params.DEFAULT_LIMIT),
                    "page": "1"}
        order = [f.name for f in fields(self.query)] + ["sort", "limit", "page", "format"]
        return {k: out[k] for k in sorted(out, key=order.index) if defaults.get(k) != out[k]}

    def url(self, **changes: Any) -> str:
        """``/<kind>`` with :meth:`params` as its query string."""
        query = urlencode(self.params(**changes))
        return f"/{self.kind}" + (f"?{query}" if query else "")


def _short_text(qp: Mapping[str, str], name: str) -> str | None:
    return params.text(qp, name, max_length=20)


# How each filter is read from a URL (any other: free text of up to 200 characters).
_PARSERS: dict[str, Callable[[Mapping[str, str], str], Any]] = {
    "actor": params.optional_code, "recipient": params.optional_code,
    "country": params.optional_code, "sector": params.optional_code,
    "type": params.event_type, "quad": params.quad, "kind": _short_text,
    "since": params.iso_date, "until": params.iso_date, "min_confidence": params.fraction,
}
QUERIES: dict[str, type[Query]] = {"events": EventQuery, "quotes": QuoteQuery,
                                   "actors": ActorQuery}


def parse_query(kind: str, qp: Mapping[str, str]) -> Query:
    """The filters of ``/<kind>?...``, validated (the map and the network take the
    events' filters too); :class:`~communique.errors.ParameterError` or
    :class:`~communique.errors.UsageError` (both HTTP 400) name a bad parameter."""
    cls = QUERIES[kind]
    query = cls(**{f.name: _PARSERS.get(f.name, params.text)(qp, f.name)
                   for f in fields(cls)})
    return query.validated(url_param)


def parse_view(kind: str, qp: Mapping[str, str]) -> View:
    """The view ``/<kind>?...`` asks for: its filters (:func:`parse_query`), sort order
    and page."""
    sort = params.choice(qp, "sort", SORTS[kind], next(iter(SORTS[kind])))
    limit, offset, page = params.paging(qp)
    return View(kind, parse_query(kind, qp), sort, limit, offset, page)


def output_format(qp: Mapping[str, str]) -> str:
    """``format``: html (the page), csv or json (a download of every matching row)."""
    return params.choice(qp, "format", FORMATS, "html")


def _select(conn: Any, view: View, limit: int | None, offset: int, *,
            summary: bool) -> tuple[list[Record], int, dict[str, list[Record]]]:
    """The view's rows in ``[offset, offset + limit)`` and, when ``summary``, its total and
    facet counts."""
    q = view.query
    window: dict[str, Any] = {"sort": view.sort, "limit": limit, "offset": offset}
    if isinstance(q, EventQuery):
        flt = q.conditions()
        rows = list(ex.iter_events(conn, flt, **window))
        return (rows, ex.count_events(conn, flt) if summary else len(rows),
                ex.event_facets(conn, flt) if summary else {})
    if isinstance(q, QuoteQuery):
        cond = q.conditions()
        rows = list(ex.iter_quotes(conn, cond, **window))
        return (rows, ex.count_quotes(conn, cond) if summary else len(rows),
                ex.quote_facets(conn, cond) if summary else {})
    rows = [a | {"id": a["name"]} for a in ex.list_actors(conn, q, **window)]
    return (rows, ex.count_actors(conn, q) if summary else len(rows),
            ex.actor_facets(conn, q) if summary else {})


def view_data(corpus: Corpus, view: View) -> Record:
    """One page of the view: its rows (under the view's kind: ``events``, ``quotes`` or
    ``actors``), the total, the facet counts, the filters and the paging."""
    rows, total, facets = _select(corpus.conn, view, view.limit, view.offset, summary=True)
    return {
        "kind": view.kind, "filters": view.query.params(), "sort": view.sort,
        "total": total, "page": view.page, "pages": max(1, ceil(total / view.limit)),
        "limit": view.limit, "offset": view.offset, view.kind: rows, "facets": facets,
    }


def download(corpus: Corpus, view: View, fmt: str) -> tuple[str, str, str]:
    """Every row of the view (not one page) as ``(body, media type, file name)``: CSV
    with a header, or a JSON array, with the columns ``communique <kind>`` writes."""
    columns = COLUMNS[view.kind]
    rows, _, _ = _select(corpus.conn, view, None, 0, summary=False)
    name = f"communique-{view.kind}"
    if fmt == "json":
        body = json.dumps([{k: r.get(k) for k in columns} for r in rows], ensure_ascii=False,
                          indent=1)
        return body + "\n", "application/json", name + ".json"
    out = io.StringIO()
    ex.write_csv(rows, columns, out)
    return out.getvalue(), "text/csv; charset=utf-8", name + ".csv"


def _page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to show: the first, the last and ``around`` on each side of ``page``,
    ``None`` marking a gap."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out


def links(view: View, data: Record) -> Record:
    """The URLs the page shows: permalink, downloads, page numbers, a link per facet value
    (the view with that filter set, from page 1) and one removing each active filter."""
    base = replace(view, page=1)
    last = min(data["pages"], params.MAX_OFFSET // view.limit + 1)
    facets = {
        name: [item | {"url": base.url(**{name: item["value"]}),
                       "active": data["filters"].get(name) == str(item["value"])}
               for item in data["facets"].get(name, [])]
        for name in FACETS[view.kind]
    }
    return {
        "self": view.url(),
        "csv": base.url(page=None, limit=None, format="csv"),
        "json": base.url(page=None, limit=None, format="json"),
        "clear": f"/{view.kind}",
        "remove": {name: base.url(**{name: None}) for name in data["filters"]},
        "pages": [(n, view.url(page=n) if n else None)
                  for n in _page_numbers(min(view.page, last), last)],
        "previous": view.url(page=view.page - 1) if view.page > 1 else None,
        "next": view.url(page=view.page + 1) if view.page < last else None,
        "facets": facets,
    }
