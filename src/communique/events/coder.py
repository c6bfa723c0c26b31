"""Turn one parsed document into ``communique/1`` event records.

Steps per sentence: find trigger tokens the lexicon codes (verbs and event nouns); resolve
control chains (an intent head such as "agreed to"/"plans to" hands the event to its
complement, marked as intent; the complement of a coded verb such as "urged X to ..." is the
content of that verb, not an event of its own); drop nouns a coded verb already covers
("held talks"); find actors and recipients; drop events without a codable actor; then
modality, date, place, confidence.

Entity lookup for tokens lives in ``refs.py``, parties the sentence implies without naming
them (home country, agentless passives, weapon attacks ...) in ``implicit.py``.

Field decisions (documented in ``data/events/README.md``): ``mode`` and ``context`` come
from the CAMEO->PLOVER table and are left out when the table gives none; ``location`` is
null when no place phrase attaches to the trigger's clause; ``date`` falls back to the
publication date (resolution ``publication``) and is left out without one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from communique.actors.lookup import entity_ref
from communique.events import dates, modality, roles, salience, senses
from communique.events.cameo import (
    CameoCode,
    demand_code,
    intent_code,
    lookup,
    reject_code,
)
from communique.events.implicit import (
    CONDITION_MARKS,
    DOMESTIC_TYPES,
    against_party,
    attack_place,
    conditioned_party,
    demand_addressee,
    home_authority,
    home_country,
    object_party,
    passive_doer,
    protest_target,
)
from communique.events.lexicon import Lexicon, Match, default_lexicon
from communique.events.places import geocode
from communique.events.refs import (
    PLACE_PREPS,
    codable,
    nearest_refs,
    place_anchors,
    place_tokens,
    resolve_refs,
)

HISTORICAL_DAYS = 30
# "failed to reach agreement" reports a rejection as much as "refused to" does.
REFUSAL_HEADS = frozenset({"refuse", "decline", "reject", "renege", "fail"})
# Verbs whose own event is an announced commitment: "agreed on a pact" is PLOVER AGREE.
SELF_INTENT = frozenset({"agree", "pledge", "promise", "vow", "commit", "undertake"})
DEMAND_AUX = frozenset({"must", "should"})
# Heads whose complement is agreed to: without an express-intent code of its own the
# complement codes as the generic intent to cooperate (030), not as the act itself.
AGREEMENT_HEADS = frozenset({"agree", "commit", "undertake"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Pronoun mentions are weaker evidence of who acted than names.
_WEAK_MENTIONS = frozenset({"pronoun", "descriptor"})


@dataclass
class Candidate:
    """A trigger token with its lexicon match, before roles are resolved."""

    token: Token
    match: Match
    intent: bool = False
    refused: bool = False
    suppressed: bool = False
    # Set by the salience filters (background, content, wrong sense): conjuncts follow it.
    filtered: bool = False
    notes: list[str] = field(default_factory=list)


_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
_SECOND_PERSON = frozenset({"you", "your"})


def _pronoun_fallback(tokens: Sequence[Token], trigger: Token,
                      entities: Sequence[dict[str, Any]], quotes: Sequence[dict[str, Any]],
                      slot: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Unresolved pronouns: "we"/"you" inside a quote are its speaker/addressee; "they" in
    "X said they would ..." is X. Used only when the entity lookup found nothing."""
    if not all(t.pos_ == "PRON" for t in tokens):
        return [], []
    words = {t.lower_ for t in tokens}
    wanted = _FIRST_PERSON if slot == "speaker" else _SECOND_PERSON
    if words & wanted:
        for quote in quotes:
            if modality.quote_for(trigger.idx, trigger.idx + 1, [quote]) is None:
                continue
            party = quote.get(slot) or {}
            by_id = {e["id"]: e for e in entities}
            entity = by_id.get(party.get("entity"))
            if codable(entity):
                ref = entity_ref(entity)
                return ([ref], ["pronoun"]) if ref else ([], [])
        return [], []
    if slot == "speaker" and words & {"they", "he", "she", "it"}:
        refs, _ = resolve_refs(roles.speech_subjects(trigger), entities)
        return refs, ["pronoun"] * len(refs)
    return [], []


