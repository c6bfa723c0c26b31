"""Parties a sentence implies without naming them in the trigger's own phrase.

CAMEO practice, measured on the PLOVER GSR (see ``data/events/README.md``): the subject of
an "if"/"unless" clause a threat addresses, the home country of a protest or of a domestic
act, a protest's target in its purpose clause, "against X" in a conflict act's phrase, the
subject of what is demanded, the doer of an agentless passive, and the place of an attack
done only by a weapon. Each returns entity refs found in the article, or nothing: no party
is invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

from communique.actors.lookup import entity_ref
from communique.events import roles
from communique.events.refs import PLACE_PREPS, place_tokens, resolve_refs

CONDITION_MARKS = frozenset({"if", "unless", "until"})


def conditioned_party(tok: Token, entities: Sequence[dict[str, Any]],
                       actors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The party a conditional threat addresses: the subject of its "if"/"unless" clause
    ("threatened to walk out unless Baghdad accepted its terms" threatens Baghdad)."""
    actor_ids = {a["entity"] for a in actors}
    for clause in tok.subtree:
        if clause.dep_ != "advcl" or not any(
                c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        refs, _ = resolve_refs([t for s in subjects for t in roles.expand(s)], entities)
        refs = [r for r in refs if r["entity"] not in actor_ids]
        if refs:
            return refs
    return []


def home_authority(actors: Sequence[dict[str, Any]], entities: Sequence[dict[str, Any]]
                    ) -> list[dict[str, Any]]:
    """The authority a protest with no named target addresses: its own country.

    CAMEO practice (and the PLOVER GSR: most protests without a named target are coded
    against the protesters' country) reads a strike, riot or demonstration as directed at
    the government of the place. Only an entity the article itself mentions is used (the
    country, else its government); nothing is invented when the article names neither.
    """
    countries = {a.get("country") for a in actors if a.get("country")}
    if len(countries) != 1 or any(home_sector(a) for a in actors):
        return []
    country = next(iter(countries))
    ranked = sorted((e for e in entities if e.get("country") == country and (
        e.get("kind") == "country" or home_sector(e))),
        key=lambda e: (e.get("kind") != "country", e.get("sector") != "GOV"))
    ref = entity_ref(ranked[0]) if ranked else None
    return [ref] if ref is not None else []


_PROTEST_PREPS = frozenset({"for", "against", "over", "at", "on"})
_DEFIANCE_NOUNS = frozenset({"defiance", "protest", "opposition", "defence", "defense"})


def protest_target(tok: Token, entities: Sequence[dict[str, Any]],
                    actors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Whom a protest addresses when its own phrase names nobody: the party named in its
    purpose clause ("blocked a road to show their disapproval for the United States'
    policies"), in "in defiance of X", or responsible for what is protested ("against
    violations by the Israeli military")."""
    actor_ids = {a["entity"] for a in actors}
    heads: list[Token] = [tok]
    # "blocked streets in Hong Kong in defiance of Chinese authorities"
    defiance = [t for t in tok.subtree if t.dep_ == "pobj" and t.head.lower_ == "in"
                and t.lemma_.lower() in _DEFIANCE_NOUNS]
    for child in tok.children:
        if child.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in child.children):
            heads.append(child)
    found: list[Token] = []
    for head in heads:
        for child in head.children:
            if child.dep_ == "dobj" and head is not tok:
                found.append(child)
            if child.dep_ == "prep":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    if child.lower_ in _PROTEST_PREPS:
                        found.append(pobj)
                    elif child.lower_ == "in" and pobj.lemma_.lower() in _DEFIANCE_NOUNS:
                        found.extend(c for p in pobj.children if p.dep_ == "prep"
                                     and p.lower_ in ("of", "to") for c in p.children
                                     if c.dep_ == "pobj")
    found.extend(c for d in defiance for p in d.children if p.dep_ == "prep"
                 and p.lower_ in ("of", "to") for c in p.children if c.dep_ == "pobj")
    for token in found:
        candidates = [token] + [c for p in token.children if p.dep_ == "prep"
                                and p.lower_ in ("of", "by", "for", "at", "over", "against")
                                for c in p.children if c.dep_ == "pobj"]
        for candidate in candidates:
            for ref in resolve_refs([candidate], entities)[0]:
                if ref["entity"] not in actor_ids:
                    return [ref]
    return []


def against_party(tok: Token, entities: Sequence[dict[str, Any]],
                   actors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A codable "against X" party inside the trigger's own phrase (its subtree up to the
    next clause): "mobilized army reservists for a possible war against Iraq"."""
    actor_ids = {a["entity"] for a in actors}
    stack = [c for c in tok.children if c.dep_ not in _CLAUSAL_DEPS]
    while stack:
        node = stack.pop()
        if node.dep_ == "pobj" and node.head.lower_ == "against":
            refs = [r for r in resolve_refs(roles.expand(node), entities)[0]
                    if r["entity"] not in actor_ids]
            if refs:
                return refs
        stack.extend(c for c in node.children if c.dep_ not in _CLAUSAL_DEPS)
    return []


def demand_addressee(tok: Token, entities: Sequence[dict[str, Any]],
                      actors: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The subject of what is demanded: "its demand that Israel ease restrictions",
    "called for Ms. Nielsen to resign"."""
    actor_ids = {a["entity"] for a in actors}
    owners = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    for owner in owners:
        for clause in owner.children:
            if clause.dep_ not in ("ccomp", "acl") and not (
                    clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for"
                                                   for m in clause.children)):
                continue
            subjects = [t for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")
                        for t in roles.expand(c)] or _misparsed_subject(clause)
            refs = [r for r in resolve_refs(subjects, entities)[0] if r["entity"] not in actor_ids]
            if refs:
                return refs
    return []


def _misparsed_subject(clause: Token) -> list[Token]:
    """A demanded clause whose verb the parser took for a noun keeps its subject as a
    compound: in "demand that President Moreno stop the arrests" "stop" heads "Moreno".
    A named person, group or country before the verb is then its subject."""
    return [c for c in clause.children if c.dep_ == "compound" and c.i < clause.i
            and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]


_CLAUSAL_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "parataxis", "csubj", "acl",
                           "conj"})


