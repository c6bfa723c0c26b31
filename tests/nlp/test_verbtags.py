"""The verb retagger: a word governing a direct object is a verb, whatever the tagger said."""

from __future__ import annotations

from typing import Any

from communique.nlp.verbtags import verb_tag


def test_mistagged_coordinated_verb_is_a_verb(nlp: Any) -> None:
    doc = nlp("Putin challenged the U.S. on Ukraine and annexed Crimea.")
    annexed = next(t for t in doc if t.text == "annexed")
    assert annexed.pos_ == "VERB" and annexed.lemma_ == "annex"


def test_nouns_and_adjectives_keep_their_tags(nlp: Any) -> None:
    doc = nlp("The launch of the rocket was a complete failure, and its own crew left.")
    assert all(verb_tag(t) is None for t in doc)
    assert next(t for t in doc if t.text == "launch").pos_ == "NOUN"
