"""Where actors and recipients come from in constructions of news prose (sentences written
for the tests)."""

from __future__ import annotations

from typing import Any

from tests.events.test_coder import countries, events, one


def test_passive_head_subject_does_the_complement(nlp: Any) -> None:
    e = one(nlp, "Syrian rebels were forced to retreat from Aleppo.", "RETREAT")
    assert countries(e["actors"]) == {"SYR"}
    e = one(nlp, "A Taliban commander is seen threatening to kill a British hostage.",
            "THREATEN")
    assert countries(e["actors"]) == {"AFG"}


def test_passive_complement_keeps_its_subject_a_patient(nlp: Any) -> None:
    found = events(nlp, "Tourists from Jordan are thought to have been killed.")
    assert not any(countries(e["actors"]) == {"JOR"} for e in found)


def test_meeting_place_is_no_recipient_and_a_group_meets_among_itself(nlp: Any) -> None:
    e = one(nlp, "European ministers were set to meet in Vienna on Monday.", "CONSULT")
    assert countries(e["actors"]) == {"EUR"} and countries(e["recipients"]) == {"EUR"}
    found = events(nlp, "The Chinese envoy met in Vienna on Monday.")
    assert not any("AUT" in countries(e["recipients"]) for e in found)


def test_arrival_in_a_country_is_a_visit_to_it(nlp: Any) -> None:
    e = one(nlp, "A Japanese delegation arrived in South Korea on Sunday.", "CONSULT")
    assert countries(e["recipients"]) == {"KOR"}


def test_refused_thing_names_who_refused_it(nlp: Any) -> None:
    e = one(nlp, "The Tibetan activist was denied a Chinese visa last year.", "REJECT")
    assert countries(e["actors"]) == {"CHN"}


def test_some_of_a_group_is_the_group(nlp: Any) -> None:
    e = one(nlp, "Many of the Syrian rebels attacked the town of Kobani.", "ASSAULT")
    assert countries(e["actors"]) == {"SYR"}


def test_group_noun_recipient_takes_the_sentence_country(nlp: Any) -> None:
    e = one(nlp, "Turkish President Recep Tayyip Erdogan criticized Kurdish journalists "
                 "in Ankara.", "ACCUSE")
    assert countries(e["recipients"]) == {"TUR"}


def test_the_sanctions_named_again_keep_their_target(nlp: Any) -> None:
    found = events(nlp, "The European Union imposed new sanctions on Iran on Monday. The EU "
                        "foreign policy chief announced the sanctions at a news conference "
                        "in Brussels.")
    later = [e for e in found if e["trigger"]["text"] == "announced"]
    assert later and countries(later[0]["recipients"]) == {"IRN"}


def test_a_bare_person_object_borrows_no_earlier_target(nlp: Any) -> None:
    found = events(nlp, "Iran attacked Kurdish positions in Iraq. Iranian lawmakers "
                        "attacked the president over the raid.")
    later = [e for e in found if e["trigger"]["start"] > 40]
    assert all("IRQ" not in countries(e["recipients"]) for e in later)


def test_the_weapon_clause_names_the_target(nlp: Any) -> None:
    e = one(nlp, "Hezbollah fired rockets that hit Israeli towns on Sunday.", "ASSAULT")
    assert countries(e["actors"]) == {"LBN"} and countries(e["recipients"]) == {"ISR"}


def test_demanded_clause_misparsed_as_a_noun_keeps_its_subject(nlp: Any) -> None:
    e = one(nlp, "Republican senators joined Democrats to demand that President Trump stop "
                 "jailing migrant parents.", "REQUEST")
    assert countries(e["recipients"]) == {"USA"}


def test_memo_alleging_wrongdoing_is_its_authors_accusation(nlp: Any) -> None:
    e = one(nlp, "Senate Democrats described the program in a memo alleging abuses by the "
                 "FBI.", "ACCUSE")
    assert countries(e["actors"]) == {"USA"}


def test_claimed_act_names_the_target_of_the_claim(nlp: Any) -> None:
    e = one(nlp, "The Islamic State claimed responsibility for the bombing of a Shiite mosque "
                 "in Kuwait.", "ASSAULT")
    assert countries(e["recipients"]) == {"KWT"}
