"""Which entity a token of the parse stands for, and the parties named around a trigger.

Shared by the coder (``coder.py``) and the implicit-party rules (``implicit.py``): entity
lookup on a noun phrase with its modifiers, appositions and "of/from/in" parties; codable
entity refs for a list of tokens; the place phrases ("in X", "at X") attached to a trigger;
and the nearest codable mention in a character range (PETRARCH's positional roles).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

from communique.actors.lookup import entity_for_span, entity_ref
from communique.events import roles

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})


def np_bounds(token: Token) -> tuple[int, int]:
    """Character span of ``token`` with its pre-modifiers ("Russian Foreign Minister X")."""
    start = token.idx
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "poss", "det", "nmod", "nummod", "case"):
            start = min(start, child.left_edge.idx)
    return start, token.idx + len(token.text)


# Group and quantity nouns whose "of"/"from"/"in" phrase names the actor: "thousands of
# Nigerians", "activists from the Fatah party", "security forces in Guinea".
_PARTY_PREPS = ("of", "from", "in", "for")  # "a camp for Congolese refugees"


def entity_for(token: Token, entities: Sequence[dict[str, Any]], depth: int = 0
                ) -> dict[str, Any] | None:
    """The entity a participant token stands for (first codable of: the lookup on its noun
    phrase, an apposition, a coded modifier inside the phrase, an "of"/"from"/"in" party)."""
    start, end = np_bounds(token)
    found = entity_for_span(entities, start, end, head=(token.idx, token.idx + len(token.text)))
    if codable(found):
        return found
    for child in token.children:
        if child.dep_ == "appos":
            other = entity_for_span(entities, *np_bounds(child))
            if codable(other):
                return other
    # "Iran's religious leader Ayatollah X" with X uncoded: the coded modifier codes the act
    # -- unless the head is a market figure ("the Canadian dollar traded at ...").
    if token.lemma_.lower() in _NON_AGENTS:
        return found
    for entity in entities:
        if not codable(entity) or entity is found:
            continue
        for mention in entity.get("mentions", ()):
            if start <= int(mention["start"]) and int(mention["end"]) <= end:
                return entity
    if depth <= 1 and (token.pos_ in ("NOUN", "PROPN", "NUM") or
                       token.lower_ in _QUANTIFIERS) and not (
            token.lemma_.lower() in _ABSTRACT_HEADS and token.dep_ in ("nsubj", "nsubjpass")
    ):
        party = party_of(token, entities, depth)
        if party is not None:
            return party
    return found


# Quantifier pronouns whose "of" phrase names the party: "some of the president's key
# supporters", "many of the rebels".
_QUANTIFIERS = frozenset({"some", "many", "most", "several", "all", "none", "few", "both",
                          "each", "any", "dozens", "hundreds", "thousands"})
# Abstract and event heads as subjects: "the war in Ukraine has forced academics into exile"
# has no doer in its "in" phrase (hand check, seed 21); "forces in Guinea" do. As objects
# they still name a party ("parties to the conflict in Iraq").
_ABSTRACT_HEADS = frozenset({
    "war", "conflict", "crisis", "fighting", "violence", "pandemic", "situation", "move",
    "decision", "law", "policy", "plan", "report", "change", "development", "event",
    "incident", "case", "issue", "problem", "election", "vote", "rule", "ruling", "deal",
})
# Gatherings and occasions: their "in" phrase is where they are held, not who they are
# ("announced new sanctions at a news conference in Manila").
_GATHERING_HEADS = frozenset({
    "conference", "summit", "ceremony", "briefing", "forum", "session", "speech",
    "interview", "hearing", "rally", "event", "gathering", "convention", "visit", "trip",
})
# Heads that cannot act even when a country modifies them: currencies and market figures.
_NON_AGENTS = frozenset({
    "dollar", "euro", "pound", "yen", "yuan", "rupee", "currency", "economy", "market",
    "stock", "share", "price", "bond", "yield", "rate", "inflation", "gdp", "output", "export",
    "import", "index", "weather", "temperature",
})


def party_of(token: Token, entities: Sequence[dict[str, Any]], depth: int = 0
              ) -> dict[str, Any] | None:
    """"Thousands of Nigerians", "members of the union", "activists from Fatah"; one level
    further, where people are placed: "dozens of journalists at Sudan's daily newspaper"."""
    preps: tuple[str, ...] = _PARTY_PREPS if depth == 0 else ("at", "from")
    if token.lemma_.lower() in _GATHERING_HEADS:
        preps = tuple(p for p in preps if p not in ("in", "at"))
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    other = entity_for(pobj, entities, depth + 1)
                    if codable(other):
                        return other
    return None


def codable(entity: dict[str, Any] | None) -> bool:
    """True for an entity with a CAMEO code or at least a country (events need one)."""
    return entity is not None and bool(entity.get("code") or entity.get("country"))


def resolve_refs(tokens: Sequence[Token], entities: Sequence[dict[str, Any]]
          ) -> tuple[list[dict[str, Any]], list[str]]:
    """Entity refs (deduplicated, codable only) and the mention types that produced them."""
    refs: list[dict[str, Any]] = []
    kinds: list[str] = []
    for tok in tokens:
        entity = entity_for(tok, entities)
        if not codable(entity):
            continue
        ref = entity_ref(entity)
        if ref is None or any(r["entity"] == ref["entity"] for r in refs):
            continue
        refs.append(ref)
        kinds.append(mention_type(entity, tok))
    return refs, kinds



def mention_type(entity: dict[str, Any] | None, token: Token) -> str:
    """The type of the entity's mention covering ``token`` (name, pronoun, descriptor):
    pronouns and descriptors are weaker evidence of who acted."""
    for mention in (entity or {}).get("mentions", ()):
        if int(mention["start"]) <= token.idx < int(mention["end"]):
            return str(mention.get("type", "name"))
    return "name"


def place_anchors(token: Token) -> set[int]:
    """Tokens a place phrase may hang on: the trigger, its clause's verb, its object (the
    parser often attaches "in Brussels" to the object: "met the minister in Brussels")."""
    clause = roles.governing_verb(token)
    anchors = {token.i, clause.i}
    anchors.update(c.i for c in token.children if c.dep_ in ("dobj", "nsubjpass"))
    return anchors


def place_tokens(token: Token) -> list[Token]:
    """Heads of "in X" / "at X" phrases on the trigger, its object or its clause."""
    doc = token.doc
    found: list[Token] = []
    for anchor in sorted(place_anchors(token)):
        for prep in doc[anchor].children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            found.append(pobj)
            # "in the town of Cizre": the named place is the "of" object.
            for of in pobj.children:
                if of.dep_ == "prep" and of.lower_ == "of":
                    found.extend(c for c in of.children if c.dep_ == "pobj")
    return found



def nearest_refs(entities: Sequence[dict[str, Any]], start: int, end: int,
                  last: bool = False) -> list[dict[str, Any]]:
    """The codable entity whose mention is first (or last) inside [start, end)."""
    best: tuple[int, dict[str, Any]] | None = None
    for entity in entities:
        if not codable(entity):
            continue
        for mention in entity.get("mentions", ()):
            m_start = int(mention["start"])
            if start <= m_start and int(mention["end"]) <= end:
                key = -m_start if last else m_start
                if best is None or key < best[0]:
                    best = (key, entity)
    if best is None:
        return []
    ref = entity_ref(best[1])
    return [ref] if ref is not None else []
