"""Cue coverage, content extent, speaker and addressee/channel rules added in the second round
of issue 4 (sentences written for the purpose)."""

from __future__ import annotations

from typing import Any

from communique.quotes.lexicon import lexicon
from tests.quotes.conftest import QuotesOf


def _only(quotes: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(quotes) == 1, [(q["kind"], q["text"]) for q in quotes]
    return quotes[0]


def test_noun_cue_lexicon_loads() -> None:
    nouns = lexicon().noun_cues
    assert nouns["claim"].cls == "speech" and nouns["belief"].cls == "belief"
    assert all("needclause" in entry.flags for entry in nouns.values())


def test_stance_verb_object_is_content(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("Senator Jones criticized the governor's handling of the flood."))
    assert q["text"] == "the governor's handling of the flood"
    assert q["speaker"]["text"] == "Senator Jones"


def test_object_keeps_following_complement(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("The union backed Maria Lopez against the incumbent mayor."))
    assert q["kind"] == "belief"
    assert q["text"] == "Maria Lopez against the incumbent mayor"


def test_topic_of_talk_about(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("The governor talked about the new tax on imported cars."))
    assert q["text"] == "the new tax on imported cars"


def test_noun_cue_with_owner(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("The mayor made the claim that the budget was balanced."))
    assert q["text"] == "the budget was balanced"
    assert q["cue"]["lemma"] == "claim"
    assert q["speaker"]["text"] == "The mayor"
    q = _only(quotes_of("His warning that taxes were too high went unheeded."))
    assert q["text"] == "taxes were too high"
    assert q["cue"]["lemma"] == "warning" and q["speaker"]["text"] == "His"


def test_noun_cue_as_subject_of_a_copula(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("The mayor's answer was that the budget had never been balanced."))
    assert q["text"] == "the budget had never been balanced"
    assert q["cue"]["lemma"] == "answer"
    assert q["speaker"]["text"] == "The mayor"


def test_noun_cue_with_an_infinitive(quotes_of: QuotesOf) -> None:
    text = 'Critics recalled his promise to stay "strictly neutral" during the strike talks.'
    q = next(q for q in quotes_of(text) if (q["cue"] or {}).get("lemma") == "promise")
    assert q["text"] == 'to stay "strictly neutral" during the strike talks'
    assert q["speaker"]["text"] == "his"


def test_possessive_owner_leaves_out_the_possessive_mark(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("Garcia's claim is that the count was wrong."))
    assert q["speaker"]["text"] == "Garcia"


def test_noun_cue_without_owner_is_not_a_quote(quotes_of: QuotesOf) -> None:
    assert quotes_of("There is a claim that the budget was balanced.") == []


def test_relative_clause_speaker(quotes_of: QuotesOf) -> None:
    quotes = quotes_of("Barkley, who said he usually votes for Democrats, said one candidate "
                       "he likes is John Kasich.")
    # The relative clause's local mention is its pronoun; the name is the antecedent's.
    assert [(q["text"], q["speaker"]["text"], q["speaker"]["name"]) for q in quotes] == [
        ("he usually votes for Democrats", "who", "Barkley"),
        ("one candidate he likes is John Kasich", "Barkley", "Barkley"),
    ]


def test_trailing_reason_clause_stays_in_content(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of('Dayton says caucuses "are such an unknown" because many people '
                        "stay at home."))
    assert q["kind"] == "mixed"
    assert q["text"].endswith("because many people stay at home")


def test_second_speech_cue_in_clause_kept_after_modal(quotes_of: QuotesOf) -> None:
    quotes = quotes_of("Kasich says he would sit Putin down and tell him to stop.")
    assert any(q["text"] == "he would sit Putin down and tell him to stop" for q in quotes), \
        [q["text"] for q in quotes]


def test_comma_closed_quotation_is_not_extended_over_speaker(quotes_of: QuotesOf) -> None:
    text = ('"We have had better conventions than this one," delegate Bill Eastland, wearing a '
            "cowboy hat, said.")
    q = _only(quotes_of(text))
    assert q["kind"] == "direct"
    assert q["text"] == "We have had better conventions than this one"


def test_quoted_as_saying(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("Smith was quoted as saying that the talks had collapsed."))
    assert q["text"] == "the talks had collapsed"
    assert q["speaker"]["text"] == "Smith"


def test_passive_with_agent(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("The new tariff was criticized by Senator Jones on Tuesday."))
    assert q["speaker"]["text"] == "Senator Jones"
    assert q["text"] == "The new tariff"


def test_refer_to_as(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of('Bush referred to Rubio as "a bright leader" in the debate.'))
    assert q["text"].startswith("Rubio as")
    assert q["addressee"] is None


def test_common_noun_medium_is_channel(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("Sanders told a Philadelphia radio station that the race was open."))
    assert q["addressee"] is None
    assert q["channel"]["name"] == "Philadelphia radio station"
    q = _only(quotes_of("Trump told the MSNBC channel that he would win easily."))
    assert q["addressee"] is None
    assert q["channel"]["name"] == "MSNBC"


def test_show_title_after_outlet_is_channel(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("He told Fox News' The Kelly File that the plan was dead."))
    assert q["addressee"] is None
    assert q["channel"]["name"] == "Fox News"
    assert "Kelly File" in q["channel"]["text"]


def test_host_after_outlet_is_addressee(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("He told Fox News' Bill O'Reilly that the plan was dead."))
    assert q["addressee"]["text"] == "Bill O'Reilly"
    assert q["channel"]["name"] == "Fox News"


def test_thing_promised_is_not_addressee(quotes_of: QuotesOf) -> None:
    for q in quotes_of('Clinton promised "a new era of cooperation" with allies in Europe.'):
        assert q["addressee"] is None, q


def test_belief_has_no_addressee(quotes_of: QuotesOf) -> None:
    for q in quotes_of("Doctors feel to patients that the treatment works."):
        assert q["addressee"] is None, q


def test_cueless_quotation_after_indirect_statement(quotes_of: QuotesOf) -> None:
    text = ("John Bolton said that the deal was a mistake.\n"
            '"This is not a circumstance where anyone can be trusted with the codes."')
    quotes = quotes_of(text)
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert len(direct) == 1
    assert direct[0]["speaker"]["name"] == "John Bolton"


def test_outlet_in_capitals_and_reporter_is_channel(quotes_of: QuotesOf) -> None:
    q = _only(quotes_of("The official told POLITICO that the talks would continue."))
    assert q["addressee"] is None and q["channel"] is not None
    q = _only(quotes_of("Representatives confirmed to The Hollywood Reporter that staff "
                        "work from home."))
    assert q["addressee"] is None and q["channel"] is not None


def test_time_after_spoke_is_not_a_topic(quotes_of: QuotesOf) -> None:
    assert quotes_of("Erdogan also spoke to family members by phone on Tuesday.") == []


def test_verb_outside_the_lexicon_with_a_quoted_clause(quotes_of: QuotesOf) -> None:
    text = 'The mayor fumed that the council had been "asleep at the wheel" all year.'
    q = _only(quotes_of(text))
    assert q["cue"]["text"] == "fumed"
    assert q["text"] == 'the council had been "asleep at the wheel" all year'
    assert q["speaker"]["text"] == "The mayor"


def test_verb_outside_the_lexicon_with_an_unquoted_clause_is_not_a_cue(
        quotes_of: QuotesOf) -> None:
    assert quotes_of("The mayor fumed that the council had been asleep all year.") == []
