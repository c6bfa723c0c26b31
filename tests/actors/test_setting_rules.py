"""A surname the parser labelled an organisation, and state bodies named without a country."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.actors.test_resolve import _at, _resolve

if TYPE_CHECKING:
    from spacy.language import Language


def test_surname_tagged_as_organisation_is_the_person(nlp: Language) -> None:
    text = ("President Trump met Russian President Vladimir Putin in Helsinki. "
            "Trump also closed the Russian consulate in Seattle.")
    entities = _resolve(nlp, text)
    first = _at(entities, text, "Trump")
    later = text.index("Trump also") + 1
    second = next(e for e in entities
                  if any(m["start"] <= later < m["end"] for m in e["mentions"]))
    assert first is not None and second["id"] == first["id"]
    assert second["code"] == "USAGOV"


def test_known_organisation_is_not_taken_for_a_surname(nlp: Language) -> None:
    text = "Senator Ahmed Hamas spoke on Monday. Hamas fired rockets at Israel."
    later = text.index("Hamas fired") + 1
    entity = next(e for e in _resolve(nlp, text)
                  if any(m["start"] <= later < m["end"] for m in e["mentions"]))
    assert entity["kind"] != "person"


def test_the_government_takes_the_country_of_the_article(nlp: Language) -> None:
    text = ("Millions of workers in India went on strike on Wednesday. Unions in India "
            "called the strike over labour reforms. The government had warned strikers "
            "that they would face consequences.")
    entity = _at(_resolve(nlp, text), text, "government")
    assert entity is not None and entity["country"] == "IND" and entity["sector"] == "GOV"


def test_acronym_written_as_a_word_is_found() -> None:
    from communique.actors.kb import load_kb

    kb = load_kb()
    nato = kb.lookup("Nato")
    assert nato is not None and nato.code == "IGOWSTNAT"
    assert kb.lookup("Us") is None  # short words are never read as acronyms


def test_acronym_joins_the_organisation_it_abbreviates(nlp: Language) -> None:
    text = ("The Chinese Communist Party (CCP) said it would abide by the agreement. "
            "Later the CCP imposed the law.")
    later = text.index("the CCP") + 4
    entity = next(e for e in _resolve(nlp, text)
                  if any(m["start"] <= later < m["end"] for m in e["mentions"]))
    assert entity["country"] == "CHN" and entity["name"] == "Chinese Communist Party"


def test_the_army_takes_the_country_of_the_article(nlp: Language) -> None:
    text = ("Egypt's crisis deepened on Monday as Egyptian officials met in Cairo. "
            "The army has threatened to turn its guns on those who use violence.")
    entity = _at(_resolve(nlp, text), text, "army")
    assert entity is not None and entity["code"] == "EGYMIL"


def test_an_army_without_the_article_is_not_placed(nlp: Language) -> None:
    text = ("Egypt's crisis deepened on Monday as Egyptian officials met in Cairo. "
            "An army of volunteers cleaned the streets.")
    entity = _at(_resolve(nlp, text), text, "army")
    assert entity is None or entity["country"] is None


def test_a_named_ministry_without_a_country_takes_the_context(nlp: Language) -> None:
    text = ("Protests spread across Egypt on Friday, and Egyptian police closed roads in "
            "Cairo. The Interior Ministry banned the rally.")
    entity = _at(_resolve(nlp, text), text, "Interior Ministry")
    assert entity is not None and entity["country"] == "EGY" and entity["sector"] == "GOV"


def test_parties_named_without_their_country(nlp: Language) -> None:
    text = ("A group of House Democrats condemned the move. The BJP rejected the demand. "
            "The Brotherhood called for protests. The Sweden Democrats gained seats.")
    entities = _resolve(nlp, text)
    house = _at(entities, text, "House Democrats")
    assert house is not None and house["code"] == "USALEG"
    bjp = _at(entities, text, "BJP")
    assert bjp is not None and bjp["country"] == "IND"
    brotherhood = _at(entities, text, "Brotherhood")
    assert brotherhood is not None and brotherhood["country"] == "EGY"
    sweden = _at(entities, text, "Sweden Democrats")
    assert sweden is not None and sweden["country"] == "SWE"


def test_demonym_and_role_noun_name_the_entity_together(nlp: Language) -> None:
    text = "Indian health officials said the virus was under control."
    entity = _at(_resolve(nlp, text), text, "health officials")
    assert entity is not None and entity["name"] == "Indian health officials"


def test_a_later_title_naming_the_country_wins_over_the_setting(nlp: Language) -> None:
    text = ("India struck targets across the border on Wednesday. India said the strikes "
            "hit militant camps. Prime Minister Shehbaz Sharif called an emergency meeting. "
            "India's army said it was ready. Pakistan's Prime Minister Shehbaz Sharif said "
            "his country would respond.")
    entity = _at(_resolve(nlp, text), text, "Shehbaz Sharif")
    assert entity is not None and entity["country"] == "PAK"


def test_a_country_is_called_by_its_name_not_a_place_merged_into_it(nlp: Language) -> None:
    text = ("India said it fired missiles at nine sites. A photographer documented debris in "
            "the outskirts of Srinagar. India said the strikes were measured.")
    entity = _at(_resolve(nlp, text), text, "India")
    assert entity is not None and entity["name"] == "India"


def test_the_head_of_a_company_or_foundation_holds_no_state_office(nlp: Language) -> None:
    text = ("India fired missiles at Pakistan on Wednesday. India said the strikes were "
            "measured. \"This is dangerous,\" said Louise Richardson, president of the "
            "Carnegie Corporation.")
    entity = _at(_resolve(nlp, text), text, "Louise Richardson")
    assert entity is not None and entity["sector"] is None and entity["code"] is None
