"""PLOVER 2.0 JSONL export: one record per merged event.

Field names are the PLOVER manual's (JSON record, entity, location, text and citation
objects); extensions the manual allows come after them. Every field and its source in
the store is listed in ``docs/exports.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from communique._version import __version__
from communique.store.export_events import (
    EventPlace,
    ExportEvent,
    Party,
    as_list,
    export_events,
    sub,
)
from communique.store.reader import Corpus, Record

# The PLOVER manual's JSON record fields, in its table's order.
PLOVER_FIELDS: tuple[str, ...] = (
    "id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event",
    "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
    "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment",
)
# Fields communique adds after them (allowed by the manual).
PLOVER_EXTENSIONS: tuple[str, ...] = (
    "cameo", "date_resolution", "date_value", "negated", "num_mentions", "num_articles",
    "num_sources", "first_seen", "last_seen", "mentions",
)
# Entity object: the manual's fields communique fills, plus the CAMEO-style actor code.
PLOVER_ENTITY_FIELDS: tuple[str, ...] = (
    "code", "sector", "entity_text", "identifier_id", "identifier_text", "actor_code",
)
# Location object: the manual's fields communique fills (no city/district/province split),
# then the extension ``source`` (sentence, dateline or setting: what gave the place).
PLOVER_LOCATION_FIELDS: tuple[str, ...] = (
    "extracted_place", "resolved_place", "geonameid", "lat", "lon", "country",
    "country_code", "feature_class", "feature_code", "resolution", "source",
)


def plover_entity(party: Party) -> Record:
    """A PLOVER entity object: ``entity_text`` is what the sentence said ("he",
    "Lavrov"), ``identifier_id``/``identifier_text`` the actor identity and its canonical
    name ("Sergei Lavrov")."""
    code = party.country or (party.code[:3] if party.code else None)
    return {"code": code, "sector": party.sector,
            "entity_text": party.text or party.canonical or party.name,
            "identifier_id": party.identity, "identifier_text": party.canonical or party.name,
            "actor_code": party.code}


def plover_location(place: EventPlace | None) -> Record | None:
    """A PLOVER location object (None when the event has no place); ``source`` says
    whether the sentence named the place or the article's dateline or setting gave it
    (then at country resolution)."""
    if place is None:
        return None
    return {"extracted_place": place.text, "resolved_place": place.name,
            "geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
            "country": place.country_name, "country_code": place.country,
            "feature_class": place.feature_class, "feature_code": place.feature_code,
            "resolution": place.resolution, "source": place.source}


def plover_record(corpus: Corpus, ev: ExportEvent) -> Record:
    """The PLOVER record of one merged event."""
    event, stored, meta = ev.record, ev.stored, ev.article
    trigger = sub(stored, "trigger")
    sentence = sub(stored, "sentence")
    mentions = corpus.conn.execute(
        "SELECT article_id, event_id FROM event_mentions WHERE corpus_event_id = ? "
        "ORDER BY article_id, event_id", (event["id"],)).fetchall()
    coder = f"communique {__version__}"
    return {
        "id": event["id"],
        "has_event": True,
        "date": ev.date.day,
        "time": None, "enddate": None, "endtime": None,
        "actor": [plover_entity(p) for p in ev.actors],
        "recipient": [plover_entity(p) for p in ev.recipients],
        "event": [event["plover"]] if event["plover"] else [],
        "event_loc": plover_location(ev.place),
        "event_text": [trigger["text"]] if trigger.get("text") else [],
        "quad_code": event["quad"],
        "event_scale": event["goldstein"],
        "mode": as_list(stored.get("mode")),
        "context": as_list(stored.get("context")),
        "link": None,
        # The article text belongs to its publisher: only offsets are given.
        "text": None,
        "text_info": {"sequence": sentence.get("index"), "start": trigger.get("start"),
                      "end": trigger.get("end")},
        "cite_info": {"url": meta.get("url"), "title": meta.get("title"),
                      "publication": meta.get("outlet"), "language": meta.get("language"),
                      "coder": coder, "codebook": "plover-2.0"},
        "coder": coder,
        "coded_date": (meta.get("ingested_at") or "")[:10] or None,
        "coded_time": None,
        "comment": None,
        # Extensions (allowed by the manual).
        "cameo": event["cameo"],
        "date_resolution": ev.date.resolution,
        "date_value": ev.date.value,
        "negated": event["negated"],
        "num_mentions": event["num_mentions"],
        "num_articles": event["num_articles"],
        "num_sources": event["num_sources"],
        "first_seen": event["first_seen"],
        "last_seen": event["last_seen"],
        "mentions": [{"article_id": a, "event_id": e} for a, e in mentions],
    }


def plover_records(corpus: Corpus) -> Iterator[Record]:
    """One PLOVER 2.0 JSON record per merged event (manual field names, plus extensions)."""
    for ev in export_events(corpus):
        yield plover_record(corpus, ev)


def write_plover(corpus: Corpus, out: IO[str]) -> int:
    """Write PLOVER JSONL; return the number of records."""
    count = 0
    for record in plover_records(corpus):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
