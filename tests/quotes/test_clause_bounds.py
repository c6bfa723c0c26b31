"""Where a mixed or indirect statement starts and ends (sentences written for the purpose)."""

from __future__ import annotations

from typing import Any

from tests.quotes.conftest import QuotesOf


def _only(quotes: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    found = [q for q in quotes if q["kind"] == kind]
    assert len(found) == 1, [(q["kind"], q["text"]) for q in quotes]
    return found[0]


def test_clause_after_the_cue_wins_over_a_fronted_sentence(quotes_of: QuotesOf) -> None:
    # The parser hangs the sentence before the dash on "said" as a second complement; the
    # statement is the clause after the cue.
    text = ("Hillary Clinton isn't rattled about the string of losses she's faced in the "
            "Democratic primary — in fact, she said it “humanizes” her.")
    q = _only(quotes_of(text), "mixed")
    assert q["text"] == "it “humanizes” her"
    assert q["speaker"]["text"] == "she"


def test_fronted_quotation_keeps_its_cue(quotes_of: QuotesOf) -> None:
    text = ('"Apparently there\'s a young man who\'s having some problems," Cruz said as the '
            'heckler yelled: "You suck!"')
    quotes = quotes_of(text)
    first = next(q for q in quotes if q["text"].startswith("Apparently"))
    assert "You suck" not in first["text"]
    assert first["speaker"]["text"] == "Cruz"


def test_relative_clause_after_the_quotation_is_the_reporters(quotes_of: QuotesOf) -> None:
    text = ('Sanders said the trip was "absolutely" a worthwhile diversion from campaigning in '
            "New York, where he trails Clinton in most polls.")
    q = _only(quotes_of(text), "mixed")
    assert q["text"] == ('the trip was "absolutely" a worthwhile diversion from campaigning in '
                         "New York")


def test_dash_aside_after_the_quotation_is_the_reporters(quotes_of: QuotesOf) -> None:
    text = ('He promises the government will help "up-skill" workers - and he makes sure to '
            "include coal workers.")
    q = _only(quotes_of(text), "mixed")
    assert q["text"] == 'the government will help "up-skill" workers'
