"""The Starlette application: routes are thin shells over :mod:`communique.serve.pages`.

Each request opens its own read-only connection (``open_corpus`` uses ``mode=ro``; we add
``PRAGMA query_only``): SQLite connections are not shared between the worker threads
Starlette runs sync endpoints in, and opening a local file costs well under a millisecond.
Errors never show a traceback: bad parameters give 400, unknown ids 404, anything else a
generic 500 page. Every response carries a strict Content-Security-Policy (scripts and
styles only from this server), a second line of defence behind Jinja2's autoescaping.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from communique.errors import NotFoundError, StoreError, UsageError
from communique.serve import (
    charts,
    explorer,
    highlight,
    openapi,
    pages,
    params,
    queries,
    visuals,
)
from communique.store import Corpus, open_corpus
from communique.store.network import DEFAULT_MAX_EDGES
from communique.store.schema import describe_error

log = logging.getLogger("communique.serve")
HERE = Path(__file__).resolve().parent

SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


def _safe_url(url: object) -> str | None:
    """An article URL fit for an ``href``: http(s) only, so ``javascript:`` never links."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _snippet(text: object) -> Markup:
    """An FTS snippet, escaped, with only the match markers turned into ``<mark>``."""
    safe = str(escape(str(text or "")))
    return Markup(safe.replace(queries.MARK_OPEN, "<mark>").replace(queries.MARK_CLOSE,
                                                                      "</mark>"))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(["html", "svg"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["seg"] = lambda v: urlquote(str(v), safe="")
    env.filters["actor_url"] = highlight.actor_href
    env.filters["safe_url"] = _safe_url
    env.filters["snippet"] = _snippet
    env.filters["frag"] = highlight.fragment
    env.globals["QUADS"] = charts.QUADS
    env.globals["sentence"] = highlight.event_sentence
    env.globals["chart_spec"] = charts.chart_spec
    env.globals["chart_notes"] = charts.notes
    env.globals["urlencode"] = urlencode
    return env


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in SECURITY_HEADERS.items():
                    if key.encode() not in present:
                        headers.append((key.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _Site:
    """Routes bound to one database path and one template environment."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.env = _environment()

    def corpus(self) -> Corpus:
        corpus = open_corpus(self.db)
        corpus.conn.execute("PRAGMA query_only = ON")
        return corpus

    def html(self, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        body = self.env.get_template(template).render(**context)
        return HTMLResponse(body, status_code=status)

    def page(self, template: str, build: Callable[[Corpus], dict[str, Any]]) -> Response:
        with self.corpus() as corpus:
            data = build(corpus)
        return self.html(template, data=data)

    def api(self, build: Callable[[Corpus], Any]) -> Response:
        with self.corpus() as corpus:
            return JSONResponse(build(corpus))

    # -- pages --------------------------------------------------------------------------

    def dashboard(self, request: Request) -> Response:
        return self.page("dashboard.html", pages.dashboard_data)

    def actor(self, request: Request) -> Response:
        actor_id, limit, offset = self._actor_args(request)
        return self.page("actor.html", lambda c: pages.actor_data(
            c, actor_id, limit=limit, offset=offset))

    def dyad(self, request: Request) -> Response:
        args = self._dyad_args(request)
        return self.page("dyad.html", lambda c: pages.dyad_data(c, **args))

    def article(self, request: Request) -> Response:
        article_id = params.identifier(request.path_params["article_id"], "article id")
        with self.corpus() as corpus:
            document = pages.article_data(corpus, article_id)
        speakers = {str(q["id"]): (q.get("speaker") or {}).get("name") or "?"
                    for q in document.get("quotes") or []}
        body = highlight.render(document["article"]["text"] or "",
                                highlight.collect_spans(document), speakers)
        return self.html("article.html", data=document, body=body)

    def event(self, request: Request) -> Response:
        event_id = params.identifier(request.path_params["event_id"], "event id")
        return self.page("event.html", lambda c: pages.event_detail(c, event_id))

    def search(self, request: Request) -> Response:
        q, speaker, limit, offset = self._search_args(request.query_params)
        return self.page("search.html", lambda c: pages.search_data(
            c, q, speaker=speaker, limit=limit, offset=offset))

    def events(self, request: Request) -> Response:
        return self.explore(request, "events")

    def quotes(self, request: Request) -> Response:
        return self.explore(request, "quotes")

    def actors(self, request: Request) -> Response:
        return self.explore(request, "actors")

    def explore(self, request: Request, kind: str) -> Response:
        """An explorer page, or with ``format=csv``/``json`` every row of its view."""
        view = explorer.parse_view(kind, request.query_params)
        fmt = explorer.output_format(request.query_params)
        with self.corpus() as corpus:
            if fmt != "html":
                body, media_type, filename = explorer.download(corpus, view, fmt)
                return Response(body, media_type=media_type, headers={
                    "content-disposition": f'attachment; filename="{filename}"'})
            data = explorer.view_data(corpus, view)
        return self.html(f"{kind}.html", data=data, links=explorer.links(view, data),
                         sorts=explorer.SORTS[kind], facet_titles=explorer.FACETS[kind])

    def map(self, request: Request) -> Response:
        view = visuals.parse_map(request.query_params)
        with self.corpus() as corpus:
            data = visuals.map_view_data(corpus, view)
        return self.html("map.html", data=data, bases=visuals.MAP_BASES)

    def network(self, request: Request) -> Response:
        view = visuals.parse_network(request.query_params)
        with self.corpus() as corpus:
            data = visuals.network_view_data(corpus, view)
        return self.html("network.html", data=data, levels=visuals.NETWORK_LEVELS,
                         default_edges=DEFAULT_MAX_EDGES)

    def api_docs(self, request: Request) -> Response:
        return self.html("api.html", spec=openapi.SPEC)

    # -- API ----------------------------------------------------------------------------

    def api_spec(self, request: Request) -> Response:
        return JSONResponse(openapi.SPEC)

    def api_dashboard(self, request: Request) -> Response:
        return self.api(pages.dashboard_data)

    def api_actors(self, request: Request) -> Response:
        return self.api_list(request, "actors")

    def api_actor(self, request: Request) -> Response:
        actor_id, limit, offset = self._actor_args(request)
        return self.api(lambda c: pages.actor_data(c, actor_id, limit=limit, offset=offset))

    def api_dyad(self, request: Request) -> Response:
        args = self._dyad_args(request)
        return self.api(lambda c: pages.dyad_data(c, **args))

    def api_article(self, request: Request) -> Response:
        article_id = params.identifier(request.path_params["article_id"], "article id")
        return self.api(lambda c: pages.article_data(c, article_id))

    def api_events(self, request: Request) -> Response:
        return self.api_list(request, "events")

    def api_quotes(self, request: Request) -> Response:
        return self.api_list(request, "quotes")

    def api_list(self, request: Request, kind: str) -> Response:
        """The JSON twin of an explorer page: the same parameters, one page of rows, the
        total and the facets."""
        view = explorer.parse_view(kind, request.query_params)
        return self.api(lambda c: explorer.view_data(c, view))

    def api_map(self, request: Request) -> Response:
        view = visuals.parse_map(request.query_params)
        return self.api(lambda c: visuals.map_view_data(c, view))

    def api_network(self, request: Request) -> Response:
        view = visuals.parse_network(request.query_params)
        return self.api(lambda c: visuals.network_view_data(c, view))

    def api_event(self, request: Request) -> Response:
        event_id = params.identifier(request.path_params["event_id"], "event id")
        return self.api(lambda c: pages.event_detail(c, event_id))

    def api_search(self, request: Request) -> Response:
        q, speaker, limit, offset = self._search_args(request.query_params)
        return self.api(lambda c: pages.search_data(c, q, speaker=speaker, limit=limit,
                                                    offset=offset))

    # -- shared argument parsing --------------------------------------------------------

    @staticmethod
    def _actor_args(request: Request) -> tuple[str, int, int]:
        actor_id = params.identifier(request.path_params["actor_id"], "actor id")
        limit, offset = params.page(request.query_params)
        return actor_id, limit, offset

    @staticmethod
    def _dyad_args(request: Request) -> dict[str, Any]:
        qp = request.query_params
        limit, offset = params.page(qp)
        return {
            "actor": params.code(request.path_params["actor"], "actor"),
            "recipient": params.code(request.path_params["recipient"], "recipient"),
            "type": params.event_type(qp), "quad": params.quad(qp),
            "since": params.iso_date(qp, "since"), "until": params.iso_date(qp, "until"),
            "limit": limit, "offset": offset,
        }

    @staticmethod
    def _search_args(qp: Mapping[str, str]) -> tuple[str | None, str | None, int, int]:
        q = params.text(qp, "q")
        speaker = params.text(qp, "speaker")
        limit, offset = params.page(qp)
        return q, speaker, limit, offset

    # -- errors -------------------------------------------------------------------------

    def error(self, request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return self.html("error.html", status=status, status_code=status, message=message)

    async def on_parameter(self, request: Request, exc: Exception) -> Response:
        return self.error(request, 400, str(exc))

    async def on_not_found(self, request: Request, exc: Exception) -> Response:
        return self.error(request, 404, str(exc))

    async def on_http(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        messages = {404: "no such page", 405: "method not allowed (this server is read-only)"}
        return self.error(request, exc.status_code,
                          messages.get(exc.status_code, "request not accepted"))

    async def on_database(self, request: Request, exc: Exception) -> Response:
        """A database that fails while a page is read (a damaged page, an I/O error):
        the store's one-line message naming the file and what to do, not "internal error"."""
        store_error: Exception = exc
        if isinstance(exc, sqlite3.Error):
            store_error = describe_error(self.db, exc)
        log.error("database error serving %s: %s", request.url.path, store_error)
        return self.error(request, 500, str(store_error))

    async def on_error(self, request: Request, exc: Exception) -> Response:
        # Logged for the operator; the client gets no traceback nor exception text.
        log.error("error serving %s", request.url.path, exc_info=exc)
        return self.error(request, 500, "internal error (see the server log)")


def create_app(db: str | Path) -> Starlette:
    """The web application serving the corpus database at ``db`` (read-only).

    The database is opened once here so a wrong path fails at start-up with the store's
    own error (``NotADatabaseError`` / ``SchemaVersionError``), not on the first request.
    """
    path = Path(db)
    open_corpus(path).close()
    site = _Site(path)
    routes = [
        Route("/", site.dashboard, name="dashboard"),
        Route("/actor/{actor_id:path}", site.actor, name="actor"),
        Route("/dyad/{actor}/{recipient}", site.dyad, name="dyad"),
        Route("/article/{article_id:path}", site.article, name="article"),
        Route("/event/{event_id}", site.event, name="event"),
        Route("/search", site.search, name="search"),
        Route("/events", site.events, name="events"),
        Route("/quotes", site.quotes, name="quotes"),
        Route("/actors", site.actors, name="actors"),
        Route("/map", site.map, name="map"),
        Route("/network", site.network, name="network"),
        Route("/api", site.api_docs, name="api_docs"),
        Route("/api/openapi.json", site.api_spec),
        Route("/api/dashboard", site.api_dashboard),
        Route("/api/actors", site.api_actors),
        Route("/api/actor/{actor_id:path}", site.api_actor),
        Route("/api/dyad/{actor}/{recipient}", site.api_dyad),
        Route("/api/article/{article_id:path}", site.api_article),
        Route("/api/events", site.api_events),
        Route("/api/event/{event_id}", site.api_event),
        Route("/api/quotes", site.api_quotes),
        Route("/api/map", site.api_map),
        Route("/api/network", site.api_network),
        Route("/api/search", site.api_search),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    handlers: dict[Any, Any] = {
        UsageError: site.on_parameter,  # ParameterError included
        NotFoundError: site.on_not_found,
        HTTPException: site.on_http,
        StoreError: site.on_database,
        sqlite3.Error: site.on_database,
        Exception: site.on_error,
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.add_middleware(SecurityHeaders)
    return app