def _candidates(sent: Span, lexicon: Lexicon, compat: bool = False) -> list[Candidate]:
    found: list[Candidate] = []
    for token in sent:
        if token.pos_ not in _TRIGGER_POS or (token.is_stop and token.pos_ != "VERB"):
            continue
        if token.pos_ == "VERB" and token.dep_ in _MODIFIER_DEPS:
            continue  # "the ruling party", "war-torn Mozambique": participles as adjectives
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and \
                token.nbor(1).lower_ == "to":
            continue  # "according to X" attributes, it does not accord
        match = lexicon.match(token)
        if match is None:
            continue
        row = lookup(match.code)
        if (row is None or row.plover is None) and not compat:
            continue  # CAMEO 01x statements have no PLOVER type: never an event
        found.append(Candidate(token, match))
    by_token = {c.token.i: c for c in found}
    for cand in found:
        tok = cand.token
        head = tok.head
        # "agreed to strengthen", "plans to visit", "stands ready to": the complement is the
        # event, announced; the intent head itself is not a separate event.
        if tok.dep_ == "xcomp" and head.i != tok.i:
            control = head.head if head.pos_ == "ADJ" else head
            refusal = REFUSAL_HEADS - {"fail"} if compat else REFUSAL_HEADS
            if head.lemma_.lower() in refusal and reject_code(cand.match.code):
                # "refused to meet": one REJECT event, coded from what was refused.
                cand.refused = True
                if head.i in by_token:
                    by_token[head.i].suppressed = True
            elif head.lemma_.lower() in modality.INTENT_HEADS or \
                    control.lemma_.lower() in modality.INTENT_HEADS:
                cand.intent = True
                if head.i in by_token:
                    by_token[head.i].suppressed = True
            elif head.i in by_token:
                # "urged China to wield": content of the request (and its conjuncts:
                # "urging India to show restraint and engage in dialogue").
                cand.suppressed = cand.filtered = True
        elif tok.pos_ in ("NOUN", "PROPN"):
            _noun_control(cand, by_token, compat)
        anchor = tok
        while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
            anchor = anchor.head
        if compat:
            pass  # PETRARCH codes every clause; the precision filters below are ours
        elif anchor is not tok and anchor.dep_ == "xcomp" and anchor.head.i in by_token and \
                anchor.head.lemma_.lower() not in modality.INTENT_HEADS | REFUSAL_HEADS and \
                not roles.has_own_subject(tok):
            # "urging India to show restraint and engage in dialogue": the conjunct is
            # part of what is urged, like the complement it is coordinated with.
            cand.suppressed = cand.filtered = True
        elif tok.dep_ == "pcomp" and head.dep_ == "prep" and \
                head.head.lemma_.lower() in _ALLEGATION_HEADS:
            # "nationals suspected by the West of blowing up a plane", "accused of
            # misusing funds": what someone is suspected of is an allegation, not an event.
            cand.suppressed = cand.filtered = True
        elif tok.dep_ in ("ccomp", "acl") and head.pos_ == "NOUN" and \
                head.dep_ in ("dobj", "pobj") and head.head.i in by_token and \
                salience.content_head(by_token[head.head.i].match.code):
            # "demanded an admission by Moscow that Soviet forces murdered ...": the
            # content of the demanded thing.
            cand.suppressed = cand.filtered = True
        elif not compat and _describes_participant(tok, by_token):
            # "providing intelligence to Macedonia, which is preparing a major offensive",
            # "a resolution that aims to tighten sanctions": a relative clause on another
            # coded act's participant describes it; it is not a second reported event.
            cand.suppressed = cand.filtered = True
        elif not compat and tok.dep_ == "advcl" and tok.tag_ == "VBG" and \
                head.i in by_token and _plover(by_token[head.i]) == "PROTEST" and \
                not roles.has_own_subject(tok):
            # "rioted, setting fire to their mattresses": how the riot went, not an assault.
            cand.suppressed = cand.filtered = True
        elif tok.dep_ == "advcl" and _coded_governor(head, by_token) and \
                salience.content_clause(tok, cand.match.code):
            # "staged rallies to demand reforms", "blocked roads demanding ...": the purpose
            # or manner of an act already coded is its content, not a second event.
            cand.suppressed = cand.filtered = True
        elif salience.background(tok) or not salience.party_object(tok):
            cand.suppressed = cand.filtered = True
        elif tok.dep_ == "advcl" and salience.circumstantial(tok) and len(found) > 1:
            # "..., after U.S. officials alleged", "unless Israel rescinded": a clause
            # setting the time or condition of another coded act is background to it.
            cand.suppressed = cand.filtered = True
        elif tok.dep_ == "ccomp" and head.i in by_token and \
                salience.content_head(by_token[head.i].match.code):
            # "demanded that Hamas renounce ...": what is demanded or threatened is the
            # content of that act, not an event of its own.
            cand.suppressed = cand.filtered = True
        elif not salience.statement_sense(tok) or salience.declined_comment(tok) or \
                salience.idiom_or_bare(tok) or salience.indirect_question(tok) or \
                salience.without_clause(tok):
            cand.suppressed = cand.filtered = True
        elif senses.generic_subject(tok) or senses.reluctant(tok) or \
                senses.private_trip(tok) or senses.naming(tok) or senses.byline(tok) or \
                senses.idiom_object(tok):
            # Generic subjects, acts one is afraid to do, private trips, naming: other
            # senses (measured on the non-political sample, see events/senses.py).
            cand.suppressed = cand.filtered = True
        if tok.pos_ in ("NOUN", "PROPN"):
            # "held talks", "wrapped up a visit": the verb's own pattern covers the noun.
            # Further up, an event noun inside another coded noun's phrase is its content
            # ("opposed to French mediation in peace negotiations with Syria").
            current = tok
            for step in range(4):
                if current.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass",
                                        "compound"):
                    break
                current = current.head
                if current.i in by_token and (current.pos_ == "VERB" or (
                        step >= 1 and current.pos_ == "NOUN" and not compat)):
                    cand.suppressed = True
                    break
    if not compat:
        for cand in found:
            # "to protect them ... and prevent ...": a conjunct shares the fate of the
            # clause it is coordinated with.
            governor = by_token.get(cand.token.head.i)
            if cand.token.dep_ == "conj" and governor is not None and governor.filtered \
                    and not roles.has_own_subject(cand.token):
                cand.suppressed = cand.filtered = True
    return [c for c in found if not c.suppressed]


