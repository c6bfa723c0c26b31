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
    # What a side clause of trying or hoping aims at is not done.
    ("The White House, hoping to reduce tensions with Beijing, said it would send an envoy.",
     "reduce", "aim-of-a-side-clause"),
    # The byline formula is no aid.
    ("Reuters reporter Anna Smith contributed to this report.", "contributed", "byline"),
    # A clause setting the time of another coded act is background to it.
    ("Police arrested the protesters after the army attacked the camp.", "attacked",
     "circumstance-of-another-act"),
    # A conjunct of an urged complement is part of what is urged.
    ("The European Union urged Serbia to lift the blockade and negotiate with Kosovo.",
     "negotiate", "conjunct-of-content"),
    # A conjunct shares the fate of the dropped clause it is coordinated with.
    ("Japan is reluctant to impose sanctions on Russia and expel its diplomats.", "expel",
     "conjunct-of-dropped"),
    # The complement of a coded verb is its content, not a second event.
    ("The United Nations urged Israel to withdraw its troops from Lebanon.", "withdraw",
     "content-of-coded-verb"),
    # A clause on the object of a demand is the content of the demanded thing.
    ("Ukraine demanded an admission from Moscow that its troops shelled the hospital.",
     "shelled", "content-of-demanded-thing"),
    # A relative clause on another coded act's participant describes it.
    ("The United States imposed sanctions on a bank that had financed Hezbollah.",
     "financed", "describes-participant"),
    # A conflict verb in an idiom with a fixed object is no assault.
    ("Soldiers played cards to kill time in Kabul.", "kill", "idiom-object"),
    # A complement-less "declined" is a decrease, not a refusal.
    ("Oil exports declined sharply in May.", "declined", "idiom-or-bare"),
    # An act inside a "whether" clause is not asserted.
    ("Whether Iran will agree to the deal remains unclear.", "agree", "indirect-question"),
    # The promised act is the event; the intent head is not a second one.
    ("Iran promised to release the British sailors.", "promised", "intent-head"),
    # A participle clause under a protest tells how the protest went.
    ("Students in Dhaka protested, blocking roads near the parliament.", "blocking",
     "manner-of-protest"),
    # A party-object verb whose object is a thing is another sense.
    ("Egypt met its export targets last year.", "met", "object-not-a-party"),
    # A trip with a private purpose is no consultation.
    ("The prime minister made a medical trip to Germany.", "trip", "private-trip"),
    # The complement of an adjective of reluctance is not done.
    ("Germany is reluctant to impose sanctions on Russia.", "impose", "reluctant"),
    # "insisted that ..." reporting a fact is no event.
    ("Germany insisted that the sanctions were working.", "insisted", "statement-of-fact"),
    # A warning that something may happen is concern, not a threat.
    ("The central bank warned that inflation could rise sharply next year.", "warned",
     "warning-of-a-risk"),
    # An act inside "without ...-ing" did not happen.
    ("Turkey sent troops into Syria without consulting its NATO allies.", "consulting",
     "without-clause"),
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
