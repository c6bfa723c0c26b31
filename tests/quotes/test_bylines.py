"""Bylines under block quotes in opinion round-ups (quotes/bylines.py). Text written for the
purpose."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf

_ROUNDUP = (
    "The left criticizes the plan, arguing that it will raise costs.\n\n"
    "“The plan asks families to pay more for less. It is the wrong answer to a real "
    "problem.”\n\n"
    "“Nobody who has looked at the numbers can defend it.”\n\n"
    "Jane Doe, The Daily Ledger\n\n"
    "“The board has waited long enough, and the city deserves a decision.”\n\n"
    "Editorial Board, Harbor Times\n\n"
    "“A picture of the new bridge at dawn.”\n\n"
    "Courtesy City Hall, Springfield\n"
)


def test_block_quotes_take_the_byline_under_them(quotes_of: QuotesOf) -> None:
    quotes = quotes_of(_ROUNDUP)
    names = [(q["speaker"] or {}).get("name") for q in quotes if q["kind"] == "direct"]
    assert names[:3] == ["Jane Doe", "Jane Doe", "Harbor Times"]


def test_a_photo_credit_is_no_byline(quotes_of: QuotesOf) -> None:
    quotes = quotes_of(_ROUNDUP)
    last = [q for q in quotes if "bridge" in q["text"]]
    assert all((q["speaker"] or {}).get("name") != "City Hall" for q in last)
