"""The event pattern lexicon: shipped verb dictionaries plus user pattern files, and matching.

Shipped files (``data/events/``, see the README there): ``CAMEO.verbs.txt`` (PETRARCH-2,
MIT), ``codebook.verbs.txt`` (derived from the CAMEO code names) and ``modern.verbs.txt``
(modern phrasing and noun triggers). Users add files in the same format through
``$COMMUNIQUE_EVENT_PATTERNS`` (paths separated by ``os.pathsep``) or :func:`load_lexicon`.

Matching a trigger token: every sense indexed under the token's lemma (or lower-cased form)
is tried; a pattern matches when each of its elements is found in the token's neighbourhood
(words after ``*`` in the token's subtree to its right, words before ``*`` to its left in
the sentence); the most specific matching pattern wins, later files winning ties (so user
files override the shipped ones). Without a matching pattern the sense's default code
applies; a ``[---]`` pattern that matches means "not an event".
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from communique.events.cameo import DATA_DIR
from communique.events.verbdict import (
    Element,
    Pattern,
    Sense,
    VerbDictionary,
    from_plain,
    load_verb_dictionary,
    to_plain,
)

ENV_PATTERNS = "COMMUNIQUE_EVENT_PATTERNS"
SHIPPED = ("CAMEO.verbs.txt", "codebook.verbs.txt", "modern.verbs.txt")
# Bump when the compiled form of the shipped dictionaries changes in a way the hashes of
# verbdict.py and this module (part of the cache key) do not show.
_COMPILED_VERSION = "event-lexicon-1"
# How far a pattern may look: right-hand words within this many tokens of the trigger, in
# its subtree; left-hand words within the sentence up to this many tokens before it.
RIGHT_WINDOW = 14
LEFT_WINDOW = 6
# Files whose synonym-set members do not inherit the block's default code: PETRARCH's
# blocks gather loose WordNet synonyms (TAKE under APPREHEND [171], ADD under GRANT [060],
# STRUGGLE under PHYSICAL_CONFLICT [190]). Members still code through the block's patterns.
# Measured when introduced (PLOVER GSR / CAMEO examples / quiet-news events per
# article): with every synonym's default, type F1 0.580, root 0.672 of 0.704 emitted,
# 3.47 events per non-political article; headwords only: F1 0.587, root 0.724 of 0.628
# emitted, 2.25.
HEADWORD_DEFAULT_ONLY = frozenset({"CAMEO.verbs.txt"})
# Light and support verbs take their meaning from the object ("take hostages", "add
# sanctions", "provide aid", "hold talks"), and verbs of state or experience are no acts
# ("died", "wants", "struggles"): none of them codes by a default, only through a pattern.
LIGHT_VERBS = frozenset({
    "take", "make", "give", "add", "provide", "put", "set", "get", "go", "come", "keep", "run",
    "turn", "bring", "open", "close", "enable", "let", "see", "show", "find", "leave", "move",
    "use", "carry", "continue", "start", "begin", "end", "face", "hold", "have", "do", "reach",
    "play", "lead", "follow", "stand", "pass", "raise", "seek", "offer", "work", "try", "become",
    "remain", "stay", "include", "involve", "allow", "help", "draw", "mark", "point", "return",
    "call", "push", "send", "receive", "deal", "serve", "watch", "tell", "ask", "report",
    "look", "mean", "want", "expect", "hope", "seem", "need", "die", "struggle", "suffer",
    "believe", "think", "know", "feel", "wish", "like", "love", "fear", "worry", "lose",
})
# Verbs whose dictionary default is rarely their news sense, from any file: "considers
# Taiwan part of its territory", "heard explosions", "when it comes to", "failed to declare
# a gift", "decided to settle", "suggested companies were interested", "voters will vote".
# They still code through patterns. Measured on the non-political sample (scripts/
# events_false_positives.py): 31 of 400 events came from these defaults, none right.
NO_DEFAULT = frozenset({
    "consider", "hear", "come", "vote", "suggest", "decide", "fail", "facilitate", "search",
    "prepare", "use", "appear", "test", "check", "allocate", "introduce", "submit", "hurt",
    "determine", "respect", "debate", "aim", "intend", "trade", "accept",
    # ENGAGE [190] (fight): "is engaging urgently with both countries", "engage in group
    # sex" were false assaults; "engaged in firefights" still codes through its patterns.
    "engage",
})
# Light verbs whose default is their news sense when their object is a party: "asked
# Tehran and Damascus to provide ...", "will allow Kurdish refugees to return". The match
# is marked ``gated`` and the coder keeps it only with a codable object (the default was
# off for them because "asked questions", "allowed access" were false events).
GATED_DEFAULTS = frozenset({"ask", "allow"})
# Verbs that are only auxiliaries or too vague to trigger anything.
NEVER_TRIGGERS = frozenset({"be", "have", "do", "will", "would", "say", "get"})


@dataclass(frozen=True)
class Match:
    """The lexicon's verdict for one trigger token."""

    code: str
    reverse: bool
    particle: str | None
    pattern: Pattern | None
    sense: Sense
    paired: str | None = None
    # A light verb's default (GATED_DEFAULTS): an event only with a party as its object.
    gated: bool = False

    @property
    def specific(self) -> bool:
        """True when a pattern (not only the verb's default code) decided the code."""
        return self.pattern is not None


