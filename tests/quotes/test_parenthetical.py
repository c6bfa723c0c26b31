"""A cue clause set inside the sentence between commas (sentences written for the purpose):
the rest of the sentence is the statement, in one or two parts around the cue clause."""

from __future__ import annotations

from typing import Any

from tests.quotes.conftest import QuotesOf, by_cue


def _parts(text: str, q: dict[str, Any]) -> list[str]:
    return [text[p["start"] : p["end"]] for p in q["parts"]]


def test_lead_in_before_the_cue_clause_is_part_of_the_statement(quotes_of: QuotesOf) -> None:
    text = ('In the northern districts, the mayor said, "nobody can predict the turnout" of '
            'the new voters this spring.')
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "mixed"
    assert _parts(text, q) == [
        "In the northern districts",
        '"nobody can predict the turnout" of the new voters this spring',
    ]
    assert q["speaker"]["text"] == "the mayor"


def test_quotation_before_and_verb_after_the_cue_clause(quotes_of: QuotesOf) -> None:
    text = '"Not one of my colleagues," she said, would vote for such a budget in March.'
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "mixed"
    assert _parts(text, q) == ['"Not one of my colleagues,"',
                               "would vote for such a budget in March"]


def test_sentence_final_cue_after_a_fragment(quotes_of: QuotesOf) -> None:
    text = ('The new tariff is "a dangerous turn" for the farmers of the valley, said '
            'Maria Lopez, an economist at the state university.')
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "mixed"
    assert q["text"] == 'The new tariff is "a dangerous turn" for the farmers of the valley'
    assert q["speaker"]["name"] == "Maria Lopez"


def test_the_reporters_participle_after_the_cue_is_left_out(quotes_of: QuotesOf) -> None:
    text = '"We will win this district," the candidate said, adding that the polls were wrong.'
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "direct"
    assert q["text"] == "We will win this district"


def test_a_scene_setting_clause_is_the_reporters(quotes_of: QuotesOf) -> None:
    text = 'When reporters asked about the deal, the minister said, "We are close."'
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "direct"
    assert q["text"] == "We are close."


def test_quotations_around_a_reporters_verb_stay_direct(quotes_of: QuotesOf) -> None:
    text = ('"Keep the lights on for us," the singer told the crowd before asking them, '
            '"Where do we go from here?"')
    quotes = quotes_of(text)
    assert quotes
    assert all(q["kind"] == "direct" for q in quotes), [(q["kind"], q["text"]) for q in quotes]


def test_comma_closed_fragment_goes_on_in_the_clause(quotes_of: QuotesOf) -> None:
    text = ('The governor said the new plan was "a good start," but only for the largest '
            'cities in the state.')
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "mixed"
    assert q["text"].endswith("but only for the largest cities in the state")


def test_comma_closed_fragment_then_the_reporters_participle(quotes_of: QuotesOf) -> None:
    text = ('The governor called the plan "a good start," drawing loud applause from the '
            'crowd in the hall.')
    q = by_cue(quotes_of(text), "called")
    assert "applause" not in q["text"]


def test_unquoted_statement_around_a_parenthetical_cue(quotes_of: QuotesOf) -> None:
    text = "The new levy, the minister said, will pay for the coastal defences."
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "indirect"
    assert _parts(text, q) == ["The new levy", "will pay for the coastal defences"]


def test_unquoted_statement_after_an_as_clause(quotes_of: QuotesOf) -> None:
    text = "As the mayor has pointed out, that is the definition of a tax increase."
    [q] = quotes_of(text)
    assert q["cue"]["text"] == "pointed out"
    assert q["text"] == "that is the definition of a tax increase"
    assert q["speaker"]["text"] == "the mayor"


def test_unquoted_setting_phrase_and_clause(quotes_of: QuotesOf) -> None:
    text = "At times last year, residents said, the river rose above the old bridge."
    q = by_cue(quotes_of(text), "said")
    assert _parts(text, q) == ["At times last year", "the river rose above the old bridge"]


def test_unquoted_cue_with_its_own_object_reports_nothing_before_it(
        quotes_of: QuotesOf) -> None:
    text = "In something of a farewell, the senator told the story of his first campaign."
    assert all(q["text"] != "In something of a farewell" for q in quotes_of(text))


def test_unquoted_phrase_before_a_mid_sentence_cue_is_no_statement(
        quotes_of: QuotesOf) -> None:
    text = "Things were calmer then, she says, especially before the war."
    assert all(q["text"] != "Things were calmer then" for q in quotes_of(text))


def test_as_clause_after_a_conjunction_with_its_own_adjuncts(quotes_of: QuotesOf) -> None:
    text = ("But as the weekly paper noted in an editorial on Friday, the council has quietly "
            "doubled its spending on consultants.")
    [q] = quotes_of(text)
    assert q["kind"] == "indirect"
    assert q["text"] == "the council has quietly doubled its spending on consultants"
    assert q["speaker"]["text"] == "the weekly paper"


def test_as_clause_before_a_quoted_statement_is_mixed(quotes_of: QuotesOf) -> None:
    text = ('As the union noted in a letter, the company "has not paid a single bonus since '
            'the merger."')
    [q] = quotes_of(text)
    assert q["kind"] == "mixed"
    assert q["text"].startswith('the company "has not paid')


def test_a_cue_with_its_own_arguments_is_no_parenthetical(quotes_of: QuotesOf) -> None:
    text = ("In her letters to the governor, she often referred to him by a nickname, "
            "\u201cBuster.\u201d")
    assert all(not q["text"].startswith("In her letters") for q in quotes_of(text))


def test_participle_the_parse_hangs_inside_the_clause_goes_on(quotes_of: QuotesOf) -> None:
    text = ('The minister said she is hopeful the new law can be "a fair deal for everyone," '
            "giving farmers more time to adapt.")
    q = by_cue(quotes_of(text), "said")
    assert q["kind"] == "mixed"
    assert q["text"].endswith("giving farmers more time to adapt")


def test_as_x_put_it_is_a_speech_cue(quotes_of: QuotesOf) -> None:
    quotes = quotes_of('As one trader put it, the market "has simply run out of buyers."')
    [q] = quotes
    assert q["kind"] == "mixed"
    assert q["text"] == 'the market "has simply run out of buyers."'
    assert q["speaker"]["text"] == "one trader"
    assert quotes_of("To put it bluntly, the plan failed.") == []


def test_verb_after_a_cue_clause_with_an_adjunct_is_the_statements(quotes_of: QuotesOf) -> None:
    # The parser coordinates "were" with "explained"; it is the verb of "These workers".
    text = ("These workers, the manager explained earlier in the hearing, were \u201cwell-paid,"
            "\u201d making about $40,000 a year.")
    [q] = quotes_of(text)
    assert q["kind"] == "mixed"
    assert q["text"] == ("These workers were \u201cwell-paid,\u201d making about $40,000 a "
                         "year")
    assert q["speaker"]["text"] == "the manager"


def test_an_adjunct_after_a_mid_sentence_cue_goes_on_with_the_statement(
        quotes_of: QuotesOf) -> None:
    text = ("The recovery will stay slow through the summer, forecasters say, despite months "
            "of optimism about the housing market.")
    quotes = quotes_of(text)
    assert [(q["speaker"]["name"], q["text"]) for q in quotes] == [
        ("forecasters", "The recovery will stay slow through the summer despite months of "
                        "optimism about the housing market")]
