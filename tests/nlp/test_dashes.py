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
