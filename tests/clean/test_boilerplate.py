"""Boilerplate removal: every reason, exact offsets, kept text byte-identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.clean import clean_text
from communique.clean.boilerplate import line_reason
from tests.clean.helpers import check_invariants

P1 = "The finance ministers met in Brussels on Monday to discuss the new budget rules for 2025."
P2 = "Officials said the talks would continue next week, although no agreement was expected soon."
P3 = "The opposition criticised the plan, saying it would hurt pensioners and small businesses."


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "advertisement"),
        ("ADVERTISEMENT", "advertisement"),
        ("Advertisement Continue reading the main story", "advertisement"),
        ("Story Continued Below", "advertisement"),
        ("Sign up for Daily Newsletters Manage Newsletters", "newsletter"),
        ("Get the best stories delivered to your inbox. By signing up, you agree to our terms",
         "newsletter"),
        ("Subscribe to our morning briefing newsletter", "newsletter"),
        ("SHARE THIS ARTICLE Share Tweet Post Email", "share"),
        ("Follow us on Twitter @ExampleNews.", "share"),
        ("Follow Jane Doe on Twitter: @janedoe", "share"),
        ("Share this story", "share"),
        ("Image copyright Getty Images Image caption Protesters gathered outside", "photo"),
        ("Enlarge this image toggle caption Jane Doe/AP Jane Doe/AP", "photo"),
        ("Ministers arrive for the summit in Brussels on Monday. (AP Photo/Jane Doe)", "photo"),
        ("The president speaks at a rally in Ohio. REUTERS/John Smith", "photo"),
        ("Slideshow (12 Images)", "gallery"),
        ("Photo: Jane Doe/Getty Images", "photo"),
        ("Media playback is unsupported on your device Media caption The minister speaks",
         "media"),
        ("JUST WATCHED Senator speaks Replay More Videos ... MUST WATCH Senator speaks 01:20",
         "media"),
        ("Watch: How the vote unfolded", "media"),
        ("READ MORE: Ministers fail to agree on budget", "read-more"),
        ("Related: Why the budget rules matter", "read-more"),
        ("SEE ALSO: Talks stall in Brussels", "read-more"),
        ("Budget talks stall again – live Read more", "read-more"),
        ("CLICK HERE TO GET THE EXAMPLE NEWS APP", "promo"),
        ("Should the minister resign? Vote Now", "promo"),
        ("Remind me later.", "appeal"),
        ("Support independent journalism today", "appeal"),
        ("Copyright © 2019 Example News, LLC. Click here for reprint permission.", "copyright"),
        ("Copyright 2020 The Associated Press. All rights reserved.", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.",
         "copyright"),
        ("Send tips to jane@example.org.", "contact"),
        ("Updated at 11:25 a.m. ET", "page-furniture"),
        ("This article is more than 2 years old", "page-furniture"),
        ("[pullquote]", "page-furniture"),
    ],
)
def test_every_reason_between_paragraphs(line: str, reason: str) -> None:
    raw = f"{P1}\n\n{line}\n\n{P2}\n"
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == [reason]
    assert result.removed[0].text.strip() == line
    assert result.text == f"{P1}\n\n{P2}\n"
    check_invariants(raw, result.removed, result.text)


@pytest.mark.parametrize(
    "line",
    [
        # Reporting that shares words with boilerplate stays.
        "It also asks if the respondent wants to sign up for the president's email newsletters.",
        "Donations to the relief fund rose 40 percent last year, the charity said.",
        "Follow the money, the senator told reporters on Tuesday.",
        "The photo shows the minister leaving the building in a hurry.",
        "More than 30 nationalities were among the victims.",
        "Like many other Republicans, he says the country's interests have suffered.",
        "Users can download the app to track new cases, officials said.",
        "Watch for the senator to lead the reform effort next year.",
        "Video footage showed one demonstrator being hit in the torso.",
        "Related coverage of the summit focused on trade.",
        "Copyright law is at the heart of the dispute.",
        "He urged voters to support independent candidates in the primary.",
    ],
)
def test_article_sentences_are_kept(line: str) -> None:
    raw = f"{P1}\n\n{line}\n\n{P2}\n"
    result = clean_text(raw)
    assert result.removed == []
    assert result.text == raw
    assert line_reason(line) is None


def test_kept_text_is_byte_identical() -> None:
    # Odd whitespace, CRLF, tabs, non-ASCII: all of it survives untouched.
    raw = (
        "  Título: ‘Vassalage’ \t\r\n\r\n"
        f"{P1}  \r\n\r\nAdvertisement\r\n\r\n\t{P2}\u00a0\r\n\n\n{P3}"
    )
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == ["advertisement"]
    assert result.text == raw.replace("Advertisement\r\n\r\n", "")
    check_invariants(raw, result.removed, result.text)


def test_adjacent_lines_of_one_reason_are_one_removal() -> None:
    raw = f"{P1}\n\nAdvertisement\n\nAdvertisement\n\n{P2}\n\nSlideshow (3 Images)\n{P3}\n"
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == ["advertisement", "gallery"]
    assert result.removed[0].text == "Advertisement\n\nAdvertisement\n\n"
    assert result.text == f"{P1}\n\n{P2}\n\n{P3}\n"
    check_invariants(raw, result.removed, result.text)


def test_read_more_header_takes_its_headlines_not_the_next_paragraph() -> None:
    raw = (
        f"{P1}\n\nREAD MORE:\n\nMinisters fail to agree on budget\n\n"
        f"Pensioners fear cuts as talks stall\n\n{P2}\n"
    )
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == ["read-more"]
    assert result.text == f"{P1}\n\n{P2}\n"


def test_link_teaser_inside_a_sentence() -> None:
    # Hover card glued into a sentence: full name + headlines + MORE (The Hill layout).
    raw = (
        "Senate Majority Leader Mitch McConnell Addison (Mitch) Mitchell McConnellSenate "
        "passes stopgap bill Budget talks stall again MORE (R-Ky.) said on Tuesday that the "
        "Senate would vote on the bill.\n"
    )
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == ["link-teaser"]
    assert result.text == (
        "Senate Majority Leader Mitch McConnell (R-Ky.) said on Tuesday that the Senate "
        "would vote on the bill.\n"
    )
    check_invariants(raw, result.removed, result.text)


def test_capital_more_without_a_glued_name_is_kept() -> None:
    raw = f"{P1}\n\nThe banner read WE WANT MORE as the crowd marched past the ministry.\n"
    assert clean_text(raw).removed == []


APPEAL = (
    "A Message from Example Times:\n"
    "Dear readers,\n"
    "We are facing unprecedented challenges. The authorities want to silence our newsroom.\n"
    "To continue our work, we need your help. Your support, no matter how small, makes a "
    "world of difference. Please support us monthly starting from just $2.\n"
    "Thank you for standing with us.\n"
    "Remind me later."
)


def test_trailing_appeal_block_goes_and_nothing_before_it() -> None:
    body = f"{P1}\n{P2}\n{P3}\n"
    raw = body + APPEAL
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == ["appeal"]
    assert result.removed[0].text == APPEAL
    assert result.removed[0].start == len(body)
    assert result.text == body


def test_article_about_donations_is_not_truncated() -> None:
    # The appeal opener appears, but what follows is reporting: long, few appeal cues.
    raw = (
        f"{P1}\n\n{P2}\n\n"
        "Dear readers,\n\n"
        "began the letter the newspaper sent to subscribers on Monday, asking for donations "
        "after its advertising revenue fell by half during the pandemic.\n\n"
        "The paper's editor said the response had surprised the staff. More than 3,000 "
        "readers gave money in the first week, most of them small amounts, and several "
        "local businesses pledged to buy advertising again once restrictions were lifted.\n\n"
        "Media analysts said the campaign reflected a wider trend among regional papers, "
        "which have lost most of their classified advertising to online platforms over the "
        "past two decades and are experimenting with memberships and events.\n\n"
        "The city council is expected to discuss a proposal to buy public notices in the "
        "paper at its next meeting, a move the mayor has said he supports.\n"
    )
    result = clean_text(raw)
    assert result.removed == []
    assert result.text == raw


def test_empty_after_cleaning() -> None:
    raw = "Advertisement\n\nSign up for our daily newsletter\n\nShare this article\n"
    result = clean_text(raw)
    assert result.text.strip() == ""
    assert [r.reason for r in result.removed] == ["advertisement", "newsletter", "share"]
    assert result.headings == [] and result.dateline is None and result.title is None
    check_invariants(raw, result.removed, result.text)


def test_empty_input() -> None:
    result = clean_text("")
    assert result.text == "" and result.removed == []


def test_seed_appeal_removed_and_body_kept(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    result = clean_text(raw)
    appeal_at = raw.index("A Message from The Moscow Times")
    assert [(r.reason, r.start, r.end) for r in result.removed] == [
        ("appeal", appeal_at, len(raw))
    ]
    assert result.text == raw[:appeal_at]


_LINES = st.sampled_from([
    P1, P2, "", "  ", "Advertisement", "Follow us on Twitter @Example", "Slideshow (2 Images)",
    "'Vassalage to China'", "WASHINGTON — The talks resumed on Monday.", "Remind me later.",
    "Dear readers,", "Donald John TrumpBudget talks stall MORE", "Read more", "\t",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_invariants_hold_for_any_mix(lines: list[str], sep: str) -> None:
    raw = sep.join(lines)
    result = clean_text(raw)
    check_invariants(raw, result.removed, result.text)
    for span in [*result.headings, *([result.dateline] if result.dateline else [])]:
        assert result.text[span.start : span.end] == span.text