def _plover(cand: Candidate) -> str | None:
    row = lookup(cand.match.code)
    return row.plover if row is not None else None


def _describes_participant(tok: Token, by_token: dict[int, Candidate]) -> bool:
    """True when the trigger sits in a relative clause whose antecedent (not a person) is
    the object of another coded trigger."""
    node = tok
    for _ in range(4):
        if node.dep_ == "acl" and any(c.dep_ in ("nsubj", "mark") for c in node.children):
            return False  # "its demands that the government grant ...": a content clause
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
            antecedent = node.head
            if antecedent.ent_type_ == "PERSON" or antecedent.dep_ not in ("dobj", "pobj"):
                return False
            governor = antecedent.head
            if governor.dep_ == "prep":
                governor = governor.head
            return governor.i in by_token and governor.i != tok.i
        if node.dep_ not in ("xcomp", "advcl", "conj", "dobj", "pobj", "prep", "ccomp"):
            return False
        node = node.head
    return False


# Heads whose "of"/"with"/"for" clause is an allegation ("suspected of blowing up").
_ALLEGATION_HEADS = frozenset({"suspect", "accuse", "charge", "convict", "indict", "blame",
                               "arrest", "jail", "sentence", "detain", "try", "acquit"})


def _coded_governor(head: Token, by_token: dict[int, Candidate]) -> bool:
    """True when ``head`` is a coded trigger or governs one as its object ("began a hunger
    strike to demand ...": the purpose clause is the strike's content)."""
    return head.i in by_token or any(c.i in by_token for c in head.children
                                     if c.dep_ == "dobj")


_JOINT = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})
_THREAT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
_MODALS = frozenset({"may", "might", "could", "will", "would", "'ll"})


def _joint(tok: Token) -> bool:
    """True when the trigger or its object is "joint" ("launched joint exercises")."""
    nodes = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
    return any(c.dep_ == "amod" and c.lemma_.lower() in _JOINT
               for node in nodes for c in node.children)


