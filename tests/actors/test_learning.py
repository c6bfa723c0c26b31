"""Learning across articles: dated facts, the gap rule, curated entries win, JSON round trip."""

from __future__ import annotations

from typing import Any

from communique.actors.learning import KnowledgeBase, apply_learned


def _doc(article_id: str, published: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    return {"article": {"id": article_id, "published": published}, "entities": entities}


def _person(name: str, **fields: Any) -> dict[str, Any]:
    base = {"id": "E1", "name": name, "kind": "person", "country": None, "sector": None,
            "code": None, "role": None, "evidence": [],
            "mentions": [{"start": 0, "end": len(name), "text": name, "type": "name"}]}
    base.update(fields)
    return base


TITLED = _person("Gina Raimondo", country="USA", sector="GOV", code="USAGOV",
                 role="Commerce Secretary",
                 mentions=[{"start": 0, "end": 32, "text": "Commerce Secretary Gina Raimondo",
                            "type": "title"}],
                 evidence=[{"start": 0, "end": 32, "text": "Commerce Secretary Gina Raimondo"}])


def test_surname_resolves_near_the_date_only() -> None:
    later = _doc("b", "2024-06-01", [_person("Raimondo")])
    much_later = _doc("c", "2028-01-01", [_person("Raimondo")])
    docs, conflicts = apply_learned([later, much_later, _doc("a", "2024-04-09", [TITLED])])
    assert not conflicts
    resolved = docs[0]["entities"][0]
    assert resolved["code"] == "USAGOV" and resolved["role"] == "Commerce Secretary"
    assert resolved["learned"]["articles"] == ["a"]
    assert docs[1]["entities"][0]["country"] is None  # > 2 years from when it was seen
    assert later["entities"][0]["country"] is None  # inputs are not modified


def test_order_does_not_matter() -> None:
    docs = [_doc("a", "2024-04-09", [TITLED]), _doc("b", "2024-06-01", [_person("Raimondo")])]
    one, _ = apply_learned(docs)
    two, _ = apply_learned(list(reversed(docs)))
    assert one[1]["entities"] == two[0]["entities"]


def test_curated_entry_is_not_overridden() -> None:
    wrong = _person("Antony Blinken", country="GBR", sector="GOV", code="GBRGOV",
                    role="Minister", evidence=[{"start": 0, "end": 5, "text": "x"}])
    docs, conflicts = apply_learned([_doc("a", "2024-01-01", [wrong]),
                                     _doc("b", "2024-02-01", [_person("Blinken")])])
    assert docs[1]["entities"][0]["country"] is None
    assert conflicts and conflicts[0]["curated"].startswith("leaders.tsv")


def test_ambiguous_surname_is_left_alone() -> None:
    kb = KnowledgeBase()
    for name, role in (("Joe Example", "President"), ("Hunter Example", "Minister")):
        kb.add({"name": name, "country": "USA", "sector": "GOV", "role": role,
                "date": "2024-01-01", "aliases": [name, "Example"]})
    assert kb.lookup("Example", "2024-01-02") is None
    found = kb.lookup("Joe Example", "2024-01-02")
    assert found is not None and found.role == "President"


def test_json_round_trip() -> None:
    kb = KnowledgeBase()
    kb.add({"name": "Gina Raimondo", "country": "USA", "sector": "GOV", "code": "USAGOV",
            "role": "Commerce Secretary", "date": "2024-04-09", "article_id": "a",
            "aliases": ["Raimondo"]})
    kb.add({"name": "Gina Raimondo", "country": "USA", "sector": "GOV", "code": "USAGOV",
            "role": "Commerce Secretary", "date": "2024-05-01", "article_id": "b"})
    copy = KnowledgeBase.from_json(kb.to_json())
    assert copy.to_json() == kb.to_json()
    fact = copy.lookup("Raimondo", "2024-04-20")
    assert fact is not None and fact.dates == ["2024-04-09", "2024-05-01"]


def test_learned_fact_beats_the_stale_dictionary() -> None:
    # Coded only by the Phoenix-derived dictionary (stale after 2014): the corpus fact wins.
    stale = _person("Raimondo", country="RWA", sector="ELI", code="RWAELI",
                    country_source="dictionary")
    docs, _ = apply_learned([_doc("a", "2024-04-09", [TITLED]), _doc("b", "2024-06-01",
                                                                     [stale])])
    resolved = docs[1]["entities"][0]
    assert resolved["code"] == "USAGOV" and "country_source" not in resolved
    # Coded by the text: never changed.
    text_coded = _person("Raimondo", country="RWA", sector="GOV", code="RWAGOV")
    docs, _ = apply_learned([_doc("a", "2024-04-09", [TITLED]), _doc("b", "2024-06-01",
                                                                     [text_coded])])
    assert docs[1]["entities"][0]["code"] == "RWAGOV"
