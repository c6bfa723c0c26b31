"""Attribution styles without a classic cue verb, speaker repairs and span boundaries.

Sentences written for these tests (no reference-data text).
"""

from __future__ import annotations

from typing import Any

from tests.quotes.conftest import QuotesOf


def _direct(quotes: list[dict[str, Any]], text: str) -> dict[str, Any]:
    found = [q for q in quotes if q["text"] == text]
    assert len(found) == 1, [(q["kind"], q["text"]) for q in quotes]
    return found[0]


def _name(q: dict[str, Any]) -> str:
    assert q["speaker"] is not None, q
    return str(q["speaker"]["name"])


def test_colon_after_a_clause_without_cue_verb(quotes_of: QuotesOf) -> None:
    text = "In a radio interview later that day, Ortega went even further: " \
           "\u201cIf the council stalls again, the port will close.\u201d"
    q = _direct(quotes_of(text), "If the council stalls again, the port will close.")
    assert q["kind"] == "direct"
    assert _name(q) == "Ortega"


def test_colon_clause_across_a_paragraph_break(quotes_of: QuotesOf) -> None:
    text = ("The mayor then turned to the crowd again:\n\n"
            "\u201cWe will rebuild the bridge before winter. Nobody will be left behind.\u201d")
    q = _direct(quotes_of(text),
                "We will rebuild the bridge before winter. Nobody will be left behind.")
    assert q["speaker"] is not None and q["speaker"]["text"] == "The mayor"


def test_colon_title_is_not_a_quote(quotes_of: QuotesOf) -> None:
    assert quotes_of("The committee released a report titled: \u201cRoads.\u201d") == []


def test_cue_after_colon_introduces_the_next_quote(quotes_of: QuotesOf) -> None:
    text = ("Okafor answered the critics:\n\n"
            "\u201cThe budget is balanced and the audit proves it.\u201d\n\n"
            "Okafor continued:\n\n"
            "\u201cAnyone who reads the figures will see the surplus.\u201d")
    quotes = quotes_of(text)
    first = _direct(quotes, "The budget is balanced and the audit proves it.")
    second = _direct(quotes, "Anyone who reads the figures will see the surplus.")
    assert first["id"] != second["id"]
    assert _name(first) == _name(second) == "Okafor"


def test_manner_of_speaking_verbs(quotes_of: QuotesOf) -> None:
    barked = _direct(quotes_of("\u201cSit down and wait your turn,\u201d Ortega barked."),
                     "Sit down and wait your turn")
    assert _name(barked) == "Ortega"
    shot = _direct(quotes_of(
        "Asked about the delay, Lindqvist shot back, \u201cThe contract was signed in May.\u201d"),
        "The contract was signed in May.")
    assert _name(shot) == "Lindqvist"
    sign = quotes_of(
        "Farmers held up a banner which read \u201cNo Farms, No Food\u201d at the gate.")
    assert [q["text"] for q in sign] == ["No Farms, No Food"]


def test_ambiguous_manner_verbs_need_a_glued_quotation(quotes_of: QuotesOf) -> None:
    assert quotes_of("The guards fired three shots. She read the report twice.") == []


def test_name_after_the_quotation_when_the_parse_fails(quotes_of: QuotesOf) -> None:
    text = ("\u201cA fine engineer, a fine engineer this woman,\u201d Dlamini, the "
            "transport minister since 2019 and a former mayor, said on Friday.")
    q = _direct(quotes_of(text), "A fine engineer, a fine engineer this woman")
    assert _name(q) == "Dlamini"


def test_bare_clause_closing_the_quotation(quotes_of: QuotesOf) -> None:
    text = "\u201cThe harbour will reopen next month,\u201d Moreau began."
    q = _direct(quotes_of(text), "The harbour will reopen next month")
    assert _name(q) == "Moreau"


def test_short_sentence_naming_the_next_speaker(quotes_of: QuotesOf) -> None:
    text = ('"Turnout will be low this year," said Anders Berg, a pollster.\n\n'
            'Economist Lena Holm agreed. "Voters are tired of the campaign and it shows."')
    quotes = quotes_of(text)
    assert _name(_direct(quotes, "Voters are tired of the campaign and it shows.")) == \
        "Lena Holm"