class Lexicon:
    """An indexed set of verb dictionaries."""

    def __init__(self, dictionary: VerbDictionary, sense_filters: bool = True) -> None:
        self.dictionary = dictionary
        # NO_DEFAULT is a judgement on the shipped dictionaries; foreign dictionaries
        # (PETRARCH's validation set) keep every default they declare.
        self.sense_filters = sense_filters
        self._order = {name: i for i, name in enumerate(dictionary.sources)}
        # Patterns naming only prepositions, found once at load (see _function_only). The
        # senses of a block share its pattern list: each list is looked at once.
        lists = {id(sense.patterns): sense.patterns for senses in dictionary.senses.values()
                 for sense in senses}
        self._function_only = {id(p) for patterns in lists.values() for p in patterns
                               if _function_only(p)}
        # Per sense, what does not depend on the sentence: its file rank and the patterns
        # that may apply, each with "names a content word". Built on first use: redoing
        # these checks for every pattern of every candidate token was half the stage.
        self._plans: dict[int, tuple[Sense, int, list[tuple[Pattern, bool]]]] = {}
        # Senses by (lemma, lower-cased form, noun?): most words recur in every article.
        self._senses: dict[tuple[str, str, bool], list[Sense]] = {}

    def _plan(self, sense: Sense) -> tuple[int, list[tuple[Pattern, bool]]]:
        found = self._plans.get(id(sense))
        if found is None:
            origin = sense.origin.split(":")[0]
            loose = not sense.headword and origin in HEADWORD_DEFAULT_ONLY
            usable: list[tuple[Pattern, bool]] = []
            for pattern in sense.patterns:
                if not pattern.post and not pattern.pre and not pattern.compound_pre:
                    continue
                function_only = id(pattern) in self._function_only
                if (loose or sense.own_code) and function_only:
                    # "struggle" + "* WITH" of CLASH: a synonym needs a content word; and
                    # "BLOCKADE [191]" keeps its own code against the block's "* (FROM)"
                    # written for BAN ("blockade Paris from Monday" is no 172).
                    continue
                if self.sense_filters and pattern.verbs and not _pattern_for(sense, pattern):
                    # "accused Johnson of lacking a plan" is no "postpone the plan" [160]:
                    # a PETRARCH pattern written for another verb of the block.
                    continue
                usable.append((pattern, not function_only))
            found = (sense, self._order.get(origin, 0), usable)
            self._plans[id(sense)] = found
        return found[1], found[2]

    def senses_for(self, token: Token) -> list[Sense]:
        """Senses whose lemma is the token's lemma or lower-cased form, of the right POS."""
        noun = token.pos_ in ("NOUN", "PROPN")
        memo = (token.lemma_.lower(), token.lower_, noun)
        cached = self._senses.get(memo)
        if cached is not None:
            return cached
        found: list[Sense] = []
        seen: set[int] = set()
        keys = [memo[0], memo[1]]
        if not noun:
            keys.extend(_stems(token.lower_))
        for key in keys:
            for sense in self.dictionary.senses.get(key, ()):
                if sense.noun == noun and id(sense) not in seen:
                    seen.add(id(sense))
                    found.append(sense)
            if found and key == keys[1]:
                break  # lemma or surface form found: no need to guess stems
        if len(self._senses) < 200_000:
            self._senses[memo] = found
        return found

    def match(self, token: Token) -> Match | None:
        """The code the lexicon gives ``token`` in its sentence, or ``None``."""
        if token.lemma_.lower() in NEVER_TRIGGERS:
            return None
        senses = self.senses_for(token)
        if not senses:
            return None
        right_tokens, left_tokens = _neighbourhood(token)
        right, left = _Bag(right_tokens), _Bag(left_tokens)
        best: tuple[int, int, bool, Pattern, Sense] | None = None
        defaults: list[Sense] = []
        for sense in senses:
            if sense.particle and not _has_particle(token, sense.particle):
                continue
            rank, usable = self._plan(sense)
            defaults.append(sense)
            for pattern, content in usable:
                if pattern.compound_pre and not _compound_subject(token):
                    continue
                if pattern.compound_post and not _compound_object(right_tokens):
                    continue
                if _all_found(pattern.post, right) and _all_found(pattern.pre, left):
                    # At equal weight and file a content word beats a bare preposition:
                    # "began a hunger strike on Monday" is HUNGER * [142], not * (ON) [190].
                    key = (pattern.weight, rank, content)
                    if best is None or key > best[:3]:
                        best = (pattern.weight, rank, content, pattern, sense)
        if best is not None:
            _, _, _, pattern, sense = best
            if pattern.code is None:
                return None
            return Match(pattern.code, pattern.reverse, sense.particle, pattern, sense,
                         pattern.paired)
        # Defaults: a multi-word sense ("meet with") beats the bare verb; later files win.
        defaults.sort(key=lambda s: (s.particle is not None,
                                     self._order.get(s.origin.split(":")[0], 0)), reverse=True)
        light = token.lemma_.lower() in LIGHT_VERBS and token.pos_ == "VERB"
        gated = light and self.sense_filters and token.lemma_.lower() in GATED_DEFAULTS
        if self.sense_filters and token.pos_ == "VERB" and token.lemma_.lower() in NO_DEFAULT:
            return None
        for sense in defaults:
            if gated and sense.code is not None and sense.particle is None and sense.headword:
                return Match(sense.code, sense.reverse, None, None, sense, sense.paired,
                             gated=True)
            if light and sense.origin.split(":")[0] in HEADWORD_DEFAULT_ONLY:
                continue
            if not sense.headword and sense.origin.split(":")[0] in HEADWORD_DEFAULT_ONLY:
                continue
            if sense.code is not None:
                return Match(sense.code, sense.reverse, sense.particle, None, sense,
                             sense.paired)
        return None


