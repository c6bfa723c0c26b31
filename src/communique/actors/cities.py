"""Cities named in a document: the gazetteer's places the curated knowledge base does not list.

Split from :mod:`communique.actors.resolve` (one concern per module): GeoNames cities the
parser tags as places (or, misreading them, as one-word people and organisations), the
country each belongs to, and whether a place is the story's dateline rather than an actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communique.actors.kb import ActorKB, normalise
from communique.actors.mentions import (
    HELD_PLACES,
    LOCATIVE_PREPS,
    PLACE_NOUNS,
    Mention,
    is_actor_use,
    place_as_civilians,
    span_chars,
)

if TYPE_CHECKING:
    from communique.actors.resolve import _Builder


def place_mention(b: _Builder, start: int, end: int, country: str | None) -> Mention:
    """A city as a location or physical target: the civilians there (CVL), one entity per
    place name (clustered by text, not merged with the country)."""
    m = Mention(start, end, "name", "group", country=country, sector="CVL", agent="CVL",
                person_name=[b.phrase(start, end)])
    m.evidence.append(span_chars(b.doc, start, end))
    return m


# A gazetteer city whose country the article does not name is used only when it is big:
# small namesakes abroad are the usual false hits ("Thomson", Illinois, is not Thomson,
# Singapore). 200,000 keeps Samarra-size cities and drops small towns.
BIG_CITY = 200_000


def collect_cities(b: _Builder) -> None:
    """Cities the parser tags as places (GPE/LOC) that the curated files do not list: the
    country from the GeoNames gazetteer (a country the article names wins when several
    countries have a city of that name, else the most populous if it is a big city)."""
    kb = b.kb
    if not kb.cities:
        return
    named = {m.country for m in b.mentions if m.country}
    for ent in b.doc.ents:
        if ent.label_ not in ("GPE", "LOC") and not misread_place(b, ent):
            continue
        start = ent.start + (1 if b.tokens[ent.start].lower_ == "the" else 0)
        end = ent.end
        while end > start and b.tokens[end - 1].text in ("'s", "’s"):
            end -= 1
        if start >= end or not b.free(start, end):
            continue
        key = normalise(b.phrase(start, end))
        countries, population = city_countries(kb, key)
        if not countries:
            continue
        country = next((c for c in countries if c in named), None)
        if country is None and population >= BIG_CITY:
            country = countries[0]
        if country is None:
            continue  # a small town abroad the article never places ("Thomson", Illinois)
        span = b.doc[start:end]
        if is_dateline(b, start, end):
            continue
        if place_as_civilians(span) or not is_actor_use(span):
            b.add(place_mention(b, start, end, country))
        else:
            m = Mention(start, end, "name", "country", country=country)
            m.evidence.append(span_chars(b.doc, start, end))
            b.add(m)


# Spellings of "Saint" in place names: GeoNames lists "Saint Petersburg" (Russia) and
# "St. Petersburg" (Florida) under different names.
_SAINT_FORMS = ("saint ", "st. ", "st ")


def city_countries(kb: ActorKB, key: str) -> tuple[tuple[str, ...], int]:
    """The countries with a city called ``key`` (most populous first) and the largest
    population among them, over every spelling of a leading "Saint"."""
    keys = [key]
    for form in _SAINT_FORMS:
        if key.startswith(form):
            rest = key[len(form):]
            keys = [f + rest for f in _SAINT_FORMS]
            break
    found = [(kb.city_population.get(k, 0), kb.cities[k]) for k in keys if k in kb.cities]
    found.sort(key=lambda item: -item[0])
    countries: list[str] = []
    for _, codes in found:
        countries.extend(c for c in codes if c not in countries)
    return tuple(countries), max((p for p, _ in found), default=0)


def city_lookup(kb: ActorKB, text: str) -> tuple[str, ...]:
    """The countries with a city called ``text`` (any casing), the exact spelling's first,
    then those of the other spellings of a leading "Saint" ("St Augustine" also finds
    "Saint Augustine"; "St. Petersburg" keeps Florida, its own GeoNames spelling, ahead
    of Russia). The lookups of context, ethnic and organisation names share it."""
    key = normalise(text)
    exact = kb.cities.get(key, ())
    return exact + tuple(c for c in city_countries(kb, key)[0] if c not in exact)


def misread_place(b: _Builder, ent: Any) -> bool:
    """A one-word PERSON/ORG the small model mistagged that is a gazetteer city governed by a
    locative preposition or a place noun ("a curfew in the town of Cizre")."""
    if ent.label_ not in ("PERSON", "ORG") or len(ent) != 1:
        return False
    token = ent[0]
    if not city_lookup(b.kb, token.text):
        return False
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # "the Luhansk and Donetsk regions"
    if node.dep_ in ("compound", "nmod"):
        return node.head.lemma_ in PLACE_NOUNS  # "the Luhansk region"
    if node.dep_ != "pobj":
        return False
    prep = node.head
    # "outer defences of Mariupol": the places a force holds belong to a town too
    return prep.lower_ in LOCATIVE_PREPS or (prep.lower_ == "of" and (
        prep.head.lemma_ in PLACE_NOUNS or prep.head.lemma_ in HELD_PLACES
        or prep.head.lemma_ in ("defence", "defense")))


def is_dateline(b: _Builder, start: int, end: int) -> bool:
    """A place at the head of a paragraph before a dash or comma ("BERLIN —", "JERUSALEM,
    Israel –") is the dateline: where the story was filed, not an actor."""
    structure: dict[str, Any] = b.doc._.communique_structure or {}
    dateline = structure.get("dateline")
    first, last = b.tokens[start], b.tokens[end - 1]
    if dateline and dateline.get("start", -1) <= first.idx < dateline.get("end", -1):
        return True
    at_line_start = start == 0 or "\n" in b.tokens[start - 1].text or (
        "\n" in b.tokens[start - 1].whitespace_)
    after = b.tokens[end].text if end < len(b.tokens) else ""
    return at_line_start and last.text.isupper() and after in ("—", "–", "-", ",", "--")
