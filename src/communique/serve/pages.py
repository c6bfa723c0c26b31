"""What each page shows, as plain JSON-able data: the library behind the routes.

Every page and its JSON API twin is one function here taking an open
:class:`communique.store.Corpus` and validated parameters, so the web layer (``app``) is a
thin shell and unit tests call these directly. Unknown ids raise
:class:`communique.errors.NotFoundError` (HTTP 404).
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from communique.errors import NotFoundError
from communique.serve import queries
from communique.store import Corpus
from communique.store.evidence import event_evidence
from communique.store.explore import count_events, list_events
from communique.store.export_events import sub
from communique.store.filters import EventFilter
from communique.store.timeline import quad_timeline

Record = dict[str, Any]

TOP_N = 10


def dashboard_data(corpus: Corpus) -> Record:
    """Corpus counts, events by quad class per month, top actors and dyads, latest items."""
    conn = corpus.conn
    stats = corpus.stats()
    actors = corpus.actors(limit=TOP_N)
    timeline = quad_timeline(conn, EventFilter())
    return {
        "counts": {
            "articles": stats["articles"], "entities": stats["entities"],
            "events": stats["corpus_events"], "event_mentions": stats["events"],
            "quotes": stats["corpus_quotes"], "quote_mentions": stats["quotes"],
            "undated_events": timeline["undated"],
            "failed_inputs": stats["failed_inputs"],
        },
        "resolved": corpus.is_resolved(),
        "timeline": timeline,
        "top_actors": [a | {"id": a["name"]} for a in actors],
        "top_dyads": corpus.top_dyads(TOP_N),
        "latest_events": list_events(conn, EventFilter(), limit=TOP_N, sort="newest"),
        "recent_articles": queries.recent_articles(conn, TOP_N),
    }


def resolve_actor(corpus: Corpus, actor_id: str) -> tuple[str, str]:
    """``("code", CODE)`` or ``("name", stored name)`` for an actor id; 404 when unknown."""
    if queries.is_code(corpus.conn, actor_id):
        return "code", actor_id
    name = queries.actor_name(corpus.conn, actor_id)
    if name is None:
        raise NotFoundError(f"no actor {actor_id!r} in this corpus")
    return "name", name


def _actor_filters(kind: str, value: str, role: str) -> EventFilter:
    flt = EventFilter()
    return flt.participant(role, value) if kind == "code" else flt.named(role, value)


def actor_data(corpus: Corpus, actor_id: str, *, limit: int = 50, offset: int = 0) -> Record:
    """An actor's codes and learned roles, its events as actor and as recipient (merged),
    its quotes, the articles naming it and a monthly chart of the events it takes part in."""
    conn = corpus.conn
    kind, value = resolve_actor(corpus, actor_id)
    as_actor = _actor_filters(kind, value, "actor")
    as_recipient = _actor_filters(kind, value, "recipient")
    either = EventFilter().any_of(as_actor, as_recipient)
    data: Record = {
        "id": actor_id, "kind": kind, "name": value,
        "timeline": quad_timeline(conn, either),
        "events_as_actor": list_events(conn, as_actor, limit=limit, offset=offset),
        "events_as_recipient": list_events(conn, as_recipient, limit=limit,
                                                   offset=offset),
        "counts": {"as_actor": count_events(conn, as_actor),
                   "as_recipient": count_events(conn, as_recipient)},
        "limit": limit, "offset": offset,
    }
    if kind == "code":
        data.update(profiles=[], knowledge=[], articles=[],
                    members=queries.code_members(conn, value),
                    quotes=queries.actor_quotes(conn, code=value, limit=limit, offset=offset))
    else:
        data.update(profiles=queries.actor_profiles(conn, value),
                    knowledge=queries.actor_knowledge(conn, value), members=[],
                    articles=queries.actor_articles(conn, value),
                    quotes=queries.actor_quotes(conn, name=value, limit=limit, offset=offset))
    data["codes"] = sorted({p["code"] for p in data["profiles"] if p["code"]}
                           | {k["code"] for k in data["knowledge"] if k["code"]})
    data["roles"] = sorted({p["role"] for p in data["profiles"] if p["role"]}
                           | {k["role"] for k in data["knowledge"] if k["role"]})
    return data


def dyad_data(corpus: Corpus, actor: str, recipient: str, *, type: str | None = None,
              quad: int | None = None, since: str | None = None, until: str | None = None,
              limit: int = 50, offset: int = 0) -> Record:
    """Events from ``actor`` to ``recipient`` matching the filters: monthly counts by quad
    class and mean Goldstein on the corpus's time axis
    (:func:`communique.store.timeline.quad_timeline`), the total and one page of them."""
    conn = corpus.conn
    for code in (actor, recipient):
        if not queries.is_code(conn, code):
            raise NotFoundError(f"no actor code {code!r} in this corpus")
    flt = (EventFilter().participant("actor", actor).participant("recipient", recipient)
           .type(type).quad(quad).dates(since, until))
    return {
        "actor": actor, "recipient": recipient,
        "timeline": quad_timeline(conn, flt),
        "total": count_events(conn, flt),
        "events": list_events(conn, flt, limit=limit, offset=offset),
        "filters": {"type": type, "quad": quad, "since": since, "until": until},
        "limit": limit, "offset": offset,
    }


def article_data(corpus: Corpus, article_id: str) -> Record:
    """The stored document of one article plus the merged ids of its events and quotes."""
    try:
        document = corpus.document(article_id)
    except KeyError:
        raise NotFoundError(f"no article {article_id!r} in this corpus") from None
    event_ids, quote_ids = queries.article_corpus_ids(corpus.conn, article_id)
    for event in document.get("events") or []:
        event["corpus_id"] = event_ids.get(event.get("id"))
    for quote in document.get("quotes") or []:
        quote["corpus_id"] = quote_ids.get(quote.get("id"))
    document["skipped"] = document.get("skipped") or queries.article_skipped(
        corpus.conn, article_id)
    return document


def search_data(corpus: Corpus, q: str | None, *, speaker: str | None = None,
                limit: int = 50, offset: int = 0) -> Record:
    """Full-text search over articles and quotes; quotes can be filtered by speaker alone."""
    articles = (queries.search_articles(corpus.conn, q, limit=limit, offset=offset)
                if q else [])
    quotes: list[Record] = []
    if q or speaker:
        found = corpus.quotes(speaker=speaker, search=q, limit=offset + limit)
        quotes = list(islice(found, offset, None))
    return {"q": q, "speaker": speaker, "articles": articles, "quotes": quotes,
            "limit": limit, "offset": offset}


def event_detail(corpus: Corpus, event_id: str) -> Record:
    """One merged event with every per-article mention it was built from (its evidence,
    :func:`communique.store.evidence.event_evidence`: each article's title, outlet and
    date, the sentence with the trigger, parties and place located in it, and that
    mention's own date, place, modality and confidence)."""
    flt = EventFilter()
    flt.add("c.id = ?", event_id)
    rows = list_events(corpus.conn, flt, limit=1)
    if not rows:
        raise NotFoundError(f"no event {event_id!r} in this corpus")
    mentions = event_evidence(corpus, event_id)
    representative = next((m["event"] for m in mentions
                           if (m["article_id"], m["event_id"])
                           == (rows[0]["article_id"], rows[0]["event_id"])), None) or {}
    date = sub(representative, "date")
    return rows[0] | {
        "date_value": rows[0]["date"] or date.get("value"), "date_text": date.get("text"),
        "modality": representative.get("modality") or {},
        "reported_by": representative.get("reported_by"),
        "place": representative.get("location"),
        "mentions": mentions,
    }