# Acts whose unnamed target is the actor's own country: arrests, curfews and martial law
# (COERCE), easing them (CONCEDE, RETREAT), refusing to resign or to attend (REJECT),
# threatening to impose them (THREATEN). On the PLOVER GSR such events without a named
# target are coded against the actor's country (HTI -> HTI for "arresting political
# opponents").
DOMESTIC_TYPES = frozenset({"COERCE", "CONCEDE", "RETREAT", "REJECT", "THREATEN"})


def home_country(actors: Sequence[dict[str, Any]], entities: Sequence[dict[str, Any]]
                  ) -> list[dict[str, Any]]:
    """The actors' own country as the target of a domestic act, when the article names it
    (as a country, else as one of its places); nothing is invented otherwise."""
    countries = {a.get("country") for a in actors if a.get("country")}
    if len(countries) != 1:
        return []
    country = next(iter(countries))
    actor_ids = {a["entity"] for a in actors}
    # The country itself, else one of its places (coded as its civilians, "IRQCVL").
    ranked = sorted((e for e in entities if e.get("country") == country
                     and e["id"] not in actor_ids and (e.get("kind") == "country" or
                                                       e.get("code") == f"{country}CVL")),
                    key=lambda e: e.get("kind") != "country")
    ref = entity_ref(ranked[0]) if ranked else None
    return [ref] if ref is not None else []


def home_sector(ref: dict[str, Any]) -> bool:
    """True for state actors, whose protests are addressed elsewhere."""
    return str(ref.get("sector") or "") in ("GOV", "MIL", "COP", "LEG", "JUD")


def object_party(tok: Token, entities: Sequence[dict[str, Any]],
                  actors: Sequence[dict[str, Any]]) -> bool:
    """True when the verb's direct object (or dative) is a codable party other than its
    actor: "asked Tehran and Damascus to ...", "will allow Kurdish refugees to return"."""
    objects = [t for c in tok.children if c.dep_ in roles.OBJECTS for t in roles.expand(c)]
    # "allow United Nations planes to land" is often parsed with the party as the subject
    # of the complement clause.
    objects += [t for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                for s in c.children if s.dep_ == "nsubj" for t in roles.expand(s)]
    refs, _ = resolve_refs(objects, entities)
    actor_ids = {a["entity"] for a in actors}
    return any(r["entity"] not in actor_ids for r in refs)


def asks_for_something(tok: Token) -> bool:
    """True when "ask" takes what a request takes: "asked for an international donors'
    conference", "asked that his sentencing be delayed", "asked him to take this action".
    A bare object ("asked questions", "asked him") is no request."""
    if tok.lemma_.lower() != "ask":
        return False
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "for" and any(
                c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN") for c in child.children):
            return True
        if child.dep_ in ("ccomp", "advcl") and any(
                c.dep_ == "mark" and c.lower_ in ("that", "for") for c in child.children):
            return True  # "asked that ... be delayed", "asked for a conference to be held"
        if child.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "to"
                                                    for c in child.children) and any(
                c.dep_ in roles.OBJECTS or c.dep_ == "nsubj"
                for c in (*tok.children, *child.children) if c.i != child.i):
            return True
    return False


# Weapons and attacks that name no perpetrator: "a roadside bombing ... killed",
# "were killed by an improvised explosive device", "killed in a suicide car bombing".
_ATTACK_INSTRUMENTS = frozenset({
    "bomb", "bombing", "bomber", "ied", "mine", "landmine", "minefield", "rocket", "mortar",
    "grenade", "missile", "airstrike", "shelling", "gunman", "sniper", "ambush", "device",
})


