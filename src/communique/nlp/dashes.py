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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

# Unseen dash -> the dash whose norm it takes.
UNSEEN_DASHES = {"\u2015": "\u2014", "\u2012": "\u2013"}


def read_unseen_dashes(nlp: Language) -> None:
    """Split the dashes of :data:`UNSEEN_DASHES` off words and give them familiar norms."""
    dashes = "[" + "".join(UNSEEN_DASHES) + "]"
    tokenizer: Any = nlp.tokenizer
    # Each search keeps the model's own affix rules and adds the dashes in front of them.
    prefix = _pattern(tokenizer.prefix_search)
    suffix = _pattern(tokenizer.suffix_search)
    infix = _pattern(tokenizer.infix_finditer)
    tokenizer.prefix_search = re.compile(f"^{dashes}" + (f"|{prefix}" if prefix else "")).search
    tokenizer.suffix_search = re.compile(f"{dashes}$" + (f"|{suffix}" if suffix else "")).search
    tokenizer.infix_finditer = re.compile(dashes + (f"|{infix}" if infix else "")).finditer
    for dash, familiar in UNSEEN_DASHES.items():
        nlp.vocab[dash].norm_ = nlp.vocab[familiar].norm_


def _pattern(search: Any) -> str | None:
    """The regular expression behind a tokenizer's bound search method, if it has one."""
    return getattr(getattr(search, "__self__", None), "pattern", None)
