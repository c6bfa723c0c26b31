"""Described speakers: when a speaker named by a role noun keeps its own words.

A speaker mention such as "officials", "the official" or "the Treasury Secretary" is
resolved through the actor clusters, and the quote takes the cluster's name. That is right
when the cluster is the person the description stands for ("the senator" of Sen. Tom
Cotton) and wrong when the clusters merged the people with an institution or a country
("diplomats" put in the White House's cluster, "the official" in the Kremlin's, "the
Treasury Secretary" read as the Treasury). Each rule of ``DESCRIBED`` looks at the
mention's phrase and the resolved entity; the first that matches keeps the mention's own
words as the speaker's name. ``appositive_name`` gives the name a description is paired
with in the same phrase ("the finance minister, Maria Lopez, said").
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from communique.quotes.cues import Mention, mention_of
from communique.rules import Ledger

DescribedRule = Callable[[Span, dict[str, Any]], bool]
DESCRIBED: Ledger[DescribedRule] = Ledger(
    "described_speakers", "When a speaker named by a role noun keeps its own words instead "
                          "of the name of the entity it was resolved to; the first rule "
                          "that matches keeps them.")

# Entity kinds that can be the people a role noun describes.
_PEOPLE_KINDS = frozenset({"person", "group"})
_PEOPLE_ROLES = frozenset({"person", "group"})


@lru_cache(maxsize=4096)
def _role_kind(phrase: str) -> str | None:
    from communique.actors.kb import load_kb

    role = load_kb().role(phrase)
    return role.kind if role is not None else None


def _people_noun(head: Token) -> bool:
    """Whether ``head`` is a role noun for people ("official", "diplomats", "Treasury
    Secretary"), not a name and not an institution ("ministry", "newspaper")."""
    if head.ent_type_ == "PERSON" or head.pos_ not in ("NOUN", "PROPN"):
        return False
    compound = " ".join(t.lower_ for t in head.lefts if t.dep_ == "compound")
    for phrase in (f"{compound} {head.lower_}".strip(), head.lower_, head.lemma_.lower()):
        if _role_kind(phrase) in _PEOPLE_ROLES:
            return True
    return False


@DESCRIBED.rule("people-not-institution", example="Diplomats at the Kremlin said the vote "
                                                  "was unlikely.")
def people_not_institution(span: Span, entity: dict[str, Any]) -> bool:
    """A role noun for people ("the official", "diplomats", "the Treasury Secretary")
    resolved to an entity that is no person or group (an organisation, a country, a
    capital) names an institution the people were merged with, not who spoke."""
    return _people_noun(span.root) and entity.get("kind") not in _PEOPLE_KINDS


@DESCRIBED.rule("bare-plural", example="Officials said the road was closed.")
def bare_plural(span: Span, entity: dict[str, Any]) -> bool:
    """A bare plural role noun with no determiner or modifier ("Officials said",
    "authorities say") is any such people, not the particular group an earlier sentence
    described ("Egyptian airport officials"): it keeps its own word."""
    head = span.root
    return len(span) == 1 and head.tag_ in ("NNS", "NNPS") and _people_noun(head)


def keeps_description(span: Span, entity: dict[str, Any]) -> str | None:
    """The name of the first rule that keeps the described speaker's own words, or None."""
    for rule in DESCRIBED:
        if rule.func(span, entity):
            return rule.name
    return None


def _appositive_person(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON":
            return child
    return None


def appositive_names(doc: Doc, mention: Mention) -> list[Mention]:
    """The people named in apposition to a described speaker, first the one who speaks
    ("the Treasury Secretary, Steven Mnuchin, said"; "the man who ran the talks, former
    ambassador John Reed, told reporters"), then the others of a coordinated list ("three
    of the five members -- Ann Reyes, Paul Stone and Mary Webb -- said"): the names, not
    the description, say who spoke. Empty when there is no such name."""
    if mention.pronoun:
        return []
    span = doc.char_span(*mention.head, alignment_mode="expand")
    if span is None or span.root.ent_type_ == "PERSON":
        return []
    head = span.root
    name = _appositive_person(head)
    if name is None:
        # "Three of the members -- Ann Reyes, ...": the list describes the "of" phrase.
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            name = _appositive_person(pobj) if pobj is not None else None
            if name is not None:
                break
    if name is None:
        return []
    return [mention_of(name)] + [mention_of(c) for c in name.conjuncts
                                 if c.pos_ == "PROPN" and c.ent_type_ == "PERSON"]
