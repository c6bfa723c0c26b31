"""Where a mixed or indirect statement starts and ends (sentences written for the purpose)."""

from __future__ import annotations

from typing import Any

from tests.quotes.conftest import QuotesOf, by_cue


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


def test_time_phrase_between_cue_and_clause_dates_the_telling(quotes_of: QuotesOf) -> None:
    text = 'The governor told farmers this weekend he would consider it a "betrayal" if they sold.'
    [q] = quotes_of(text)
    assert q["text"].startswith("he would consider it")


def test_as_to_after_the_quotation_goes_on_with_the_statement(quotes_of: QuotesOf) -> None:
    text = ('The senator told reporters she "truly does not know the reason" as to why the vote '
            "failed.")
    [q] = quotes_of(text)
    assert q["text"].endswith("as to why the vote failed")


def test_when_it_comes_to_goes_on_with_the_statement(quotes_of: QuotesOf) -> None:
    text = ('The judge said there is a "real gap between the two systems," when it comes to how '
            "fast appeals are heard.")
    [q] = quotes_of(text)
    assert q["text"].endswith("how fast appeals are heard")


def test_second_quoted_predicate_on_the_object(quotes_of: QuotesOf) -> None:
    text = ('In a statement, the prime minister condemned Monday\'s launch as "reckless and '
            'destabilizing" and a "serious threat" to regional stability.')
    [q] = quotes_of(text)
    assert q["text"] == ('Monday\'s launch as "reckless and destabilizing" and a "serious threat" '
                         "to regional stability")


def test_according_to_phrase_misparsed_as_swallowing_the_statement(
        quotes_of: QuotesOf) -> None:
    # The small English model makes "the plan smacks" an apposition of the name.
    text = 'According to farm-state senator Joan Ellis, the plan smacks of "panic" and haste.'
    [q] = quotes_of(text)
    assert q["text"] == 'the plan smacks of "panic" and haste'
    assert q["speaker"]["name"] == "Joan Ellis"


def test_according_to_phrase_swallowing_the_statement_before_a_paragraph_break(
        quotes_of: QuotesOf) -> None:
    # The paragraph break joins the sentence as a whitespace token after the full stop.
    text = ('According to radio host Bill Ward, the bill reeks of "fear" and panic.\n\n'
            "The vote is on Monday.")
    [q] = quotes_of(text)
    assert q["text"] == 'the bill reeks of "fear" and panic'
    assert q["speaker"]["name"] == "Bill Ward"


def test_capitalised_subject_tagged_as_a_verb_is_still_the_speaker(quotes_of: QuotesOf) -> None:
    # The small English model tags sentence-initial "Trump" as a verb here.
    text = 'Trump openly admires the Canadian prime minister as a "true partner."'
    [q] = quotes_of(text)
    assert q["text"] == 'the Canadian prime minister as a "true partner."'
    assert q["speaker"]["text"] == "Trump"


def test_clause_starts_after_that_when_the_parser_left_an_adjunct_before_it(
        quotes_of: QuotesOf) -> None:
    text = 'Rubio said at a debate that Clinton was "unfit to lead" because she ignored the rules.'
    [q] = quotes_of(text)
    assert q["text"] == 'Clinton was "unfit to lead" because she ignored the rules'


def test_colon_lead_in_before_a_quotation_split_by_its_cue_is_the_reporters(
        quotes_of: QuotesOf) -> None:
    text = ("Senator Ann Lee rebuked him: “Your numbers do not add up at all, and the public "
            "knows it,” she said. “Nobody in this room believes them.”")
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "direct"
    assert q["text"].startswith("Your numbers do not add up")
    assert q["speaker"]["name"] == "Ann Lee"


def test_during_phrase_after_a_quoted_predicate_is_the_reporters(quotes_of: QuotesOf) -> None:
    text = ("Former Governor Ann Lee criticized the new budget as a “reckless gamble” during a "
            "campaign stop in Dayton, Ohio, for her party.")
    [q] = quotes_of(text)
    assert q["text"] == "the new budget as a “reckless gamble”"


def test_conditional_inside_the_statement_keeps_its_if(quotes_of: QuotesOf) -> None:
    text = 'The mayor said that if the council refuses, "we will take it to the voters."'
    [q] = quotes_of(text)
    assert q["text"] == 'if the council refuses, "we will take it to the voters."'


def test_mixed_statement_ending_in_a_quotation_keeps_its_closing_mark(
        quotes_of: QuotesOf) -> None:
    [q] = quotes_of('The mayor said the plan was "dead on arrival."')
    assert q["text"] == 'the plan was "dead on arrival."'


