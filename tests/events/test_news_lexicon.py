"""Wire-copy verbs and event nouns of the modern lexicon (sentences written for the tests)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.events.test_coder import countries, events, one


@pytest.mark.parametrize(("text", "plover", "actor", "recipient"), [
    ("Indian police clashed with Kashmiri protesters in Srinagar.", "ASSAULT", "IND", None),
    ("Russia denied the charges brought by Britain.", "REJECT", "RUS", None),
    ("Islamic State militants beheaded a Japanese journalist.", "ASSAULT", None, "JPN"),
    ("Iran freed three American prisoners on Sunday.", "RETREAT", "IRN", None),
    ("Russia annexed Crimea from Ukraine in 2014.", "COERCE", "RUS", None),
    ("The Chinese government cracked down on Uighur activists.", "ASSAULT", "CHN", None),
    ("Secretary Lew spoke by phone with Ukrainian Prime Minister Yatsenyuk.", "CONSULT",
     None, "UKR"),
    ("French farmers joined the strike against the government of France.", "PROTEST", "FRA",
     None),
    ("The German chancellor scolded Poland over its courts.", "ACCUSE", "DEU", "POL"),
])
def test_news_verbs_code_events(nlp: Any, text: str, plover: str, actor: str | None,
                                recipient: str | None) -> None:
    e = one(nlp, text, plover)
    if actor:
        assert actor in countries(e["actors"])
    if recipient:
        assert recipient in countries(e["recipients"])


def test_released_statement_is_no_release_of_people(nlp: Any) -> None:
    assert not [e for e in events(nlp, "The Russian ministry released a statement on Iran.")
                if e["cameo"] == "0841"]
