"""Constructions of real news named in the events issue (sentences written for the tests)."""

from __future__ import annotations

from typing import Any

from tests.events.test_coder import countries, events, one


def test_meeting_of_several_is_reciprocal_and_the_place_is_no_party(nlp: Any) -> None:
    e = one(nlp, "India, Brazil and South Africa met in Geneva.", "CONSULT")
    assert e["reciprocal"]
    assert countries(e["actors"]) == countries(e["recipients"]) == {"IND", "BRA", "ZAF"}


def test_negated_talks_are_a_rejection_never_an_agreement(nlp: Any) -> None:
    found = events(nlp, "Hamas will not engage in talks with Israel.")
    assert [e["plover"] for e in found] == ["REJECT"]


def test_weapons_test_and_incursion_are_shows_of_force(nlp: Any) -> None:
    e = one(nlp, "North Korea tested a ballistic missile on Sunday.", "MOBILIZE")
    assert countries(e["actors"]) == {"PRK"}
    e = one(nlp, "Chinese bombers entered Japan's air defence zone.", "MOBILIZE")
    assert countries(e["actors"]) == {"CHN"} and countries(e["recipients"]) == {"JPN"}


def test_light_verbs_carry_the_event_noun(nlp: Any) -> None:
    e = one(nlp, "Israel carried out strikes on Hamas targets in Gaza.", "ASSAULT")
    assert countries(e["actors"]) == {"ISR"}
    one(nlp, "Opposition lawmakers staged a walkout from the Kenyan parliament.", "PROTEST")
    e = one(nlp, "The United States rolled back sanctions on Venezuela.", "RETREAT")
    assert countries(e["recipients"]) == {"VEN"}


def test_vowed_retaliation_is_a_threat_not_an_attack(nlp: Any) -> None:
    e = one(nlp, "Iran's foreign ministry vowed to retaliate against Israel.", "THREATEN")
    assert e["modality"]["intent"] and countries(e["recipients"]) == {"ISR"}
    assert not [x for x in events(nlp, "Iran's foreign ministry vowed to retaliate against "
                                       "Israel.") if x["plover"] == "ASSAULT"]


def test_meeting_at_a_place_is_a_meeting_with_the_party(nlp: Any) -> None:
    e = one(nlp, "The U.S. team met with North Korean officials at the village of Panmunjom.",
            "CONSULT")
    assert e["cameo"] == "040" and not e["modality"]["intent"]
    assert countries(e["recipients"]) == {"PRK"}


def test_what_a_side_clause_aims_at_is_no_event(nlp: Any) -> None:
    found = events(nlp, "The Ukrainian opposition leader, hoping to reduce tensions with "
                        "Russia, said on Monday that protests would continue.")
    assert all(e["trigger"]["text"] != "reduce" for e in found)
    found = events(nlp, "The Ukrainian opposition leader headed to the Ukrainian "
                        "president's office to try to resolve the crisis.")
    assert all(e["trigger"]["text"] != "resolve" for e in found)


def test_a_wish_put_on_another_party_is_a_request(nlp: Any) -> None:
    e = one(nlp, "The White House said it would like to see Russia support efforts to "
                 "find a truce.", "REQUEST")
    assert countries(e["actors"]) == {"USA"} and countries(e["recipients"]) == {"RUS"}


def test_a_held_place_makes_its_holder_the_target(nlp: Any) -> None:
    e = one(nlp, "Protesters in Kiev attacked police lines on Tuesday.", "ASSAULT")
    assert e["cameo"] == "190"  # not criticism: a held place is hit by force
    assert {r["code"] for r in e["recipients"]} == {"UKRCOP"}
    e = one(nlp, "Militants attacked an army checkpoint in Sinai.", "ASSAULT")
    assert {r["code"] for r in e["recipients"]} == {"EGYMIL"}


