"""``explain``: every candidate trigger with its lexicon entry, parties and fate.

One sentence per reason a candidate is dropped, each written for this test; the reason is
the name of the rule (or coder step) that dropped it.
"""

from __future__ import annotations

from typing import Any

import pytest

from communique.cli import main
from communique.errors import UsageError
from communique.explain import explain, format_explanation

pytestmark = pytest.mark.usefixtures("nlp")


def _fate(text: str, trigger: str) -> dict[str, Any]:
    rows = explain(text)
    found = [r for r in rows if r["trigger"]["text"] == trigger]
    assert found, f"{trigger!r} is not a candidate of {text!r}: {rows}"
    return found[0]


@pytest.mark.parametrize(("text", "trigger", "reason"), [
    # A statement (CAMEO 01x) has no PLOVER type: never an event.
    ("China acknowledged the ruling.", "acknowledged", "statement-only"),
    # No party the knowledge base can code.
    ("It attacked the convoy.", "attacked", "no-codable-actor"),
    # "held talks": the verb's pattern covers the noun.
    ("The army held talks with the rebels.", "talks", "covered-by-coded-word"),
    # The refused act is the event; the refusal head is not a second one.
    ("France refused to meet the delegation.", "refused", "refusal-head"),
    # What is demanded is the demand's content.
    ("The United States demanded that Iran release the sailors.", "release",
     "content-of-demand"),
    # The purpose of a coded act is its content.
    ("Rebels staged rallies to demand reforms in Syria.", "demand", "purpose-of-coded-act"),
    # What someone is accused of is an allegation.
    ("The militants were accused of bombing a bus.", "bombing", "allegation"),
    # A participle describing a participant is background.
    ("Refugees fleeing the fighting reached the border.", "fleeing", "background"),
    # Generic subjects make another sense.
    ("Too many people protest these days.", "protest", "generic-subject"),
    ("A spokesman declined to comment.", "declined", "declined-comment"),
    # A bare event noun names no interaction.
    ("The talks ended without progress.", "talks", "bare-event-noun"),
    # A thing, not a party, threatens.
    ("The ban threatens their existence.", "threatens", "inanimate-subject"),
    # A light verb without a party as its object.
    ("The ministry asked questions.", "asked", "light-verb-without-party"),
    # A default-coded dyadic act without its other party.
    ("Turkey supports raising the minimum wage.", "supports", "dyadic-without-party"),
    # A war's running toll, with no doer.
    ("Some 130,000 people have been killed in the Syrian civil war.", "killed",
     "aggregate-toll"),
    # A meeting with news media only is an interview.
    ("Obama met Fox News anchor Bret Baier in Chicago.", "met", "interview-with-media"),
])
def test_dropped_candidate_names_its_reason(text: str, trigger: str, reason: str) -> None:
    row = _fate(text, trigger)
    assert row["outcome"] == "dropped"
    assert row["reason"] == reason


def test_kept_event_shows_its_evidence() -> None:
    row = _fate("Iran plans to hold talks with France.", "hold")
    assert row["outcome"] == "event"
    assert row["event"]["modality"]["intent"] is True
    assert row["lexicon"]["kind"] == "pattern"
    assert ".verbs.txt:" in row["lexicon"]["source"]
    assert row["actors"]["by"] == "parsed-subject"
    assert any("IRN" in party for party in row["actors"]["found"])
    assert any("FRA" in party for party in row["recipients"]["found"])
    assert "announced-intent" in row["recodings"]
    report = format_explanation(explain("Iran plans to hold talks with France."))
    assert "EVENT" in report and "covered-by-coded-word" in report


def test_explain_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError, match="str"):
        explain(b"Russia attacked Ukraine.")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        explain("   ")


def test_explain_command_prints_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "France refused to meet the delegation."]) == 0
    out = capsys.readouterr().out
    assert "dropped: refusal-head" in out
    assert "EVENT REJECT" in out
