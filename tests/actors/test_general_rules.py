"""Round-3 general rules: misspelt country words, "the president of X", owner of troops,
dated people without a date that fits, ethnic leaders, capital-led organisation names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.actors.kb import load_kb
from tests.actors.test_resolve import _at, _resolve

if TYPE_CHECKING:
    from spacy.language import Language


def test_correct_reads_one_edit_country_words() -> None:
    kb = load_kb()
    assert kb.correct("Camerron") == "cameroon"
    assert kb.correct("Hollande") is None  # a president's surname, not a misspelt Holland
    assert kb.correct("Argentinna") == "argentina"
    assert kb.correct("Ethiopia") is None  # spelt right: nothing to correct
    assert kb.correct("Niger") is None  # too short to guess at
    assert kb.correct("Boston") is None
    assert kb.correct("lowercase") is None


def test_misspelt_country_is_coded(nlp: Language) -> None:
    text = "Officials said Camerron would send food to the border towns."
    entity = _at(_resolve(nlp, text), text, "Camerron")
    assert entity is not None and entity["country"] == "CMR"


def test_title_of_country(nlp: Language) -> None:
    text = "The talks were hosted by the king of Morocco last week."
    entity = _at(_resolve(nlp, text), text, "king")
    assert entity is not None and entity["country"] == "MAR" and entity["sector"] == "GOV"


def test_troops_belong_to_the_subject_that_has_them(nlp: Language) -> None:
    text = "Germany has about 1,000 troops in Mali training the army there."
    entity = _at(_resolve(nlp, text), text, "troops")
    assert entity is not None and entity["country"] == "DEU"


def test_ethnic_leaders_are_elites(nlp: Language) -> None:
    text = "Igbo leaders met in Enugu on Saturday to discuss the new constitution for Nigeria."
    entity = _at(_resolve(nlp, text), text, "Igbo leaders")
    assert entity is not None and entity["country"] == "NGA" and entity["sector"] == "ELI"


def test_dictionary_person_keeps_country_off_dates(nlp: Language) -> None:
    # Phoenix lists Francois Mitterrand with dated codes (1934-1996); a date outside them
    # (here the PLOVER placeholder kind, 2010) still gives his country, not his office.
    text = "Francois Mitterrand was remembered at a ceremony in the capital."
    entity = _at(_resolve(nlp, text, published="2010-01-01"), text, "Francois Mitterrand")
    assert entity is not None and entity["country"] == "FRA"


def test_organisation_opened_by_a_capital(nlp: Language) -> None:
    text = "Students at Nairobi University staged a sit-in over fees."
    entity = _at(_resolve(nlp, text), text, "Nairobi University")
    assert entity is not None and entity["country"] == "KEN" and entity["sector"] == "EDU"


def test_group_from_demonym_after_from(nlp: Language) -> None:
    text = "Doctors from three Swedish charities opened a clinic in Kabul last month."
    entity = _at(_resolve(nlp, text), text, "Doctors")
    assert entity is not None and entity["country"] == "SWE"


def test_honorific_before_an_organisation_tag_names_a_person(nlp: Language) -> None:
    text = ("US Secretary of State Antony Blinken arrived in Riga. After meeting the "
            "presidents of Estonia and Latvia, Mr Blinken said the alliance was strong.")
    entity = _at(_resolve(nlp, text), text, "Blinken", nth=1)
    assert entity is not None and entity["kind"] == "person" and entity["country"] == "USA"


def test_bare_administration_is_the_one_named_before(nlp: Language) -> None:
    text = ("The Obama administration imposed sanctions on Moscow. The administration "
            "also plans to deny licences for items that could help Russia's army.")
    entity = _at(_resolve(nlp, text), text, "administration", nth=1)
    assert entity is not None and entity["country"] == "USA"


def test_development_banks_and_blocs_are_intergovernmental(nlp: Language) -> None:
    text = "The ADB said it would lend Laos money, and the Non-Aligned Movement backed Cuba."
    entities = _resolve(nlp, text)
    for phrase in ("ADB", "Non-Aligned Movement"):
        entity = _at(entities, text, phrase)
        assert entity is not None and entity["country"] == "IGO"


def test_clerics_and_hostages_take_the_country_of_their_sentence(nlp: Language) -> None:
    text = "Jordanian officials said gunmen had seized several clerics near Amman."
    entity = _at(_resolve(nlp, text), text, "clerics")
    assert entity is not None and entity["country"] == "JOR" and entity["sector"] == "REL"
