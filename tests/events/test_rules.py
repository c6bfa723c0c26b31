"""Coding rules added in the sixth session, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from communique.events.lexicon import load_lexicon
from tests.events.test_coder import countries, events, one


def parsed(nlp: Any, text: str) -> Any:
    doc = nlp.make_doc(text)
    doc._.communique_structure = {"article_id": "t", "published": None, "outlet": None,
                                  "headings": [], "dateline": None}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_multiword_synset_members_match(nlp: Any, tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text("&MONEY\n+SWISS FRANCS\n\n--- GIVE [070] ---\nDONATE\n"
                    "- * &MONEY [071]\n", encoding="utf-8")
    lexicon = load_lexicon([path], shipped=False)
    doc = parsed(nlp, "Norway will donate a million swiss francs to Chad.")
    match = lexicon.match(next(t for t in doc if t.lower_ == "donate"))
    assert match is not None and match.code == "071"


def test_date_is_no_pattern_preposition(nlp: Any) -> None:
    # "* (ON)" of an attack noun must not take "on Monday"
    e = one(nlp, "Kurdish activists in Turkey began a hunger strike on Monday.", "PROTEST")
    assert e["cameo"] == "142"


def test_light_verb_with_a_party_object(nlp: Any) -> None:
    e = one(nlp, "Turkey has asked Iran and Syria to hand over the seized weapons.", "REQUEST")
    assert countries(e["actors"]) == {"TUR"}
    assert not [x for x in events(nlp, "The reporter asked questions about the budget.")
                if x["plover"] == "REQUEST"]


def test_agentless_passive_doers(nlp: Any) -> None:
    e = one(nlp, "A Canadian engineer was detained in Egypt on Friday.", "COERCE")
    assert countries(e["actors"]) == {"EGY"}


def test_weapon_attack_from_its_place(nlp: Any) -> None:
    e = one(nlp, "A roadside bomb killed three Afghan policemen in Kabul on Sunday.",
            "ASSAULT")
    assert countries(e["actors"]) == {"AFG"} and e["confidence"] < 0.9
    # an explosion is often an accident: no actor from the place
    assert not events(nlp, "An explosion killed three workers at a factory in Texas.")


def test_domestic_acts_target_the_home_country(nlp: Any) -> None:
    e = one(nlp, "The government of Zimbabwe arrested dozens of opposition supporters.",
            "COERCE")
    assert countries(e["recipients"]) == {"ZWE"}


def test_joint_exercises_are_cooperation(nlp: Any) -> None:
    e = one(nlp, "Russian and Chinese warships held joint military exercises in the Pacific.",
            "COOPERATE")
    assert e["cameo"] == "062"


def test_conditional_threat(nlp: Any) -> None:
    e = one(nlp, "Germany may impose sanctions on Turkey if the fighting continues.",
            "THREATEN")
    assert e["modality"]["intent"]


def test_allegation_is_no_event(nlp: Any) -> None:
    found = events(nlp, "Police arrested two men suspected of bombing a mosque in Kano.")
    assert [e["plover"] for e in found] == ["COERCE"]


def test_noun_under_a_promise_is_one_intent_event(nlp: Any) -> None:
    found = events(nlp, "Britain promised to continue military aid to Kenya.")
    assert [e["plover"] for e in found] == ["AGREE"]
    assert found[0]["modality"]["intent"]


def test_relative_clause_on_a_participant(nlp: Any) -> None:
    found = events(nlp, "The United States is supplying weapons to Israel, which is "
                   "preparing a major offensive against Hamas.")
    assert [e["plover"] for e in found] == ["AID"]


def test_protest_target_from_purpose(nlp: Any) -> None:
    e = one(nlp, "Demonstrators in Baghdad blocked a road to show their anger at the United "
            "States' policies.", "PROTEST")
    assert countries(e["recipients"]) == {"USA"}


def test_other_senses_found_on_the_tuning_sample(nlp: Any) -> None:
    # to decrease, not to refuse
    assert not events(nlp, "In 2008, American economic power declined sharply.")
    # a month in a date is no pattern word (HOLD * MARCH [141])
    assert not [e for e in events(nlp, "The FBI held a briefing with senators on March 30.")
                if e["plover"] == "PROTEST"]
    # entertainment is no meeting
    assert not events(nlp, "The French president attended a fashion show in Paris.")
    # an open question reports no intent
    assert not [e for e in events(nlp, "Analysts asked how Israel will negotiate with Hamas.")
                if e["plover"] == "AGREE"]
    # an abstract subject's "in" phrase is no doer
    found = events(nlp, "The war in Ukraine has forced Russian academics into exile.")
    assert not [e for e in found if "UKR" in countries(e["actors"])]
