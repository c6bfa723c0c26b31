"""Cues and statements read from argument shapes outside the lexicons (quotes/arguments.py):
a quoted predicate on a verb's object, a cue noun's quoted argument, the "put it" idiom.
Sentences written for the purpose."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf, by_cue


def test_quoted_predicate_of_a_verb_outside_the_lexicon(quotes_of: QuotesOf) -> None:
    text = 'The senator has long admired the governor as a "steady hand" in a crisis.'
    q = by_cue(quotes_of(text), "admired")
    assert q["kind"] == "mixed"
    assert q["text"].startswith('the governor as a "steady hand"')
    assert q["speaker"]["text"] == "The senator"


def test_quoted_predicate_after_a_prepositional_object(quotes_of: QuotesOf) -> None:
    text = 'For weeks the mayor has gone after her rival as a "career politician."'
    q = by_cue(quotes_of(text), "gone")
    assert q["kind"] == "mixed"
    assert q["text"].startswith('her rival as a "career politician')


def test_rating_a_share_of_claims(quotes_of: QuotesOf) -> None:
    text = 'The fact-checkers rated 40% of the minister\'s claims as "false" last year.'
    q = by_cue(quotes_of(text), "rated")
    assert q["text"].startswith("40% of the minister's claims as \"false")


def test_quoted_name_used_as_a_label_is_not_claimed_without_a_subject(
        quotes_of: QuotesOf) -> None:
    text = 'The company was known as "Acme Works" until 1990.'
    assert quotes_of(text) == []


def test_quoted_predicate_of_a_coordinated_verb(quotes_of: QuotesOf) -> None:
    text = 'The auditors reviewed the accounts and rated two of them "deeply flawed."'
    q = by_cue(quotes_of(text), "rated")
    assert q["kind"] == "mixed"
    assert q["text"].startswith('two of them "deeply flawed')
    assert q["speaker"]["text"] == "The auditors"


def test_quotation_as_the_argument_of_a_cue_noun(quotes_of: QuotesOf) -> None:
    text = 'The governor renewed her call for "a complete overhaul" of the state pension fund.'
    q = by_cue(quotes_of(text), "call")
    assert q["text"].startswith('"a complete overhaul" of the state pension fund')
    assert q["speaker"]["text"] == "her"


def test_cue_noun_without_a_quotation_or_clause_reports_nothing(quotes_of: QuotesOf) -> None:
    text = "The mayor received a call from the governor about the budget's pro-growth measures."
    assert quotes_of(text) == []


def test_quoted_predicate_of_a_cue_noun_subject(quotes_of: QuotesOf) -> None:
    text = 'The party\'s new slogan is "Homes for every family."'
    [q] = quotes_of(text)
    assert q["text"] == "Homes for every family."
    assert q["speaker"]["text"] == "The party"