def _conditional_modal(tok: Token) -> bool:
    """A modal act under a condition: "may halt ... if", "will attack unless"."""
    modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children)
    return modal and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                  for m in c.children) for c in tok.children)


def _noun_control(cand: Candidate, by_token: dict[int, Candidate], compat: bool) -> None:
    """An event noun under an announced or refused act takes that modality: "promised to
    continue military aid" is a promise of aid (one AGREE event), "refused to commit to any
    direct assistance" a refusal of aid (one REJECT event)."""
    verb = cand.token
    for _ in range(2):
        if verb.dep_ in ("dobj", "pobj", "prep"):
            verb = verb.head
    if verb.pos_ != "VERB" or verb.i in by_token or verb.dep_ != "xcomp":
        return
    head = verb.head
    lemma = head.lemma_.lower()
    refusal = REFUSAL_HEADS - {"fail"} if compat else REFUSAL_HEADS
    if lemma in refusal and reject_code(cand.match.code):
        cand.refused = True
    elif lemma in modality.INTENT_HEADS:
        cand.intent = True
    else:
        return
    if head.i in by_token:
        by_token[head.i].suppressed = True


def _attached(ent: Span, anchors: set[int]) -> bool:
    node = ent.root
    for _ in range(6):
        if node.i in anchors:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _date_for(token: Token, sent_ents: Sequence[Span], published: date | None,
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
                # Attached to a node closer to another coded clause? _attached stops at the
                # first anchor; a date inside a nested clause reaches it only via that clause.
                resolved = dates.resolve(ent.text, published)
                if resolved["value"] is not None or published is None:
                    return resolved
    if published is not None:
        return {"text": None, "value": published.isoformat(), "resolution": "publication"}
    if published_text:
        return {"text": published_text, "value": None, "resolution": "unknown"}
    return None


def _place_for(token: Token, sent_ents: Sequence[Span]) -> dict[str, Any] | None:
    """A place phrase ("in Beijing") attached to the trigger or its clause, geocoded."""
    anchors = place_anchors(token)
    for ent in sent_ents:
        if ent.label_ not in _PLACE_LABELS:
            continue
        root = ent.root
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in PLACE_PREPS:
            continue
        if prep.head.i not in anchors:
            continue
        place = geocode(ent.text)
        return {
            "text": ent.text,
            "name": place.name if place else ent.text,
            "country": place.country if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "geonameid": place.geonameid if place else None,
        }
    return None


def _confidence(cand: Candidate, actor_kinds: list[str], recipients: bool,
                hypothetical: bool, reported_only_heuristic: bool) -> float:
    """Heuristic evidence score in [0.05, 0.95]; its precision per band is measured."""
    score = 0.45
    if cand.match.specific:
        score += 0.2
    if cand.token.pos_ == "VERB":
        score += 0.1
    if actor_kinds and all(k not in _WEAK_MENTIONS for k in actor_kinds):
        score += 0.1
    if recipients:
        score += 0.1
    if hypothetical:
        score -= 0.15
    if reported_only_heuristic:
        score -= 0.05
    if _subordinate(cand.token):
        # Background clauses ("after a jet shot down ...", "who was detained") are less often
        # the event a report is about; on the PLOVER GSR they held most extra events.
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)


_BACKGROUND_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "amod", "npadvmod"})


def _subordinate(token: Token) -> bool:
    """True when the trigger sits in an adverbial, relative or participial clause."""
    current = token
    for _ in range(4):
        if current.dep_ in _BACKGROUND_DEPS:
            return True
        if current.dep_ in ("ROOT", "ccomp") or current.head.i == current.i:
            return False
        current = current.head
    return False


