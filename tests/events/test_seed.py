"""Acceptance on the seed article (The Moscow Times, published 2024-04-09)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import communique


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> dict[str, Any]:
    [doc] = communique.extract(str(seed_path), published="2024-04-09")
    return doc


def find(doc: dict[str, Any], plover: str, trigger: str) -> list[dict[str, Any]]:
    return [e for e in doc["events"] if e["plover"] == plover
            and e["trigger"]["text"].lower().startswith(trigger)]


def countries(refs: list[dict[str, Any]]) -> set[str]:
    return {r["country"] for r in refs}


def test_meetings_and_talks(seed: dict[str, Any]) -> None:
    meetings = find(seed, "CONSULT", "met") + find(seed, "CONSULT", "held")
    assert len(meetings) >= 3
    for e in meetings:
        assert countries(e["actors"]) == {"RUS"} and countries(e["recipients"]) == {"CHN"}
        assert e["date"]["value"] == "2024-04-09"
    names = {r["name"] for e in meetings for r in e["recipients"]}
    assert any("Xi" in n for n in names) and any("Wang" in n for n in names)
    assert any((e["location"] or {}).get("name") == "Beijing" for e in meetings)


def test_praise_and_thanks(seed: dict[str, Any]) -> None:
    praise = find(seed, "SUPPORT", "express")
    assert praise and countries(praise[0]["recipients"]) == {"CHN"}
    assert praise[0]["modality"]["reported"] and praise[0]["reported_by"].startswith("Q")
    thanks = find(seed, "SUPPORT", "thank")
    assert thanks and countries(thanks[0]["actors"]) == {"RUS"}
    assert countries(thanks[0]["recipients"]) == {"CHN"}


def test_reciprocal_intent_to_strengthen(seed: dict[str, Any]) -> None:
    first = [e for e in find(seed, "AGREE", "strengthen") if e["sentence"]["index"] == 0]
    assert first
    e = first[0]
    assert e["reciprocal"] and e["modality"]["intent"]
    assert countries(e["actors"]) == countries(e["recipients"]) == {"CHN", "RUS"}
    assert e["cameo"].startswith("03")


def test_congratulations(seed: dict[str, Any]) -> None:
    e = find(seed, "SUPPORT", "send")
    assert e and countries(e[0]["actors"]) == {"CHN"}


def test_us_warns_and_urges_beijing(seed: dict[str, Any]) -> None:
    warn = [e for e in find(seed, "THREATEN", "warn") if countries(e["recipients"]) == {"CHN"}]
    urge = find(seed, "REQUEST", "urge")
    assert warn and countries(warn[0]["actors"]) == {"USA"}
    assert urge and countries(urge[0]["actors"]) == {"USA"}
    assert countries(urge[0]["recipients"]) == {"CHN"}


def test_yellen_visit(seed: dict[str, Any]) -> None:
    visits = [e for e in seed["events"] if e["plover"] == "CONSULT" and e["cameo"] == "042"
              and countries(e["actors"]) == {"USA"}]
    assert visits and countries(visits[0]["recipients"]) == {"CHN"}
    assert visits[0]["date"]["value"] == "2024-04-08"


def test_accuses_the_west(seed: dict[str, Any]) -> None:
    e = find(seed, "ACCUSE", "accuse")
    assert e and countries(e[0]["actors"]) == {"RUS"}
    assert "West" in e[0]["recipients"][0]["name"]


def test_october_visit_is_historical(seed: dict[str, Any]) -> None:
    e = [x for x in find(seed, "CONSULT", "visited") if x["date"]["value"] == "2023-10"]
    assert e and e[0]["modality"]["historical"]
    assert all(not x["modality"]["historical"] for x in find(seed, "CONSULT", "met"))


def test_nothing_from_the_donation_appeal(seed: dict[str, Any], seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    appeal = raw.index("A Message from The Moscow Times")
    assert all(e["trigger"]["end"] <= appeal for e in seed["events"])


def test_no_statement_fallback_and_fields(seed: dict[str, Any]) -> None:
    text = seed["article"]["text"]
    ids = set()
    for e in seed["events"]:
        assert not e["cameo"].startswith("01")
        assert e["actors"] and 1 <= e["quad"] <= 4
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        ids.add(e["id"])
    assert len(ids) == len(seed["events"])
