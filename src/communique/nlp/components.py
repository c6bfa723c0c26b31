"""Every spaCy component communique adds, registered in this one place.

Components store plain data (lists and dicts of str/int/float/bool/None) on ``Doc._``
so that results survive ``nlp.pipe(n_process>1)``, which pickles docs with their
user data.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import get_string_id
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
_CLOSER_IDS = numpy.array(sorted(get_string_id(text) for text in _CLOSERS),
                          dtype=numpy.uint64)
# ``SENT_START`` of -1 (not a start) as spaCy writes it in its uint64 arrays.
_NOT_START = numpy.uint64(2**64 - 1)


@Language.factory("communique_sentences")
def make_sentence_boundaries(nlp: Language, name: str) -> SentenceBoundaries:
    """Sentence starts at paragraph breaks and headings, set before the parser runs."""
    return SentenceBoundaries()


class SentenceBoundaries:
    """Mark every token after a line break, and every heading, as its own sentence.

    The small English parser otherwise joins a subhead to the next paragraph
    ("'Vassalage to China' Lavrov last visited ..."), which breaks quotes and events.

    Rules, for every token but the first: a whitespace token, and a closing quote or
    bracket glued to the end of a sentence, never start a sentence (the parser sometimes
    splits there); otherwise a token after a line break or at a heading's edge does.
    Only the few candidate tokens are visited (found from the text and the token offsets),
    not every token of the document.
    """

    def __call__(self, doc: Doc) -> Doc:
        count = len(doc)
        if count < 2:
            return doc
        structure: dict[str, Any] = doc._.communique_structure or {}
        columns = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE, ORTH])
        starts = columns[:, 0].astype(numpy.int64)
        ends = starts + columns[:, 1].astype(numpy.int64)
        spacy_after = columns[:, 2].astype(bool)
        is_space = columns[:, 3].astype(bool)
        never = is_space.copy()
        # A closer glued to the previous token and followed by a space, a line or the end.
        followed = spacy_after.copy()
        followed[:-1] |= is_space[1:]
        followed[-1] = True
        glued = numpy.zeros(count, dtype=bool)
        glued[1:] = ~spacy_after[:-1]
        never |= numpy.isin(columns[:, 4], _CLOSER_IDS) & glued & followed
        never[0] = False
        edges = [edge for heading in structure.get("headings", [])
                 for edge in (heading["start"], heading["end"])]
        starts_here = numpy.zeros(count, dtype=bool)
        strings = doc.vocab.strings
        # Line breaks live in whitespace tokens ("\n", "\n\n"): the token after one starts
        # a sentence. (``doc.text`` is not used: it builds every Token, 3x this whole step.)
        spaces = is_space.nonzero()[0]
        after_break = [int(i) + 1 for i in spaces if "\n" in strings[int(columns[i, 4])]]
        starts_here[[i for i in after_break if i < count]] = True
        if edges:
            at = numpy.searchsorted(starts, edges)  # a token begins at the edge
            starts_here[[int(i) for i, e in zip(at, edges, strict=True)
                         if i < count and starts[i] == e]] = True
            before = numpy.searchsorted(ends, edges)  # a token ends at the edge
            starts_here[[int(i) + 1 for i, e in zip(before, edges, strict=True)
                         if i + 1 < count and ends[i] == e]] = True
        starts_here &= ~never
        starts_here[0] = False
        # Written as one array: setting ``Token.is_sent_start`` one by one rescans the
        # whole Doc for a parse on every call.
        flags: Any = doc.to_array([SENT_START])
        flags[never] = _NOT_START
        flags[starts_here] = 1
        doc.from_array([SENT_START], flags)
        return doc


@Language.factory("communique_verb_tags")
def make_verb_tags(nlp: Language, name: str) -> Any:
    """Verbs the tagger called nouns or adjectives, retagged from the parse
    (:mod:`communique.nlp.verbtags`)."""
    from communique.nlp.verbtags import VerbTags

    return VerbTags()


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
    if "communique_verb_tags" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("communique_verb_tags", after="parser")
    for name in LATE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