def _addressee(quote_id: str, quotes: Sequence[dict[str, Any]],
               entities: Sequence[dict[str, Any]],
               actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    quote = next((q for q in quotes if str(q.get("id")) == quote_id), None)
    if quote is None:
        return []
    speaker = (quote.get("speaker") or {}).get("entity")
    addressee = (quote.get("addressee") or {}).get("entity")
    if not addressee or speaker not in {a["entity"] for a in actors}:
        return []
    entity = next((e for e in entities if e["id"] == addressee), None)
    ref = entity_ref(entity) if codable(entity) else None
    return [ref] if ref is not None else []


def _demand(tok: Token, entities: Sequence[dict[str, Any]],
            actors: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """Speaker refs when ``tok`` is an obligation ("must", "should") put on someone else."""
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
    speakers, _ = resolve_refs(roles.speech_subjects(tok), entities)
    top = chain[-1]
    if not speakers and top.dep_ == "acl" and top.head.pos_ == "NOUN":
        # "issued a stern reminder to Iraq that it must cooperate": who issued it demands.
        speakers, _ = resolve_refs(roles.subjects(roles.governing_verb(top.head)), entities)
    if not speakers or {s["entity"] for s in speakers} & {a["entity"] for a in actors}:
        return None
    return speakers


# Nouns whose "that" clause is what is demanded: "reiterated its demand that Israel ease".
DEMAND_NOUNS = frozenset({"demand", "call", "appeal", "request", "ultimatum", "insistence",
                          "plea"})


def _demanded_content(top: Token, entities: Sequence[dict[str, Any]],
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


def _event_id(article_id: str, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:10]
    return f"ev-{digest}"


def code_document(doc: Doc, lexicon: Lexicon | None = None,
                  require_actor: bool = True, petrarch_compat: bool = False
                  ) -> list[dict[str, Any]]:
    """Event records for ``doc`` (entities from ``doc._.communique_entities``).

    ``require_actor=False`` keeps events without a codable actor: only for measuring the
    trigger machinery apart from actor coding (evaluation suites), never in output.
    ``petrarch_compat=True`` keeps codes outside the PLOVER mapping (PETRARCH's validation
    dictionaries use WEIS-era codes); such events have ``plover`` None. Evaluation only.
    """
    lexicon = lexicon or default_lexicon()
    structure: dict[str, Any] = doc._.communique_structure or {}
    entities = doc._.communique_entities
    if entities is None:
        from communique.events.fallback import fallback_entities

        entities = fallback_entities(doc)
    if not entities and require_actor:
        return []
    quotes = doc._.communique_quotes or []
    published_text = structure.get("published")
    published = dates.parse_published(published_text)
    article_id = str(structure.get("article_id") or "")
    events: list[dict[str, Any]] = []
    for index, sent in enumerate(doc.sents):
        if not petrarch_compat and salience.question(sent):
            continue  # questions report nothing ("How did Harris vote ...?")
        for cand in _candidates(sent, lexicon, petrarch_compat):
            event = _code_candidate(cand, entities, quotes, published, article_id, sent, index,
                                    require_actor, petrarch_compat)
            if event is not None:
                events.append(event)
                if petrarch_compat and cand.match.paired and event["recipients"] \
                        and not event["reciprocal"]:
                    # PETRARCH's paired codes ([042:043]): the reverse event, B hosts A.
                    events.append(dict(event, cameo=cand.match.paired,
                                       actors=event["recipients"], recipients=event["actors"],
                                       id=event["id"] + "-r"))
    return events


def _code_candidate(cand: Candidate, entities: Sequence[dict[str, Any]],
                    quotes: Sequence[dict[str, Any]], published: date | None,
                    article_id: str, sent: Span, index: int,
                    require_actor: bool = True, compat: bool = False
                    ) -> dict[str, Any] | None:
    tok = cand.token
    if not compat and senses.inanimate_subject(tok, entities):
        return None  # "the ban threatens their existence": figurative, no party acts
    preferred = tuple(e.prep for e in (cand.match.pattern.post if cand.match.pattern else ())
                      if e.prep)
    if tok.pos_ == "VERB":
        actor_toks = roles.subjects(tok)
        recipient_toks = roles.verb_recipients(tok, preferred)
    else:
        actor_toks = roles.noun_actors(tok)
        recipient_toks = roles.noun_recipients(tok, preferred)
        if not recipient_toks and not roles.governed_noun(tok):
            # A bare event noun ("the royal tour", "one of its meetings", "the Lesotho
            # Times visit") names no interaction: on non-political news these were mostly
            # false events. Nouns with a party ("visit to China", "talks with Xi") or under
            # a verb ("held talks") stay.
            return None
    actors, actor_kinds = resolve_refs(actor_toks, entities)
    if not actors and actor_toks:
        actors, actor_kinds = _pronoun_fallback(actor_toks, tok, entities, quotes, "speaker")
    if not actors and tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        # "the party issued a declaration demanding ...": the noun's own clause subject.
        actors, actor_kinds = resolve_refs(roles.subjects(roles.governing_verb(tok.head)), entities)
    if not actors and tok.pos_ == "VERB" and roles.is_passive(tok):
        actors, actor_kinds = passive_doer(tok, cand.match.code, entities)
    if not actors and not compat and tok.pos_ == "VERB" and \
            cand.match.code[:2] in ("18", "19", "20"):
        actors, actor_kinds = attack_place(tok, entities)
    recipients, _ = resolve_refs(recipient_toks, entities)
    if cand.match.gated and not object_party(tok, entities, actors):
        return None  # "asked questions", "allowed access": a light verb without a party
    if not recipients and tok.pos_ == "VERB":
        # "donated and personally delivered goods to X": coordinated verbs share the party.
        for conj in tok.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB" and not roles.has_own_subject(conj):
                recipients, _ = resolve_refs(roles.verb_recipients(conj, preferred), entities)
                if recipients:
                    break
    if not recipients and recipient_toks:
        recipients, _ = _pronoun_fallback(recipient_toks, tok, entities, quotes, "addressee")
    if not recipients and tok.pos_ == "VERB":
        recipients, _ = resolve_refs(roles.deferred_recipients(tok), entities)
    if not recipients:
        # CAMEO practice: without another target, the place the act happens in is the
        # target ("rioted at a jail in northern Israel", "imposed a curfew in Cizre").
        recipients, _ = resolve_refs(place_tokens(tok), entities)
        bool(recipients)
    if cand.match.reverse:
        actors, recipients = recipients, actors
    demand = _demand(tok, entities, actors)
    if demand is not None:
        # "X said Sudan must return the helicopter": X demands it of Sudan.
        recipients = [a for a in actors if a["entity"] not in
                      {d["entity"] for d in demand}] or recipients
        actors = demand
    if compat:
        # PETRARCH's own rule when the parse gives no role: the source is the first actor
        # before the verb, the target the first actor after it, within the sentence.
        if not actors:
            actors = nearest_refs(entities, sent.start_char, tok.idx, last=True)
        after = [r for r in nearest_refs(entities, tok.idx + len(tok.text), sent.end_char)
                 if r["entity"] not in {a["entity"] for a in actors}]
        if after and (not recipients or after[0]["entity"] not in
                      {r["entity"] for r in recipients}):
            recipients = after
    else:
        actors = salience.plausible_actors(actors, cand.match.code)
    if not actors and require_actor:
        return None  # no codable actor: no event (and never a 010 fallback)
    actor_ids = {a["entity"] for a in actors}
    recipients = [r for r in recipients if r["entity"] not in actor_ids]
    reciprocal = False
    if len(actors) >= 2 and not recipients:
        recipients = [dict(a) for a in actors]
        reciprocal = True
    if not recipients and tok.dep_ == "advcl" and tok.head.pos_ == "VERB" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        # "telephoned Kozyrev to discuss ...": the purpose shares the main act's party.
        recipients, _ = resolve_refs(roles.verb_recipients(tok.head), entities)
    if not compat and not recipients and not cand.match.specific and \
            salience.dyadic(cand.match.code) and not cand.intent and not cand.refused \
            and tok.lemma_.lower() not in SELF_INTENT:
        # "supports raising the minimum wage", "students debate issues": a default-coded
        # consultation, support, aid or request without its other party was mostly another
        # sense (non-political sample: the largest group of false events). Patterns and
        # announced commitments stay.
        return None
    code = cand.match.code
    if not compat and salience.verbal_attack(tok, actors, code):
        code = "111"  # "Trump's attacks on NATO", "the senator attacked the bill": criticism
    if not compat and code[:2] == "15" and (reciprocal or _joint(tok)):
        # "French and Egyptian warships launched war games", "joint exercises": drills
        # held together are military cooperation (CAMEO 062), not a show of force.
        code = "062"
    is_intent = cand.intent or modality.intent(tok) or tok.lemma_.lower() in SELF_INTENT
    if not compat and code[:2] in _THREAT_ROOTS and _conditional_modal(tok):
        # "may halt mediation efforts if cooperation founders": a conditional threat.
        is_intent = True
    negated = modality.negated(tok)
    if compat:
        pass  # PETRARCH codes come from its patterns only
    elif cand.refused or (negated and is_intent and reject_code(code)):
        # "refused to lift", "will not accept": a rejection, not a negated promise.
        code = reject_code(code) or code
        is_intent = negated = False
    elif is_intent and demand is None:
        fallback = code
        if cand.intent and tok.head.lemma_.lower() in AGREEMENT_HEADS:
            # "agreed to set up an inquiry": an agreement, whatever the complement's code.
            fallback = "030"
        code = intent_code(code) or fallback
    if demand is not None and not compat:
        code = demand_code(code)
        is_intent = False
    row: CameoCode | None = lookup(code)
    if compat and row is not None and row.code != code:
        # PETRARCH's own sub-codes ("1717", "174K"): reported as written, typed as the parent.
        row = replace(row, code=code)
    if row is None or row.plover is None:
        if not compat:
            return None
        row = CameoCode(code=code, name="", goldstein=0.0, quad=0, plover=None, mode=None,
                        context=())
    hypothetical = modality.hypothetical(tok)
    quote_id = modality.quote_for(tok.idx, tok.idx + len(tok.text), quotes)
    heuristic_reported = quote_id is None and modality.attributed(
        tok, modality.according_to(sent))
    sent_ents = list(sent.ents)
    when = _date_for(tok, sent_ents, published, None)
    historical = False
    if when is not None and published is not None and when["resolution"] != "publication":
        last = dates.last_day(when.get("value"))
        historical = last is not None and (published - last).days > HISTORICAL_DAYS
    if not recipients and row.plover == "THREATEN" and not compat:
        recipients = conditioned_party(tok, entities, actors)
    if not recipients and row.plover == "PROTEST" and not compat:
        recipients = protest_target(tok, entities, actors) or \
            home_authority(actors, entities)
    if not recipients and not compat and row.code[:2] in _THREAT_ROOTS | {"13"}:
        # "mobilized reservists for a possible war against Iraq": the adversary named
        # anywhere in the act's phrase.
        recipients = against_party(tok, entities, actors)
    if not recipients and not compat and row.plover == "REQUEST":
        # "reiterated its demand that Israel ease restrictions": the demand's addressee.
        recipients = demand_addressee(tok, entities, actors)
    if not recipients and not compat and (row.plover in DOMESTIC_TYPES or
                                          row.code[:3] in ("034", "035")):
        recipients = home_country(actors, entities)
    if not recipients and quote_id is not None and row.quad in (1, 3):
        # A verbal act inside a quote with no other target is addressed to the person the
        # speaker is talking to ("..., Lavrov told Xi": the praise is for Xi).
        recipients = _addressee(quote_id, quotes, entities, actors)
    event: dict[str, Any] = {
        "id": _event_id(article_id, tok.idx, tok.idx + len(tok.text)),
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
        "actors": actors,
        "recipients": recipients,
        "reciprocal": reciprocal,
        "trigger": {"start": tok.idx, "end": tok.idx + len(tok.text), "text": tok.text},
        "sentence": {"index": index, "start": sent.start_char, "end": sent.end_char},
        "modality": {
            "negated": negated,
            "intent": is_intent,
            "hypothetical": hypothetical,
            "historical": historical,
            "reported": quote_id is not None or heuristic_reported,
        },
    })
    if quote_id is not None:
        event["reported_by"] = quote_id
    if when is not None:
        event["date"] = when
    event["location"] = _place_for(tok, sent_ents)
    event["confidence"] = _confidence(cand, actor_kinds, (bool(recipients) and not reciprocal)
                                      or reciprocal, hypothetical, heuristic_reported)
    if not recipients and salience.dyadic(cand.match.code):
        # A consultation, support, aid or request names its other party; without one the
        # trigger is often another sense ("supports raising the minimum wage"): on the
        # PLOVER GSR 9 of 36 such events had the gold type. Dropping them cost more right
        # events (role failures) than it removed, so they stay, with less confidence.
        event["confidence"] = round(max(0.05, event["confidence"] - 0.15), 2)
    return event
