"""Galleries, "Story highlights", embedded posts and related-link lists: removed with
their reasons, the article around them kept byte for byte (fixtures written for these
tests, shaped like the AllSides bodies they stand for)."""

from __future__ import annotations

import pytest

from communique.article import Removal
from communique.clean import clean_text
from communique.clean.boilerplate import line_reason
from tests.clean.helpers import checked_clean

P1 = "The finance ministers met in Brussels on Monday to discuss the new budget rules for 2025."
P2 = "Officials said the talks would continue next week, although no agreement was expected soon."
P3 = "The opposition criticised the plan, saying it would hurt pensioners and small businesses."


def _removed(raw: str) -> list[tuple[str, str]]:
    """(reason, stripped text) of every removal, after checking the offsets are exact."""
    return [(r.reason, r.text.strip()) for r in checked_clean(raw).removed]


def _kept(raw: str) -> str:
    return clean_text(raw).text


# -- galleries ----------------------------------------------------------------------------

GALLERY = (
    "Photos: Budget protests Photos: Budget protests Farmers drive tractors into Brussels "
    "on March 3, 2019. Hide Caption 1 of 3 Photos: Budget protests Police close the main "
    "square on February 12.\n\n"
    '"We will not pay for their mistakes," one farmer said. Hide Caption 2 of 3 Photos: '
    "Budget protests A tractor blocks the road to the ministry in 2018. Hide Caption 3 of 3"
)


def test_gallery_over_several_lines_is_one_removal_and_its_dates_go() -> None:
    raw = f"{P1}\n\n{GALLERY}\n\n{P2}\n"
    assert _removed(raw) == [("gallery", GALLERY)]
    text = _kept(raw)
    assert text == f"{P1}\n\n{P2}\n"
    # The photos' dates are not left for the event coder to read as the story's.
    assert "March 3, 2019" not in text and "2018" not in text


def test_gallery_with_empty_captions() -> None:
    line = ("Photos: Ukraine unrest Photos: Ukraine unrest Hide Caption 1 of 2 Photos: "
            "Ukraine unrest Hide Caption 2 of 2")
    assert _removed(f"{P1}\n\n{line}\n\n{P2}\n") == [("gallery", line)]


def test_gallery_whose_counter_stops_early_keeps_the_next_paragraph() -> None:
    # The page was cut before the last slide: the counted line still goes, the
    # paragraph after it (no counter) stays.
    line = ("Photos: Budget protests Farmers drive tractors into Brussels. Hide Caption 1 of 5 "
            "Photos: Budget protests Police close the square. Hide Caption 2 of 5")
    raw = f"{P1}\n\n{line}\n\n{P2}\n\n{P3}\n"
    assert _removed(raw) == [("gallery", line)]
    assert _kept(raw) == f"{P1}\n\n{P2}\n\n{P3}\n"


def test_photos_line_without_counters_is_not_a_gallery() -> None:
    # A "Photos:" line with no slide counter at all is judged by the line rules alone.
    raw = f"{P1}\n\nPhotos: they show the ministers leaving the building.\n\n{P2}\n"
    assert [reason for reason, _ in _removed(raw)] == ["photo"]


def test_npr_slideshow_with_credits_on_their_own_lines() -> None:
    slides = (
        "Hide caption Farmers drive tractors into Brussels on Monday. Previous Next "
        "Jane Doe/AP\n\n"
        "Hide caption Police close the main square.\n\n"
        "Previous Next John Roe/Reuters 1 of 2 i View slideshow"
    )
    raw = f"Budget Talks Stall In Brussels\n\n{slides}\n\n{P1}\n\n{P2}\n"
    assert _removed(raw) == [("gallery", slides)]


@pytest.mark.parametrize(("line", "reason"), [
    # Gallery counters and labels.
    ("1 of 12", "gallery"),
    ("Image 3 of 12", "gallery"),
    ("next Image 1 of 2", "gallery"),
    ("Slideshow (12 Images)", "gallery"),
    ("Hide Caption 101 of 132", "gallery"),
    ("Photos: Budget protests Hide Caption 7 of 9", "gallery"),
    # Embedded posts on one line.
    ("We will never accept these budget rules! — Jane Doe (@janedoe) March 3, 2019", "embed"),
    ("Farmers block the road to the ministry pic.twitter.com/AbC123xYz — John Roe (@jroe) "
     "May 31, 2020", "embed"),
    ("Skip Twitter post by @janedoe Thank you, Brussels! — Jane Doe (@janedoe) October 22, "
     "2019 Report", "embed"),
    ("Farmers block the road to the ministry pic.twitter.com/AbC123xYz", "embed"),
    ("Ministers fail to agree https://t.co/AbC123xYz", "embed"),
    ("Thank you Brussels! A post shared by Jane Doe (@janedoe) on Mar 3, 2019 at 10:00am PST",
     "embed"),
])
def test_one_line_galleries_and_posts(line: str, reason: str) -> None:
    assert line_reason(line) == reason
    assert _removed(f"{P1}\n\n{line}\n\n{P2}\n") == [(reason, line)]


def test_a_count_in_a_sentence_is_kept() -> None:
    for line in ("The bill passed with 51 of 100 votes in favour on Tuesday evening.",
                 "Two of the three ministers were absent."):
        assert line_reason(line) is None


# -- story highlights ---------------------------------------------------------------------