# Dependents that open another clause: their words belong to another event, not to this
# trigger's pattern ("told reporters that China continues to provide" is not "tell ...
# provide"). Measured on the seed article: matching across them coded "never add oil to the
# flames" inside a quote as the speech verb's pattern.
CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl",
                     "mark", "cc", "punct"})


def _phrase(token: Token) -> list[Token]:
    """The trigger's own phrase to its right: its subtree without clausal dependents."""
    out: list[Token] = []
    stack = [c for c in token.children if c.i > token.i and c.dep_ not in CLAUSAL]
    while stack:
        current = stack.pop()
        if current.i > token.i + RIGHT_WINDOW:
            continue
        out.append(current)
        stack.extend(c for c in current.children if c.dep_ not in CLAUSAL or (c.dep_ == "conj"
                     and current.dep_ != "ROOT"))
    return sorted(out, key=lambda t: t.i)


_FUNCTION_WORDS = frozenset({
    "with", "to", "on", "in", "at", "by", "for", "from", "of", "against", "into", "over",
    "between", "up", "down", "off", "out", "back", "away", "about", "after", "the", "a",
})


def _pattern_for(sense: Sense, pattern: Pattern) -> bool:
    """True when the pattern's comment names this sense's verb (or names no verb)."""
    names = {sense.lemma.lower()}
    if sense.particle:
        names.add(f"{sense.lemma}_{sense.particle}".lower().replace(" ", "_"))
    return not names.isdisjoint(pattern.verbs)


