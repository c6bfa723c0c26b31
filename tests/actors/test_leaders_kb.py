"""The light knowledge base the corpus step uses holds the same curated offices."""

from __future__ import annotations

from communique.actors.kb import load_kb, load_leaders_kb


def test_leaders_kb_has_every_curated_office() -> None:
    full, light = load_kb(), load_leaders_kb()
    assert {k: [r.source for r in v] for k, v in light.leaders.items()} == {
        k: [r.source for r in v] for k, v in full.leaders.items()}
    held = light.leader("Janet Yellen", "2024-04-09")
    assert held is not None and held.country == "USA"
    assert not light.people  # the Phoenix dictionaries are not loaded
