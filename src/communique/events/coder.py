"""Turn one parsed document into ``communique/1`` event records.

Per sentence: the trigger candidates and their filter ledger (``candidates.py``), then per
kept candidate the actor and recipient cascades (``parties.py``), the recodings
(``code_rules.py``), modality, date and place (``record.py``). Every step that drops a
candidate names its reason, which ``explain`` reports; ``code_document`` keeps only the
events. PETRARCH compatibility (evaluation only) lives in ``petrarch_mode.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from communique.events import dates, roles, salience, senses
from communique.events.cameo import lookup
from communique.events.candidates import Candidate, candidates
from communique.events.code_rules import SELF_INTENT, initial_coding, recode
from communique.events.implicit import asks_for_something, object_party
from communique.events.lexicon import Lexicon, default_lexicon
from communique.events.parties import (
    Parties,
    find_actors,
    find_late_recipients,
    find_recipients,
    parties_for,
)
from communique.events.record import (
    Setting,
    build_event,
    date_and_history,
    event_modality,
)
from communique.events.refs import resolve_refs
from communique.events.statements import statement_events, statements_by_sentence

DEMAND_AUX = frozenset({"must", "should"})
# Late recipient rules that may save a dyadic act from being dropped for want of a party.
_EARLY_LATE_RULES = frozenset({"demand-addressee"})
# Nouns whose "that" clause is what is demanded: "reiterated its demand that Israel ease".
DEMAND_NOUNS = frozenset({"demand", "call", "appeal", "request", "ultimatum", "insistence",
                          "plea"})


@dataclass
class Outcome:
    """What became of one candidate: its event, or the reason it was dropped."""

    cand: Candidate
    event: dict[str, Any] | None = None
    reason: str | None = None
    parties: Parties | None = None
    recodings: tuple[str, ...] = field(default_factory=tuple)


def document_setting(doc: Doc) -> tuple[Setting, Sequence[dict[str, Any]]]:
    """The document's shared setting and its entities (fallback ones when the actors
    component has not run)."""
    structure: dict[str, Any] = doc._.communique_structure or {}
    entities = doc._.communique_entities
    if entities is None:
        from communique.events.fallback import fallback_entities

        entities = fallback_entities(doc)
    setting = Setting(str(structure.get("article_id") or ""),
                      dates.parse_published(structure.get("published")),
                      doc._.communique_quotes or [])
    return setting, entities


def code_document(doc: Doc, lexicon: Lexicon | None = None,
                  require_actor: bool = True, petrarch_compat: bool = False
                  ) -> list[dict[str, Any]]:
    """Event records for ``doc`` (entities from ``doc._.communique_entities``).

    ``require_actor=False`` keeps events without a codable actor: only for measuring the
    trigger machinery apart from actor coding (evaluation suites), never in output.
    ``petrarch_compat=True`` codes as PETRARCH does (see ``petrarch_mode``). Evaluation only.
    """
    if petrarch_compat:
        from communique.events.petrarch_mode import code_document_petrarch

        return code_document_petrarch(doc, lexicon, require_actor)
    return [o.event for o in explain_document(doc, lexicon, require_actor)
            if o.event is not None]


def explain_document(doc: Doc, lexicon: Lexicon | None = None,
                     require_actor: bool = True, every_candidate: bool = False
                     ) -> list[Outcome]:
    """Every candidate of ``doc`` with its event or the reason it was dropped.

    A document without entities has no events and is skipped, unless ``every_candidate``
    asks for its candidates too (``explain``).
    """
    lexicon = lexicon or default_lexicon()
    setting, entities = document_setting(doc)
    if not entities and require_actor and not every_candidate:
        return []
    outcomes: list[Outcome] = []
    statements = statements_by_sentence(doc, entities, setting.quotes)
    for index, sent in enumerate(doc.sents):
        if salience.question(sent):
            continue  # questions report nothing ("How did Harris vote ...?")
        coded: set[int] = set()
        earlier = [o.event for o in outcomes[-EARLIER_WINDOW:] if o.event is not None]
        for cand in candidates(sent, lexicon):
            if cand.suppressed:
                outcomes.append(Outcome(cand, reason=cand.reason))
                continue
            outcome = code_candidate(cand, entities, setting, sent, index, require_actor,
                                     earlier)
            outcomes.append(outcome)
            if outcome.event is not None:
                coded.add(cand.token.i)
        outcomes += [Outcome(cand, event=event, parties=parties) for cand, parties, event
                     in statement_events(doc, sent, index, entities, setting, coded,
                                         statements)]
    return outcomes


# Meetings (CAMEO 04x): a plural group that meets with no one else meets among itself.
_MEETING_CODES = ("040", "044", "046")
# Outcomes looked back over for the acts an event answers ("Moscow denies this").
EARLIER_WINDOW = 12


def code_candidate(cand: Candidate, entities: Sequence[dict[str, Any]], setting: Setting,
                   sent: Span, index: int, require_actor: bool = True,
                   earlier: Sequence[dict[str, Any]] = ()) -> Outcome:
    """The event of one kept candidate (``earlier``: events just before it, which it may
    answer), or why it has none."""
    tok = cand.token
    if senses.inanimate_subject(tok, entities):
        # "the ban threatens their existence": figurative, no party acts.
        return Outcome(cand, reason="inanimate-subject")
    parties = parties_for(cand, entities, setting.quotes)
    if parties is not None:
        parties.earlier = earlier
    if parties is None:
        return Outcome(cand, reason="bare-event-noun")
    find_actors(parties)
    request = asks_for_something(tok)
    if cand.match.gated and not request and not object_party(tok, entities, parties.actors):
        # "asked questions", "allowed access": a light verb without a party.
        return Outcome(cand, reason="light-verb-without-party", parties=parties)
    find_recipients(parties)
    demand = swap_and_demand(parties)
    parties.actors = salience.plausible_actors(parties.actors, cand.match.code, tok)
    if not parties.actors and require_actor:
        return Outcome(cand, reason="no-codable-actor", parties=parties)
    if salience.interview(cand.match.code, parties.recipients):
        return Outcome(cand, reason="interview-with-media", parties=parties)
    reciprocal = settle_parties(parties)
    first_row = lookup(cand.match.code)
    if not parties.recipients and first_row is not None:
        # "She called for Ms. Nielsen to resign": whom a request is addressed to may only
        # show in what it asks for.
        find_late_recipients(parties, first_row, None, only=_EARLY_LATE_RULES)
    if not parties.recipients and not cand.match.specific and \
            salience.dyadic(cand.match.code) and not cand.intent and not cand.refused \
            and tok.lemma_.lower() not in SELF_INTENT and not request:
        # "supports raising the minimum wage", "students debate issues": a default-coded
        # consultation, support, aid or request without its other party was mostly another
        # sense. Patterns and announced commitments stay.
        return Outcome(cand, reason="dyadic-without-party", parties=parties)
    coding = recode(initial_coding(cand, parties, reciprocal, demand))
    row = lookup(coding.code)
    if row is None or row.plover is None:
        return Outcome(cand, reason="no-plover-type", parties=parties,
                       recodings=coding.applied)
    mood = event_modality(cand, sent, coding.intent, coding.negated, setting.quotes)
    sent_ents = list(sent.ents)  # Span.ents walks the document's entities: read it once
    when, historical = date_and_history(tok, sent, setting.published, sent_ents)
    find_late_recipients(parties, row, mood.quote_id)
    event = build_event(cand, row, parties, reciprocal, mood, sent, index, setting, when,
                        historical, sent_ents)
    return Outcome(cand, event=event, parties=parties, recodings=coding.applied)


def swap_and_demand(parties: Parties) -> list[dict[str, Any]] | None:
    """Reverse-coded patterns swap the parties; an obligation put on someone else makes
    its speaker the actor and the obliged the recipient. Returns the demanders, if any."""
    if parties.cand.match.reverse:
        parties.actors, parties.recipients = parties.recipients, parties.actors
    demand = demanders(parties.token, parties.entities, parties.actors)
    if demand is not None:
        # "X said Sudan must return the helicopter": X demands it of Sudan.
        parties.recipients = [a for a in parties.actors if a["entity"] not in
                              {d["entity"] for d in demand}] or parties.recipients
        parties.actors = demand
    return demand


def settle_parties(parties: Parties) -> bool:
    """Recipients that are also actors go; several actors without a recipient act on
    each other (reciprocal, returned); a purpose clause shares its main act's party."""
    actor_ids = {a["entity"] for a in parties.actors}
    parties.recipients = [r for r in parties.recipients if r["entity"] not in actor_ids]
    if len(parties.actors) >= 2 and parties.recipient_source == "place-as-target":
        # "India, Brazil and South Africa met in Geneva": several actors act on each
        # other; the place they met in is where, not whom.
        parties.recipients, parties.recipient_source = [], None
    reciprocal = False
    if len(parties.actors) >= 2 and not parties.recipients:
        parties.recipients = [dict(a) for a in parties.actors]
        reciprocal = True
    tok = parties.token
    if not parties.recipients and tok.dep_ == "advcl" and tok.head.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        # "telephoned Kozyrev to discuss ...": the purpose shares the main act's party.
        parties.recipients, _ = resolve_refs(roles.verb_recipients(tok.head),
                                             parties.entities)
    if len(parties.actors) == 1 and not parties.recipients and _group_meeting(parties):
        # "European ministers met in Brussels": one group meeting among its own members.
        parties.recipients = [dict(a) for a in parties.actors]
        reciprocal = True
    return reciprocal


