"""Verbs the small tagger called nouns or adjectives, retagged from the parse.

The tagger of ``en_core_web_sm`` sometimes tags a verb in a coordination or a clause as an
adjective or noun while the parser, run after it, still gives the word a direct object:
"Putin challenged the U.S. on Ukraine and *annexed* (JJ) Crimea", "to *undermine* (JJ)
May's authority", "*nail* (NN) down a deal". With the wrong tag the lemma is wrong
("annexed") and the word is never read as a verb, so the event it carries is lost. A word
that governs a direct object and has no determiner, possessor or adjective of its own is a
verb; its tag is set from its ending before the attribute ruler and lemmatizer run, so the
part of speech and lemma follow.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP
from spacy.tokens import Doc, Token

_RETAGGED = frozenset({"NN", "NNS", "JJ"})
# Children a noun or adjective has and a verb does not ("the launch", "its own").
_NOMINAL_CHILDREN = frozenset({"det", "poss", "amod", "nummod", "predet", "case"})
# Attachments of a word that is part of a noun phrase, whatever its children.
_NOMINAL_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod", "appos"})


def verb_tag(token: Token) -> str | None:
    """The verb tag a mistagged ``token`` should have, or None to keep its tag."""
    if token.tag_ not in _RETAGGED or not token.is_alpha or (
            token.is_title and not token.is_sent_start):
        return None
    if token.dep_ in _NOMINAL_DEPS:
        return None
    children = list(token.children)
    if not any(c.dep_ == "dobj" for c in children):
        return None
    if any(c.dep_ in _NOMINAL_CHILDREN for c in children):
        return None
    lower = token.lower_
    has_aux = any(c.dep_ in ("aux", "auxpass") for c in children)
    if lower.endswith("ed"):
        return "VBN" if has_aux else "VBD"
    if lower.endswith("ing"):
        return "VBG"
    if token.tag_ == "NNS":
        return "VBZ"
    return "VB"


class VerbTags:
    """Retag the verbs the tagger missed (see the module doc); runs after the parser.

    Only the heads of direct objects can be retagged, so only they are visited (found from
    the dependency array): a Python loop over every token of every document would be paid
    by the whole pipeline for the few words it changes."""

    def __call__(self, doc: Doc) -> Doc:
        dobj = doc.vocab.strings.add("dobj")
        for index in numpy.flatnonzero(doc.to_array([DEP]) == dobj):
            head = doc[int(index)].head
            tag = verb_tag(head)
            if tag is not None:
                head.tag_ = tag
                head.pos_ = "VERB"
        return doc
