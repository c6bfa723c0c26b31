"""Per-token tables the actors stage builds from spaCy's arrays (quotes, sentences)."""

from __future__ import annotations

import spacy
from spacy.language import Language

from communique.actors.kb import MISSPELT_COUNTRY, NAME_START, NOTHING, load_kb
from communique.actors.mentions import quote_mask
from communique.actors.resolve import _Builder


def _blank() -> Language:
    return spacy.blank("en")


def test_quote_mask_straight_curly_and_paragraph_reset() -> None:
    doc = _blank().make_doc('He said "we agree" and “left”.\n\n"Open quote runs on\nNext para')
    words = [t.text for t in doc]
    flags = quote_mask(doc)
    inside = {w for w, f in zip(words, flags, strict=True) if f}
    assert {"we", "agree", "left", "“", "”", "Open", "runs"} <= inside
    assert "He" not in inside and "and" not in inside and "Next" not in inside
    assert "said" not in inside


def test_quote_mask_unclosed_quote_runs_to_the_end() -> None:
    doc = _blank().make_doc('Intro "never closed until the end')
    assert quote_mask(doc) == [False, True, True, True, True, True, True]


def test_quote_mask_empty_doc() -> None:
    assert quote_mask(_blank().make_doc("")) == []


def test_builder_sentence_tables_match_doc_sents() -> None:
    nlp = _blank()
    nlp.add_pipe("sentencizer")
    doc = nlp("Lavrov met Xi. They talked. \n\nThen Wang spoke!")
    builder = _Builder(doc, load_kb())
    sents = list(doc.sents)
    assert builder.sent_bounds == [(s.start, s.end) for s in sents]
    for number, sent in enumerate(sents):
        for token in sent:
            assert builder.sent_index[token.i] == number
            assert builder.sent_start[token.i] == sent.start


def test_builder_on_empty_doc() -> None:
    builder = _Builder(_blank().make_doc(""), load_kb())
    assert builder.sent_bounds == [] and builder.sent_index == [] and builder.quotes == []


def test_token_class_answers_are_memoised() -> None:
    kb = load_kb()
    assert kb.token_class("Russia") == NAME_START
    assert kb.token_class("Ethopia") == MISSPELT_COUNTRY
    assert kb.token_class("banana") == NOTHING
    assert kb.token_classes["banana"] == NOTHING
