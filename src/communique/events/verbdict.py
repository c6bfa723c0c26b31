"""Reader for PETRARCH / TABARI verb dictionaries (the ``CAMEO.2.0.txt`` format).

Why our own reader: PETRARCH-2 is Python 2 and reads the file together with CoreNLP parses;
we only need the patterns, matched later against one spaCy dependency parse.

Format (see PETRARCH-2 ``PETRreader.read_verb_dictionary``):

* ``&NAME`` starts a synonym set; its members follow as ``+WORD`` lines.
* ``---  NAME   [code]  ---`` starts a verb block; ``[---]`` means no default code.
* A verb line ``WORD {FORMS ...} [code]`` adds a verb (irregular forms in braces; an own
  code overrides the block's). ``+WORD_PARTICLE {...}`` is a multi-word verb.
* ``- pre words * post words [code] # comment`` is a pattern applying to every verb of the
  block. ``{A B}`` is a noun phrase, ``(PREP A B)`` a prepositional phrase, ``&SET`` a synset,
  ``$`` / ``+`` mark source / target, ``^`` skips, ``%`` marks a compound actor. A code
  ``[a:b]`` pairs an event with its reverse; ``[:b]`` codes only the reverse (the grammatical
  subject is the target).
* Communique extension, used only by our own files: a verb line starting with ``@`` is a
  noun trigger (``@TALKS [046]``), matched on nouns instead of verbs.
* ``~`` transformation lines and ``#`` comments are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.errors import DataFileError

_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_MARKERS = frozenset({"$", "+", "^", "%", "*"})


@dataclass(frozen=True)
class Element:
    """One constraint of a pattern: a word (any of ``words``) or a preposition phrase.

    ``prep`` is set for ``(PREP ...)`` groups; ``words`` then lists the alternatives each
    following word may take (one frozenset per word). For a bare word ``prep`` is ``None`` and
    ``words`` has one frozenset.
    """

    prep: str | None
    words: tuple[frozenset[str], ...]

    @property
    def weight(self) -> int:
        """How specific the element is: one point per word, prepositions included (a
        connected phrase "MOST_CERTAINLY_&NEGATVAUXVRB_EVER" counts its shortest reading)."""
        return sum(min((len(a.split()) for a in alts), default=1) for alts in self.words) \
            + (1 if self.prep else 0)


@dataclass(frozen=True)
class Pattern:
    """A pattern: constraints before and after the verb, and the CAMEO code it gives."""

    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: str | None
    reverse: bool
    origin: str
    paired: str | None = None
    # Verbs named in the pattern's trailing comment ("# POSTPONE", "# DELAY , POSTPONE"):
    # in CAMEO.2.0.txt (TABARI heritage) the verb each pattern was written for.
    verbs: frozenset[str] = frozenset()
    # PETRARCH's "%": a compound (coordinated) actor before / after the verb
    # ("% * [030:030]": "The Philippines and France agree that ...").
    compound_pre: bool = False
    compound_post: bool = False

    @property
    def weight(self) -> int:
        """Specificity: the number of words the pattern requires (a "%" counts as one)."""
        return sum(e.weight for e in self.pre) + sum(e.weight for e in self.post) + \
            int(self.compound_pre) + int(self.compound_post)


@dataclass
class Sense:
    """One verb (or noun) of a block: its default code and the block's patterns."""

    lemma: str
    particle: str | None
    code: str | None
    reverse: bool
    noun: bool
    block: str
    patterns: list[Pattern] = field(default_factory=list)
    origin: str = ""
    headword: bool = True
    paired: str | None = None
    # True when the verb line gives its own code ("BLOCKADE [191]" in a [---] block).
    own_code: bool = False


