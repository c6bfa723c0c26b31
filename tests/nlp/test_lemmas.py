"""The lemma cache gives the stock lemmatizer's lemmas, cached on every path."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from communique.nlp import lemmas
from communique.nlp.lemmas import CachedEnglishLemmatizer, cache_lemmas
from communique.nlp.pipeline import resolve_model_name

# Every inflection class the rule lemmatizer handles: base forms (singular nouns,
# infinitives, positive adjectives), regular and irregular plurals, past forms,
# participles, comparatives, superlatives, proper nouns, numbers and punctuation.
TEXT = ("The ministers met their Chinese counterparts in Beijing on Tuesday. She said the "
        "talks were better than the worst ones they had held; the children ran, swam and "
        "were seen fleeing. He has been meeting mice, geese and oxen. Prices rose 3.5% in "
        "2023, the highest since. Lavrov's deputies didn't agree and won't sign.")


def _cache(nlp: Language) -> dict[object, list[str]]:
    component = nlp.get_pipe("lemmatizer")
    assert isinstance(component, CachedEnglishLemmatizer)
    return component.cache


def test_same_lemmas_as_the_stock_lemmatizer(nlp: Language) -> None:
    stock = spacy.load(resolve_model_name(None))
    assert type(nlp.get_pipe("lemmatizer")) is CachedEnglishLemmatizer
    for _ in range(2):  # the second pass answers from the cache
        assert [t.lemma_ for t in nlp(TEXT)] == [t.lemma_ for t in stock(TEXT)]
    cached = _cache(nlp)
    base_form = next(t for t in nlp(TEXT) if t.text == "talks")
    morph_key = base_form.morph.key  # type: ignore[attr-defined]
    assert (base_form.orth, base_form.pos, morph_key) in cached


def test_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    own = spacy.load(resolve_model_name(None))
    assert cache_lemmas(own)
    monkeypatch.setattr(lemmas, "CACHE_LIMIT", 5)
    own(TEXT)
    assert len(_cache(own)) <= 5


def test_other_lemmatizers_are_left_alone() -> None:
    blank = spacy.blank("en")
    assert not cache_lemmas(blank)
    blank.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not cache_lemmas(blank)
    assert type(blank.get_pipe("lemmatizer")) is not CachedEnglishLemmatizer