def _function_only(pattern: Pattern) -> bool:
    """True when a pattern names only prepositions or particles ("* WITH", "* (TO)")."""
    for element in (*pattern.pre, *pattern.post):
        if element.prep is None and not element.words[0] <= _FUNCTION_WORDS:
            return False
        if element.prep is not None and element.words:
            return False
    return True


def _compound_subject(token: Token) -> bool:
    """True when the trigger's subject is coordinated ("The Philippines and France agree")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "conj" for g in c.children)
               for c in token.children)


def _compound_object(right: list[Token]) -> bool:
    """True when a noun in the trigger's phrase is coordinated ("met with X and Y")."""
    return any(t.dep_ in ("dobj", "pobj") and any(g.dep_ == "conj" for g in t.children)
               for t in right)


def _stems(form: str) -> list[str]:
    """Base-form guesses for an inflected verb the lemmatiser got wrong ("staged" -> "stag").

    PETRARCH generates regular forms from the base; we undo them: -ed/-d, -ing, -s/-es,
    with and without a final "e" and a doubled consonant.
    """
    out: list[str] = []
    for suffix in ("ing", "ed", "es", "s", "d"):
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            base = form[: -len(suffix)]
            out.extend([base, base + "e"])
            if len(base) > 2 and base[-1] == base[-2]:
                out.append(base[:-1])
            if base.endswith("i"):
                out.append(base[:-1] + "y")
    return out


def _neighbourhood(token: Token) -> tuple[list[Token], list[Token]]:
    right = _phrase(token)
    doc = token.doc
    left: list[Token] = []
    i = token.i
    # Walk left inside the sentence (``token.sent`` is slow on long documents).
    while i > 0 and len(left) < LEFT_WINDOW and not doc[i].is_sent_start:
        i -= 1
        left.append(doc[i])
    left.reverse()
    return right, left


def _has_particle(token: Token, particle: str) -> bool:
    """True when the multi-word verb's particle words follow the verb ("went on strike";
    every word is required: "went on to encourage" is no "GO ON STRIKE")."""
    words = particle.split()
    first = words[0]
    found = None
    for child in token.children:
        if child.lower_ == first and child.dep_ in ("prt", "prep", "agent", "dative", "advmod"):
            found = child
            break
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if found is None and nxt is not None and nxt.lower_ == first:
        found = nxt
    if found is None:
        return False
    if len(words) == 1:
        return True
    rest = words[1:]
    doc = token.doc
    following = [t.lower_ for t in doc[found.i + 1: min(len(doc), found.i + 1 + 3)]]
    return all(w in following for w in rest)


_DATE_LABELS = frozenset({"DATE", "TIME"})
_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
})


def _calendar(tok: Token) -> bool:
    """A month, weekday or number inside a date ("March 30"): no pattern word ("MARCH")."""
    return tok.ent_type_ in _DATE_LABELS and (tok.like_num or tok.lower_ in _CALENDAR)


