"""The horizontal bar and figure dash are read like the em and en dash."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


def test_unseen_dashes_are_split_off_words(nlp: Language) -> None:
    doc = nlp.make_doc("It was a sham\u2015and he left. \u2015Jane Doe, pages 4\u20125.")
    assert [t.text for t in doc] == [
        "It", "was", "a", "sham", "\u2015", "and", "he", "left", ".", "\u2015", "Jane", "Doe",
        ",", "pages", "4", "\u2012", "5", "."]


def test_unseen_dash_takes_the_norm_of_its_familiar_twin(nlp: Language) -> None:
    doc = nlp.make_doc("a \u2015 b \u2014 c")
    bar, em = doc[1], doc[3]
    assert bar.text == "\u2015"
    assert bar.norm_ == em.norm_


def test_horizontal_bar_is_punctuation_to_the_parser(nlp: Language) -> None:
    # Before: the small model tagged the bar a verb and hung the rest of the sentence on it.
    doc = nlp("The senator has been pounding the mayor as a \u201cfraud\u201d \u2015 just as "
              "he did with his rival in 2012.")
    bar = next(t for t in doc if t.text == "\u2015")
    assert bar.pos_ == "PUNCT"


def test_one_reading_of_the_tokenizer_equals_load_then_change() -> None:
    """The pipeline loads its tokenizer with the dashes already in its affix rules (one
    build of the special cases): the same tokenizer as ``spacy.load`` followed by setting
    each of the three rules on its own, as this module first did."""
    import re

    import spacy

    from communique.nlp import dashes
    from communique.nlp.pipeline import resolve_model_name

    name = resolve_model_name()
    once = dashes.load_reading_unseen_dashes(name)
    stepwise = spacy.load(name)
    tokenizer = stepwise.tokenizer
    prefix, suffix, infix = dashes._with_dashes(tokenizer.prefix_search.__self__.pattern,
                                                tokenizer.suffix_search.__self__.pattern,
                                                tokenizer.infix_finditer.__self__.pattern)
    tokenizer.prefix_search = re.compile(prefix).search
    tokenizer.suffix_search = re.compile(suffix).search
    tokenizer.infix_finditer = re.compile(infix).finditer
    assert once.tokenizer.to_bytes(exclude=["vocab"]) == tokenizer.to_bytes(exclude=["vocab"])
    text = "A sham\u2015and a \u2015quote\u2015, pages 4\u20125, don't (U.S.) e.g. 10km."
    assert [(t.text, t.norm_) for t in once.make_doc(text)] == \
        [(t.text, t.norm_ if t.text not in dashes.UNSEEN_DASHES else
          once.vocab[dashes.UNSEEN_DASHES[t.text]].norm_) for t in stepwise.make_doc(text)]
    assert once.pipe_names == stepwise.pipe_names and once.meta == stepwise.meta
