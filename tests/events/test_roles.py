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


def test_subordinate_clause_rooted_on_its_subject_is_a_main_clause(nlp: Any) -> None:
    from spacy.tokens import Doc

    from communique.events.roles import misparsed_main

    # "Talks stalled when Ortega, the president, walked out": the clause hangs on "Ortega".
    words = ["Talks", "stalled", "when", "Ortega", ",", "the", "president", ",", "walked",
             "out"]
    heads = [1, 1, 3, 1, 3, 6, 3, 3, 3, 8]
    deps = ["nsubj", "ROOT", "advmod", "advcl", "punct", "det", "appos", "punct", "acl",
            "prt"]
    pos = ["NOUN", "VERB", "SCONJ", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "ADP"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert misparsed_main(doc[8])
    # "the refugees, fleeing the war" keeps its participle a modifier
    words = ["Aid", "reached", "the", "refugees", "fleeing", "the", "war"]
    heads = [1, 1, 3, 1, 3, 6, 4]
    deps = ["nsubj", "ROOT", "det", "dobj", "acl", "det", "dobj"]
    pos = ["NOUN", "VERB", "DET", "NOUN", "VERB", "DET", "NOUN"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert not misparsed_main(doc[4])
