"""Cue-verb, channel-noun and outlet lexicons, read once per process from ``data/quotes``.

Lookups are by lemma (a dict or frozenset membership test), so the extractor never scans a list
per token. The files are plain text so that users can extend them (see the README there).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from communique.errors import DataFileError

_PACKAGE = "communique.data"
_FOLDER = "quotes"
_CLASSES = frozenset({"speech", "belief"})
_FLAGS = frozenset({"addressee", "tocomp", "dobj", "accuse", "continue", "needclause", "oprd",
                    "about", "target"})
# Prepositions of time and place adjuncts, which are the reporter's framing rather than part of
# what was said ("said on Tuesday", "called Palin a "clown" on his radio show").
ADJUNCT_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since"})


@dataclass(frozen=True)
class CueEntry:
    """One cue lemma: ``speech`` or ``belief``, plus how its arguments are read."""

    lemma: str
    cls: str
    flags: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """Everything the quote extractor looks up, loaded from the shipped files."""

    cues: dict[str, CueEntry]
    noun_cues: dict[str, CueEntry]
    adjective_cues: dict[str, CueEntry]
    channel_nouns: frozenset[str]
    outlets: frozenset[str]
    outlets_lower: frozenset[str]
    outlet_words: frozenset[str]


def _lines(name: str) -> list[tuple[int, str]]:
    text = resources.files(_PACKAGE).joinpath(_FOLDER).joinpath(name).read_text(encoding="utf-8")
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((number, line))
    return out


def _read_cues() -> dict[str, CueEntry]:
    cues: dict[str, CueEntry] = {}
    for number, line in _lines("cues.tsv"):
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in _CLASSES:
            raise DataFileError(f"quotes/cues.tsv line {number}: expected lemma, class, flags")
        flags = frozenset() if fields[2] == "-" else frozenset(fields[2].split(","))
        unknown = flags - _FLAGS
        if unknown:
            raise DataFileError(f"quotes/cues.tsv line {number}: unknown flags {sorted(unknown)}")
        cues[fields[0]] = CueEntry(fields[0], fields[1], flags)
    return cues


def _read_word_cues(name: str) -> dict[str, CueEntry]:
    """Noun or adjective cues: lemma, class and optionally the flag ``tocomp``."""
    cues: dict[str, CueEntry] = {}
    for number, line in _lines(name):
        fields = line.split("\t")
        if len(fields) not in {2, 3} or fields[1] not in _CLASSES:
            raise DataFileError(
                f"quotes/{name} line {number}: expected lemma, class[, flags]")
        flags = frozenset(fields[2].split(",")) if len(fields) == 3 else frozenset()
        if flags - {"tocomp"}:
            raise DataFileError(f"quotes/{name} line {number}: unknown flags "
                                f"{sorted(flags - {'tocomp'})}")
        # Such a cue never claims a quotation that merely stands nearby.
        cues[fields[0]] = CueEntry(fields[0], fields[1], flags | {"needclause"})
    return cues


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lexicons (cached: read from disk once per process)."""
    outlets = frozenset(line for _, line in _lines("outlets.txt"))
    return Lexicon(
        cues=_read_cues(),
        noun_cues=_read_word_cues("noun_cues.tsv"),
        adjective_cues=_read_word_cues("adjective_cues.tsv"),
        channel_nouns=frozenset(line.lower() for _, line in _lines("channel_nouns.txt")),
        outlets=outlets,
        outlets_lower=frozenset(name.lower() for name in outlets),
        outlet_words=frozenset(word for name in outlets for word in name.split()),
    )