def attack_place(tok: Token, entities: Sequence[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """The doer of an attack that only a weapon performs: the country where it happened.

    CAMEO practice (and the PLOVER GSR: "A roadside bombing near Samarra killed one U.S.
    soldier" is IRQ -> USA) codes an attack without a named perpetrator as coming from the
    place. Only clearly violent instruments count (a bomb, a mine, an "explosive device";
    not an "explosion" or a "fire", which are often accidents); the place must be named.
    """
    instruments = [c for c in tok.children if c.dep_ == "nsubj"]
    instruments += [p for c in tok.children if c.dep_ in ("agent", "prep")
                    and c.lower_ in ("by", "in") for p in c.children if p.dep_ == "pobj"]
    places: list[Token] = []
    for inst in instruments:
        words = {t.lemma_.lower() for t in inst.subtree if t.i <= inst.i}
        if inst.lemma_.lower() == "device" and "explosive" not in words:
            continue
        if inst.lemma_.lower() not in _ATTACK_INSTRUMENTS and not (
                words & {"bomb", "bombing"} and inst.lemma_.lower() in ("explosion", "blast",
                                                                        "attack")):
            continue
        for prep in inst.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS | {"outside"}:
                places.extend(c for c in prep.children if c.dep_ == "pobj")
        places.extend(place_tokens(tok))
    if not places:
        return [], []
    for place in places:
        # "the town of Samarra": the named place first.
        candidates = [c for p in place.children if p.dep_ == "prep" and p.lower_ == "of"
                      for c in p.children if c.dep_ == "pobj"] + [place]
        refs, _ = resolve_refs(candidates, entities)
        if refs:
            return refs[:1], ["descriptor"]
    return [], []


# Passives whose grammatical subject is the doer's own force ("troops were deployed").
_OWN_FORCE_PASSIVES = frozenset({"deploy", "redeploy", "demobilize", "demobilise", "disarm",
                                 "mobilize", "mobilise", "station", "withdraw"})


def passive_doer(tok: Token, code: str, entities: Sequence[dict[str, Any]]
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """The doer of an agentless passive, where the sentence still names it.

    "was murdered in an attack on a police patrol by Kosovo Albanians": the doer of the
    attack is the doer. "was arrested in Lebanon": CAMEO practice codes arrests, detentions
    and expulsions (root 17) without an agent as done by the authorities of the place.
    """
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.pos_ == "NOUN":
                refs, kinds = resolve_refs(roles.noun_actors(pobj), entities)
                if refs:
                    return refs, kinds
                # "in an attack on a police patrol by Kosovo Albanians": the parser often
                # hangs the "by" phrase on the attack's object.
                by = [t for t in pobj.subtree if t.dep_ == "prep" and t.lower_ == "by"]
                refs, kinds = resolve_refs([c for b in by[:1] for c in b.children
                                     if c.dep_ == "pobj"], entities)
                if refs:
                    return refs, kinds
    if tok.lemma_.lower() in _OWN_FORCE_PASSIVES:
        # "guerrillas ... have been demobilized", "troops were deployed": a side moves its
        # own forces; the forces' side is the doer.
        subject = [t for c in tok.children if c.dep_ == "nsubjpass" for t in roles.expand(c)]
        refs, kinds = resolve_refs(subject, entities)
        if refs:
            return refs, kinds
    head = tok.head
    if tok.dep_ in ("ccomp", "xcomp", "conj") and head.pos_ == "VERB" and \
            not roles.is_passive(head):
        # "X has been accused of misusing funds, much of it believed embezzled, by Haitian
        # officials": the parser hangs the agent on the next verb, which is active.
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "by" and prep.i > tok.i:
                pobjs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ != "VERB"]
                refs, kinds = resolve_refs([t for p in pobjs for t in roles.expand(p)], entities)
                if refs:
                    return refs, kinds
    if code[:2] == "17":
        refs, kinds = resolve_refs(place_tokens(tok), entities)
        refs = [r for r in refs if r.get("code") or r.get("country")]
        if refs:
            return refs[:1], ["descriptor"]
    return [], []


def setting_authority(entities: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The country an article is set in, as the doer of an agentless arrest or release:
    the country entity named most often (at least twice, ahead of every other); nothing
    when no country dominates."""
    counts = sorted(((len(e.get("mentions", ())), e) for e in entities
                     if e.get("kind") == "country" and e.get("country")),
                    key=lambda pair: -pair[0])
    if not counts or counts[0][0] < 2 or (len(counts) > 1 and counts[1][0] == counts[0][0]):
        return []
    ref = entity_ref(counts[0][1])
    return [ref] if ref is not None else []
