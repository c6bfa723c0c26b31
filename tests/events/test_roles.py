"""Role assignment on sentences written for these tests."""

from __future__ import annotations

from typing import Any

from tests.events.test_coder import countries, events


def first(nlp: Any, text: str, plover: str) -> dict[str, Any]:
    found = [e for e in events(nlp, text) if e["plover"] == plover]
    assert found, events(nlp, text)
    return found[0]


def test_possessor_of_the_object_is_the_target(nlp: Any) -> None:
    e = first(nlp, "France condemned Russia's annexation of the peninsula.", "ACCUSE")
    assert countries(e["actors"]) == {"FRA"} and countries(e["recipients"]) == {"RUS"}


def test_preposition_left_without_object_by_the_parser(nlp: Any) -> None:
    from communique.events.roles import _orphan_object

    doc = nlp("Peru has granted diplomatic asylum to five Panamanian army officers holed "
              "up in a diplomatic residence.")
    to = next(t for t in doc if t.lower_ == "to")
    found = _orphan_object(to)
    if not any(c.dep_ == "pobj" for c in to.children):
        assert found is not None and found.lower_ == "officers"


def test_adjectival_passive_subject_is_the_doer(nlp: Any) -> None:
    e = first(nlp, "Israel is opposed to French mediation in the talks with Syria.", "REJECT")
    assert countries(e["actors"]) == {"ISR"}


def test_speech_subject_through_an_adjective(nlp: Any) -> None:
    e = first(nlp, "The Egyptian president said the United States must be ready to mediate "
              "between Israel and Syria.", "REQUEST")
    assert countries(e["actors"]) == {"EGY"} and "USA" in countries(e["recipients"])


def test_finite_verb_under_a_preposition_root_is_the_main_verb(nlp: Any) -> None:
    # The small parser roots this sentence on "In" and hangs "called" on "chief".
    text = ("In a fiery speech Wednesday, Egypt's military chief called for Egyptians to "
            "turn out today in support of the army.")
    assert [e["plover"] for e in events(nlp, text)] == ["REQUEST"]