@dataclass
class VerbDictionary:
    """Senses indexed by lower-cased lemma (or literal form), plus the synsets read."""

    senses: dict[str, list[Sense]] = field(default_factory=dict)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add(self, sense: Sense) -> None:
        """Index ``sense`` under its lemma."""
        self.senses.setdefault(sense.lemma, []).append(sense)

    def merge(self, other: VerbDictionary) -> None:
        """Add every sense of ``other``; later files add senses, they never delete."""
        for lemma, senses in other.senses.items():
            self.senses.setdefault(lemma, []).extend(senses)
        self.synsets.update(other.synsets)
        self.sources.extend(other.sources)

    @property
    def pattern_count(self) -> int:
        """Distinct patterns across blocks (a block's patterns are shared by its verbs)."""
        seen: set[int] = set()
        for senses in self.senses.values():
            for sense in senses:
                seen.update(id(p) for p in sense.patterns)
        return len(seen)


def parse_code(text: str) -> tuple[str | None, bool]:
    """``"042:043"`` -> ("042", False); ``":173"`` -> ("173", True); ``"---"`` -> (None, False)."""
    text = text.strip()
    if not text or text.startswith("---"):
        return None, False
    first, _, second = text.partition(":")
    # Letters are kept: PETRARCH's validation file uses sub-codes such as "174K" and "102b".
    first = re.sub(r"[^0-9A-Za-z]", "", first)
    second = re.sub(r"[^0-9A-Za-z]", "", second)
    if first:
        return first, False
    if second:
        return second, True
    return None, False


def paired_code(text: str) -> str | None:
    """The reverse event of a paired code: ``"042:043"`` -> ``"043"``, else ``None``."""
    first, sep, second = text.strip().partition(":")
    second = re.sub(r"[^0-9A-Za-z]", "", second)
    return second if sep and re.sub(r"[^0-9A-Za-z]", "", first) and second else None


def _word(raw: str) -> str:
    # A trailing "_" means "this exact form" in PETRARCH; lemmas make that distinction moot.
    return raw.strip().rstrip("_").replace("_", " ").lower()


def _set_name(raw: str) -> str:
    """``&PREPOSIT1_`` and ``&PREPOSIT1`` name the same set (PETRARCH's validation file
    defines the one and uses the other)."""
    return raw.split()[0].upper().rstrip("_")


def _alternatives(raw: str, synsets: dict[str, frozenset[str]]) -> frozenset[str]:
    """The word (or phrase) alternatives of one pattern word.

    ``&SET`` gives the set's members; a connected phrase embedding a set
    (``NEW_&TIETYPES_RELATIONS``) gives one phrase per member ("new military relations").
    """
    if raw.startswith("&") and "_" not in raw.strip("_"):
        return synsets.get(_set_name(raw), frozenset({_word(raw[1:])}))
    if "&" not in raw:
        return frozenset({_word(raw)})
    phrases = [""]
    for part in (p for p in raw.split("_") if p):
        options = synsets.get(_set_name(part), frozenset({_word(part[1:])})) \
            if part.startswith("&") else frozenset({_word(part)})
        phrases = [f"{head} {option}".strip() for head in phrases for option in options]
    return frozenset(phrases)


def _tokenise(text: str) -> list[str]:
    return re.findall(r"[{}()]|[^\s{}()]+", text)


def _elements(tokens: list[str], synsets: dict[str, frozenset[str]]) -> tuple[Element, ...]:
    out: list[Element] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "(":
            j = tokens.index(")", i) if ")" in tokens[i:] else len(tokens)
            inner = [t for t in tokens[i + 1 : j] if t not in _MARKERS and t not in "{}"]
            if inner:
                prep = _word(inner[0].split("/")[0])
                words = tuple(_alternatives(w, synsets) for w in inner[1:])
                out.append(Element(prep, words))
            i = j + 1
            continue
        if tok in _MARKERS or tok in "{}":
            i += 1
            continue
        out.append(Element(None, (_alternatives(tok, synsets),)))
        i += 1
    return tuple(out)


_COMMENT_VERB = re.compile(r"^[A-Z][A-Z_]*$")


def _comment_verbs(line: str) -> frozenset[str]:
    """Lower-cased verbs named in a pattern's comment; empty when it is prose or a date."""
    if "#" not in line:
        return frozenset()
    words = [w for w in re.split(r"[\s,]+", line.split("#", 1)[1]) if w]
    if not words or not all(_COMMENT_VERB.match(w) for w in words):
        return frozenset()
    return frozenset(w.lower() for w in words)


