"""Dashes the English models never saw, read as the dashes they stand for.

HuffPost and other sites write the horizontal bar (U+2015, "―") where others write an em
dash, and a few write the figure dash (U+2012). The stock tokenizer leaves them glued to the
next word ("―Jane") or between words ("sham―and"), and the tagger and parser, which never saw
them in training, guess: in "pounding Trump as a "con artist" ― just as he did ..." the small
English model took the bar for a verb and the clause after it for its object, so the quote
was lost. PolNeAR train has 76 of them in 19 of 840 documents.

:func:`read_unseen_dashes` splits them off like the dashes spaCy knows and gives each the
norm of its familiar twin, which the models' features use in place of the text. Offsets and
token text are unchanged.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

# Unseen dash -> the dash whose norm it takes.
UNSEEN_DASHES = {"\u2015": "\u2014", "\u2012": "\u2013"}


_DASHES = "[" + "".join(UNSEEN_DASHES) + "]"
_AFFIXES = ("prefix_search", "suffix_search", "infix_finditer")
# What spaCy 3.8's ``Tokenizer.to_disk`` saves (its vocabulary is saved apart).
_SAVED = (*_AFFIXES, "token_match", "url_match", "exceptions", "faster_heuristics")


def _with_dashes(prefix: str | None, suffix: str | None, infix: str | None
                 ) -> tuple[str, str, str]:
    """The three affix patterns with the dashes in front of the model's own rules."""
    return (f"^{_DASHES}" + (f"|{prefix}" if prefix else ""),
            f"{_DASHES}$" + (f"|{suffix}" if suffix else ""),
            _DASHES + (f"|{infix}" if infix else ""))


def _give_norms(nlp: Language) -> None:
    for dash, familiar in UNSEEN_DASHES.items():
        nlp.vocab[dash].norm_ = nlp.vocab[familiar].norm_


def read_unseen_dashes(nlp: Language) -> None:
    """Split the dashes of :data:`UNSEEN_DASHES` off words and give them familiar norms."""
    tokenizer: Any = nlp.tokenizer
    # Each search keeps the model's own affix rules and adds the dashes in front of them.
    prefix, suffix, infix = _with_dashes(*(_pattern(getattr(tokenizer, name))
                                           for name in _AFFIXES))
    # Setting an affix rule makes spaCy rebuild every special case (a tenth of a second
    # each time). As spaCy's own ``Tokenizer.from_bytes`` does, the rules are taken out
    # while the three are set and put back once: the same tokenizer, one rebuild.
    rules = dict(tokenizer.rules)
    tokenizer.rules = {}
    tokenizer.prefix_search = re.compile(prefix).search
    tokenizer.suffix_search = re.compile(suffix).search
    tokenizer.infix_finditer = re.compile(infix).finditer
    tokenizer.rules = rules
    _give_norms(nlp)


def load_reading_unseen_dashes(name: str) -> Language:
    """``spacy.load(name)`` followed by :func:`read_unseen_dashes`, in one reading of the
    tokenizer.

    Loading a pipeline builds its tokenizer's 1,300 special cases, and changing the affix
    rules afterwards builds them again (a tenth of a second). Here spaCy loads everything
    but the tokenizer's saved state; that state is read with the dashes already added to
    its affix patterns, as ``spacy.load`` would have read it otherwise: the same tokenizer
    (equal ``to_bytes``), its special cases built once. A tokenizer of another kind, or saved
    without pattern strings, is loaded as spaCy does and then changed.
    """
    import spacy
    from spacy import util
    from spacy.tokenizer import Tokenizer

    nlp = spacy.load(name, exclude=["tokenizer"])
    folder = getattr(nlp, "_path", None)
    saved = Path(folder) / "tokenizer" if folder else None
    if saved is None or not saved.is_file():
        read_unseen_dashes(nlp)  # nothing saved: spaCy's load read nothing either
        return nlp
    data: dict[str, Any] = {}
    util.from_bytes(saved.read_bytes(), {key: partial(data.__setitem__, key)
                                         for key in _SAVED}, exclude=())
    tokenizer: Any = nlp.tokenizer
    if type(tokenizer) is Tokenizer and all(isinstance(data.get(k), str) for k in _AFFIXES):
        data.update(zip(_AFFIXES, _with_dashes(*(data[k] for k in _AFFIXES)), strict=True))
        tokenizer.from_bytes(util.to_bytes({key: partial(data.__getitem__, key)
                                            for key in data}, exclude=()), exclude=["vocab"])
        _give_norms(nlp)
        return nlp
    tokenizer.from_disk(saved, exclude=["vocab"])  # what spacy.load does with it
    read_unseen_dashes(nlp)
    return nlp


def _pattern(search: Any) -> str | None:
    """The regular expression behind a tokenizer's bound search method, if it has one."""
    return getattr(getattr(search, "__self__", None), "pattern", None)
