"""Who acts and who is acted on: the actor and recipient cascades of one trigger.

Each cascade is a ledger of named rules tried in order until one finds a codable party;
the name of the rule that found it is kept for ``explain`` ("recipient from
place-as-target"). ``LATE_RECIPIENTS`` runs after the CAMEO code is settled, since its
rules depend on the event type (a protest's target is the home authority).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from communique.actors.lookup import entity_ref
from communique.events import modality, roles
from communique.events.cameo import CameoCode
from communique.events.candidates import Candidate
from communique.events.implicit import (
    DOMESTIC_TYPES,
    against_party,
    attack_place,
    conditioned_party,
    demand_addressee,
    home_authority,
    home_country,
    passive_doer,
    protest_target,
    setting_authority,
)
from communique.events.refs import codable, entity_for, place_tokens, resolve_refs
from communique.rules import Ledger

Refs = list[dict[str, Any]]
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
_SECOND_PERSON = frozenset({"you", "your"})
_THREAT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})


@dataclass
class Parties:
    """The parties of one trigger as the cascades find them, with where they came from."""

    cand: Candidate
    entities: Sequence[dict[str, Any]]
    quotes: Sequence[dict[str, Any]]
    preferred: tuple[str, ...]
    actor_toks: list[Token]
    recipient_toks: list[Token]
    actors: Refs = field(default_factory=list)
    actor_kinds: list[str] = field(default_factory=list)
    recipients: Refs = field(default_factory=list)
    actor_source: str | None = None
    recipient_source: str | None = None
    # Events coded just before this trigger (latest last): what a denial may answer.
    earlier: Sequence[dict[str, Any]] = ()

    @property
    def token(self) -> Token:
        return self.cand.token


def parties_for(cand: Candidate, entities: Sequence[dict[str, Any]],
                quotes: Sequence[dict[str, Any]]) -> Parties | None:
    """The parse's party tokens of a trigger; None for a bare event noun with no party.

    A bare event noun ("the royal tour", "one of its meetings") names no interaction: on
    non-political news these were mostly false events. Nouns with a party ("visit to
    China", "talks with Xi") or under a verb ("held talks") stay.
    """
    tok = cand.token
    pattern = cand.match.pattern
    preferred = tuple(e.prep for e in (pattern.post if pattern else ()) if e.prep)
    if tok.pos_ == "VERB":
        actor_toks = roles.subjects(tok)
        recipient_toks = roles.verb_recipients(tok, preferred)
    else:
        actor_toks = roles.noun_actors(tok)
        recipient_toks = roles.noun_recipients(tok, preferred)
        if not recipient_toks and cand.match.code.startswith(_GATHERING_CODES):
            # "peace talks including Ukraine, Russia and the rebels"
            recipient_toks = roles.noun_recipients(tok, _MEMBERS_PREPS)
        if not recipient_toks and not roles.governed_noun(tok):
            return None
    return Parties(cand, entities, quotes, preferred, actor_toks, recipient_toks)


ActorRule = Callable[[Parties], tuple[Refs, list[str]]]
RecipientRule = Callable[[Parties], Refs]
LateRule = Callable[[Parties, CameoCode, "str | None"], Refs]

ACTORS: Ledger[ActorRule] = Ledger(
    "actors", "Where an event's actor comes from; the first rule that finds a codable "
              "party wins.")
RECIPIENTS: Ledger[RecipientRule] = Ledger(
    "recipients", "Where an event's recipient comes from before the code is settled; the "
                  "first rule that finds one wins.")
LATE_RECIPIENTS: Ledger[LateRule] = Ledger("late_recipients",
                         "Recipients an event type implies when the sentence names none; "
                         "tried after the code is settled.")


def find_actors(parties: Parties, skip: frozenset[str] = frozenset()) -> None:
    """Run the actor ledger (rules named in ``skip`` left out)."""
    for rule in ACTORS:
        if rule.name in skip:
            continue
        found, kinds = rule.func(parties)
        if found:
            parties.actors, parties.actor_kinds = found, kinds
            parties.actor_source = rule.name
            return


def find_recipients(parties: Parties) -> None:
    """Run the early recipient ledger."""
    for rule in RECIPIENTS:
        found = rule.func(parties)
        if found:
            parties.recipients = found
            parties.recipient_source = rule.name
            return


def find_late_recipients(parties: Parties, row: CameoCode, quote_id: str | None,
                         only: frozenset[str] | None = None) -> None:
    """Run the late recipient ledger when no recipient was found (``only`` restricts it)."""
    if parties.recipients:
        return
    for rule in LATE_RECIPIENTS:
        if only is not None and rule.name not in only:
            continue
        found = rule.func(parties, row, quote_id)
        if found:
            parties.recipients = found
            parties.recipient_source = rule.name
            return


def pronoun_fallback(tokens: Sequence[Token], trigger: Token,
                     entities: Sequence[dict[str, Any]], quotes: Sequence[dict[str, Any]],
                     slot: str) -> tuple[Refs, list[str]]:
    """Unresolved pronouns: "we"/"you" inside a quote are its speaker/addressee; "they" in
    "X said they would ..." is X. Used only when the entity lookup found nothing."""
    if not tokens or not all(t.pos_ == "PRON" for t in tokens):
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


# --- actors, in order ---------------------------------------------------------------------

@ACTORS.rule("parsed-subject", example="Russia attacked Ukraine")
def _parsed_subject(p: Parties) -> tuple[Refs, list[str]]:
    """The subject of a verb trigger, or the doer of an event noun ("Israel's strikes")."""
    return resolve_refs(p.actor_toks, p.entities)


@ACTORS.rule("pronoun-speaker", example='"We will retaliate," the minister said')
def _pronoun_speaker(p: Parties) -> tuple[Refs, list[str]]:
    """"we" inside a quote is its speaker; "they" in "X said they would" is X."""
    return pronoun_fallback(p.actor_toks, p.token, p.entities, p.quotes, "speaker")


# Meetings and clashes: the events whose members a noun can list ("talks including X").
_GATHERING_CODES = ("04", "19")
_MEMBERS_PREPS = ("including", "involving")


@ACTORS.rule("parties-between", example="Talks between Egypt and Qatar resumed in Cairo")
def _parties_between(p: Parties) -> tuple[Refs, list[str]]:
    """An event "between" or "among" two or more parties is done by all of them to each
    other: talks, clashes, fighting, an agreement between them (reciprocal); so are talks
    or clashes "including" or "involving" them."""
    preps: tuple[str, ...] = ("between", "among")
    if p.cand.match.code.startswith(_GATHERING_CODES):
        preps += _MEMBERS_PREPS
    for prep in p.token.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        toks = [t for c in prep.children if c.dep_ == "pobj" for t in (c, *c.conjuncts)]
        refs, kinds = resolve_refs(toks, p.entities)
        if len({r["entity"] for r in refs}) >= 2:
            return refs, kinds
    return [], []


@ACTORS.rule("clause-of-noun", example="the party issued a declaration demanding ...")
def _clause_of_noun(p: Parties) -> tuple[Refs, list[str]]:
    """A clause on a noun takes the subject of the verb that governs the noun."""
    tok = p.token
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        return resolve_refs(roles.subjects(roles.governing_verb(tok.head)), p.entities)
    return [], []


@ACTORS.rule("passive-doer", example="was arrested in Lebanon")
def _passive_doer(p: Parties) -> tuple[Refs, list[str]]:
    """The doer of an agentless passive where the sentence still names it."""
    tok = p.token
    if tok.pos_ == "VERB" and roles.is_passive(tok):
        return passive_doer(tok, p.cand.match.code, p.entities)
    return [], []


# Verbs with two objects whose passive keeps the thing given or refused: "was denied a
# visa", "was granted asylum", "was awarded a contract".
_DITRANSITIVE = frozenset({"deny", "refuse", "grant", "give", "award", "offer", "issue",
                           "promise", "send", "sell"})


@ACTORS.rule("giver-of-retained-object", example="The activist was denied a Chinese visa")
def _giver_of_retained_object(p: Parties) -> tuple[Refs, list[str]]:
    """An agentless passive of a two-object verb: the country that qualifies the thing
    given or refused gives or refuses it ("was granted French citizenship": France)."""
    tok = p.token
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in _DITRANSITIVE or \
            not roles.is_passive(tok):
        return [], []
    modifiers = [m for c in tok.children if c.dep_ == "dobj" for m in c.children
                 if m.dep_ in ("amod", "compound", "nmod", "poss") and m.i < c.i
                 and m.ent_type_ in ("GPE", "NORP")]
    refs, _ = resolve_refs(modifiers, p.entities)
    return refs, ["descriptor"] * len(refs)


@ACTORS.rule("attack-place", example="A roadside bombing near Samarra killed one U.S. soldier")
def _attack_place(p: Parties) -> tuple[Refs, list[str]]:
    """An attack only a weapon performs comes from the country where it happened."""
    tok = p.token
    if tok.pos_ == "VERB" and p.cand.match.code[:2] in ("18", "19", "20"):
        return attack_place(tok, p.entities)
    return [], []


# Agentless state acts that CAMEO codes as done by the authorities: arrests, detentions,
# charges and convictions (root 17), releases of prisoners (0841).
_AUTHORITY_CODES = ("17", "0841")


@ACTORS.rule("setting-authorities",
             example="Cazeneuve said nine people had been detained in connection to the attack")
def _setting_authorities(p: Parties) -> tuple[Refs, list[str]]:
    """An agentless arrest, detention or release whose sentence names no place is done by
    the authorities of the country the article is set in (a weaker inference: the event's
    confidence is lowered)."""
    tok = p.token
    if tok.pos_ != "VERB" or not roles.is_passive(tok) or \
            not p.cand.match.code.startswith(_AUTHORITY_CODES):
        return [], []
    refs = setting_authority(p.entities)
    return refs, ["setting"] * len(refs)


# --- recipients before the code is settled, in order -----------------------------------

@RECIPIENTS.rule("parsed-object", example="Russia attacked Ukraine")
def _parsed_object(p: Parties) -> Refs:
    """The object or preposition phrase the pattern names; for a meeting, a venue named
    with "at" beside another party is its place ("met Netanyahu at the White House")."""
    toks = p.recipient_toks
    if p.cand.match.code.startswith("04"):
        parties = [t for t in toks if not _venue(t, p.entities)]
        toks = parties or toks
    return resolve_refs(toks, p.entities)[0]


def _venue(tok: Token, entities: Sequence[dict[str, Any]]) -> bool:
    """A seat of power named after "at" ("at the Kremlin", "at the White House"): the
    building where a meeting happens."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("at", "inside", "outside"):
        return False
    entity = entity_for(tok, entities)
    return entity is not None and entity.get("kind") == "organisation"


# Codes whose object phrase names a beneficiary with "to": aid given (07x), aid, ties or
# talks cut (16x).
_GIVEN_TO_CODES = ("07", "16")


@RECIPIENTS.rule("given-to-in-object",
                 example="ordered the suspension of aid payments to El Salvador and Honduras")
def _given_to_in_object(p: Parties) -> Refs:
    """Aid given or cut goes to the party its object phrase names with "to", however deep
    the "of" chain ("the suspension of aid payments to X")."""
    tok = p.token
    if tok.pos_ != "VERB" or not p.cand.match.code.startswith(_GIVEN_TO_CODES):
        return []
    nouns = [c for c in tok.children if c.dep_ == "dobj"]
    for _ in range(3):
        preps = [c for n in nouns for c in n.children if c.dep_ == "prep"]
        targets = [t for prep in preps if prep.lower_ == "to" for c in prep.children
                   if c.dep_ == "pobj" for t in (c, *c.conjuncts)]
        if targets:
            return resolve_refs(targets, p.entities)[0]
        nouns = [c for prep in preps if prep.lower_ == "of" for c in prep.children
                 if c.dep_ == "pobj"]
    return []


# What an attack's weapon does to its target in a relative clause: "fired rockets that
# hit Israeli towns", "launched a drone that struck a Russian base".
_HIT_PREPS = frozenset({"on", "at", "against", "into"})


@RECIPIENTS.rule("instrument-clause",
                 example="The militia fired rockets that hit Israeli towns")
def _instrument_clause(p: Parties) -> Refs:
    """An armed attack whose object is its weapon hits whom the weapon's relative clause
    names."""
    tok = p.token
    if tok.pos_ != "VERB" or p.cand.match.code[:2] not in ("18", "19", "20"):
        return []
    targets: list[Token] = []
    for obj in tok.children:
        if obj.dep_ != "dobj":
            continue
        for rel in obj.children:
            if rel.dep_ != "relcl":
                continue
            targets += [t for c in rel.children if c.dep_ == "dobj" for t in roles.expand(c)]
            targets += [t for prep in rel.children if prep.dep_ == "prep"
                        and prep.lower_ in _HIT_PREPS for c in prep.children
                        if c.dep_ == "pobj" for t in roles.expand(c)]
    return resolve_refs(targets, p.entities)[0]


@RECIPIENTS.rule("coordinated-verb",
                 example="donated and personally delivered goods to X")
def _coordinated_verb(p: Parties) -> Refs:
    """Coordinated verbs without a subject of their own share the party."""
    tok = p.token
    if tok.pos_ != "VERB":
        return []
    for conj in tok.children:
        if conj.dep_ == "conj" and conj.pos_ == "VERB" and not roles.has_own_subject(conj):
            found = resolve_refs(roles.verb_recipients(conj, p.preferred), p.entities)[0]
            if found:
                return found
    return []


@RECIPIENTS.rule("pronoun-addressee", example='"You must leave," Kerry told Lavrov')
def _pronoun_addressee(p: Parties) -> Refs:
    """"you" inside a quote is the quote's addressee."""
    return pronoun_fallback(p.recipient_toks, p.token, p.entities, p.quotes, "addressee")[0]


@RECIPIENTS.rule("deferred-object", example="met on Tuesday with the Iranian envoy")
def _deferred(p: Parties) -> Refs:
    """A party the parser attached further up the clause."""
    if p.token.pos_ != "VERB":
        return []
    return resolve_refs(roles.deferred_recipients(p.token), p.entities)[0]


# Verbs of announcing: what they announce is not done to the place they are said in.
_ANNOUNCING = frozenset({"announce", "declare", "unveil", "say", "tell", "vow", "pledge"})
# Meetings and visits (CAMEO 04x): the place they happen in is never the party met.
_MEETING_CODES = ("04",)
# Arrivals: the country a delegation arrives in is the one it visits ("arrived in Seoul").
_ARRIVING = frozenset({"arrive", "land", "travel", "fly", "go", "come", "return", "visit"})


@RECIPIENTS.rule("place-as-target", example="imposed a curfew in Cizre")
def _place_as_target(p: Parties) -> Refs:
    """CAMEO practice: without another target, the place a conflict act happens in is its
    target. A meeting place is never a party: "India, Brazil and South Africa met in
    Geneva" is the three meeting, in Geneva."""
    if p.token.lemma_.lower() in _ANNOUNCING:
        return []  # "announced the sanctions at a news conference in Manila": a venue
    if p.cand.match.code.startswith(_MEETING_CODES) and \
            p.token.lemma_.lower() not in _ARRIVING:
        return []  # "envoys met in Vienna on Monday": where they met, not whom
    found = place_tokens(p.token)
    if not found and p.cand.match.code[:2] in ("18", "19", "20"):
        found = _attacked_places(p.token)
    return resolve_refs(found, p.entities)[0]


# Prepositions of movement through a place an armed force attacks ("stormed through Iraq's
# Nineveh Plain", "pushed into Mariupol").
_THROUGH_PREPS = frozenset({"through", "across", "into"})


def _attacked_places(tok: Token) -> list[Token]:
    """Where an armed attack lands when no party is its object: the place an attacked
    object belongs to or stands in ("shelling the outer defences of Mariupol", "struck a
    command center and training camp at Raqqa"), or the place a force moves through."""
    found: list[Token] = []
    objects = [t for c in tok.children if c.dep_ in ("dobj", "nsubjpass")
               for t in (c, *c.conjuncts)]
    for obj in objects:
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "in", "near"):
                found.extend(c for c in prep.children if c.dep_ == "pobj")
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in _THROUGH_PREPS:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