def _group_meeting(parties: Parties) -> bool:
    """A meeting verb whose subject is a plural group and whose clause names nobody met
    (only times and places)."""
    tok = parties.token
    return tok.pos_ == "VERB" and parties.cand.match.code.startswith(_MEETING_CODES) and \
        bool(parties.actor_toks) and \
        all(t.tag_ in ("NNS", "NNPS") for t in parties.actor_toks) and \
        all(t.ent_type_ in ("DATE", "TIME") for t in parties.recipient_toks)


def demanders(tok: Any, entities: Sequence[dict[str, Any]],
              actors: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """Speaker refs when ``tok`` is an obligation ("must", "should") put on someone else,
    or what someone says they want someone else to do."""
    wisher = _wisher(tok)
    if wisher is not None:
        speakers, _ = resolve_refs(roles.subjects(wisher), entities)
        if speakers and not {s["entity"] for s in speakers} & {a["entity"] for a in actors}:
            return speakers
    # "must return", "must be ready to mediate": the obligation may sit on a control head.
    chain = [tok]
    current = tok
    while current.dep_ == "xcomp" and len(chain) < 4:
        current = current.head
        chain.append(current)
        if current.pos_ == "ADJ":
            chain.append(current.head)
    if not any(c.dep_ == "aux" and c.lower_ in DEMAND_AUX for t in chain for c in t.children):
        return _demanded_content(chain[-1], entities, actors)
    if any(roles.generic_subject(c) for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")):
        return None  # "said no one should be targeted": an obligation on nobody named
    speakers, _ = resolve_refs(roles.speech_subjects(tok), entities)
    top = chain[-1]
    if not speakers and top.dep_ == "acl" and top.head.pos_ == "NOUN":
        # "issued a stern reminder to Iraq that it must cooperate": who issued it demands.
        speakers, _ = resolve_refs(roles.subjects(roles.governing_verb(top.head)), entities)
    if not speakers or {s["entity"] for s in speakers} & {a["entity"] for a in actors}:
        return None
    return speakers


def _wisher(tok: Any) -> Any:
    """The verb of wanting whose wish ``tok`` is, when the wish is put on another party:
    "said it would like to see Russia support efforts to find a truce" (the White House
    asks Russia), "Washington wants Beijing to rein in Pyongyang". None otherwise."""
    if tok.dep_ not in ("ccomp", "xcomp") or (not roles.has_own_subject(tok) and not any(
            c.dep_ == "dobj" for c in tok.head.children)):
        return None
    head = tok.head
    if head.lemma_.lower() == "see" and head.dep_ == "xcomp" and \
            head.head.lemma_.lower() in ("like", "love"):
        return head.head
    if head.lemma_.lower() == "want" and (
            tok.dep_ == "ccomp" or any(c.dep_ == "dobj" for c in head.children)):
        return head
    return None


def _demanded_content(top: Any, entities: Sequence[dict[str, Any]],
                      actors: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """Refs of who demands when the clause is the content of a demand noun (or of the
    verb whose object that noun is: "renewed its call [...] that X withdraw")."""
    if top.dep_ not in ("ccomp", "acl"):
        return None
    head = top.head
    noun = head if head.pos_ == "NOUN" else next(
        (c for c in head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if noun is None or noun.lemma_.lower() not in DEMAND_NOUNS:
        return None
    speakers, _ = resolve_refs(roles.noun_actors(noun), entities)
    if not speakers:
        speakers, _ = resolve_refs(roles.subjects(roles.governing_verb(noun)), entities)
    if not speakers or {s["entity"] for s in speakers} & {a["entity"] for a in actors}:
        return None
    return speakers
