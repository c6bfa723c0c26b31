"""The spaCy component's logic: code events and store them on ``doc._.communique_events``."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.events.coder import code_document
from communique.events.lexicon import Lexicon, default_lexicon


class EventCoder:
    """Callable component; the lexicon is loaded once per process (module-level cache)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        doc._.communique_events = code_document(doc, self.lexicon)
        return doc