class _Bag:
    """Words of a token list (lemmas and forms), with lazily built subtree bags per token."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.words: set[str] = set()
        for tok in tokens:
            if _calendar(tok):
                continue  # "held a briefing with them March 30" is no HOLD * MARCH [141]
            self.words.add(tok.lemma_.lower())
            self.words.add(tok.lower_)
        self._subtrees: dict[int, set[str]] = {}

    def subtree(self, token: Token) -> set[str]:
        found = self._subtrees.get(token.i)
        if found is None:
            found = set()
            for tok in token.subtree:
                if _calendar(tok):
                    continue
                found.add(tok.lemma_.lower())
                found.add(tok.lower_)
            self._subtrees[token.i] = found
        return found


def _all_found(elements: Sequence[Element], bag: _Bag) -> bool:
    tokens = bag.tokens
    for element in elements:
        if element.prep is None:
            if element.words[0].isdisjoint(bag.words) and not any(
                    all(w in bag.words for w in phrase) for phrase in _phrases(element.words[0])):
                return False
            continue
        if element.prep not in bag.words:
            return False
        preps = [t for t in tokens if t.lower_ == element.prep]
        if not element.words and tokens:
            # A bare "(WITH)" must hang on the trigger itself (or its object), not on a
            # nested noun: "attached importance to relations with Moscow" is no "(WITH)".
            anchor = tokens[0].head if tokens[0].head.i < tokens[0].i else tokens[0]
            preps = [p for p in preps if p.head.i == anchor.i or (p.head.head.i == anchor.i
                     and p.head.dep_ in ("dobj", "prt"))]
            # "on Monday", "in October": a date is no party of the pattern's preposition.
            preps = [p for p in preps if not any(
                c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in p.children)]
        if not preps:
            return False
        if element.words and not any(
            all(_in(alts, bag.subtree(p)) for alts in element.words) for p in preps
        ):
            return False
    return True


@lru_cache(maxsize=4096)
def _phrases(alternatives: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The multi-word alternatives of a pattern word, split ("swiss francs", "did n't")."""
    return tuple(tuple(a.split()) for a in alternatives if " " in a)


def _in(alternatives: frozenset[str], words: set[str]) -> bool:
    """True when one alternative is among ``words`` (every word of a multi-word one)."""
    return not alternatives.isdisjoint(words) or any(
        all(w in words for w in phrase) for phrase in _phrases(alternatives))


def _user_files() -> list[Path]:
    raw = os.environ.get(ENV_PATTERNS, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def read_shipped() -> VerbDictionary:
    """The shipped dictionaries, read and merged in order (later files win ties)."""
    combined = VerbDictionary(sources=[])
    for name in SHIPPED:
        part = load_verb_dictionary(DATA_DIR / name, synsets=combined.synsets)
        combined.merge(part)
    return combined


def _build_shipped(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE lexicon (data TEXT NOT NULL)")
    connection.execute("INSERT INTO lexicon VALUES (?)",
                       (json.dumps(to_plain(read_shipped()), separators=(",", ":")),))


def shipped_dictionary() -> VerbDictionary:
    """:func:`read_shipped` through a compiled cache (:mod:`communique.datacache`).

    Parsing the 5,400 patterns of the shipped files took a tenth of a second or more of every
    process's start; the parsed dictionary is kept as JSON (:func:`~communique.events.
    verbdict.to_plain`), keyed by the hash of the files and of the reader's source (this
    module and verbdict.py), so an edited file or reader is read again. The result equals a
    fresh read.
    """
    from communique import datacache
    from communique.events import verbdict

    sources = [*(DATA_DIR / name for name in SHIPPED), Path(verbdict.__file__), Path(__file__)]
    connection = datacache.open_table("event-lexicon", sources, _COMPILED_VERSION,
                                      _build_shipped)
    try:
        (data,) = connection.execute("SELECT data FROM lexicon").fetchone()
    finally:
        connection.close()
    return from_plain(json.loads(data))


def load_lexicon(extra: Iterable[Path] = (), shipped: bool = True) -> Lexicon:
    """Read the shipped dictionaries, then ``extra`` user files (later files win ties).

    ``shipped=False`` reads only ``extra`` (PETRARCH's validation dictionaries).
    """
    combined = shipped_dictionary() if shipped else VerbDictionary(sources=[])
    for path in extra:
        part = load_verb_dictionary(Path(path), synsets=combined.synsets)
        combined.merge(part)
    return Lexicon(combined, sense_filters=shipped)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The shipped lexicon plus ``$COMMUNIQUE_EVENT_PATTERNS`` files, loaded once per process."""
    return load_lexicon(_user_files())
