"""Every spaCy component communique adds, registered in this one place.

Components store plain data (lists and dicts of str/int/float/bool/None) on ``Doc._``
so that results survive ``nlp.pipe(n_process>1)``, which pickles docs with their
user data.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

# Extension attributes. ``communique_structure`` is set by the caller before the
# pipeline runs (headings and paragraph breaks from cleaning).
EXTENSIONS = (
    "communique_structure",
    "communique_entities",
    "communique_quotes",
    "communique_events",
    "communique_learned",  # people introduced with a title (actors; used by apply_learned)
)
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


_CLOSERS = frozenset({'"', "”", "’", "'", ")", "]"})


@Language.factory("communique_sentences")
def make_sentence_boundaries(nlp: Language, name: str) -> SentenceBoundaries:
    """Sentence starts at paragraph breaks and headings, set before the parser runs."""
    return SentenceBoundaries()


class SentenceBoundaries:
    """Mark every token after a line break, and every heading, as its own sentence.

    The small English parser otherwise joins a subhead to the next paragraph
    ("'Vassalage to China' Lavrov last visited ..."), which breaks quotes and events.
    """

    def __call__(self, doc: Doc) -> Doc:
        structure: dict[str, Any] = doc._.communique_structure or {}
        heading_bounds = {(h["start"], h["end"]) for h in structure.get("headings", [])}
        heading_edges = {b for pair in heading_bounds for b in pair}
        for i, token in enumerate(doc):
            if i == 0:
                continue
            prev = doc[i - 1]
            if token.is_space or (
                token.text in _CLOSERS and not prev.whitespace_ and (
                    i + 1 == len(doc) or token.whitespace_ or doc[i + 1].is_space
                )
            ):
                # Line-break tokens and a closing quote glued to the end of a sentence
                # belong to the sentence before them; the parser sometimes splits there.
                token.is_sent_start = False
            elif (
                "\n" in prev.text
                or "\n" in prev.whitespace_
                or token.idx in heading_edges
                or prev.idx + len(prev.text) in heading_edges
            ):
                token.is_sent_start = True
        return doc


@Language.factory("communique_actors", default_config={"dictionaries": []})
def make_actors(nlp: Language, name: str, dictionaries: list[str]) -> Any:
    """Actor resolution and coding (logic in :mod:`communique.actors`)."""
    from communique.actors.component import ActorResolver

    return ActorResolver(dictionaries)


@Language.factory("communique_quotes")
def make_quotes(nlp: Language, name: str) -> Any:
    """Quotes and attribution (logic in :mod:`communique.quotes`)."""
    from communique.quotes.component import QuoteExtractor

    return QuoteExtractor()


@Language.factory("communique_events")
def make_events(nlp: Language, name: str) -> Any:
    """PLOVER/CAMEO events (logic in :mod:`communique.events`)."""
    from communique.events.component import EventCoder

    return EventCoder()


# Components added after the model's own, in this order: actors first (quotes and
# events look speakers and participants up in the entity clusters), then quotes
# (events inside a statement point to their quote), then events.
# Each name must be registered with @Language.factory in this module.
LATE_COMPONENTS: tuple[str, ...] = ("communique_actors", "communique_quotes", "communique_events")


def add_components(nlp: Language) -> None:
    """Add communique's components to ``nlp`` in pipeline order."""
    if "communique_sentences" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        if before:
            nlp.add_pipe("communique_sentences", before=before)
        else:
            nlp.add_pipe("communique_sentences", first=True)
    for name in LATE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
