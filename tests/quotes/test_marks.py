"""Quotation-mark passages found from characters alone (no parse)."""

from __future__ import annotations

from communique.quotes.marks import find_quote_marks, paragraph_spans


def _texts(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.parts] for q in find_quote_marks(text)]


def test_straight_curly_and_single_marks() -> None:
    assert _texts('"Yes," he said.') == [["Yes"]]
    assert _texts("“Yes,” he said.") == [["Yes"]]
    assert _texts("‘Yes,’ he said.") == [["Yes"]]
    assert _texts("'Yes,' he said.") == [["Yes"]]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert _texts("The country's leaders don't agree; the '90s were different.") == []
    assert _texts("The ministers' meeting ended.") == []


def test_single_quotes_inside_double_are_nested() -> None:
    text = "\"He told me 'no way' yesterday,\" she said."
    assert _texts(text) == [["He told me 'no way' yesterday"]]


def test_multi_paragraph_passage_has_one_part_per_paragraph() -> None:
    text = '"First part of it.\n"Second part," she said.\nNext.'
    [quote] = find_quote_marks(text)
    assert [text[s:e] for s, e in quote.parts] == ["First part of it.", "Second part"]
    assert quote.paragraphs == [0, 1]


def test_unbalanced_marks_are_repaired_locally() -> None:
    text = 'He said "we will never surrender.\n"Fine," she said. "Good."'
    quotes = find_quote_marks(text)
    assert [text[q.start : q.end] for q in quotes][-2:] == ["Fine", "Good."]
    assert text[quotes[0].start : quotes[0].end] == "we will never surrender."
    assert quotes[0].repaired
    double_open = '“One thing. “Two things,” she said.'
    assert [[double_open[s:e] for s, e in q.parts] for q in find_quote_marks(double_open)] == [
        ["One thing."], ["Two things"]]


def test_headings_are_skipped_and_paragraphs_indexed() -> None:
    text = "'Vassalage to China'\n\"Yes,\" he said."
    assert [text[q.start : q.end] for q in find_quote_marks(text, [(0, 20)])] == ["Yes"]
    assert paragraph_spans("a\n\nb\n") == [(0, 1), (3, 4)]


def test_lost_closing_mark_before_an_inverted_cue() -> None:
    # The closing mark is missing before "said NAME": the quotation ends at its last
    # sentence instead of running on into the next paragraph's quotation.
    text = ("“The ruling ignores the facts. It is wrong. said Maria Lopez, a lawyer.\n"
            "“We will appeal,” she said.")
    assert _texts(text) == [["The ruling ignores the facts. It is wrong."], ["We will appeal"]]
