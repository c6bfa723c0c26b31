"""PETRARCH compatibility: coding as PETRARCH-2 does, for its validation suite only.

PETRARCH codes every clause its patterns match, keeps WEIS-era codes outside the PLOVER
mapping (their events have ``plover`` None), fills missing roles with the nearest actor
before and after the verb, and emits the reverse event of paired codes ("[042:043]": A
visits B, B hosts A). None of communique's precision filters or recodings apply. The
modern path (``coder.py``) never branches on this mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span

from communique.events.cameo import CameoCode, lookup
from communique.events.candidates import (
    REFUSAL_HEADS,
    Candidate,
    cover_nouns,
    resolve_control,
    triggers,
)
from communique.events.code_rules import initial_coding
from communique.events.coder import document_setting, settle_parties, swap_and_demand
from communique.events.implicit import object_party
from communique.events.lexicon import Lexicon, default_lexicon
from communique.events.parties import (
    find_actors,
    find_late_recipients,
    find_recipients,
    parties_for,
)
from communique.events.record import Setting, build_event, date_and_history, event_modality
from communique.events.refs import nearest_refs

# PETRARCH's refusal heads: "failed to" is not one of them.
_REFUSAL_HEADS = REFUSAL_HEADS - {"fail"}
# Actor rules PETRARCH has no counterpart for.
_SKIPPED_ACTOR_RULES = frozenset({"attack-place"})
_LATE_RULES = frozenset({"quote-addressee"})


def candidates_petrarch(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """Every coded trigger of ``sent`` after control chains and verb-covered nouns."""
    found = triggers(sent, lexicon, keep_unmapped=True)
    by_token = {c.token.i: c for c in found}
    for cand in found:
        resolve_control(cand, by_token, _REFUSAL_HEADS)
        cover_nouns(cand, by_token, nested=False)
    return [c for c in found if not c.suppressed]


def code_document_petrarch(doc: Doc, lexicon: Lexicon | None = None,
                           require_actor: bool = True) -> list[dict[str, Any]]:
    """Event records coded the PETRARCH way, with the reverse events of paired codes."""
    lexicon = lexicon or default_lexicon()
    setting, entities = document_setting(doc)
    if not entities and require_actor:
        return []
    events: list[dict[str, Any]] = []
    for index, sent in enumerate(doc.sents):
        for cand in candidates_petrarch(sent, lexicon):
            event = _code(cand, entities, setting, sent, index, require_actor)
            if event is None:
                continue
            events.append(event)
            if cand.match.paired and event["recipients"] and not event["reciprocal"]:
                events.append(dict(event, cameo=cand.match.paired,
                                   actors=event["recipients"], recipients=event["actors"],
                                   id=event["id"] + "-r"))
    return events


def _code(cand: Candidate, entities: Sequence[dict[str, Any]], setting: Setting,
          sent: Span, index: int, require_actor: bool) -> dict[str, Any] | None:
    tok = cand.token
    parties = parties_for(cand, entities, setting.quotes)
    if parties is None:
        return None
    find_actors(parties, skip=_SKIPPED_ACTOR_RULES)
    if cand.match.gated and not object_party(tok, entities, parties.actors):
        return None
    find_recipients(parties)
    demand = swap_and_demand(parties)
    # PETRARCH's own rule when the parse gives no role: the source is the first actor
    # before the verb, the target the first actor after it, within the sentence.
    if not parties.actors:
        parties.actors = nearest_refs(entities, sent.start_char, tok.idx, last=True)
    actor_ids = {a["entity"] for a in parties.actors}
    after = [r for r in nearest_refs(entities, tok.idx + len(tok.text), sent.end_char)
             if r["entity"] not in actor_ids]
    if after and (not parties.recipients or after[0]["entity"] not in
                  {r["entity"] for r in parties.recipients}):
        parties.recipients = after
    if not parties.actors and require_actor:
        return None
    reciprocal = settle_parties(parties)
    coding = initial_coding(cand, parties, reciprocal, demand)
    code = coding.code
    row: CameoCode | None = lookup(code)
    if row is not None and row.code != code:
        # PETRARCH's own sub-codes ("1717", "174K"): reported as written, typed as the parent.
        row = replace(row, code=code)
    if row is None or row.plover is None:
        row = CameoCode(code=code, name="", goldstein=0.0, quad=0, plover=None, mode=None,
                        context=())
    mood = event_modality(cand, sent, coding.intent, coding.negated, setting.quotes)
    when, historical = date_and_history(tok, sent, setting.published)
    find_late_recipients(parties, row, mood.quote_id, only=_LATE_RULES)
    return build_event(cand, row, parties, reciprocal, mood, sent, index, setting, when,
                       historical)