def test_verb_coordinated_in_the_statements_tense_goes_on_with_it(quotes_of: QuotesOf) -> None:
    # "have been" agrees with "polls", not with the past-tense cue the parser joined it to.
    text = ('Sen. Ann Kerr told reporters that polls could be "way off," and have been '
            "unreliable in past races.")
    [q] = quotes_of(text)
    assert q["text"] == 'polls could be "way off," and have been unreliable in past races'


def test_verb_coordinated_in_the_cues_tense_is_the_reporters(quotes_of: QuotesOf) -> None:
    text = 'The senator said the rule was "a mistake," but conceded that it would pass.'
    first = quotes_of(text)[0]
    assert first["text"] == 'the rule was "a mistake,"'


def test_second_that_clause_joined_to_the_cue_is_more_of_the_statement(
        quotes_of: QuotesOf) -> None:
    [q] = quotes_of("The mayor said the plan was fair, but that it needed more money.")
    assert q["text"] == "the plan was fair, but that it needed more money"


def test_second_complement_without_a_subject_is_more_of_the_statement(
        quotes_of: QuotesOf) -> None:
    # The parser hangs "had started ..." on the cue as a second complement clause.
    text = ("Officials said the investigation had nothing to do with the ministry, had "
            "started after his tenure and been suspended in 2014.")
    [q] = quotes_of(text)
    assert q["text"] == ("the investigation had nothing to do with the ministry, had started "
                         "after his tenure and been suspended in 2014")


def test_second_complement_with_its_own_subject_is_the_reporters(quotes_of: QuotesOf) -> None:
    # "dropped" is hung on the cue as a second complement clause, with its own subject.
    text = ("Early in the year 60 percent of voters said they would support the levy, however "
            "that number has since dropped to 41 percent.")
    q = quotes_of(text)[0]
    assert q["text"] == "they would support the levy"


def test_that_clause_misparsed_as_a_relative_clause_is_the_statement(
        quotes_of: QuotesOf) -> None:
    # The parser hangs "that the council ..." on "crowd" as a relative clause.
    text = ('On Monday, the mayor groused to a crowd in Ohio that the council "never listens '
            'to us" at all.')
    [q] = quotes_of(text)
    assert q["text"].startswith('the council "never listens to us"')
    assert q["speaker"]["text"] == "the mayor"


def test_title_in_the_speakers_phrase_is_not_part_of_the_statement(
        quotes_of: QuotesOf) -> None:
    text = ('A former host of "Morning Talk," who later worked for the campaign, said the '
            'senator was "always kind to the staff."')
    [q] = quotes_of(text)
    assert q["kind"] == "mixed"
    assert q["text"] == 'the senator was "always kind to the staff."'


def test_title_before_the_cue_leaves_an_indirect_statement(quotes_of: QuotesOf) -> None:
    [q] = quotes_of('The author of "Quiet Power," a study of lobbying, says there is only '
                    'one winner in the fight.')
    assert q["kind"] == "indirect"
    assert q["text"] == "there is only one winner in the fight"


def test_quotation_opening_the_sentence_stays_with_its_cue(quotes_of: QuotesOf) -> None:
    [q] = quotes_of('"If the vote had failed" by a wide margin, the mayor said, "we would be '
                    'in court now."')
    assert q["kind"] == "direct"
    assert len(q["parts"]) == 2


def test_as_the_preposition_after_the_quotation_goes_on_with_the_statement(
        quotes_of: QuotesOf) -> None:
    [q] = quotes_of('The union argued the mayor could not "fix the schools" as chair because so '
                    "many teachers distrust her.")
    assert q["text"].endswith("as chair because so many teachers distrust her")


def test_as_opening_a_clause_after_the_quotation_is_the_reporters(quotes_of: QuotesOf) -> None:
    [q] = quotes_of('The mayor warned the flooding could become "a catastrophe," as the river '
                    "(already at record levels) rises again.")
    assert q["text"] == 'the flooding could become "a catastrophe,"'


def test_even_before_a_phrase_goes_on_with_the_statement(quotes_of: QuotesOf) -> None:
    [q] = quotes_of('The chief said there were "early signs" even in the first hour that the '
                    "fire was set.")
    assert q["text"].endswith("that the fire was set")


def test_summing_up_noun_phrase_after_the_quotation_is_the_reporters(
        quotes_of: QuotesOf) -> None:
    [q] = quotes_of('The senator said some retirees would pay "a little more" in fees, an '
                    "admission that her rivals quickly seized on.")
    assert q["text"] == 'some retirees would pay "a little more" in fees'
