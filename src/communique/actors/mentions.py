"""Find actor mentions in a parsed document: knowledge-base names, NER names, titles, descriptors.

Produces :class:`Mention` objects (token spans with what they say about the actor); the
clustering in :mod:`communique.actors.resolve` turns them into entities. Everything here is
one linear pass over tokens (with a bounded look-ahead of a few words) so the stage stays
within the speed budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import IS_SPACE, ORTH
from spacy.strings import get_string_id

from communique.actors.kb import (
    MISSPELT_COUNTRY,
    NAME_START,
    ActorKB,
    KBEntry,
    Role,
    normalise,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Words that may stand between a country word and a title ("Russian former foreign minister")
# or qualify the title; "former"/"ex-" are kept in the role because the text says so.
QUALIFIERS = frozenset({"former", "ex", "then", "acting", "outgoing", "incoming", "interim",
                        "late", "new", "top", "senior", "chief", "veteran", "current",
                        "ousted", "deposed", "exiled", "visiting"})
PAST_QUALIFIERS = frozenset({"former", "ex", "late", "ousted", "deposed", "exiled"})
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "agent", "appos", "conj",
                        "ROOT", "dative", "attr", "iobj"})
# Places and equipment a force or body holds: "attacked police lines", "shelled rebel
# positions", "stormed government buildings", "an army checkpoint". The group noun before
# them is the party hit (the mention covers only the group noun); other nouns after a role
# word keep it part of a longer name ("police chief", "army officer").
HELD_PLACES = frozenset({
    "line", "position", "checkpoint", "base", "building", "headquarters", "convoy",
    "patrol", "outpost", "post", "barracks", "compound", "station", "office", "camp",
    "facility", "installation", "stronghold", "garrison", "vehicle", "truck",
})
LOCATIVE_PREPS = frozenset({"in", "to", "from", "at", "near", "across", "inside", "into",
                            "through", "around", "outside", "within", "over", "throughout",
                            "via", "toward", "towards", "between"})


@dataclass
class Mention:
    """A token span that refers to an actor, with what the text says about it."""

    start: int  # token indices, [start, end)
    end: int
    type: str  # name, title, descriptor, pronoun, metonym, demonym
    kind: str | None = None
    entry: KBEntry | None = None
    person_name: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    agent: str | None = None
    role: str | None = None
    role_kind: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)  # char spans
    cluster: int = -1
    subject: bool = False
    in_quote: bool = False
    gender: str | None = None
    pronoun: str | None = None
    attach_to: int | None = None  # token where the named actor this describes starts
    fresh: bool = False  # "a minister": a new referent, never linked to a named person
    # "Another senator backing the filibuster, Sen. Mike Lee, ...": the start of the person
    # name in apposition to this descriptor, which names the same person.
    appositive: int | None = None
    inferred: bool = False  # country taken from the context, not said by the phrase itself


_DOUBLE_QUOTES = {get_string_id(mark): mark for mark in ("“", "”", '"')}  # by ORTH id


def quote_mask(doc: Doc) -> list[bool]:
    """For each token, whether it lies inside double quotation marks (reset per paragraph).

    A quotation mark is inside; a line-break token keeps the state of its line and then
    closes any open quote. Only quotation marks and line breaks are visited (found from
    the token arrays): a loop over every token was a fifth of the actors stage.
    """
    count = len(doc)
    columns = doc.to_array([ORTH, IS_SPACE])
    strings = doc.vocab.strings
    events = [(int(i), _DOUBLE_QUOTES[int(columns[i, 0])])
              for i in numpy.isin(columns[:, 0], list(_DOUBLE_QUOTES)).nonzero()[0]]
    events += [(int(i), "\n") for i in columns[:, 1].nonzero()[0]
               if "\n" in strings[int(columns[i, 0])]]
    events.sort()
    mask = [False] * count
    inside = False
    previous = 0
    for i, kind in events:
        if inside:
            mask[previous:i] = [True] * (i - previous)
        if kind == "\n":
            mask[i] = inside
            inside = False
        else:
            inside = True if kind == "“" else False if kind == "”" else not inside
            mask[i] = True
        previous = i + 1
    if inside:
        mask[previous:] = [True] * (count - previous)
    return mask


def kb_matches(doc: Doc, kb: ActorKB, tokens: Sequence[Token] | None = None,
               text: str | None = None) -> list[tuple[int, int, KBEntry]]:
    """Longest knowledge-base name matches, left to right, not overlapping."""
    found: list[tuple[int, int, KBEntry]] = []
    toks = tokens if tokens is not None else list(doc)
    n = len(toks)
    i = 0
    text = text if text is not None else doc.text
    while i < n:
        token = toks[i]
        kind = kb.token_class(token.text)
        if kind != NAME_START:
            if kind == MISSPELT_COUNTRY and token.ent_type_ != "PERSON":
                entry = kb.lookup(kb.correct(token.text) or "")
                if entry is not None:
                    found.append((i, i + 1, entry))  # a misspelt country name ("Ethopia")
            i += 1
            continue
        best: tuple[int, KBEntry] | None = None
        limit = min(n, i + kb.max_words + 2)
        for j in range(i + 1, limit + 1):
            last = toks[j - 1]
            if j > i + 1 and (last.is_space or "\n" in toks[j - 2].whitespace_):
                break
            surface = text[token.idx : last.idx + len(last.text)]
            if normalise(surface) not in kb.prefixes:
                break  # no name starts like this: longer spans cannot match either
            entry = kb.lookup(surface)
            if entry is not None and _case_ok(surface, entry, kb):
                best = (j, entry)
        first = kb.lookup(token.text) if best is not None else None
        if best is not None and not best[1].curated and (
                kb.demonyms.get(normalise(token.text)) or (first is not None and first.curated)):
            # A user-dictionary phrase starting with a demonym or a known country ("ISRAELI
            # ARMY") is left to the curated demonym + role logic, which codes the sector.
            best = None
        if best is not None:
            found.append((i, best[0], best[1]))
            i = best[0]
        else:
            i += 1
    return found


def _case_ok(surface: str, entry: KBEntry, kb: ActorKB) -> bool:
    """Names must be capitalised as names ("the West", not "west of the river")."""
    words = [w for w in surface.split() if w.lower() != "the"]
    if words and words[0][:3].lower() in ("al-", "el-") and words[0][3:4].isupper():
        return True  # "al-Qaeda", "el-Sisi": a lower-case Arabic article before the name
    return bool(words) and words[0][:1].isupper()


def country_of_word(token: Token, kb: ActorKB) -> tuple[str | None, int]:
    """The country a modifier token names ("Russian", "U.S.", "China" + "'s", "Moscow" + "'s").

    Returns (iso3 or None, number of tokens used counting back from ``token``).
    """
    text = token.text
    if attitude_prefix(token):
        return None, 0  # "anti-Syria journalist", "pro-Russian separatists": not members
    if text in ("'s", "’s", "'", "’") and token.i > 0:
        prev = token.doc[token.i - 1]
        entry = kb.lookup(prev.text)
        if entry is None and (fixed := kb.correct(prev.text)) is not None:
            entry = kb.lookup(fixed)  # "Quatar's emir"
        if entry is not None and entry.category in ("country", "capital", "seat"):
            return entry.country, 2
        if token.i > 1:
            two = token.doc[token.i - 2 : token.i]
            entry = kb.lookup(two.text)
            if entry is not None and entry.category in ("country", "capital"):
                return entry.country, 3
        return None, 0
    if not text[:1].isupper():
        return None, 0
    if token.i > 0:  # two-word demonyms: "South Korean", "Sri Lankan"
        prev = token.nbor(-1)
        pair = prev.text + prev.whitespace_ + text
        iso = kb.demonyms.get(normalise(pair))
        if iso is not None and pair[:1].isupper():
            return iso, 2
    iso = kb.demonyms.get(text) or kb.demonyms.get(normalise(text))
    if iso is not None:
        return iso, 1
    fixed = kb.correct(text) if token.ent_type_ != "PERSON" else None
    if fixed is not None:  # a misspelt demonym or country ("Quatar's emir")
        entry = kb.lookup(fixed)
        iso = kb.demonyms.get(fixed) or (entry.country if entry is not None and
                                         entry.category == "country" else None)
        if iso is not None:
            return iso, 1
    for k in (2, 3):  # a seat of power before a title: "White House National Security Adviser"
        if token.i - k + 1 >= 0 and normalise(text) in kb.last_words:
            words = token.doc[token.i - k + 1 : token.i + 1]
            seat = kb.lookup(words.text)
            if seat is not None and seat.category == "seat" and words.text[:1].isupper():
                return seat.country, k
    entry = kb.lookup(text)
    if entry is not None and entry.category == "country" and text[:1].isupper():
        return entry.country, 1
    return None, 0


ATTITUDE_PREFIXES = frozenset({"anti", "pro"})


def attitude_prefix(token: Token) -> bool:
    """Whether a country word is the object of an attitude ("anti-American protesters",
    "pro-Russian separatists", "pro-Iranian Hizbollah"): the actor is for or against that
    country, not of it, so the word must not give the actor its country."""
    i = token.i
    if i >= 2 and token.doc[i - 1].text in ("-", "‐") and not token.doc[i - 1].whitespace_:
        return token.doc[i - 2].lower_ in ATTITUDE_PREFIXES
    lower = token.lower_
    return any(lower.startswith(p + "-") for p in ATTITUDE_PREFIXES)


# "Federal Minister for Interior", "Minister of State for Foreign Affairs", "Secretary of
# State for Defence": a generic title followed by its portfolio in capitals.
PORTFOLIO_TITLES = frozenset({"minister", "secretary"})


def _portfolio_title(doc: Doc, start: int, kb: ActorKB, floor: int) -> tuple[Role, int] | None:
    """The generic title before a capitalised portfolio ("Minister for Interior") that ends
    right before token ``start``: (the title's role, its first token), else None."""
    j = start - 1
    while j >= floor and start - j <= 6 and (doc[j].text[:1].isupper() or doc[j].lower_ in (
            "for", "of", "and", "the", "&")):
        if doc[j].lower_ in PORTFOLIO_TITLES and doc[j + 1].lower_ in ("for", "of"):
            role = kb.roles.get(doc[j].lower_)
            if role is not None:
                return role, j
        j -= 1
    return None


def title_before(doc: Doc, start: int, kb: ActorKB, floor: int) -> tuple[Role | None, int, bool]:
    """The longest role phrase ending right before token ``start`` ("Foreign Minister").

    Returns (role, first token of the phrase, whether a past qualifier like "former" precedes).
    """
    best: tuple[Role, int] | None = None
    for k in range(1, kb.max_role_words + 1):
        s = start - k
        if s < floor:
            break
        words = doc[s:start]
        if any(t.is_punct and t.text not in ("-", ".") for t in words):
            break
        key = normalise(words.text)
        role = kb.roles.get(key) or kb.roles.get(key.replace("-", " "))  # "Vice-President"
        if role is not None:
            best = (role, s)
    if best is None:
        best = _portfolio_title(doc, start, kb, floor)
    if best is None:
        return None, start, False
    role, s = best
    past = False
    j = s - 1
    # "Former Socialist prime minister": party or country adjectives may stand between.
    while j >= floor and s - j <= 4 and (doc[j].lower_.strip("-") in QUALIFIERS
                                         or doc[j].ent_type_ == "NORP"):
        if doc[j].lower_.strip("-") in PAST_QUALIFIERS:
            past = True
        j -= 1
    return role, s, past


def country_before(doc: Doc, end: int, kb: ActorKB, floor: int) -> tuple[str | None, int]:
    """A country modifier ending right before token ``end``.

    Skips up to four qualifier words between them: "former", "junior", adjectives
    ("religious"), and portfolio words of a title ("Serbian *Labour* Minister", "Vietnamese
    *Planning and Investment* Minister").
    """
    j = end - 1
    skipped = 0
    while j >= floor and skipped <= 4:
        iso, used = country_of_word(doc[j], kb)
        if iso is not None:
            return iso, j - used + 1
        token = doc[j]
        if not (token.lower_.strip("-") in QUALIFIERS or token.lower_ in ("junior", "and", "of")
                or (token.pos_ == "ADJ" and token.text.islower())
                or (token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN"))):
            break
        j -= 1
        skipped += 1
    return None, end


def span_chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of the token span [start, end)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


# Verbs whose direct object is a place as a physical target ("shelled Juba", "blockade
# Paris"): the place then stands for the people there (CVL), not for its government.
PHYSICAL_VERBS = frozenset({"attack", "shell", "bomb", "bombard", "blockade", "besiege",
                            "strike", "hit", "raid", "storm", "rocket", "invade", "occupy",
                            "capture", "seize", "target", "encircle", "surround", "overrun",
                            "evacuate", "flood", "blast", "pound", "loot", "burn"})


PLACE_NOUNS = frozenset({"town", "city", "village", "province", "region", "district",
                         "suburb", "outskirts", "street", "centre", "center", "area",
                         "neighbourhood", "neighborhood", "port", "state"})


# Words of force, restriction and relief around a place: "curfew in Abidjan", "blew
# themselves up in Tel Aviv", "suspended aid deliveries in Baghdad", "gunfire in central
# Baghdad". With one of them governing the place, the place is the people there.
FORCE_LEMMAS = PHYSICAL_VERBS | frozenset({
    "curfew", "bombing", "blast", "explosion", "gunfire", "fighting", "fight", "clash",
    "violence", "unrest", "shelling", "siege", "kill", "blow", "explode", "shoot", "fire",
    "riot", "arrest", "detain", "aid", "delivery", "massacre", "assault", "ambush",
    "airstrike", "strike", "crackdown", "battle", "offensive", "bombardment", "attack"})


def _forceful(token: Token) -> bool:
    """Whether the phrase ``token`` (a preposition or place noun) hangs on a word of force:
    its head, the head's head, and the nearest verb above with its objects."""
    node = token.head
    for _ in range(4):
        if node.lemma_.lower() in FORCE_LEMMAS:
            return True
        if node.pos_ == "VERB" or node.head.i == node.i:
            return any(c.lemma_.lower() in FORCE_LEMMAS for c in node.children
                       if c.dep_ in ("dobj", "nsubj", "nsubjpass"))
        node = node.head
    return False


def place_as_civilians(span: Span) -> bool:
    """A place that is the physical target or scene of force ("shelled Juba", "curfew in
    Abidjan", "the town of Cizre" under curfew): PLOVER codes such a place as the civilians
    of its country (the gold codes "in central Baghdad" as IRQ CVL). A plain location
    ("talks were held in Beijing") stays the country without a sector."""
    root = span.root
    if root.dep_ == "dobj" and root.head.lemma_ in PHYSICAL_VERBS:
        return True
    node = root
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ != "pobj":
        return False
    prep = node.head
    if prep.lower_ == "of" and prep.head.lemma_ in PLACE_NOUNS and prep.head.dep_ == "pobj":
        node = prep.head  # "in the town of Cizre": judge the outer phrase
        prep = node.head
    return prep.lower_ in LOCATIVE_PREPS and _forceful(prep)


def is_actor_use(span: Span) -> bool:
    """Whether a place name is used as an actor ("Beijing warned") rather than a place
    ("talks in Beijing"): its syntactic role, not its position, decides."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS:
        return False
    if root.dep_ == "compound" or root.dep_ == "npadvmod":
        return False
    if root.dep_ == "conj":
        head = root.head
        while head.dep_ == "conj":
            head = head.head
        return head.dep_ != "pobj" or head.head.lower_ not in LOCATIVE_PREPS
    return root.dep_ in ACTOR_DEPS or root.dep_ == "pobj"
