"""Naming as judgement: "called Democrats cowardly", "called the vote a historic step".

A speaker who calls a party, or its act, by an evaluative word criticises (CAMEO 111) or
praises (CAMEO 051) it; the word list is ``data/events/evaluative.tsv``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from communique.errors import DataFileError
from communique.events.cameo import DATA_DIR

EVALUATIVE_FILE = DATA_DIR / "evaluative.tsv"
# Verbs that name their object: "called the plan absurd", "labeled the bill a disgrace",
# "branded the envoy a liar", "dubbed the tariffs reckless", "described the move as
# dangerous".
NAMING_VERBS = frozenset({"call", "label", "brand", "dub", "describe", "term"})
_OBJECTS = frozenset({"dobj", "nsubj"})  # "called Democrats cowardly" / "called [X] Y"


@lru_cache(maxsize=1)
def evaluative_words() -> dict[str, str]:
    """Word -> "neg" or "pos"."""
    words: dict[str, str] = {}
    lines = EVALUATIVE_FILE.read_text(encoding="utf-8").splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1)
            if line.strip() and not line.startswith("#")][1:]  # after the header
    for number, line in body:
        parts = line.split("\t")
        if len(parts) != 2 or parts[1] not in ("neg", "pos"):
            raise DataFileError(f"{EVALUATIVE_FILE}:{number}: expected 'word<TAB>neg|pos', "
                                f"got {line!r}")
        words[parts[0].lower()] = parts[1]
    return words


def naming_polarity(tok: Token) -> str | None:
    """"neg" or "pos" when ``tok`` is "call" naming its object by an evaluative word that
    follows the object, else None ("called on Iran to act" names nothing)."""
    if tok.lemma_.lower() not in NAMING_VERBS:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if any(c.dep_ == "prt" for c in tok.children):
        return None  # "called off the summit following threats": a phrasal verb names nothing
    words = evaluative_words()
    for t in tok.subtree:
        if t.i > obj.i and t.sent == tok.sent:
            polarity = words.get(t.lower_) or words.get(t.lemma_.lower())
            if polarity is not None and not _inside_clause(t, tok):
                return polarity
    return None


def _inside_clause(t: Token, verb: Token) -> bool:
    """True when ``t`` sits in a clause of its own under the verb (a reason, a quote's
    verb), which is not what the object is called."""
    node = t
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in ("advcl", "ccomp", "relcl", "pcomp", "xcomp") and node.pos_ == "VERB":
            return True
        node = node.head
    return False
