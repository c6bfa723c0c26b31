"""The OpenAPI 3.1 description of the JSON API, served at ``/api/openapi.json``.

Written by hand (Starlette has no schema generator worth its dependencies) and checked by
``tests/serve/test_api.py``: every path here is routed and every API route is here.
"""

from __future__ import annotations

from typing import Any

from communique._version import __version__
from communique.serve.explorer import SORTS
from communique.serve.params import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET
from communique.serve.visuals import MAP_BASES, MAX_EDGES, NETWORK_LEVELS
from communique.store.network import DEFAULT_MAX_EDGES


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
# The filters of /events, which /map and /network take too.
_EXPLORER_EVENT_FILTERS = [
    _param("actor", "query", "actor country or code prefix", _CODE),
    _param("recipient", "query", "recipient country or code prefix", _CODE),
    _param("country", "query", "country or code prefix of either side", _CODE),
    *_EVENT_FILTERS,
    _param("min_confidence", "query", "lowest confidence of the representative "
           "mention", {"type": "number", "minimum": 0, "maximum": 1}),
    _param("place", "query", "location country code or part of its name", _STR),
    _param("outlet", "query", "an outlet of some reporting article", _STR),
    _param("q", "query", "words the event's sentence holds", _STR),
]
_NUMBERED = [
    _PAGE[0],
    _param("page", "query", "page number (from 1); or offset, not both",
           {"type": "integer", "minimum": 1}),
    _PAGE[1],
]


def _sort(kind: str) -> dict[str, Any]:
    orders = list(SORTS[kind])
    return _param("sort", "query", "sort order", {"type": "string", "enum": orders,
                                                  "default": orders[0]})


_SINCE_UNTIL = [_param("since", "query", "first date (inclusive)", _DATE),
                _param("until", "query", "last date (inclusive)", _DATE)]
_LIST = ("{what} matching every filter given: one page of them, the total, the page count "
         "and facet counts of the whole filtered set. The explorer page {page} takes the "
         "same parameters and, with format=csv or format=json, downloads every matching "
         "row.")
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
                               "Counts, events per month by quad class on the corpus's "
                               "own months (with the events left off the chart counted), "
                               "top actors and dyads, latest events and articles."),
        "/api/actors": _get("Actors", [
            _param("q", "query", "part of the actor's name", _STR),
            _param("country", "query", "country code (e.g. KEN)", _CODE),
            _param("kind", "query", "person, organisation, group, country", _STR),
            _param("sector", "query", "sector code (GOV, MIL)", _CODE),
            _param("outlet", "query", "count only articles of this outlet", _STR),
            *_SINCE_UNTIL, _sort("actors"), *_NUMBERED],
            _LIST.format(what="Actors (entities grouped by name and code)",
                         page="/actors")),
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
        "/api/events": _get("Merged events", [*_EXPLORER_EVENT_FILTERS, _sort("events"),
                                              *_NUMBERED],
            _LIST.format(what="Merged events", page="/events")),
        "/api/quotes": _get("Merged quotes", [
            _param("speaker", "query", "part of the speaker's name", _STR),
            _param("country", "query", "the speaker's country code", _CODE),
            _param("kind", "query", "direct, indirect, mixed or belief", _STR),
            *_SINCE_UNTIL,
            _param("outlet", "query", "an outlet of some article carrying it", _STR),
            _param("q", "query", "words to find in the quote (full text)", _STR),
            _sort("quotes"), *_NUMBERED],
            _LIST.format(what="Merged quotes", page="/quotes")),
        "/api/event/{event_id}": _get("One merged event", [
            _param("event_id", "path", "corpus event id (ev-...)", _STR)],
            "The merged event and every per-article mention it was built from: article "
            "title, outlet and date, the sentence with the offsets of the trigger, actors, "
            "recipients and place, and the mention's own date, place, modality and "
            "confidence."),
        "/api/map": _get("Events by country and place", [
            *_EXPLORER_EVENT_FILTERS,
            _param("by", "query", "which country an event counts for: any (either side), "
                   "actor, recipient or place (where it happened)",
                   {"type": "string", "enum": list(MAP_BASES), "default": "any"})],
            "The map's data for the filtered events: per country (ISO 3166 alpha-3) the "
            "events and mean Goldstein; per place its coordinates (null when only the "
            "country is known), events, mean Goldstein and quad classes; the totals."),
        "/api/network": _get("Dyad network", [
            *_EXPLORER_EVENT_FILTERS,
            _param("level", "query", "node key: country (else code), or the full code",
                   {"type": "string", "enum": list(NETWORK_LEVELS), "default": "country"}),
            _param("min", "query", "fewest events an edge needs",
                   {"type": "integer", "minimum": 1, "default": 1}),
            _param("edges", "query", "most edges returned (the busiest)",
                   {"type": "integer", "minimum": 1, "maximum": MAX_EDGES,
                    "default": DEFAULT_MAX_EDGES})],
            "Actors as nodes and actor -> recipient pairs of the filtered events as edges, "
            "with event counts and mean Goldstein; pairs counts every pair before the cut."),
        "/api/search": _get("Full-text search", [
            _param("q", "query", "words to find in article and quote text", _STR),
            _param("speaker", "query", "part of a speaker name (filters quotes)", _STR),
            *_PAGE], "Articles (with snippets) and merged quotes matching the words."),
    },
    "components": {"schemas": {"Error": {
        "type": "object", "required": ["error", "status"],
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}}},
}
