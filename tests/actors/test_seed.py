"""Issue 3 acceptance on the seed article, and every field of the entity format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from communique.actors.lookup import entity_for_span
from communique.actors.resolve import resolve_doc
from communique.evaluate.actors_suite import seed_checks

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def seed(nlp: Language, seed_path: Path) -> tuple[str, list[dict[str, Any]],
                                                   list[dict[str, Any]]]:
    text = seed_path.read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc._.communique_structure = {"article_id": "seed", "published": "2024-04-09",
                                  "outlet": None, "headings": [], "dateline": None}
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names
                                   if n in ("communique_quotes", "communique_events")]):
        doc = nlp(doc)
    return text, doc._.communique_entities, doc._.communique_learned


def _person(entities: list[dict[str, Any]], name: str) -> dict[str, Any]:
    found = [e for e in entities if e["name"] == name]
    assert len(found) == 1, f"{name}: {len(found)} clusters"
    return found[0]


@pytest.mark.parametrize(("name", "surname", "country"), [
    ("Sergei Lavrov", "Lavrov", "RUS"), ("Xi Jinping", "Xi", "CHN"), ("Wang Yi", "Wang", "CHN"),
    ("Vladimir Putin", "Putin", "RUS"), ("Antony Blinken", "Blinken", "USA"),
    ("Janet Yellen", "Yellen", "USA")])
def test_people_form_one_cluster_with_country_and_gov(seed: Any, name: str, surname: str,
                                                      country: str) -> None:
    _, entities, _ = seed
    person = _person(entities, name)
    assert person["kind"] == "person"
    assert (person["country"], person["sector"], person["code"]) == (country, "GOV",
                                                                     country + "GOV")
    others = [e for e in entities if e is not person and any(
        m["text"] == surname for m in e["mentions"])]
    assert not others


def test_descriptors_join_lavrov(seed: Any) -> None:
    text, entities, _ = seed
    lavrov = _person(entities, "Sergei Lavrov")
    assert lavrov["role"] == "Foreign Minister"
    for phrase in ("Moscow's top diplomat", "The Russian minister"):
        at = text.index(phrase)
        assert entity_for_span(entities, at, at + len(phrase)) is lavrov


def test_metonyms_are_governments(seed: Any) -> None:
    text, entities, _ = seed
    at = text.index("Beijing and Moscow will")
    beijing = entity_for_span(entities, at, at + 7)
    moscow = entity_for_span(entities, at + 12, at + 18)
    assert beijing is not None and beijing["code"] == "CHNGOV" and beijing["kind"] == "country"
    assert moscow is not None and moscow["code"] == "RUSGOV"
    at = text.index("the Kremlin") if "the Kremlin" in text else -1
    assert at == -1 or entity_for_span(entities, at, at + 11)["code"] == "RUSGOV"  # type: ignore[index]


def test_other_coded_actors(seed: Any) -> None:
    text, entities, _ = seed
    at = text.index("U.S. officials")
    us = entity_for_span(entities, at, at + 14)
    assert us is not None and us["code"] == "USAGOV"
    at = text.index("CCTV")
    cctv = entity_for_span(entities, at, at + 4)
    # State broadcaster: sector GOV, the first sector element of its CAMEO code CHNGOVMED.
    assert cctv is not None and cctv["country"] == "CHN" and cctv["sector"] == "GOV"
    at = text.index("the West")
    west = entity_for_span(entities, at, at + 8)
    assert west is not None and west["country"] == "WST"


def test_pronouns_and_counterpart(seed: Any) -> None:
    text, entities, _ = seed
    wang = _person(entities, "Wang Yi")
    assert wang["role"] == "Foreign Minister"  # "his Chinese counterpart" of Lavrov
    at = text.index("where he thanked") + len("where ")
    assert entity_for_span(entities, at, at + 2) is _person(entities, "Sergei Lavrov")
    at = text.index("he added.\n'Vassalage")
    assert entity_for_span(entities, at, at + 2) is wang
    at = text.index("it added")
    readout = entity_for_span(entities, at, at + 2)
    assert readout is not None and "readout" in readout["name"]


def test_every_field(seed: Any) -> None:
    text, entities, learned = seed
    assert [e["id"] for e in entities] == [f"E{i}" for i in range(1, len(entities) + 1)]
    firsts = [min(m["start"] for m in e["mentions"]) for e in entities]
    assert firsts == sorted(firsts)
    for entity in entities:
        assert set(entity) >= {"id", "name", "kind", "country", "sector", "code", "role",
                               "mentions", "evidence"}
        assert entity["kind"] in ("person", "organisation", "country", "group")
        for m in entity["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
            assert m["type"] in ("name", "title", "descriptor", "pronoun", "metonym", "demonym")
        for ev in entity["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    yellen = _person(entities, "Janet Yellen")
    assert yellen["role"] == "Treasury Secretary"
    assert yellen["evidence"][0]["text"] == "Treasury Secretary Janet Yellen"
    facts = {f["name"]: f for f in learned}
    assert facts["Janet Yellen"]["date"] == "2024-04-09"
    assert facts["Janet Yellen"]["country"] == "USA"


def test_seed_check_helper_all_pass(seed: Any) -> None:
    text, entities, _ = seed
    checks = seed_checks(text, entities)
    assert all(checks.values()), [k for k, v in checks.items() if not v]


def test_former_kept_in_role(nlp: Language) -> None:
    doc = nlp("Former President Donald Trump said on Monday that he would appeal.")
    entities, _ = resolve_doc(doc)
    trump = next(e for e in entities if e["name"] == "Donald Trump")
    assert trump["role"] == "former President" and trump["sector"] == "ELI"