CNN_HIGHLIGHTS = (
    "Story highlights Ministers fail to agree on the budget rules\n\n"
    "Germany and France want stricter limits\n\n"
    "Talks resume next week in Luxembourg"
)


def test_cnn_highlights_stop_before_the_lead_paragraph() -> None:
    lead = "Ministers failed to agree on Monday."  # short, but a sentence: the article
    raw = f"{CNN_HIGHLIGHTS}\n\n{lead}\n\n{P1}\n"
    assert _removed(raw) == [("highlights", CNN_HIGHLIGHTS)]
    assert _kept(raw) == f"{lead}\n\n{P1}\n"


def test_cnn_highlights_take_at_most_four_items() -> None:
    items = "\n\n".join(f"Item number {n} of the summary" for n in range(2, 7))
    raw = f"Story highlights Item number 1 of the summary\n\n{items}\n\n{P1}\n"
    [(reason, text)] = _removed(raw)
    assert reason == "highlights"
    assert text.count("Item number") == 4
    assert "Item number 5 of the summary" in _kept(raw)


def test_usa_today_highlights_after_the_photo_caption() -> None:
    caption = "The minister arrives in Brussels on Monday. (Photo: Jane Doe, AP)"
    items = ("Story Highlights Ministers fail to agree on the budget rules.\n\n"
             "Germany and France want stricter limits.")
    dateline = "BRUSSELS — " + P1 + " " + P2
    raw = f"{caption} {items}\n\n{dateline}\n"
    assert _removed(raw) == [("photo", caption), ("highlights", items)]
    assert _kept(raw) == dateline + "\n"


def test_highlights_in_a_sentence_are_kept() -> None:
    line = "The story highlights the plight of farmers who cannot pay their debts."
    assert _removed(f"{P1}\n\n{line}\n\n{P2}\n") == []


# -- embedded posts -----------------------------------------------------------------------


def test_signature_on_its_own_line_takes_the_post_above() -> None:
    # How a tweet's blockquote comes out as text: its paragraph, then the signature.
    post = "We will never accept these budget rules! #NoDeal"
    signature = "— Jane Doe (@janedoe) March 3, 2019"
    assert line_reason(signature) == "embed"
    raw = f"{P1}\n\n{post}\n\n{signature}\n\n{P2}\n"
    assert _removed(raw) == [("embed", f"{post}\n\n{signature}")]
    assert _kept(raw) == f"{P1}\n\n{P2}\n"


def test_named_embed_takes_its_linked_continuation() -> None:
    first = "Jane Doe (@janedoe) .@jroe: “Will you sign the budget deal?”"
    second = "@jroe: “Never.” https://t.co/AbC123xYz pic.twitter.com/DeF456"
    raw = f"{P1}\n\n{first}\n\n{second}\n\n{P2}\n"
    assert _removed(raw) == [("embed", f"{first}\n\n{second}")]


@pytest.mark.parametrize("line", [
    # An author's bio names the handle but goes on as a sentence.
    "Jane Doe (@janedoe) is a professor of economics at the University of Brussels.",
    "The minister wrote on Twitter on March 3, 2019 that the rules were unfair.",
    "Follow the debate as @janedoe and @jroe argue over the budget rules on Monday.",
])
def test_prose_about_posts_is_kept(line: str) -> None:
    assert _removed(f"{P1}\n\n{line}\n\n{P2}\n") == []


def test_prose_with_several_posts_glued_in_is_left_alone() -> None:
    # Two signatures in one line: where the first post starts is unknown.
    line = (f"{P1} Protesters posted videos all night. Farmers block the road "
            "pic.twitter.com/AbC123 — John Roe (@jroe) April 7, 2018 Police arrive. — Jane Doe "
            "(@janedoe) April 8, 2018")
    assert _removed(f"{line}\n\n{P2}\n") == []


# -- related and read-more lists ------------------------------------------------------------


def test_related_headlines_with_list_marks_go_together() -> None:
    items = "\n\n".join(
        f'-- "Headline number {n} about the budget talks in Brussels." (Example News)'
        for n in range(1, 6))
    raw = f"{P1}\n\nRelated headlines:\n\n{items}\n\n{P2}\n"
    assert [reason for reason, _ in _removed(raw)] == ["read-more"]
    assert _kept(raw) == f"{P1}\n\n{P2}\n"


@pytest.mark.parametrize("line", [
    "Read More Farmers Block Brussels Roads Hundreds of tractors blocked the roads to the "
    "ministry on Monday as talks stalled.",
    "Read More From Example.com: How the Budget Rules Work",
    "Read more at Example News here.",
    "Earlier: Ministers Fail to Agree on Budget Rules",
    "Previously:Ministers fail to agree on budget rules",
])
def test_read_more_cards(line: str) -> None:
    assert _removed(f"{P1}\n\n{line}\n\n{P2}\n") == [("read-more", line)]


def test_read_more_in_prose_is_kept() -> None:
    line = "Read more about the budget, the minister told reporters, and you will understand."
    assert _removed(f"{P1}\n\n{line}\n\n{P2}\n") == []


def test_removals_are_plain_removal_records() -> None:
    removed = clean_text(f"{P1}\n\n1 of 12\n\n{P2}\n").removed
    assert removed == [Removal(len(P1) + 2, len(P1) + 11, "1 of 12\n\n", "gallery")]
