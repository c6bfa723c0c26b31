"""Precision filters: background clauses, content clauses, wrong senses, questions, media.

Sentences written for these tests (no evaluation-set text).
"""

from __future__ import annotations

from typing import Any

from tests.events.test_coder import events


def types(nlp: Any, text: str) -> set[str]:
    return {e["plover"] for e in events(nlp, text)}


def test_noun_modifying_participle_is_background(nlp: Any) -> None:
    found = events(nlp, "Chile lifted the curfew imposed on Santiago after the riots.")
    assert "COERCE" not in {e["plover"] for e in found}


def test_passive_relative_clause_is_background(nlp: Any) -> None:
    text = "Peru freed the envoys, who had been kidnapped by rebels in Lima."
    assert "ASSAULT" not in types(nlp, text)


def test_purpose_clause_is_content_of_the_main_act(nlp: Any) -> None:
    found = events(nlp, "Thousands of Kenyans demonstrated in Nairobi to demand new elections.")
    assert "PROTEST" in {e["plover"] for e in found}
    assert "REQUEST" not in {e["plover"] for e in found}


def test_participle_outcome_of_violence_is_kept(nlp: Any) -> None:
    text = "Syrian troops shelled the town of Idlib on Monday, killing twelve civilians."
    assert "ASSAULT" in types(nlp, text)


def test_cancelled_noun_event_is_no_event(nlp: Any) -> None:
    text = "The European Union lifted its embargo on Belarus."
    assert "COERCE" not in types(nlp, text) and "SANCTION" not in types(nlp, text)


def test_projected_noun_event_is_no_event(nlp: Any) -> None:
    text = "Japan rejected an offer of talks with North Korea."
    assert "CONSULT" not in types(nlp, text)


def test_party_object_sense_restriction(nlp: Any) -> None:
    assert not events(nlp, "The Canadian government released a new poll on Tuesday.")
    assert not events(nlp, "The French president attended a fashion show in Paris.")
    e = [e for e in events(nlp, "Iran released two British sailors on Friday.")
         if e["plover"] == "RETREAT"]
    assert e


def test_questions_report_no_event(nlp: Any) -> None:
    assert not events(nlp, "Did Germany attack Poland?")


def test_default_sense_of_ambiguous_verbs_is_off(nlp: Any) -> None:
    assert not events(nlp, "China considers Taiwan part of its territory.")
    assert not events(nlp, "Ukraine heard several explosions overnight.")


def test_failed_to_is_a_rejection(nlp: Any) -> None:
    e = [e for e in events(nlp, "Israel and Egypt failed to reach an agreement on Gaza.")
         if e["plover"] == "REJECT"]
    assert e


def test_media_are_not_doers_of_material_acts() -> None:
    from communique.events.salience import plausible_actors

    media = {"entity": "E1", "name": "Reuters", "country": "GBR", "sector": "MED",
             "code": "GBRMED"}
    state = {"entity": "E2", "name": "Israel", "country": "ISR", "sector": None, "code": "ISR"}
    assert plausible_actors([media, state], "190") == [state]
    assert plausible_actors([media], "111") == [media]  # verbal acts stay


def test_dyadic_event_without_party_is_less_confident(nlp: Any) -> None:
    with_party = [e for e in events(nlp, "Brazil supports Argentina.")
                  if e["plover"] == "SUPPORT"]
    alone = [e for e in events(nlp, "Brazil supports the reform.")
             if e["plover"] == "SUPPORT"]
    assert with_party
    if alone:
        assert alone[0]["confidence"] < with_party[0]["confidence"]


def test_time_clause_next_to_another_act_is_background(nlp: Any) -> None:
    text = "Iran expelled British diplomats after American officials accused Tehran of lying."
    found = events(nlp, text)
    assert any(e["plover"] in ("SANCTION", "COERCE") for e in found)
    assert "ACCUSE" not in {e["plover"] for e in found}


def test_content_of_a_demand_is_no_second_event(nlp: Any) -> None:
    found = events(nlp, "Germany demanded that Russia withdraw its troops from Moldova.")
    assert {e["plover"] for e in found} == {"REQUEST"}


def test_statement_of_fact_is_no_threat(nlp: Any) -> None:
    assert "THREATEN" not in types(nlp, "The Indian minister cautioned that no date had been set.")
    assert "THREATEN" in types(nlp, "India warned Pakistan against further incursions.")


def test_declined_to_comment_is_no_rejection(nlp: Any) -> None:
    assert "REJECT" not in types(nlp, "The German foreign ministry declined to comment.")


def test_demand_noun_codes_its_clause_as_a_demand(nlp: Any) -> None:
    found = [e for e in events(
        nlp, "The European Union renewed its demand that Serbia release the prisoners.")
        if e["plover"] == "REQUEST"]
    assert found
    assert {r["country"] for r in found[0]["recipients"]} == {"SRB"}


