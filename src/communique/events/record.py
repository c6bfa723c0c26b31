"""The ``communique/1`` event record of a coded trigger: modality, date, place, confidence.

Field decisions (documented in ``data/events/README.md``): ``mode`` and ``context`` come
from the CAMEO->PLOVER table and are left out when the table gives none; ``location`` is
a place the sentence gives the event, else the dateline's or setting's country for an
event of that country's own actors (``locate.py``), else null; ``date`` falls back to the
publication date (resolution ``publication``) and is left out without one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Span, Token

from communique.events import dates, modality, roles
from communique.events.cameo import CameoCode
from communique.events.candidates import Candidate
from communique.events.confidence import Evidence, confidence
from communique.events.locate import Scene, article_places, locate
from communique.events.parties import Parties

HISTORICAL_DAYS = 30


@dataclass(frozen=True)
class Setting:
    """What every event of one document shares: its id, publication date, quotes."""

    article_id: str
    published: date | None
    quotes: Sequence[dict[str, Any]]


@dataclass(frozen=True)
class Modality:
    """The modality of one event, before the record is written."""

    negated: bool
    intent: bool
    hypothetical: bool
    quote_id: str | None
    heuristic_reported: bool


def event_modality(cand: Candidate, sent: Span, intent: bool, negated: bool,
                   quotes: Sequence[dict[str, Any]]) -> Modality:
    """Hypothetical and reported flags of a trigger, with its settled intent and negation."""
    tok = cand.token
    quote_id = modality.quote_for(tok.idx, tok.idx + len(tok.text), quotes)
    heuristic = quote_id is None and modality.attributed(tok, modality.according_to(sent))
    return Modality(negated, intent, modality.hypothetical(tok), quote_id, heuristic)


def event_id(article_id: str, start: int, end: int) -> str:
    """A stable id from the article id and the trigger's offsets."""
    digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:10]
    return f"ev-{digest}"


def build_event(cand: Candidate, row: CameoCode, parties: Parties, reciprocal: bool,
                mood: Modality, sent: Span, index: int, setting: Setting,
                when: dict[str, Any] | None, historical: bool,
                sent_ents: Sequence[Span] | None = None) -> dict[str, Any]:
    """The record itself, fields in schema order (``sent_ents``: the sentence's entity
    spans, when the caller has them already)."""
    tok = cand.token
    event: dict[str, Any] = {
        "id": event_id(setting.article_id, tok.idx, tok.idx + len(tok.text)),
        "plover": row.plover,
    }
    if row.mode:
        event["mode"] = row.mode
    if row.context:
        event["context"] = list(row.context)
    event.update({
        "cameo": row.code,
        "quad": row.quad,
        "goldstein": row.goldstein,
        "actors": parties.actors,
        "recipients": parties.recipients,
        "reciprocal": reciprocal,
        "trigger": {"start": tok.idx, "end": tok.idx + len(tok.text), "text": tok.text},
        "sentence": {"index": index, "start": sent.start_char, "end": sent.end_char},
        "modality": {
            "negated": mood.negated,
            "intent": mood.intent,
            "hypothetical": mood.hypothetical,
            "historical": historical,
            "reported": mood.quote_id is not None or mood.heuristic_reported,
        },
    })
    if mood.quote_id is not None:
        event["reported_by"] = mood.quote_id
    if when is not None:
        event["date"] = when
    event["location"] = place_for(tok, list(sent.ents) if sent_ents is None else sent_ents,
                                  parties, row)
    event["confidence"] = confidence(
        cand, Evidence(tuple(parties.actor_kinds), parties.recipient_source), event)
    return event


def date_and_history(tok: Token, sent: Span, published: date | None,
                     sent_ents: Sequence[Span] | None = None
                     ) -> tuple[dict[str, Any] | None, bool]:
    """The event's date and whether it lies well before publication (historical)."""
    when = date_for(tok, list(sent.ents) if sent_ents is None else sent_ents, published, None)
    historical = False
    if when is not None and published is not None and when["resolution"] != "publication":
        last = dates.last_day(when.get("value"))
        historical = last is not None and (published - last).days > HISTORICAL_DAYS
    return when, historical


def _attached(ent: Span, anchors: set[int]) -> bool:
    node = ent.root
    for _ in range(6):
        if node.i in anchors:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def date_for(token: Token, sent_ents: Sequence[Span], published: date | None,
             published_text: str | None) -> dict[str, Any] | None:
    """The date phrase attached to the trigger's clause, else the publication date.

    Durations and vague spans ("a two-day visit", "in recent years") do not resolve and are
    skipped in favour of the next phrase, then the publication date.
    """
    date_ents = [e for e in sent_ents if e.label_ == "DATE"]
    if date_ents:
        clause = roles.governing_verb(token)
        anchor_sets = [{token.i, clause.i}]
        # A date on a governing speech verb ("said Tuesday they would ...") dates the event.
        current = clause
        for _ in range(3):
            if current.head.i == current.i or current.dep_ not in ("ccomp", "xcomp", "conj",
                                                                 "advcl"):
                break
            current = current.head
            anchor_sets.append({current.i})
        for anchors in anchor_sets:
            for ent in date_ents:
                if not _attached(ent, anchors):
                    continue
                resolved = dates.resolve(ent.text, published)
                if resolved["value"] is not None or published is None:
                    return resolved
    if published is not None:
        return {"text": None, "value": published.isoformat(), "resolution": "publication"}
    if published_text:
        return {"text": published_text, "value": None, "resolution": "unknown"}
    return None


def place_for(token: Token, sent_ents: Sequence[Span], parties: Parties,
              row: CameoCode) -> dict[str, Any] | None:
    """Where the event happened: a place the sentence gives it, else the article's
    dateline or setting country for an event of that country's own actors (the
    ``locations`` ledger of :mod:`communique.events.locate`)."""
    return locate(Scene(token, sent_ents, parties.actors, parties.recipients, row.quad,
                        row.plover, article_places(token.doc)))
