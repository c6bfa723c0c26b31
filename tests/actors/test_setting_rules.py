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
