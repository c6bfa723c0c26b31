"""Round-4 general rules (issue 3 follow-up): attitude prefixes, portfolio titles, places
after "based in"/"from", civil-society and armed-group nouns, organisation names opened by a
demonym, unlisted international bodies, state media, multinational forces, civilian
property, embassies in the context count, and the evaluator's reading of gold actor text.
Every sentence here is written for the test (no reference-data text)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from communique.actors.cluster import _dictionary_facts
from communique.actors.kb import load_kb, one_edit
from communique.actors.orgs import international_body
from communique.actors.resolve import resolve_doc
from communique.evaluate.actors_suite import locate
from tests.actors.test_resolve import _at, _resolve

if TYPE_CHECKING:
    from spacy.language import Language


def _coded(nlp: Language, text: str, mention: str) -> tuple[object, object, object]:
    entity = _at(_resolve(nlp, text), text, mention)
    assert entity is not None, mention
    return entity["country"], entity["sector"], entity["code"]


def test_anti_prefix_does_not_give_the_country(nlp: Language) -> None:
    country, sector, _ = _coded(nlp, "Anti-American protesters burned flags in Karachi on "
                                     "Friday.", "protesters")
    assert country != "USA" and sector == "CVL"


def test_pro_prefix_does_not_give_the_country(nlp: Language) -> None:
    country, sector, _ = _coded(nlp, "Pro-Russian separatists shelled the town of Avdiivka "
                                     "in Ukraine.", "separatists")
    assert country != "RUS" and sector == "REB"


def test_visiting_stands_between_country_and_title(nlp: Language) -> None:
    text = "Egyptian officials welcomed Jordan's visiting King Abdullah II in Cairo."
    entity = _at(_resolve(nlp, text), text, "Jordan's")
    assert entity is not None and entity["kind"] == "person"
    assert (entity["country"], entity["sector"], entity["role"]) == ("JOR", "GOV", "King")


def test_minister_for_portfolio_is_a_title(nlp: Language) -> None:
    text = "Malaysian Minister for Home Affairs Rajiv Menon said the curfew would be lifted."
    assert _coded(nlp, text, "Rajiv Menon") == ("MYS", "GOV", "MYSGOV")


def test_group_based_in_a_region_named_with_a_direction(nlp: Language) -> None:
    # "Northern Ireland" is the place's own name, not the north of Ireland.
    text = "A militant group based in Northern Ireland claimed the bombing."
    assert _coded(nlp, text, "militant group") == ("GBR", "REB", "GBRREB")


def test_person_from_a_city(nlp: Language) -> None:
    text = "A Christian missionary from Toronto was arrested in Lebanon."
    assert _coded(nlp, text, "missionary")[:2] == ("CAN", "REL")


def test_civilian_advisers(nlp: Language) -> None:
    text = "Insurgents abducted six Russian civilian advisers near the dam."
    assert _coded(nlp, text, "Russian civilian advisers") == ("RUS", "CVL", "RUSCVL")


def test_rights_group_without_country_is_an_ngo(nlp: Language) -> None:
    text = "A human rights group said the trial was unfair."
    assert _coded(nlp, text, "human rights group") == ("NGO", "SOC", "NGOHRI")
    text = "A Russian human rights group said the trial was unfair."
    assert _coded(nlp, text, "human rights group")[0] == "RUS"


def test_organisation_name_opened_by_a_demonym(nlp: Language) -> None:
    # The whole name is one organisation: its members ("Teachers") give the sector.
    text = "The Kenyan Union of Teachers called off its strike."
    assert _coded(nlp, text, "Kenyan Union of Teachers") == ("KEN", "EDU", "KENEDU")


def test_unlisted_international_bodies(nlp: Language) -> None:
    text = "The International Maritime Office criticised the blockade."
    assert _coded(nlp, text, "International Maritime Office")[0] == "IGO"
    text = "The Association of Asian Fishermen criticised the new quotas."
    assert _coded(nlp, text, "Association of Asian Fishermen")[0] == "NGO"


@pytest.mark.parametrize(("name", "expected"), [
    ("international labour office", "IGO"),
    ("third world water forum", "NGO"),
    ("association of african jurists", "NGO"),
    ("center for strategic and international studies", None),  # a domestic think tank
    ("international ladies garment workers union", None),  # unions are left out
    ("islamic salvation front", None),  # no international scope word
])
def test_international_body(name: str, expected: str | None) -> None:
    assert international_body(name.split()) == expected


def test_official_newspaper_is_the_government(nlp: Language) -> None:
    text = "An official Iranian newspaper accused Washington of lying."
    assert _coded(nlp, text, "newspaper") == ("IRN", "GOV", "IRNGOVMED")


def test_regional_force_is_intergovernmental(nlp: Language) -> None:
    text = "The rebels rejected the deployment of a regional peacekeeping force."
    assert _coded(nlp, text, "force")[:2] == ("IGO", "MIL")


def test_demonym_before_homes_is_civilians(nlp: Language) -> None:
    text = "Bulldozers destroyed Lebanese homes near the border."
    assert _coded(nlp, text, "Lebanese") == ("LBN", "CVL", "LBNCVL")


def test_embassy_is_not_where_the_agents_are(nlp: Language) -> None:
    text = "Protesters marched through Paris to the Chinese Embassy on Sunday."
    assert _coded(nlp, text, "Protesters")[0] == "FRA"
    assert _coded(nlp, text, "Chinese Embassy")[:2] == ("CHN", "GOV")


def test_leaders_forces_belong_to_the_leaders_country(nlp: Language) -> None:
    text = "Assad's forces shelled the town on Monday, residents said."
    entity = _at(_resolve(nlp, text, published="2015-01-01"), text, "forces")
    assert entity is not None and (entity["country"], entity["sector"]) == ("SYR", "MIL")


def test_dictionary_facts_text_title_wins() -> None:
    kb = load_kb()
    assert _dictionary_facts(kb, "RUSGOV", None, None) == ("RUS", "GOV", "RUSGOV")
    # The text already titled the person (sector MIL): only the country is taken.
    assert _dictionary_facts(kb, "RUSGOV", "MIL", None) == ("RUS", "MIL", None)
    assert _dictionary_facts(kb, "JAPGOV", None, None)[0] == "JPN"  # legacy code mapped


def test_one_edit() -> None:
    assert one_edit("Ghanians", "Ghanaians") and one_edit("Quatar", "Qatar")
    assert not one_edit("Niger", "Nigeria") and not one_edit("same", "same")


def test_locate_reads_gold_text_loosely() -> None:
    sentence = "Leaders of the Azadliq (Freedom) opposition coalition met in Baku."
    assert locate(sentence, "Azadliq (Freedom)  opposition coalition") == (15, 53)
    sentence = "Thousands of people .. marched in the capital on Sunday."
    found = locate(sentence, "Thousands of people .. in the capital")
    assert found is not None and sentence[found[0]:found[1]] == "Thousands of people"
    sentence = "Benin refused admittance to Ghanaians at the border."
    found = locate(sentence, "Ghanians")
    assert found is not None and sentence[found[0]:found[1]] == "Ghanaians"
    assert locate("Nobody is named here.", "Greek-Cypriot") is None


DATED_ONLY = """HUGO_HACKENBUSH_
\t[FRAGOV 900101-901231]
HACKENBUSH_  [FRAELI]
"""


def test_dictionary_lookup_tries_shorter_names(nlp: Language, tmp_path: Path) -> None:
    # The full name's only code does not apply on the article date: the bare surname's
    # undated entry is tried next instead of giving up after the longest name.
    from communique.actors.petrarch import kb_with_dictionaries

    path = tmp_path / "dated.actors.txt"
    path.write_text(DATED_ONLY, encoding="utf-8")
    kb = kb_with_dictionaries([path])
    text = "Hugo Hackenbush spoke to reporters in the capital."
    doc = nlp.make_doc(text)
    doc._.communique_structure = {"article_id": "t", "published": "2020-06-01",
                                  "outlet": None, "headings": [], "dateline": None}
    for name, proc in nlp.pipeline:
        if name not in ("communique_actors", "communique_quotes", "communique_events"):
            doc = proc(doc)
    entity = _at(resolve_doc(doc, kb)[0], text, "Hugo Hackenbush")
    assert entity is not None and (entity["country"], entity["sector"]) == ("FRA", "ELI")


def test_demonyms_share_the_role_noun_after_them(nlp: Language) -> None:
    # Read from the words, whatever the parse makes of the two-word demonym.
    text = "Guards beat dozens of Sierra Leonean and Liberian refugees at the camp."
    assert _coded(nlp, text, "Sierra Leonean")[:2] == ("SLE", "REF")
    assert _coded(nlp, text, "Liberian refugees")[:2] == ("LBR", "REF")
