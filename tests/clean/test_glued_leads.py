"""One-line articles that open with a photo credit, a caption, video furniture or "Story
highlights" and go on with their first sentence on the same line (texts whose line breaks
were collapsed into runs of spaces): only the opening is removed, the sentence is kept,
so the article is not left empty (lines written for these tests)."""

from __future__ import annotations

import pytest

from communique.clean.blocks import glued_lead, is_lead
from communique.clean.boilerplate import line_reason
from tests.clean.helpers import checked_clean

LEAD = "The president said on Monday that the budget talks would resume next week."
P2 = "Officials said no agreement was expected before the summer recess in July."


def _clean(raw: str) -> tuple[list[tuple[str, str]], str]:
    """(reason, exact text) of every removal and the kept text, offsets checked."""
    result = checked_clean(raw)
    return [(r.reason, r.text) for r in result.removed], result.text


@pytest.mark.parametrize(("opening", "reason"), [
    # a credit, then the lead after a collapsed line break
    ("Image copyright AFP  ", "photo"),
    ("Image copyright Getty Images  Image caption Crowds filled the square  ", "photo"),
    ("Photo: Jane Doe/Getty Images  ", "photo"),
    ("Media playback is unsupported on your device Media caption The minister speaks  ",
     "media"),
    # single spaces: a known credit, and a caption that ends a sentence
    ("Image copyright Reuters ", "photo"),
    ("Image copyright Getty Images Image caption Crowds filled the square on Sunday. ",
     "photo"),
    ("Image copyright Jane Doe/AFP Image caption The minister arrives in Brussels. ",
     "photo"),
])
def test_only_the_opening_of_a_one_line_article_is_removed(opening: str, reason: str) -> None:
    removed, text = _clean(opening + LEAD)
    assert removed == [(reason, opening)]
    assert text == LEAD


def test_the_paragraphs_after_a_glued_lead_are_untouched() -> None:
    raw = f"Image copyright AFP  {LEAD}\n\n{P2}\n"
    removed, text = _clean(raw)
    assert removed == [("photo", "Image copyright AFP  ")]
    assert text == f"{LEAD}\n\n{P2}\n"


@pytest.mark.parametrize("line", [
    # what follows is too short to be a sentence of article text
    "Image copyright AFP  U.S.",
    "Media playback is unsupported on your device Media caption The minister speaks  Brussels.",
    # it starts in lower case: a caption running over a double space
    "Image caption The minister  speaks at a rally in Ohio on Monday afternoon with aides",
    # it is a credit itself
    "Image copyright AFP  Ministers arrive for the summit in Brussels. (AP Photo/Jane Doe)",
    # a caption with no sentence end: nothing says where it stops
    "Image copyright Getty Images Image caption Protesters gathered outside",
    # "U.S." does not end a caption
    "Image copyright AFP Image caption U.S. troops leave the base as the president said on "
    "Monday that the budget talks would resume",
])
def test_a_line_that_is_all_credit_or_caption_goes_whole(line: str) -> None:
    assert glued_lead(line, line_reason) is None
    removed, text = _clean(f"{line}\n\n{P2}\n")
    assert [r for r, _ in removed] == [line_reason(line)]
    assert text == f"{P2}\n"


def test_is_lead() -> None:
    assert is_lead(LEAD, line_reason)
    assert not is_lead("U.S.", line_reason)
    assert not is_lead("speaks at a rally in Ohio on Monday afternoon", line_reason)
    assert not is_lead("Subscribe to our morning briefing newsletter today", line_reason)


# -- "Story highlights" on the article's line ----------------------------------------------

def test_highlights_then_the_lead_on_one_line() -> None:
    opening = "Story highlights Talks stall in Brussels  Germany wants stricter limits  "
    removed, text = _clean(opening + LEAD)
    # the items have no period; a part ending with one is the article (as on CNN pages)
    assert removed == [("highlights", opening)]
    assert text == LEAD


def test_highlights_glued_to_a_long_lead_lose_only_the_header() -> None:
    lead = ("The finance ministers of the euro area met in Brussels on Monday to discuss the "
            "new budget rules, which Germany and France want to tighten before the summer.")
    removed, text = _clean(f"Story highlights {lead}\n\n{P2}\n")
    assert removed == [("highlights", "Story highlights ")]
    assert text == f"{lead}\n\n{P2}\n"


@pytest.mark.parametrize("line", [
    "Story highlights Talks stall in Brussels  Germany wants stricter limits",
    # the part with a period is too short to be the lead: a highlight cut short
    "Story highlights Talks stall in Brussels  The U.S.",
])
def test_a_line_of_highlights_goes_whole(line: str) -> None:
    removed, text = _clean(f"{line}\n\n{P2}\n")
    assert [r for r, _ in removed] == ["highlights"]
    assert text == f"{P2}\n"