def _parse_pattern(line: str, block_code: tuple[str | None, bool], origin: str,
                   synsets: dict[str, frozenset[str]]) -> Pattern | None:
    body = line[1:].split("#", 1)[0]
    match = _CODE.search(body)
    paired = None
    if match:
        code, reverse = parse_code(match.group(1))
        paired = paired_code(match.group(1))
        body = body[: match.start()]
    else:
        code, reverse = block_code
    if "*" not in body:
        return None
    pre_text, _, post_text = body.partition("*")
    return Pattern(
        pre=_elements(_tokenise(pre_text), synsets),
        post=_elements(_tokenise(post_text), synsets),
        code=code,
        reverse=reverse,
        origin=origin,
        paired=paired,
        verbs=_comment_verbs(line),
        compound_pre="%" in pre_text.split(),
        compound_post="%" in post_text.split(),
    )


def _verb_line(line: str, block: str, block_code: tuple[str | None, bool],
               origin: str, block_paired: str | None = None) -> Sense | None:
    body = line.split("#", 1)[0]
    match = _CODE.search(body)
    code, reverse = parse_code(match.group(1)) if match else block_code
    paired = paired_code(match.group(1)) if match else block_paired
    if match:
        body = body[: match.start()]
    body = re.sub(r"\{[^}]*\}", " ", body).strip()
    if not body:
        return None
    noun = body.startswith("@")
    body = body.lstrip("@+").strip()
    parts = [p for p in body.split("_") if p]
    if not parts:
        return None
    lemma = parts[0].lower()
    particle = " ".join(parts[1:]).lower() or None
    # The block's own verb (VISIT in "--- VISIT ---") or a verb with its own code; other
    # members are WordNet-style synonyms whose default code is much less reliable.
    headword = bool(match) or lemma == block.split("_")[0].lower()
    return Sense(lemma=lemma, particle=particle, code=code, reverse=reverse, noun=noun,
                 block=block, origin=origin, headword=headword, paired=paired,
                 own_code=match is not None)


def parse_verb_dictionary(lines: Iterable[str], name: str = "<verbs>",
                          synsets: dict[str, frozenset[str]] | None = None) -> VerbDictionary:
    """Parse PETRARCH verb-dictionary ``lines`` into a :class:`VerbDictionary`.

    ``synsets`` seeds the synonym sets (so a user file can use the shipped ``&MILITARY``).
    Raises :class:`DataFileError` when a pattern appears before any verb block.
    """
    result = VerbDictionary(synsets=dict(synsets or {}), sources=[name])
    current_set: str | None = None
    set_members: list[str] = []
    block = ""
    block_code: tuple[str | None, bool] = (None, False)
    block_paired: str | None = None
    block_senses: list[Sense] = []

    def close_set() -> None:
        nonlocal current_set, set_members
        if current_set is not None:
            result.synsets[current_set] = frozenset(set_members)
        current_set, set_members = None, []

    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\n").strip()
        origin = f"{name}:{number}"
        if not line or line.startswith("#") or line.startswith("~"):
            continue
        if line.startswith("&"):
            close_set()
            current_set = _set_name(line)
            # A set definition ends the verb block before it (the validation file defines
            # sets between blocks; their "+MEMBER" lines are not verbs of that block).
            block = ""
            continue
        if current_set is not None and line.startswith("+") and not block:
            member = line[1:].split("#")[0].strip()
            # A member may itself be a set (&ACCORDSYN lists +&TIETYPES).
            set_members.extend(_alternatives(member, result.synsets) if "&" in member
                               else [_word(member)])
            continue
        header = _HEADER.match(line)
        if header:
            close_set()
            block = header.group(1)
            block_code = parse_code(header.group(2))
            block_paired = paired_code(header.group(2))
            block_senses = []
            continue
        if line.startswith("-"):
            if not block:
                raise DataFileError(f"{origin}: pattern outside a verb block: {line!r}")
            pattern = _parse_pattern(line, block_code, origin, result.synsets)
            if pattern is not None and block_senses:
                block_senses[0].patterns.append(pattern)
            continue
        if not block:
            continue
        sense = _verb_line(line, block, block_code, origin, block_paired)
        if sense is not None:
            # Senses in one block share one pattern list object.
            if block_senses:
                sense.patterns = block_senses[0].patterns
            block_senses.append(sense)
            result.add(sense)
    close_set()
    return result