# --- recipients the event type implies, in order --------------------------------------

@LATE_RECIPIENTS.rule("threat-condition", example="will strike if Israel attacks")
def _threat_condition(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """A threat is addressed to whoever its condition names."""
    if row.plover != "THREATEN":
        return []
    return conditioned_party(p.token, p.entities, p.actors)


@LATE_RECIPIENTS.rule("protest-target", example="protesters rallied against the government")
def _protest_target(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """A protest's target, else the authority of the protesters' own country."""
    if row.plover != "PROTEST":
        return []
    return protest_target(p.token, p.entities, p.actors) or \
        home_authority(p.actors, p.entities)


@LATE_RECIPIENTS.rule("adversary-in-phrase",
                      example="mobilized reservists for a possible war against Iraq")
def _adversary(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """The adversary named anywhere in a threat's or force's phrase."""
    if row.code[:2] not in _THREAT_ROOTS | {"13"}:
        return []
    return against_party(p.token, p.entities, p.actors)


@LATE_RECIPIENTS.rule("demand-addressee",
                      example="reiterated its demand that Israel ease restrictions")
def _demand_addressee(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """A request is addressed to the subject of what it demands."""
    if row.plover != "REQUEST":
        return []
    return demand_addressee(p.token, p.entities, p.actors)


# Objects that point back to what was said before: "denies this", "dismissed the claim".
_CHARGE_WORDS = frozenset({"this", "that", "it", "these", "claim", "charge", "accusation",
                           "allegation", "report", "statement", "assertion", "suggestion",
                           "criticism", "demand", "threat", "warning"})
# Acts a denial or dismissal answers.
_ANSWERED_TYPES = frozenset({"ACCUSE", "THREATEN", "REQUEST"})


@LATE_RECIPIENTS.rule("answers-earlier-charge",
                      example="The West accuses Russia of sending arms. Moscow denies this.")
def _answers_earlier_charge(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """A denial or dismissal of "this" or of "the claim" answers the latest accusation,
    threat or demand made against its actor: it is addressed to whoever made it."""
    if row.plover != "REJECT" or not any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _CHARGE_WORDS
            for c in p.token.children):
        return []
    mine = {a["entity"] for a in p.actors} | {a.get("country") for a in p.actors}
    for event in reversed(p.earlier):
        if event.get("plover") not in _ANSWERED_TYPES:
            continue
        targets = event.get("recipients") or []
        if any(t["entity"] in mine or (t.get("country") and t.get("country") in mine)
               for t in targets):
            return [a for a in event.get("actors") or [] if a["entity"] not in mine]
    return []


def _definite_act_noun(tok: Token) -> bool:
    """The trigger names its act with a definite noun: "announced the sanctions", "the
    strikes were ordered", "imposed these measures"."""
    nouns = [tok] if tok.pos_ == "NOUN" else [
        c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]
    return any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
               for n in nouns if n.lemma_.lower() in _ACT_NOUNS for c in n.children)


# Nouns of acts that an article names once with their target and later again bare.
_ACT_NOUNS = frozenset({"sanction", "sanctions", "strike", "airstrike", "talk", "talks",
                        "negotiation", "measure", "attack", "raid", "restriction", "penalty",
                        "embargo", "tariff", "offensive", "operation", "crackdown"})


@LATE_RECIPIENTS.rule("same-act-before",
                      example="The EU imposed sanctions on Iran. It announced the sanctions "
                              "in Brussels.")
def _same_act_before(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """An act named with a definite noun ("the sanctions") is the one coded just before
    with the same CAMEO root and an actor of the same country: it has that one's target."""
    if not _definite_act_noun(p.token):
        return []
    mine = {a.get("country") for a in p.actors} - {None}
    for event in reversed(p.earlier):
        if str(event.get("cameo", ""))[:2] != row.code[:2] or not event.get("recipients"):
            continue
        if mine & {a.get("country") for a in event.get("actors") or []}:
            return [r for r in event["recipients"] if r.get("country") not in mine]
    return []


@LATE_RECIPIENTS.rule("home-country", example="the government declared a state of emergency")
def _home_country(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """Domestic acts (coercion, concessions, rejections) fall on the actor's own country."""
    if row.plover not in DOMESTIC_TYPES and row.code[:3] not in ("034", "035"):
        return []
    return home_country(p.actors, p.entities)


@LATE_RECIPIENTS.rule("quote-addressee", example='"..., Lavrov told Xi": the praise is for Xi')
def _quote_addressee(p: Parties, row: CameoCode, quote_id: str | None) -> Refs:
    """A verbal act inside a quote with no other target is addressed to the person the
    speaker is talking to."""
    if quote_id is None or row.quad not in (1, 3):
        return []
    quote = next((q for q in p.quotes if str(q.get("id")) == quote_id), None)
    if quote is None:
        return []
    speaker = (quote.get("speaker") or {}).get("entity")
    addressee = (quote.get("addressee") or {}).get("entity")
    if not addressee or speaker not in {a["entity"] for a in p.actors}:
        return []
    entity = next((e for e in p.entities if e["id"] == addressee), None)
    ref = entity_ref(entity) if codable(entity) else None
    return [ref] if ref is not None else []
