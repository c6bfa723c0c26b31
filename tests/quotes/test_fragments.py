"""A quoted fragment inside a cue's object or complement phrase (sentences written for the
purpose): the statement is the whole phrase, as a mixed quote."""

from __future__ import annotations

from tests.quotes.conftest import QuotesOf, by_cue


def test_fragment_modifying_the_object(quotes_of: QuotesOf) -> None:
    text = 'The senator lamented the "sorry" condition of the roads in her state.'
    q = by_cue(quotes_of(text), "lamented")
    assert q["kind"] == "mixed"
    assert q["text"].startswith('the "sorry" condition of the roads')
    assert q["speaker"]["text"] == "The senator"


def test_object_and_prepositional_argument(quotes_of: QuotesOf) -> None:
    text = 'The governor criticized the mayor for taking "a reckless gamble" with the budget.'
    q = by_cue(quotes_of(text), "criticized")
    assert q["kind"] == "mixed"
    assert q["text"].startswith("the mayor for taking")
    assert '"a reckless gamble"' in q["text"]


def test_predicate_after_an_aside_keeps_the_object(quotes_of: QuotesOf) -> None:
    text = 'Smith attacked Jones, calling him, among other things, "a total fraud."'
    q = by_cue(quotes_of(text), "calling")
    assert q["kind"] == "mixed"
    assert q["text"] == 'him, among other things, "a total fraud."'


def test_time_phrase_after_the_object_is_left_out(quotes_of: QuotesOf) -> None:
    text = 'The mayor praised the "tireless work" of the volunteers on Sunday.'
    q = by_cue(quotes_of(text), "praised")
    assert q["kind"] == "mixed"
    assert q["text"] == 'the "tireless work" of the volunteers'


def test_whole_quotation_as_complement_stays_direct(quotes_of: QuotesOf) -> None:
    text = 'She said, "We will win this race."'
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "direct"
    assert q["text"] == "We will win this race."


def test_reason_clause_after_the_phrase_is_kept(quotes_of: QuotesOf) -> None:
    text = 'The professor calls the bridge "a mistake" because so few people live near it.'
    q = by_cue(quotes_of(text), "calls")
    assert q["kind"] == "mixed"
    assert q["text"] == 'the bridge "a mistake" because so few people live near it'


def test_participle_of_another_cue_is_a_statement_of_its_own(quotes_of: QuotesOf) -> None:
    text = 'The mayor praised the "tireless work" of the volunteers, saying they saved the town.'
    quotes = quotes_of(text)
    q = by_cue(quotes, "praised")
    assert q["text"] == 'the "tireless work" of the volunteers'
    assert by_cue(quotes, "saying")["text"] == "they saved the town"


def test_time_clause_after_the_quotation_is_the_reporters(quotes_of: QuotesOf) -> None:
    text = ('Protesters gathered outside, chanting "no deal, no peace" after the talks failed '
            "on Friday.")
    q = by_cue(quotes_of(text), "chanting")
    assert "after the talks" not in q["text"]
    assert "no deal, no peace" in q["text"]


def test_long_object_phrase_is_the_cues(quotes_of: QuotesOf) -> None:
    # More than a few words between the cue and the marks: the parse still puts the passage in
    # the verb's object, so the cue claims it.
    text = ('The coach praised the quiet dedication of his assistant coaches and "tireless" '
            "trainers after the game.")
    q = by_cue(quotes_of(text), "praised")
    assert q["kind"] == "mixed"
    assert q["text"].startswith("the quiet dedication of his assistant coaches")
    assert q["speaker"]["text"] == "The coach"







def test_time_and_medium_after_a_quoted_predicate_are_the_reporters(quotes_of: QuotesOf) -> None:
    text = 'The mayor blasted the council as a "circus" Tuesday on his radio show.'
    q = by_cue(quotes_of(text), "blasted")
    assert q["kind"] == "mixed"
    assert q["text"] == 'the council as a "circus"'


def test_a_place_in_the_quoted_predicate_stays(quotes_of: QuotesOf) -> None:
    text = 'The minister called the port "the jewel" on the northern trade route.'
    q = by_cue(quotes_of(text), "called")
    assert q["text"].endswith("on the northern trade route")
