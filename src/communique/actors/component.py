"""The ``communique_actors`` spaCy component: fills ``doc._.communique_entities``.

It also stores the people the article introduced with a title or apposition in
``doc._.communique_learned`` (plain dicts, so both survive ``nlp.pipe(n_process>1)``); the
corpus-level step :func:`communique.actors.learning.apply_learned` uses them later.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc

from communique.actors.kb import ActorKB, load_kb
from communique.actors.resolve import resolve_doc


class ActorResolver:
    """Resolve and code the actors of each document (knowledge base loaded once)."""

    def __init__(self, dictionaries: Sequence[str | Path] = ()) -> None:
        if dictionaries:
            from communique.actors.petrarch import kb_with_dictionaries

            self.kb: ActorKB = kb_with_dictionaries([Path(p) for p in dictionaries])
        else:
            self.kb = load_kb()

    def __call__(self, doc: Doc) -> Doc:
        entities, learned = resolve_doc(doc, self.kb)
        doc._.communique_entities = entities
        if Doc.has_extension("communique_learned"):
            doc._.communique_learned = learned
        return doc