def test_default_coded_dyadic_act_needs_its_party(nlp: Any) -> None:
    assert "SUPPORT" not in types(nlp, "Most Germans support raising the minimum wage.")
    assert "SUPPORT" in types(nlp, "Germany supports Ukraine.")


def test_idioms_and_bare_refusals(nlp: Any) -> None:
    assert not events(nlp, "China leads the world when it comes to solar power.")
    assert "REJECT" not in types(nlp, "American economic power declined.")


def test_attacks_by_politicians_are_criticism(nlp: Any) -> None:
    e = [e for e in events(nlp, "The report follows a series of attacks on NATO by President "
                                "Donald Trump.") if e["trigger"]["text"] == "attacks"]
    assert e and e[0]["plover"] == "ACCUSE"
    assert "ASSAULT" in types(nlp, "Russian troops attacked Kharkiv on Tuesday.")


def test_market_figures_are_no_actors(nlp: Any) -> None:
    assert not events(nlp, "The Canadian dollar traded at 74 U.S. cents.")


def test_act_inside_without_clause_did_not_happen(nlp: Any) -> None:
    assert not events(nlp, "France can act without having to ask Germany for permission.")


def test_conjunct_of_urged_content_is_content(nlp: Any) -> None:
    found = events(nlp, "Britain is urging India and Pakistan to show restraint and engage in "
                        "direct dialogue.")
    assert {e["plover"] for e in found} == {"REQUEST"}


def test_hosting_a_sports_event_is_no_consultation(nlp: Any) -> None:
    assert "CONSULT" not in types(nlp, "Ireland hosts the Irish Open next year.")


def test_indirect_question_reports_nothing(nlp: Any) -> None:
    text = "Whether Venezuela will agree to the American deal remains unclear."
    assert "AGREE" not in types(nlp, text)


def test_private_parties_do_not_impose_state_coercion() -> None:
    from communique.events.salience import plausible_actors

    students = {"entity": "E1", "name": "students", "country": "USA", "sector": "EDU",
                "code": "USAEDU"}
    police = {"entity": "E2", "name": "police", "country": "USA", "sector": "COP",
              "code": "USACOP"}
    assert plausible_actors([students, police], "173") == [police]
    assert plausible_actors([students], "191") == [students]  # blockades by protesters


def test_protesters_can_seize_a_building(nlp: Any) -> None:
    # an arrest or a confiscation is the state's; taking a building by force is anyone's
    text = "Ukrainian protesters seized several government buildings in Lviv on Tuesday."
    assert "COERCE" in types(nlp, text)
    assert "COERCE" not in types(nlp, "Ukrainian protesters arrested two men in Lviv.")


def test_attack_on_the_police_is_force_not_criticism(nlp: Any) -> None:
    assert "ASSAULT" in types(nlp, "Hundreds of Ukrainian protesters attacked the police.")
    assert "ACCUSE" in types(nlp, "Senator Lindsey Graham attacked the Justice Department.")


def test_attack_on_positions_is_force_whatever_the_pattern(nlp: Any) -> None:
    # "ATTACK * GOVERNMENT" is criticism of a government, not of its positions
    text = "Pro-Russian separatists in eastern Ukraine attacked government positions."
    assert "ASSAULT" in types(nlp, text) and "ACCUSE" not in types(nlp, text)


def test_release_of_a_quoted_title_is_no_release_of_people(nlp: Any) -> None:
    text = ("The White House released a “Strategic Approach to the People's Republic of "
            "China” on Wednesday.")
    assert "RETREAT" not in types(nlp, text)
    assert "RETREAT" in types(nlp, "Iran released three American prisoners on Sunday.")


def test_act_dated_by_a_later_one_that_comes_after_it_is_reported(nlp: Any) -> None:
    found = events(nlp, "The Israeli raid comes a week after Hamas fired rockets at Tel Aviv.")
    assert any(e["plover"] == "ASSAULT" and e["trigger"]["text"] == "fired" for e in found)
    found = events(nlp, "Russia expelled two diplomats after US officials accused Moscow of "
                        "spying.")
    assert not any(e["trigger"]["text"] == "accused" for e in found)


def test_where_clause_with_its_own_subject_reports_an_act(nlp: Any) -> None:
    found = events(nlp, "NATO leaders discussed Afghanistan, where Taliban militants launched "
                        "a deadly attack on a government compound.")
    assert any(e["plover"] == "ASSAULT" for e in found)


def test_act_being_prepared_is_the_act_with_intent_not_a_threat(nlp: Any) -> None:
    found = events(nlp, "Russia is preparing to deploy troops to the border.")
    assert any(e["plover"] == "MOBILIZE" for e in found)
    found = events(nlp, "The government is prepared to impose martial law.")
    assert all(e["plover"] == "THREATEN" for e in found)
