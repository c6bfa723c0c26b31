"""Described speakers keep their words or take the name paired with them
(quotes/described.py). Sentences written for the purpose."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf


def _names(quotes_of: QuotesOf, text: str) -> list[str]:
    return [(q["speaker"] or {}).get("name", "") for q in quotes_of(text)]


def test_a_description_with_an_appositive_name_is_the_name(quotes_of: QuotesOf) -> None:
    text = ("The Treasury Secretary, Steven Mnuchin, said the tariffs would stay. The "
            "official who ran the talks, former ambassador John Reed, told reporters the "
            "deal was dead.")
    assert _names(quotes_of, text) == ["Steven Mnuchin", "John Reed"]


def test_people_are_not_the_institution_they_were_merged_with(quotes_of: QuotesOf) -> None:
    text = ("The Treasury said on Friday that the new rules would take effect. The Treasury "
            "Secretary said the tariffs would stay.")
    assert _names(quotes_of, text) == ["Treasury", "The Treasury Secretary"]


def test_bare_plural_people_are_not_an_earlier_group(quotes_of: QuotesOf) -> None:
    text = ("Greek military officials said the jet fell into the sea. Greek officials said on "
            "Friday that debris was found. Officials said the search would go on.")
    assert _names(quotes_of, text)[-1] == "Officials"


def test_a_coordinated_list_of_names_speaks_together(quotes_of: QuotesOf) -> None:
    text = ("Three of the five members of the board — Democrats Ann Reyes, Paul Stone and "
            "Mary Webb — said they wanted a new vote.")
    quote = quotes_of(text)[0]
    assert quote["speaker"]["name"] == "Ann Reyes"
    assert [s["name"] for s in quote["co_speakers"]] == ["Paul Stone", "Mary Webb"]


def test_a_relative_clause_of_speech_after_a_name_is_the_names(quotes_of: QuotesOf) -> None:
    text = ("The leak was traced to files from the Defense Ministry, which said the files "
            "were old.")
    assert _names(quotes_of, text) == ["Defense Ministry"]