def test_issuer_of_a_statement_is_the_speaker(quotes_of: QuotesOf) -> None:
    text = 'The union issued a statement saying the strike would "continue until further notice."'
    quotes = quotes_of(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q["speaker"]["text"] == "The union"
    assert q["channel"] is not None and q["channel"]["name"] == "statement"


def test_quote_closed_by_comma_before_cue_is_direct(quotes_of: QuotesOf) -> None:
    text = ('"Not this year. Not this year," Ferreira replied, adding that she was '
            '"looking at the numbers" with her staff.')
    q = _direct(quotes_of(text), "Not this year. Not this year")
    assert q["kind"] == "direct"


def test_lead_in_before_colon_is_not_part_of_the_quote(quotes_of: QuotesOf) -> None:
    text = ("In her speech, Adeyemi praised the volunteers and their patience: "
            "\u201cYou held this city together,\u201d she said.")
    q = _direct(quotes_of(text), "You held this city together")
    assert q["kind"] == "direct"


def test_clause_on_the_other_side_of_the_cue_is_not_the_content(quotes_of: QuotesOf) -> None:
    text = ("Even members who backed the deal sounded cautious: Senator Varga called it "
            "\u201cthe least bad option on the table.\u201d")
    quotes = quotes_of(text)
    q = next(q for q in quotes if "least bad option" in q["text"])
    assert "sounded" not in q["text"]
    assert _name(q) == "Varga"


def test_title_after_on_or_possessive_is_not_part_of_a_quote(quotes_of: QuotesOf) -> None:
    text = ('"We are ready for the vote," Kowalski said in an interview aired Sunday on '
            '"Morning Report."')
    quotes = quotes_of(text)
    assert [q["text"] for q in quotes] == ["We are ready for the vote"]


def test_continuation_after_a_run_on_closing_mark(quotes_of: QuotesOf) -> None:
    text = ('"Happy new year!," the mayor tweeted. "The fireworks start at nine. '
            'Bring the children!"Later the council confirmed the schedule.')
    quotes = quotes_of(text)
    q = _direct(quotes, "Happy new year! The fireworks start at nine. Bring the children!")
    assert len(q["parts"]) == 2


def test_title_in_a_noun_phrase_after_a_cue_that_has_its_quote(quotes_of: QuotesOf) -> None:
    text = ('"I think she will win easily," Okoro said, holding up the "Vote Early Today" '
            'sign her campaign had printed. "I have supported her since the start."')
    quotes = quotes_of(text)
    assert all("Vote Early Today" not in q["text"] for q in quotes)


def test_dash_signature_names_the_speaker(quotes_of: QuotesOf) -> None:
    text = ('"We can build a bridge instead of a wall." \u2015 Maria Olsen.\n\n'
            '\u201cI am afraid of what comes next for the schools.\u201d \u2014 Tom B. Reyes, Ohio')
    quotes = quotes_of(text)
    assert [(q["text"], q["speaker"]["text"]) for q in quotes] == [
        ("We can build a bridge instead of a wall.", "Maria Olsen"),
        ("I am afraid of what comes next for the schools.", "Tom B. Reyes"),
    ]


def test_signature_after_no_break_spaces_names_each_speaker(quotes_of: QuotesOf) -> None:
    # Pasted web lists put a no-break space around the dash; missing it gave every quote
    # after the first the previous line's speaker.
    text = ("\u201cThe rent doubled in two years.\u201d\u2015 Maria Olsen\u00a0\n"
            "\u201cI moved out of the city last spring.\u201d\u00a0\u2015 Tom Reyes\u00a0\n"
            "\u201cThe schools are full.\u201d\u2015 Ann Lind.")
    quotes = quotes_of(text)
    assert [q["speaker"]["text"] for q in quotes] == ["Maria Olsen", "Tom Reyes", "Ann Lind"]


def test_reversed_curly_marks_are_read_by_position(quotes_of: QuotesOf) -> None:
    text = "Mendes was shocked. \u201cDo you really want to be seen with them?\u201c he asked."
    q = _direct(quotes_of(text), "Do you really want to be seen with them?")
    assert q["speaker"]["text"] == "he"


def test_signature_on_its_own_line(quotes_of: QuotesOf) -> None:
    text = ('"Families are worried about the cost of rent and of child care."\n\n'
            "- Anna Lind.\n\nThe senator relies on an old survey.")
    quotes = quotes_of(text)
    assert [(q["text"], q["speaker"]["text"]) for q in quotes] == [
        ("Families are worried about the cost of rent and of child care.", "Anna Lind")]


def test_byline_after_a_fragment_is_not_a_signature(quotes_of: QuotesOf) -> None:
    text = 'Ruiz insisted that his party was "still the strongest force in the region." --Jo Park.'
    quotes = quotes_of(text)
    assert quotes and all(q["speaker"]["text"] == "Ruiz" for q in quotes)


def test_spaced_closing_mark_after_a_nested_quote(quotes_of: QuotesOf) -> None:
    text = ("\"What we see now is what traders call 'a rush to safety,' \" he said. "
            "Markets fell on Friday.")
    quotes = quotes_of(text)
    assert len(quotes) == 1
    assert quotes[0]["text"].startswith("What we see now is what traders call")
    assert quotes[0]["speaker"]["text"] == "he"


def test_exclamation_inside_the_mark_does_not_end_the_cue_sentence(quotes_of: QuotesOf) -> None:
    text = ('"Not one step back!" Keller shouted, waving a flag as the marchers turned toward '
            "the square and the police lines behind the old town hall.")
    quotes = quotes_of(text)
    q = _direct(quotes, "Not one step back!")
    assert _name(q) == "Keller"


def test_long_speaker_phrase_in_the_sentence_after_an_exclamation(quotes_of: QuotesOf) -> None:
    text = ('"Full speed ahead!" Rep. Maria Lopez, D-Ariz., said of the week of hearings.')
    q = _direct(quotes_of(text), "Full speed ahead!")
    assert _name(q) == "Maria Lopez"


def test_short_sentence_after_the_cue_continues_the_quote(quotes_of: QuotesOf) -> None:
    text = '"We won," the coach said. "Barely, right?"\n\nThe season ends in May.'
    quotes = quotes_of(text)
    assert [q["text"] for q in quotes] == ["We won Barely, right?"]
    assert len(quotes[0]["parts"]) == 2


def test_short_fragment_inside_the_cue_sentence_is_not_merged(quotes_of: QuotesOf) -> None:
    text = ('"We need a fighter," he said, introducing her as a "true leader."\n\n'
            "The rally ended at noon.")
    [q] = quotes_of(text)
    assert q["text"] == "We need a fighter"


def test_pull_quote_signed_on_its_last_line(quotes_of: QuotesOf) -> None:
    text = ('The council voted on Monday.\n\n"We cannot keep paying for roads that nobody '
            'uses.\nMaria Lopez, Institute for Transport Studies."\n\nThe vote was close.')
    [q] = quotes_of(text)
    assert q["text"] == "We cannot keep paying for roads that nobody uses."
    assert _name(q) == "Maria Lopez"


def test_last_line_with_a_verb_is_no_signature(quotes_of: QuotesOf) -> None:
    text = ('The council voted on Monday.\n\n"We cannot keep paying for roads that nobody '
            'uses.\nMaria Lopez said it first."\n\nThe vote was close.')
    assert all(q["cue"] is None or q["cue"]["lemma"] != "signature" for q in quotes_of(text))


def test_two_word_slogan_after_a_colon_clause(quotes_of: QuotesOf) -> None:
    text = 'A rally by the city’s religious leaders on Sunday had one message: "Stop Smith."'
    [q] = quotes_of(text)
    assert q["text"] == "Stop Smith."
    assert q["speaker"]["text"].startswith("A rally")


def test_one_word_title_after_a_colon_is_no_quotation(quotes_of: QuotesOf) -> None:
    assert quotes_of('The ad is titled: "Scam."') == []


def test_passage_opening_the_next_sentence_goes_on_with_the_statement(
        quotes_of: QuotesOf) -> None:
    text = ('"On roads and schools there is no left or right; there is just one budget," he said. '
            '"There have been some critics, [but] most mayors are in support" of the evidence '
            "behind the decision to build the new dams across the northern river valley.")
    [q] = quotes_of(text)
    assert len(q["parts"]) == 2
    assert q["text"].endswith("most mayors are in support")


def test_cue_introducing_with_a_colon_inside_another_statement_is_the_speaker(
        quotes_of: QuotesOf) -> None:
    text = ("She said that experts had found her plan sound, to which the governor "
            'interjected: "It is just not true."')
    q = next(q for q in quotes_of(text) if q["text"] == "It is just not true.")
    assert q["speaker"]["text"] == "the governor"
    assert q["cue"]["lemma"] == "interject"


def test_cue_right_before_a_quotation_inside_another_clause_is_the_speaker(
        quotes_of: QuotesOf) -> None:
    # Before: the first quotation went to the question, inside its reported clause.
    text = ("Another question asked farmers how likely the mayor was to win the county in the "
            "spring election, to which 30 percent said \u201cnot very likely\u201d and 12 "
            "percent said \u201cimpossible.\u201d")
    quotes = {q["text"]: q for q in quotes_of(text)}
    assert quotes["not very likely"]["speaker"]["text"] == "30 percent"
    assert quotes["impossible."]["speaker"]["text"] == "12 percent"
    # The question itself stays a statement, cut before the relative clause.
    question = quotes["how likely the mayor was to win the county in the spring election"]
    assert question["kind"] == "indirect"


def test_inverted_speaker_after_the_cue_wins_over_a_misparsed_subject(
        quotes_of: QuotesOf) -> None:
    # The parser gives "said" two subjects: "rejection" before it and "Berg" after it.
    text = ('The rejection of the deal signals "the start of a long winter" for the union, '
            "said Anna Berg, founder of the Green Party.")
    [q] = quotes_of(text)
    assert q["speaker"]["name"] == "Anna Berg"
    assert q["text"] == ('The rejection of the deal signals "the start of a long winter" for '
                         "the union")


def test_dateline_folded_into_the_subject_phrase_leaves_the_speaker(
        quotes_of: QuotesOf) -> None:
    text = ("RENO, Nev. (AP) — Republican presidential hopeful Donald Trump says he doesn’t "
            "watch football much anymore because the league has gone “soft.”")
    [q] = quotes_of(text)
    assert q["speaker"] is not None
    assert q["speaker"]["text"].startswith("Republican")
    assert q["speaker"]["start"] > text.index("—")


def test_subject_after_a_dateline_is_the_speaker(quotes_of: QuotesOf) -> None:
    [q] = quotes_of("WASHINGTON (AP) — Officials said the talks would resume on Monday.")
    assert q["speaker"]["text"] == "Officials"


def test_participle_after_of_names_the_person_shown(quotes_of: QuotesOf) -> None:
    # The parser hangs "asking" on "uses"; the clip shows Reyes asking.
    [q] = quotes_of("The ad uses a clip of Dana Reyes asking, \u201cWhy aren\u2019t we further "
                    "ahead, you ask?\u201d")
    assert q["speaker"]["text"] == "Dana Reyes"


def test_speaker_hung_on_the_fronted_clause_as_an_appositive(quotes_of: QuotesOf) -> None:
    # The parser makes the name an appositive of the clause's last noun and leaves "said"
    # without a subject (quotes/cues.py, ``_appositive_in_clause``).
    text = ("Iran is offering a new framework for oil deals to all investors, Ali Rezai, "
            "managing director at the National Oil Company, said Saturday in Tehran.")
    quotes = quotes_of(text)
    assert [(q["speaker"]["name"], q["text"]) for q in quotes] == [
        ("Ali Rezai", "Iran is offering a new framework for oil deals to all investors")]
