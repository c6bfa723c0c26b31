"""``communique serve``: a local, read-only web UI and JSON API over a corpus database.

Stack: Starlette + Jinja2 + uvicorn (the ``serve`` extra). Jinja2 is already installed
with spaCy and autoescapes every value by default, which is what makes rendering
article-derived text safe; Starlette is a small, typed ASGI toolkit with a fast test
client and no ORM or schema machinery we would not use; uvicorn is its standard server.
The standard library's ``http.server`` was considered and rejected: it has no routing,
no templating with autoescape and is documented as not for anything beyond basic use.
Pages are rendered on the server (SVG charts included) and static assets ship in the
package, so the UI works fully offline.

Modules: ``pages`` (what each page shows, as data; the library the routes wrap),
``queries`` (read-only SQL beyond :class:`communique.store.Corpus`), ``highlight``
(article text with spans marked), ``charts`` (SVG), ``params`` (request validation),
``openapi`` (the API description), ``explorer`` (the /events, /quotes and /actors pages:
URL parameters to filters and back, downloads), ``app`` (routes, errors, security headers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from starlette.applications import Starlette

__all__ = ["create_app"]


def create_app(db: Any) -> Starlette:
    """The web application over the database at ``db`` (needs ``communique[serve]``)."""
    from communique.serve.app import create_app as _create

    return _create(db)
