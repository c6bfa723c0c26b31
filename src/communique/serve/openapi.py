"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``.

Written by hand (Starlette has no schema generator worth its dependencies) and checked by
``tests/serve/test_api.py``: every path here is routed and every API route is here.
"""

from __future__ import annotations

from typing import Any

from communique import __version__
from communique.serve.params import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET


def _param(name: str, where: str, description: str, schema: dict[str, Any],
           required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": where, "description": description,
            "required": required or where == "path", "schema": schema}


_STR = {"type": "string", "maxLength": 200}
_CODE = {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9]{1,19}$"}
_DATE = {"type": "string", "format": "date"}
_PAGE = [
    _param("limit", "query", "page size", {"type": "integer", "minimum": 1,
                                           "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}),
    _param("offset", "query", "rows to skip", {"type": "integer", "minimum": 0,
                                               "maximum": MAX_OFFSET, "default": 0}),
]
_EVENT_FILTERS = [
    _param("type", "query", "PLOVER type (CONSULT) or CAMEO code prefix (036)", _STR),
    _param("quad", "query", "quad class 1-4", {"type": "integer", "minimum": 1, "maximum": 4}),
    _param("since", "query", "first event date (inclusive)", _DATE),
    _param("until", "query", "last event date (inclusive)", _DATE),
]
_ERRORS = {
    "400": {"description": "invalid parameter",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
    "404": {"description": "unknown id",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
}


def _get(summary: str, parameters: list[dict[str, Any]], description: str) -> dict[str, Any]:
    return {"get": {"summary": summary, "description": description, "parameters": parameters,
                    "responses": {"200": {"description": "OK", "content": {
                        "application/json": {"schema": {"type": "object"}}}}, **_ERRORS}}}


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "communique corpus API",
        "version": __version__,
        "description": "Read-only JSON over a communique corpus database: merged events and "
                       "quotes, actors, dyads and the stored communique/1 documents. Events "
                       "and quotes are corpus-level records; each links to its evidence "
                       "(article_id + per-article event/quote id).",
    },
    "paths": {
        "/api/dashboard": _get("Corpus overview", [],
                               "Counts, events per month by quad class, top actors and "
                               "dyads, latest events and articles."),
        "/api/actors": _get("Actors", [
            _param("country", "query", "country code filter (e.g. KEN)", _STR),
            _PAGE[0]], "Entities grouped by name and code, most frequent first."),
        "/api/actor/{actor_id}": _get("One actor", [
            _param("actor_id", "path", "a stored actor code (KENGOV, KEN) or an actor name "
                                       "(William Ruto)", _STR), *_PAGE],
            "Codes, learned roles, events as actor and as recipient, quotes, timeline."),
        "/api/dyad/{actor}/{recipient}": _get("Dyad", [
            _param("actor", "path", "actor country or code prefix", _CODE),
            _param("recipient", "path", "recipient country or code prefix", _CODE),
            *_EVENT_FILTERS, *_PAGE],
            "Monthly counts by quad class and mean Goldstein, and the filtered events."),
        "/api/article/{article_id}": _get("One article", [
            _param("article_id", "path", "article id", _STR)],
            "The stored communique/1 document, with corpus_id on each event and quote."),
        "/api/events": _get("Merged events", [
            _param("actor", "query", "actor country or code prefix", _CODE),
            _param("recipient", "query", "recipient country or code prefix", _CODE),
            *_EVENT_FILTERS, *_PAGE], "Filtered merged events with the total count."),
        "/api/event/{event_id}": _get("One merged event", [
            _param("event_id", "path", "corpus event id (ev-...)", _STR)],
            "The merged event and every per-article mention it was built from."),
        "/api/search": _get("Full-text search", [
            _param("q", "query", "words to find in article and quote text", _STR),
            _param("speaker", "query", "part of a speaker name (filters quotes)", _STR),
            *_PAGE], "Articles (with snippets) and merged quotes matching the words."),
    },
    "components": {"schemas": {"Error": {
        "type": "object", "required": ["error", "status"],
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}}},
}
