"""Implicit targets: the party of a conditional threat, the home authority of a protest.

Sentences written for these tests (no evaluation-set text).
"""

from __future__ import annotations

from typing import Any

from tests.events.test_coder import events


def _first(nlp: Any, text: str, plover: str) -> dict[str, Any]:
    return next(e for e in events(nlp, text) if e["plover"] == plover)


def test_conditional_threat_addresses_the_condition_subject(nlp: Any) -> None:
    text = "Peru threatened to close the border unless Bolivia paid its debts."
    event = _first(nlp, text, "THREATEN")
    assert [r["name"] for r in event["recipients"]] == ["Bolivia"]


def test_protest_without_target_addresses_its_own_country(nlp: Any) -> None:
    text = "Bolivia is in turmoil. Bolivian miners staged a strike in La Paz on Monday."
    event = _first(nlp, text, "PROTEST")
    assert any(r["country"] == "BOL" for r in event["recipients"])


def test_protest_with_a_named_target_keeps_it(nlp: Any) -> None:
    text = "Bolivian miners protested against Chile outside its embassy in La Paz."
    event = _first(nlp, text, "PROTEST")
    assert any(r["country"] == "CHL" for r in event["recipients"])
