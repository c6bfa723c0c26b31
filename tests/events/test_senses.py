"""Word-sense filters (events/senses.py): figurative, generic, private and naming uses.

Sentences written for these tests (no evaluation-set text).
"""

from __future__ import annotations

from typing import Any

from communique.events import senses
from tests.events.test_coder import events


def types(nlp: Any, text: str) -> set[str]:
    return {e["plover"] for e in events(nlp, text)}


def test_thing_as_subject_of_threaten_is_figurative(nlp: Any) -> None:
    text = "Chile's new fishing quota is threatening Peru's anchovy exports."
    assert "THREATEN" not in types(nlp, text)


def test_party_as_subject_of_threaten_is_kept(nlp: Any) -> None:
    assert "THREATEN" in types(nlp, "Peru threatened Chile with new tariffs.")


def test_quantity_of_people_is_an_agent(nlp: Any) -> None:
    doc = nlp("Hundreds of thousands of people blocked roads in Nairobi on Monday.")
    verb = next(t for t in doc if t.lower_ == "blocked")
    assert not senses.inanimate_subject(verb, [])


def test_thing_subject_without_mention_is_inanimate(nlp: Any) -> None:
    doc = nlp("The new rules target older teachers.")
    verb = next(t for t in doc if t.lower_ == "target")
    assert senses.inanimate_subject(verb, [])


def test_generic_subject_reports_no_act(nlp: Any) -> None:
    text = "Too many people give Canada their money every year."
    assert "AID" not in types(nlp, text)


def test_act_one_is_afraid_to_do_is_no_event(nlp: Any) -> None:
    text = "Senators in Brazil were afraid to criticise President Lula."
    assert "ACCUSE" not in types(nlp, text)


def test_private_trip_is_no_visit(nlp: Any) -> None:
    text = "The Kenyan president left for his medical trip to Germany on Monday."
    assert "CONSULT" not in types(nlp, text)


def test_state_visit_is_kept(nlp: Any) -> None:
    text = "The Kenyan president began a state visit to Germany on Monday."
    assert "CONSULT" in types(nlp, text)


def test_naming_call_is_no_request(nlp: Any) -> None:
    text = "Obama attended a school in Jakarta, then called Menteng One."
    assert "REQUEST" not in types(nlp, text)


def test_byline_contribution_is_no_aid(nlp: Any) -> None:
    text = "Reuters and The Associated Press contributed to this report."
    assert not types(nlp, text)


def test_opinion_agreement_is_no_agree(nlp: Any) -> None:
    text = "Many German voters agree with Merkel in theory."
    assert "AGREE" not in types(nlp, text)


def test_how_to_infinitive_is_an_open_question(nlp: Any) -> None:
    text = "Kenya's army still has to learn how to attack Somalia's rebels."
    assert "ASSAULT" not in types(nlp, text)


def test_subject_of_a_receiving_verb_is_not_the_accuser(nlp: Any) -> None:
    text = "The Kenyan government considers any allegations against Kenya very seriously."
    found = [e for e in events(nlp, text) if e["plover"] == "ACCUSE"]
    assert not any(a["country"] == "KEN" for e in found for a in e["actors"])


def test_released_thing_in_passive_is_no_release(nlp: Any) -> None:
    text = "Kenya's president spoke in Nairobi after the budget report was released."
    assert "RETREAT" not in types(nlp, text)


def test_relative_pronoun_subject_takes_its_antecedent(nlp: Any) -> None:
    doc = nlp("Peru banned the new rules that threaten Chile's exports.")
    verb = next(t for t in doc if t.lower_ == "threaten")
    assert senses.inanimate_subject(verb, [])


def test_fixed_idiom_object_is_no_violence(nlp: Any) -> None:
    text = "Finnish officials suggest that residents read books to kill time."
    assert "ASSAULT" not in types(nlp, text)
