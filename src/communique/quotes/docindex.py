"""Sentence and paragraph lookup by character offset, shared by the quote assemblers."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc

from communique.nlp.doctext import doc_text
from communique.quotes.marks import paragraph_spans

_WORD = re.compile(r"\w+")


def words(text: str) -> int:
    """Number of word tokens (``\\w+``) in ``text``: the unit of every length threshold."""
    return len(_WORD.findall(text))


class DocIndex:
    """Sentence and paragraph lookup by character offset (bisect over starts)."""

    def __init__(self, doc: Doc) -> None:
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        # Doc.text joins every token on each access: read once per document, from the copy
        # the actors component kept (quotes are its last reader, so the copy is dropped).
        self.text = doc_text(doc, release=True)
        self.paragraphs = paragraph_spans(self.text)
        self.par_starts = [p[0] for p in self.paragraphs]

    def sentence(self, offset: int) -> int:
        """Index of the sentence holding character ``offset``."""
        return max(0, bisect_right(self.sent_starts, offset) - 1)

    def paragraph(self, offset: int) -> int:
        """Index of the paragraph (non-empty line) holding character ``offset``."""
        return max(0, bisect_right(self.par_starts, offset) - 1)
