"""The article's own voice is no source's statement (quotes/extract.py, ``_author_voice``).
Sentences written for the purpose."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf


def test_the_authors_own_claims_are_not_statements(quotes_of: QuotesOf) -> None:
    text = ("The senator voted against the bill on Tuesday. I know we have all become used "
            "to such votes. You can imagine how the voters will react to that. This "
            "suggests that the party is divided.")
    assert quotes_of(text) == []


def test_quoted_first_person_and_reported_speech_stay(quotes_of: QuotesOf) -> None:
    text = ("“I will not resign,” the senator said on Tuesday. The senator said we should "
            "expect a vote soon. “Your Honor,” I said, “I would like to answer the question.”")
    quotes = quotes_of(text)
    assert [q["speaker"]["text"] for q in quotes if q["speaker"]] == ["the senator",
                                                                      "The senator", "I"]


def test_inverted_cue_and_copula_cue_name_their_speaker(quotes_of: QuotesOf) -> None:
    text = ("Said Venezuelan political scientist Maria Teresa Romero, a critic of the "
            "government, \"The golden age of socialism is over.\" John McCain is fond of "
            "saying, \"It's always darkest just before it goes totally black.\"")
    names = [(q["speaker"] or {}).get("name") for q in quotes_of(text)]
    assert names == ["Maria Teresa Romero", "John McCain"]
