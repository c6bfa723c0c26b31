"""Criticism carried by a statement (sentences written for the tests)."""

from __future__ import annotations

from typing import Any

from tests.events.test_coder import countries, events


def _criticism(nlp: Any, text: str) -> list[dict[str, Any]]:
    return [e for e in events(nlp, text) if e["cameo"] == "111"
            and e["trigger"]["text"] in ("said", "says")]


def test_statement_judging_a_party_is_criticism(nlp: Any) -> None:
    text = ("Indian opposition leader Rahul Gandhi said the Indian government had created "
            "catastrophic unemployment.")
    [e] = _criticism(nlp, text)
    assert countries(e["actors"]) == {"IND"} and e["plover"] == "ACCUSE"
    assert e["recipients"] and e["recipients"][0]["name"] != e["actors"][0]["name"]


def test_negated_judgement_is_no_criticism(nlp: Any) -> None:
    text = ("Indian opposition leader Rahul Gandhi said the Indian government was not "
            "corrupt.")
    assert not _criticism(nlp, text)


def test_judgement_of_no_party_is_no_criticism(nlp: Any) -> None:
    text = "German Chancellor Angela Merkel said the weather had been catastrophic."
    assert not _criticism(nlp, text)


def test_statement_putting_an_obligation_on_a_party_is_a_demand(nlp: Any) -> None:
    text = ("The U.N. refugee agency UNHCR said the United States must protect people who "
            "seek asylum at the border.")
    found = [e for e in events(nlp, text) if e["trigger"]["text"] == "said"]
    assert [e["plover"] for e in found] == ["REQUEST"]
    assert countries(found[0]["recipients"]) == {"USA"}


def test_negated_obligation_is_no_demand(nlp: Any) -> None:
    text = "The U.N. refugee agency UNHCR said the United States must not close the border."
    assert not [e for e in events(nlp, text) if e["trigger"]["text"] == "said"]


def test_obligation_on_nobody_in_particular_is_no_demand(nlp: Any) -> None:
    demand = "German Chancellor Angela Merkel said Russia must withdraw its troops."
    assert any(e["cameo"] == "100" for e in events(nlp, demand))
    text = ("German Chancellor Angela Merkel said no one in Germany should be targeted for "
            "their faith.")
    assert not any(e["cameo"] == "100" for e in events(nlp, text))
