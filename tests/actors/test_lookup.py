"""entity_for_span: exact mention, then mention containing the head, then largest overlap."""

from __future__ import annotations

from typing import Any

from communique.actors.lookup import entity_for_span, entity_ref

ENTITIES: list[dict[str, Any]] = [
    {"id": "E1", "name": "Sergei Lavrov", "country": "RUS", "sector": "GOV", "code": "RUSGOV",
     "mentions": [{"start": 0, "end": 38, "text": "Russian Foreign Minister Sergei Lavrov"},
                  {"start": 100, "end": 106, "text": "Lavrov"}]},
    {"id": "E2", "name": "Russia", "country": "RUS", "sector": None, "code": "RUS",
     "mentions": [{"start": 0, "end": 7, "text": "Russian"}]},
]


def test_exact_mention_wins() -> None:
    assert entity_for_span(ENTITIES, 0, 7)["id"] == "E2"  # type: ignore[index]
    assert entity_for_span(ENTITIES, 100, 106)["id"] == "E1"  # type: ignore[index]


def test_head_containing_mention() -> None:
    # A speaker span "Minister Sergei Lavrov" (head "Lavrov" at the end) -> E1.
    assert entity_for_span(ENTITIES, 17, 38)["id"] == "E1"  # type: ignore[index]


def test_no_overlap_and_empty() -> None:
    assert entity_for_span(ENTITIES, 50, 60) is None
    assert entity_for_span([], 0, 5) is None
    assert entity_for_span(ENTITIES, 5, 5) is None


def test_entity_ref() -> None:
    assert entity_ref(ENTITIES[0]) == {"entity": "E1", "name": "Sergei Lavrov",
                                       "country": "RUS", "sector": "GOV", "code": "RUSGOV"}
    assert entity_ref(None) is None
