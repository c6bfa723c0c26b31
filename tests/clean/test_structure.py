"""Title line, subheads and datelines on clean text."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.clean import clean_text
from communique.clean.structure import find_dateline, find_headings, find_title

P1 = "The finance ministers met in Brussels on Monday to discuss the new budget rules for 2025."
P2 = "Officials said the talks would continue next week, although no agreement was expected soon."
P3 = "The opposition criticised the plan, saying it would hurt pensioners and small businesses."


def _headings(text: str) -> list[str]:
    found = find_headings(text, find_title(text))
    for span in found:
        assert text[span.start : span.end] == span.text
    return [span.text for span in found]


def test_seed_subheads(seed_path: Path) -> None:
    result = clean_text(seed_path.read_text(encoding="utf-8"))
    assert [h.text for h in result.headings] == ["'Vassalage to China'", "'Unlawful sanctions'"]
    for span in result.headings:
        assert result.text[span.start : span.end] == span.text
    assert result.title is None  # the seed opens with its lead paragraph
    assert result.dateline is None


@pytest.mark.parametrize(
    "heading",
    [
        "'Vassalage to China'",
        "“Unlawful sanctions”",
        "NO CONSPIRACY?",
        "SURPRISE REVERSAL",
        "What is the minister asking for?",
        "A Filibuster Vow",
        "More scrutiny under Obama",
        "Pressure on Berlin",
    ],
)
def test_subheads_between_paragraphs(heading: str) -> None:
    text = f"{P1}\n\n{P2}\n\n{heading}\n\n{P3}\n"
    assert _headings(text) == [heading]


@pytest.mark.parametrize(
    "line",
    [
        '"We will not back down."',  # a short quoted sentence
        "“We will fight them”",  # quoted sentence without final punctuation
        "The minister resigned on Friday.",  # one-line paragraph that is a sentence
        "He said no",  # sentence without final punctuation
        "But how much credit does the president deserve?",
        "By Jane Smith",  # byline
        "Contributing: Jane Smith",
        "Jane Smith, Example Review",  # author and outlet
        "- Cut pension taxes",  # list item
        "1. Cut pension taxes",
        "___",
        "The specifics of the plan are as follows:",
    ],
)
def test_not_subheads(line: str) -> None:
    text = f"{P1}\n\n{P2}\n\n{line}\n\n{P3}\n"
    assert _headings(text) == []


def test_run_of_short_lines_is_a_list_not_headings() -> None:
    text = f"{P1}\n\nCut pension taxes\nRaise fuel duty\nFreeze hiring\n\n{P2}\n"
    assert _headings(text) == []


def test_no_heading_before_the_body_starts() -> None:
    # Bylines and outlet labels above the first paragraph are not subheads.
    text = f"Kim Hjelmgaard\n\nUSA TODAY\n\nBERLIN — {P1}\n\n{P2}\n"
    assert _headings(text) == []
    dateline = find_dateline(text, find_title(text))
    assert dateline is not None and dateline.text == "BERLIN —"
    assert text[dateline.start : dateline.end] == "BERLIN —"


def test_last_line_is_not_a_heading() -> None:
    assert _headings(f"{P1}\n\n{P2}\n\nJane Smith\n") == []


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("MEXICO CITY (AP) — The", "MEXICO CITY (AP) —"),
        ("WASHINGTON — The", "WASHINGTON —"),
        ("WASHINGTON – The", "WASHINGTON –"),
        ("LONDON, May 3 (Reuters) - The", "LONDON, May 3 (Reuters) -"),
        ("BEIJING, April 9 (Xinhua) -- The", "BEIJING, April 9 (Xinhua) --"),
        ("COLUMBIA, S.C. — The", "COLUMBIA, S.C. —"),
        ("NAIROBI, Kenya — The", "NAIROBI, Kenya —"),
        ("Washington (CNN) The", "Washington (CNN)"),
        ("(CNN) — The", "(CNN) —"),
    ],
)
def test_datelines(opening: str, dateline: str) -> None:
    text = f"{opening} ministers met on Monday to discuss the new budget rules for 2025.\n\n{P2}\n"
    found = clean_text(text).dateline
    assert found is not None
    assert found.text == dateline
    assert text[found.start : found.end] == dateline


@pytest.mark.parametrize(
    "opening",
    [
        "NATO — the alliance",
        "FILE - In this photo",
        "The ministers — all of them",
        "JENNA SMITH: THE JUDGE",
        "Kuala Lumpur, Malaysia - the",
    ],
)
def test_not_datelines(opening: str) -> None:
    text = f"{opening} met on Monday to discuss the new budget rules for 2025 at length.\n\n{P2}\n"
    assert clean_text(text).dateline is None


def test_dateline_after_title() -> None:
    text = f"Ministers Fail to Agree on Budget\n\nWASHINGTON — {P1}\n\n{P2}\n"
    result = clean_text(text)
    assert result.title == "Ministers Fail to Agree on Budget"
    assert result.dateline is not None
    assert result.text[result.dateline.start : result.dateline.end] == "WASHINGTON —"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"Ministers Fail to Agree on Budget\n\n{P1}\n\n{P2}\n",
         "Ministers Fail to Agree on Budget"),
        (f"China says Beijing, US to lift tariff hikes\n{P1}\n{P2}\n",
         "China says Beijing, US to lift tariff hikes"),
        ("Ministers Fail to Agree on Budget", None),  # a single line is not a title
        (f"{P1}\n\n{P2}\n", None),
        (f"The talks failed.\n\n{P1}\n", None),  # final punctuation
        (f"By Jane Smith and John Doe\n\n{P1}\n", None),
        (f"Jane Smith and John Doe\n\n{P1}\n", None),
        (f"USA TODAY\n\n{P1}\n", None),
        ("Ministers Fail to Agree\n\nShort line\n", None),  # no body paragraph follows
    ],
)
def test_title_line(text: str, title: str | None) -> None:
    result = clean_text(text)
    assert result.title == title
    if title is not None:
        # The title stays in the text.
        assert result.text.startswith(title)
        assert result.text == text


def test_title_is_not_a_heading() -> None:
    text = f"Ministers Fail to Agree on Budget\n\n{P1}\n\n{P2}\n\n{P3}\n"
    result = clean_text(text)
    assert result.title == "Ministers Fail to Agree on Budget"
    assert result.headings == []


def test_heading_offsets_index_clean_text_after_removals() -> None:
    raw = f"{P1}\n\nAdvertisement\n\n{P2}\n\n'Unlawful sanctions'\n\n{P3}\n"
    result = clean_text(raw)
    [heading] = result.headings
    assert result.text[heading.start : heading.end] == "'Unlawful sanctions'"
    assert raw[heading.start : heading.end] != "'Unlawful sanctions'"