def test_military_strikes_on_positions_are_assaults(nlp: Any) -> None:
    e = one(nlp, "Syrian warplanes struck rebel positions near Aleppo.", "ASSAULT")
    assert countries(e["actors"]) == {"SYR"} and {r["code"] for r in e["recipients"]} == {
        "SYRREB"}
    assert all(e["plover"] != "ASSAULT" for e in events(nlp, "The storm struck the coast "
                                                             "of Texas."))


def test_parties_between_act_on_each_other(nlp: Any) -> None:
    e = one(nlp, "Talks between Egypt and Qatar resumed in Cairo on Monday.", "CONSULT")
    assert countries(e["actors"]) == {"EGY", "QAT"} == countries(e["recipients"])


def test_asking_for_something_is_a_request(nlp: Any) -> None:
    e = one(nlp, "Russian President Vladimir Putin asked for an international conference "
                 "to be held.", "REQUEST")
    assert countries(e["actors"]) == {"RUS"}
    found = events(nlp, "Russian President Vladimir Putin asked questions about the plan.")
    assert all(e["plover"] != "REQUEST" for e in found)


def test_the_party_of_a_call_hangs_on_the_channel(nlp: Any) -> None:
    e = one(nlp, "Putin talked by telephone with Erdogan on Monday.", "CONSULT")
    assert countries(e["actors"]) == {"RUS"} and countries(e["recipients"]) == {"TUR"}


def test_an_attack_lands_on_the_place_a_force_moves_through(nlp: Any) -> None:
    e = one(nlp, "Members of ISIS stormed through Iraq's Nineveh Plain.", "ASSAULT")
    assert countries(e["recipients"]) == {"IRQ"}


def test_a_warning_of_a_risk_is_no_threat(nlp: Any) -> None:
    found = events(nlp, "But Speaker John Boehner has also warned that thousands of workers "
                        "could lose their jobs if the bank closes.")
    assert all(e["plover"] != "THREATEN" for e in found)
    e = one(nlp, "Ankara warned Stockholm it would block the bid.", "THREATEN")
    assert countries(e["actors"]) == {"TUR"}


def test_ordered_act_is_coded_as_the_act(nlp: Any) -> None:
    # the object names the act brought about: a cut of aid, not aid nor a demand
    text = ("Mr Trump ordered the suspension of aid payments to El Salvador, Guatemala and "
            "Honduras.")
    found = events(nlp, text)
    assert [e["plover"] for e in found] == ["SANCTION"]
    assert {r["code"] for r in found[0]["recipients"]} == {"SLV", "GTM", "HND"}
    ordered = events(nlp, "Putin ordered the withdrawal of troops from the border.")
    assert [e["plover"] for e in ordered] == ["RETREAT"]


def test_seat_of_power_named_with_at_is_the_meeting_place(nlp: Any) -> None:
    e = one(nlp, "Putin met Xi at the Kremlin.", "CONSULT")
    assert countries(e["recipients"]) == {"CHN"}  # the Kremlin is where, not whom


def test_talks_including_several_parties_are_among_them(nlp: Any) -> None:
    e = one(nlp, "Peace talks including Ukraine, Russia and the rebels opened in Minsk.",
            "CONSULT")
    assert {"UKR", "RUS"} <= countries(e["actors"])


def test_denial_of_this_answers_the_earlier_accusation(nlp: Any) -> None:
    text = ("The West accuses Russia of sending arms and troops to back the rebels in "
            "eastern Ukraine.\n\nMoscow denies this.")
    denial = one(nlp, text, "REJECT")
    assert countries(denial["actors"]) == {"RUS"}
    assert {r["code"] for r in denial["recipients"]} == {"WST"}  # not Russia itself


def test_place_of_an_announcement_is_no_target(nlp: Any) -> None:
    found = events(nlp, "Obama announced new sanctions at a news conference in Manila.")
    assert all("PHL" not in countries(e.get("recipients") or []) for e in found)