def load_verb_dictionary(path: Path,
                         synsets: dict[str, frozenset[str]] | None = None) -> VerbDictionary:
    """Read a PETRARCH verb dictionary file (UTF-8, or Latin-1 when it is not UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read verb dictionary: {exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return parse_verb_dictionary(text.splitlines(), name=path.name, synsets=synsets)


# -- plain form (compiled caches) -------------------------------------------------------------


def to_plain(dictionary: VerbDictionary) -> dict[str, Any]:
    """``dictionary`` as JSON-ready lists, for a compiled cache (:func:`from_plain`).

    The object graph is kept: senses of one block share one pattern list, and a pattern is
    one object wherever it is listed (the lexicon keys its plans by object identity).
    Word sets and elements, compared by value only, are written once each.
    """
    word_sets: dict[frozenset[str], int] = {}
    elements: dict[Element, int] = {}
    patterns: dict[int, int] = {}
    lists: dict[int, int] = {}
    plain: dict[str, Any] = {"words": [], "elements": [], "patterns": [], "lists": [],
                             "senses": [], "synsets": [], "sources": list(dictionary.sources)}

    def word_set(words: frozenset[str]) -> int:
        if words not in word_sets:
            word_sets[words] = len(plain["words"])
            plain["words"].append(sorted(words))
        return word_sets[words]

    def element(e: Element) -> int:
        if e not in elements:
            elements[e] = len(plain["elements"])
            plain["elements"].append([e.prep, [word_set(w) for w in e.words]])
        return elements[e]

    def pattern(p: Pattern) -> int:
        if id(p) not in patterns:
            patterns[id(p)] = len(plain["patterns"])
            plain["patterns"].append([
                [element(e) for e in p.pre], [element(e) for e in p.post], p.code, p.reverse,
                p.origin, p.paired, word_set(p.verbs), p.compound_pre, p.compound_post])
        return patterns[id(p)]

    for lemma, senses in dictionary.senses.items():
        row = []
        for sense in senses:
            if id(sense.patterns) not in lists:
                lists[id(sense.patterns)] = len(plain["lists"])
                plain["lists"].append([pattern(p) for p in sense.patterns])
            row.append([sense.lemma, sense.particle, sense.code, sense.reverse, sense.noun,
                        sense.block, lists[id(sense.patterns)], sense.origin, sense.headword,
                        sense.paired, sense.own_code])
        plain["senses"].append([lemma, row])
    plain["synsets"] = [[name, word_set(members)] for name, members in
                        dictionary.synsets.items()]
    return plain


def from_plain(plain: dict[str, Any]) -> VerbDictionary:
    """The :class:`VerbDictionary` written by :func:`to_plain`, equal to the one read."""
    words = [frozenset(w) for w in plain["words"]]
    elements = [Element(prep, tuple(words[i] for i in sets))
                for prep, sets in plain["elements"]]
    patterns = [Pattern(pre=tuple(elements[i] for i in pre),
                        post=tuple(elements[i] for i in post), code=code, reverse=reverse,
                        origin=origin, paired=paired, verbs=words[verbs],
                        compound_pre=compound_pre, compound_post=compound_post)
                for (pre, post, code, reverse, origin, paired, verbs, compound_pre,
                     compound_post) in plain["patterns"]]
    lists = [[patterns[i] for i in row] for row in plain["lists"]]
    result = VerbDictionary(sources=list(plain["sources"]))
    for lemma, row in plain["senses"]:
        result.senses[lemma] = [
            Sense(lemma=name, particle=particle, code=code, reverse=reverse, noun=noun,
                  block=block, patterns=lists[shared], origin=origin, headword=headword,
                  paired=paired, own_code=own_code)
            for (name, particle, code, reverse, noun, block, shared, origin, headword, paired,
                 own_code) in row]
    result.synsets = {name: words[i] for name, i in plain["synsets"]}
    return result
