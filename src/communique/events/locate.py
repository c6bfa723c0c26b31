"""Where an event happened: the ``locations`` ledger.

The sentence is read first: a place phrase on the trigger or its clause ("met the minister
in Brussels", "at the White House"), the destination of a visit, the place its subject is
in ("prosecutors in Manhattan agreed"), the place a "where" clause hangs on. Failing those,
the article says where it is: its dateline ("NAIROBI, Kenya --"), then its setting (the
country it names in at least three places and two in five of all). Those two are weaker
evidence, so they give the country only (resolution 1), are marked by ``source``
(``sentence``, ``dateline`` or ``setting``), and apply only to an event of that country's
own actors: no actor from elsewhere, no recipient from elsewhere for a physical act or a
meeting, and no place abroad in the sentence. Names are geocoded by
:mod:`communique.events.places`, which ranks same-name places by the article's countries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from communique.events.gazetteer import (
    Candidate,
    Place,
    country_place,
    fold,
    is_state_code,
    lookup,
    state_abbreviations,
)
from communique.events.places import Preference, choose, geocode
from communique.events.refs import PLACE_PREPS, place_anchors
from communique.rules import Ledger

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# "on Capitol Hill": a place preposition for venues only ("sanctions on Iran" is no place).
VENUE_PREPS = frozenset({"on"})
# Prepositions that put something of the sentence somewhere ("refugees coming to Britain").
_WHEREABOUTS = PLACE_PREPS | {"to", "into", "from", "across", "through", "throughout"}
# Triggers whose "to X" (or object) is where they happen: "a visit to El Salvador".
VISITS = frozenset({"visit", "trip", "tour", "travel", "journey", "voyage"})
# Physical acts (material cooperation and conflict) and meetings happen where both sides are.
_MATERIAL_QUADS = frozenset({2, 4})
_MEETING_TYPES = frozenset({"CONSULT"})
# The setting: the country named in at least this many places, and in 2 of 5 of all.
SETTING_MINIMUM = 3
_AGENCY = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class ArticlePlaces:
    """What the article says about where it is: the countries it names (most often named
    first), its setting country and its dateline (the place's text and country)."""

    named: tuple[str, ...] = ()
    setting: str | None = None
    dateline: Place | None = None
    dateline_text: str | None = None


_ARTICLES: WeakKeyDictionary[Doc, ArticlePlaces] = WeakKeyDictionary()


def article_places(doc: Doc) -> ArticlePlaces:
    """The document's :class:`ArticlePlaces`, computed once per document."""
    found = _ARTICLES.get(doc)
    if found is None:
        found = _read_article(doc)
        _ARTICLES[doc] = found
    return found


def _read_article(doc: Doc) -> ArticlePlaces:
    counts: Counter[str] = Counter()
    for entity in doc._.communique_entities or ():
        country = entity.get("country")
        if entity.get("kind") == "person" or not is_state_code(country):
            continue  # a person's country may come from this same context
        counts[str(country)] += sum(1 for m in entity.get("mentions", ())
                                    if m.get("type") != "pronoun")
    ranked = counts.most_common()
    named = tuple(c for c, n in ranked if n)
    setting = None
    if ranked and ranked[0][1] >= SETTING_MINIMUM and ranked[0][1] * 5 >= 2 * counts.total() \
            and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        setting = ranked[0][0]
    structure: dict[str, Any] = doc._.communique_structure or {}
    text, place = dateline_place(str((structure.get("dateline") or {}).get("text") or ""),
                                 Preference(home=(setting,) if setting else (), named=named))
    return ArticlePlaces(named, setting, place, text)


def dateline_place(dateline: str, prefer: Preference) -> tuple[str | None, Place | None]:
    """The place part of a dateline and its country: "NAIROBI, Kenya —" -> Kenya,
    "CHARLESTON, S.C. --" -> United States, "WASHINGTON (Reuters) -" -> United States;
    "(CNN)" has none."""
    text = _AGENCY.sub(" ", dateline).strip(" \t-\u2013\u2014:")
    if not text:
        return None, None
    pieces = [p.strip() for p in text.split(",") if p.strip()]
    states = state_abbreviations()
    country: str | None = None
    for piece in reversed(pieces[1:]):
        if fold(piece) in states:
            country = "USA"
            break
        found = [c for c in lookup(piece) if c.kind in ("country", "region", "state")]
        if found and found[0].place.country:
            country = found[0].place.country
            break
    if country is None:
        place = geocode(pieces[0], prefer)
        country = place.country if place else None
    return text, country_place(country) if country else None


@dataclass(frozen=True)
class Scene:
    """What a location rule looks at: the trigger, its sentence's entity spans, the event's
    parties and type, and what the article says about where it is."""

    token: Token
    sent_ents: Sequence[Span]
    actors: Sequence[dict[str, Any]]
    recipients: Sequence[dict[str, Any]]
    quad: int
    plover: str | None
    article: ArticlePlaces

    def countries(self, refs: Sequence[dict[str, Any]]) -> list[str]:
        """The state countries of some parties (IGOs and regions left out)."""
        return [str(r["country"]) for r in refs if is_state_code(r.get("country"))]

    def prefer(self, within: Candidate | None = None) -> Preference:
        """The article's countries for ranking same-name places (see ``places``)."""
        home = tuple(c for c in (self.article.dateline.country if self.article.dateline
                                 else None, self.article.setting) if c)
        return Preference(tuple(dict.fromkeys(self.countries([*self.actors, *self.recipients]))),
                          home, self.article.named, within)

    @property
    def physical(self) -> bool:
        """A material act or a meeting: it happens where both sides are."""
        return self.quad in _MATERIAL_QUADS or self.plover in _MEETING_TYPES


def _record(text: str, place: Place | None, source: str) -> dict[str, Any]:
    """The event's ``location`` field (``place`` None: a name the gazetteer lacks)."""
    record: dict[str, Any] = {
        "text": text,
        "name": place.name if place else text,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
    }
    if place is not None and place.feature_class:
        record["feature_class"] = place.feature_class
        record["feature_code"] = place.feature_code
    record["resolution"] = place.resolution if place else None
    record["source"] = source
    return record


def _entity_at(token: Token, sent_ents: Sequence[Span]) -> Span | None:
    return next((e for e in sent_ents if e.start <= token.i < e.end), None)


def _qualifier(ent: Span, sent_ents: Sequence[Span]) -> Candidate | None:
    """The state or country right after a place name ("Parkland, Florida")."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    after = _entity_at(doc[ent.end + 1], sent_ents)
    if after is None or after.label_ != "GPE" or after.start != ent.end + 1:
        return None
    return next((c for c in lookup(after.text) if c.kind in ("state", "country")), None)


def _named_place(head: Token, scene: Scene, venues_only: bool = False
                 ) -> dict[str, Any] | None:
    """The place a phrase's head names: a place entity (geocoded, or kept by its name when
    the gazetteer lacks it) or a curated venue; else a place named inside the phrase
    ("at a high school in Parkland, Florida")."""
    ent = _entity_at(head, scene.sent_ents)
    text = ent.text if ent is not None else " ".join(
        t.text for t in head.subtree if t.i <= head.i and t.dep_ != "prep")
    found = lookup(text)
    venue = next((c for c in found if c.kind == "venue"), None)
    if venue is not None:
        return _record(text, venue.place, "sentence")
    if ent is not None and ent.label_ in PLACE_LABELS and not venues_only:
        place = choose(found, scene.prefer(_qualifier(ent, scene.sent_ents)))
        if place is not None:
            return _record(ent.text, place.place, "sentence")
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    inner = _named_place(pobj, scene)
                    if inner is not None:
                        return inner
    if ent is not None and ent.label_ in PLACE_LABELS and not venues_only:
        return _record(ent.text, None, "sentence")
    return None


LocationRule = Callable[[Scene], "dict[str, Any] | None"]

LOCATIONS: Ledger[LocationRule] = Ledger(
    "locations", "Where an event happened; the first rule that finds a place wins (the "
                 "sentence before the article's dateline and setting).")


@LOCATIONS.rule("place-phrase", example="The French president met the Indian prime minister "
                                        "in Brussels")
def _place_phrase(scene: Scene) -> dict[str, Any] | None:
    """A place phrase ("in X", "at X", "near X"; "on X" for a venue) on the trigger, its
    clause's verb or its object is where it happened -- for a statement not the one on its
    object ("condemned the attack in Benghazi": the attack was there, not the
    condemnation)."""
    token = scene.token
    verbal = not scene.physical
    for anchor in sorted(place_anchors(token)):
        node = token.doc[anchor]
        if verbal and node.head.i == token.i and node.dep_ in ("dobj", "nsubjpass"):
            continue
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS | VENUE_PREPS:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                found = _named_place(pobj, scene, venues_only=prep.lower_ in VENUE_PREPS)
                if found is not None:
                    return found
    return None


# Prepositions that set an act inside a visit: "during a visit to X", "on a trip to X".
_DURING = frozenset({"during", "on", "in", "at", "while"})


@LOCATIONS.rule("visit-destination", example="The defence minister spoke to reporters "
                                             "during a visit to Chile")
def _visit_destination(scene: Scene) -> dict[str, Any] | None:
    """A visit, trip or tour happens where it goes, and so does what is done during it:
    its "to X" ("a trip to Russia", "during a visit to Chile"), or the place a verb of
    visiting takes as object ("Obama visited Vietnam")."""
    token = scene.token
    visits = [token] if token.lemma_.lower() in VISITS else []
    for anchor in sorted(place_anchors(token)):
        visits += [pobj for prep in token.doc[anchor].children
                   if prep.dep_ == "prep" and prep.lower_ in _DURING
                   for pobj in prep.children
                   if pobj.dep_ == "pobj" and pobj.lemma_.lower() in VISITS]
    for visit in visits:
        for child in visit.children:
            heads = [child] if child.dep_ == "dobj" else [
                c for c in child.children if c.dep_ == "pobj"
            ] if child.dep_ == "prep" and child.lower_ == "to" else []
            for head in heads:
                ent = _entity_at(head, scene.sent_ents)
                if ent is None or ent.label_ not in ("GPE", "LOC"):
                    continue  # "visited the troops", "a trip to the hospital"
                found = _named_place(head, scene)
                if found is not None and found["country"] is not None:
                    return found
    return None


@LOCATIONS.rule("subject-place", example="Prosecutors in Lyon have agreed to drop the case")
def _subject_place(scene: Scene) -> dict[str, Any] | None:
    """The place the acting subject is in ("in X" / "at X" on the subject noun) is where
    it acts: "the U.S. Embassy in Kyiv said", "a judge, in Hawaii, issued an order"."""
    token = scene.token
    verbs = {token.i, *place_anchors(token)}
    for verb in sorted(verbs):
        for subject in token.doc[verb].children:
            if subject.dep_ not in ("nsubj", "nsubjpass"):
                continue
            for prep in subject.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                    continue
                for pobj in prep.children:
                    ent = _entity_at(pobj, scene.sent_ents)
                    if pobj.dep_ == "pobj" and ent is not None and ent.label_ in ("GPE", "LOC"):
                        found = _named_place(pobj, scene)
                        if found is not None and found["country"] is not None:
                            return found
    return None


@LOCATIONS.rule("where-clause", example="The president flies to Oslo, where he will hold talks "
                                        "with the prime minister")
def _where_clause(scene: Scene) -> dict[str, Any] | None:
    """A clause introduced by "where" happens at the place it describes."""
    for verb in sorted(place_anchors(scene.token)):
        node = scene.token.doc[verb]
        if node.dep_ not in ("relcl", "advcl") or not any(
                c.dep_ == "advmod" and c.lower_ == "where" for c in node.children):
            continue
        ent = _entity_at(node.head, scene.sent_ents)
        if ent is not None and ent.label_ in PLACE_LABELS:
            found = _named_place(node.head, scene)
            if found is not None and found["country"] is not None:
                return found
    return None


def _abroad(scene: Scene, country: str) -> bool:
    """Whether the sentence puts something in a place outside ``country`` ("deploying
    missiles in Europe", "refugees coming to Britain") or in one it cannot place."""
    for ent in scene.sent_ents:
        if ent.label_ not in ("GPE", "LOC") or ent.root.dep_ != "pobj" \
                or ent.root.head.lower_ not in _WHEREABOUTS:
            continue
        place = geocode(ent.text, scene.prefer())
        if place is None or place.country != country:
            return True
    return False


def at_home(scene: Scene, country: str) -> bool:
    """Whether an event the sentence does not place happens in ``country``: one of its
    actors is of that country and none of another, for a physical act or a meeting no
    recipient is of another country either, and the sentence names no place abroad."""
    actors = scene.countries(scene.actors)
    if country not in actors or any(a != country for a in actors):
        return False
    if scene.physical and any(r != country for r in scene.countries(scene.recipients)):
        return False
    return not _abroad(scene, country)


@LOCATIONS.rule("dateline", example="LAGOS, Nigeria -- Police arrested three suspects on Monday")
def _dateline(scene: Scene) -> dict[str, Any] | None:
    """The dateline's country, for an event of that country's own actors (no actor of
    another country; for a physical act or a meeting no recipient of another; no place
    abroad in the sentence); the country only (resolution 1), since a dateline names where
    the reporter is, not every place the story tells of."""
    place, text = scene.article.dateline, scene.article.dateline_text
    if place is None or text is None or place.country is None:
        return None
    return _record(text, place, "dateline") if at_home(scene, place.country) else None


@LOCATIONS.rule("setting", example="Senate Republicans blocked the bill (a story about the US)")
def _setting(scene: Scene) -> dict[str, Any] | None:
    """The article's setting country (named in at least three places and two in five of
    all country mentions), for an event of that country's own actors as for the dateline;
    country level (resolution 1)."""
    country = scene.article.setting
    place = country_place(country) if country else None
    if place is None or place.country is None or not at_home(scene, place.country):
        return None
    return _record(place.name, place, "setting")


def locate(scene: Scene) -> dict[str, Any] | None:
    """The event's ``location`` from the first ``locations`` rule that finds one."""
    for rule in LOCATIONS:
        found = rule.func(scene)
        if found is not None:
            return found
    return None
