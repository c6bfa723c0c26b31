"""Hand-written ``communique/1`` documents for the store tests (formats of issues 3-5)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

WIRE = (
    "Russian Foreign Minister Sergei Lavrov met Chinese President Xi Jinping in Beijing on "
    "Tuesday, and the two sides agreed to deepen their strategic partnership, officials said. "
    "Lavrov also held talks with his Chinese counterpart Wang Yi on security in Asia."
)


def ref(entity: str, name: str, country: str, sector: str | None = "GOV") -> dict[str, Any]:
    """An entity ref as events embed it."""
    return {"entity": entity, "name": name, "country": country, "sector": sector,
            "code": country + (sector or "")}


def entity(eid: str, name: str, country: str, start: int, end: int,
           role: str | None = None) -> dict[str, Any]:
    """An entity cluster with one name mention and one pronoun mention."""
    return {
        "id": eid, "name": name, "kind": "person", "country": country, "sector": "GOV",
        "code": country + "GOV", "role": role,
        "mentions": [{"start": start, "end": end, "text": name, "type": "name"},
                     {"start": end + 10, "end": end + 12, "text": "he", "type": "pronoun"}],
        "evidence": [{"start": start, "end": end, "text": name}],
    }


BEIJING: Mapping[str, Any] = MappingProxyType({
    "text": "in Beijing", "name": "Beijing", "country": "CHN", "lat": 39.9, "lon": 116.4,
    "geonameid": 1816670})


def event(eid: str, plover: str, cameo: str, actors: list[dict[str, Any]],
          recipients: list[dict[str, Any]], day: str | None, *, resolution: str = "day",
          date_text: str | None = "on Tuesday", trigger: tuple[int, int, str] = (30, 33, "met"),
          quad: int = 1, goldstein: float = 1.0, negated: bool = False,
          location: Mapping[str, Any] | None = BEIJING,
          sentence: tuple[int, int] = (0, 120)) -> dict[str, Any]:
    """An event in the issue-5 format."""
    return {
        "id": eid, "plover": plover, "mode": None, "context": ["diplomatic"], "cameo": cameo,
        "quad": quad, "goldstein": goldstein, "actors": actors, "recipients": recipients,
        "reciprocal": False,
        "trigger": {"start": trigger[0], "end": trigger[1], "text": trigger[2]},
        "sentence": {"index": 0, "start": sentence[0], "end": sentence[1]},
        "modality": {"negated": negated, "intent": False, "hypothetical": False,
                     "historical": False, "reported": True},
        "reported_by": None,
        "date": {"text": date_text, "value": day, "resolution": resolution},
        "location": dict(location) if location is not None else None,
        "confidence": 0.8,
    }


def quote(qid: str, text: str, speaker: str | None, entity_id: str | None = "E1",
          start: int = 0) -> dict[str, Any]:
    """A quote in the issue-4 format."""
    return {
        "id": qid, "kind": "direct", "text": text, "start": start, "end": start + len(text),
        "parts": [{"start": start, "end": start + len(text)}],
        "cue": {"start": 0, "end": 4, "text": "said", "lemma": "say"},
        "speaker": None if speaker is None else {
            "entity": entity_id, "name": speaker, "start": 0, "end": 6, "text": "Lavrov"},
        "addressee": None, "channel": {"name": "TASS", "text": "told TASS"},
        "sentence": 1, "paragraph": 0,
    }


def document(article_id: str, text: str, *, published: str | None = "2024-04-09",
             outlet: str | None = "Wire One", url: str | None = None,
             entities: list[dict[str, Any]] | None = None,
             quotes: list[dict[str, Any]] | None = None,
             events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A whole ``communique/1`` document."""
    return {
        "schema": "communique/1",
        "article": {
            "id": article_id, "text": text, "source": {"path": f"/in/{article_id}.txt"},
            "url": url, "outlet": outlet, "title": f"Title {article_id}",
            "published": published, "authors": ["A. Writer"], "language": "en",
        },
        "dateline": None,
        "headings": [{"start": 0, "end": 7, "text": text[:7]}],
        "removed": [{"start": 500, "end": 520, "text": "Subscribe to our news", "reason": "cta"}],
        "entities": entities or [],
        "quotes": quotes or [],
        "events": events or [],
        "provenance": {"version": "0.1.0", "model": "en_test-1.0", "dictionaries": {}},
    }


LAVROV = ref("E1", "Sergei Lavrov", "RUS")
XI = ref("E2", "Xi Jinping", "CHN")
WANG = ref("E3", "Wang Yi", "CHN")


def meeting_corpus() -> list[dict[str, Any]]:
    """Five articles: three report the Lavrov-Xi meeting (one a wire copy, one dated only
    by a weekday one day off), one also the Lavrov-Wang talks (same codes, another
    person), one reports a different event, one is unrelated."""
    ents = [entity("E1", "Sergei Lavrov", "RUS", 25, 38), entity("E2", "Xi Jinping", "CHN", 61, 71),
            entity("E3", "Wang Yi", "CHN", 230, 237)]
    meeting = "Lavrov says Russia and China will stand together against Western pressure."
    return [
        document("art-a", WIRE, outlet="Wire One", url="https://wire.example/a",
                 entities=ents,
                 events=[event("V1", "CONSULT", "040", [LAVROV], [XI], "2024-04-09",
                               date_text="on Tuesday"),
                         event("V2", "CONSULT", "040", [LAVROV], [WANG], "2024-04-09")],
                 quotes=[quote("Q1", meeting, "Sergei Lavrov")]),
        document("art-b", WIRE + " Copyright Wire One.", outlet="Daily Two",
                 url="https://daily.example/b", entities=ents,
                 events=[event("V1", "CONSULT", "040", [LAVROV], [XI], "2024-04-09",
                               date_text="on Tuesday")],
                 quotes=[quote("Q1", meeting.replace("Western", "Western"), "Sergei Lavrov")]),
        document("art-c", "Moscow's top diplomat Lavrov sat down with Xi in Beijing. "
                 "The meeting lasted two hours and covered Ukraine and trade.",
                 outlet="Gazette Three", published="2024-04-10", entities=ents,
                 events=[event("V1", "CONSULT", "040", [LAVROV], [XI], "2024-04-08",
                               date_text="Monday")],
                 quotes=[quote("Q7", "Lavrov says Russia and China will stand together "
                                     "against the Western pressure.", "Sergei Lavrov")]),
        document("art-d", "Lavrov accused the West of trying to contain both Russia and China. "
                 "He spoke at a news conference.", outlet="Gazette Three",
                 entities=ents,
                 events=[event("V1", "ACCUSE", "112", [LAVROV], [ref("E5", "the West", "WST",
                                                                    None)],
                               "2024-04-09", quad=3, goldstein=-2.0, date_text=None,
                               resolution="publication")],
                 quotes=[quote("Q1", "The West wants to contain us.", "Sergei Lavrov"),
                         quote("Q2", "We will answer.", None, None)]),
        document("art-e", "Heavy rain flooded streets in the capital on Monday, officials said.",
                 outlet="Weather Four", published="2024-04-11"),
    ]


def build_db(path: Path, docs: list[dict[str, Any]]) -> Path:
    """A corpus database at ``path`` holding ``docs``, with the corpus-level step run."""
    from communique.store import connect
    from communique.store.corpus_step import resolve
    from communique.store.writer import write_document

    conn = connect(path)
    for doc in docs:
        write_document(conn, doc)
    resolve(conn)
    conn.close()
    return path


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (split after '. ')."""
    spans, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (0 if start + len(part) >= len(text) else 1)
        spans.append((start, end))
        start = end + 1
    return spans


def placed(ev: dict[str, Any], text: str, sentence: int, *, place: tuple[str, str] | None,
           confidence: float) -> dict[str, Any]:
    """``ev`` in sentence ``sentence`` of ``text``, at ``place`` (name, country) or none."""
    start, end = _sentences(text)[sentence]
    ev["sentence"] = {"index": sentence, "start": start, "end": end}
    ev["location"] = None if place is None else {
        "text": f"in {place[0]}", "name": place[0], "country": place[1], "lat": None,
        "lon": None, "geonameid": None}
    ev["confidence"] = confidence
    return ev


ZELENSKY = ref("E4", "Volodymyr Zelensky", "UKR")
BLINKEN = ref("E5", "Antony Blinken", "USA")
UKR_FORCES = ref("E6", "Ukrainian forces", "UKR", "MIL")
EXPLORER_TEXTS = {
    "x-1": ("Lavrov and Xi held talks in Beijing on Tuesday. Lavrov accused Zelensky of "
            "shelling a border town."),
    "x-2": ("Blinken announced sanctions on Russia in Washington. Ukrainian forces shelled "
            "Russian positions near the border."),
    "x-3": "Lavrov sat down with Xi in Beijing on Tuesday to discuss trade and energy.",
}


def explorer_corpus() -> list[dict[str, Any]]:
    """Three articles for the explorer queries: a Russia-China meeting two outlets report
    (merged into one event), a Russian accusation of Ukraine, US sanctions on Russia and an
    undated Ukrainian attack; quotes by Lavrov (in two articles), Blinken and Zelensky, and a
    belief Blinken holds (an attribution the quote views leave out by default)."""
    t1, t2, t3 = EXPLORER_TEXTS["x-1"], EXPLORER_TEXTS["x-2"], EXPLORER_TEXTS["x-3"]
    lavrov, xi = entity("E1", "Sergei Lavrov", "RUS", 0, 6), entity("E2", "Xi Jinping", "CHN",
                                                                     11, 13)
    zelensky = entity("E4", "Volodymyr Zelensky", "UKR", 63, 71)
    blinken = entity("E5", "Antony Blinken", "USA", 0, 7)
    forces = entity("E6", "Ukrainian forces", "UKR", 53, 69) | {"kind": "organisation",
                                                                 "sector": "MIL",
                                                                 "code": "UKRMIL"}
    together = "We will keep working with China on trade and energy."
    return [
        document("x-1", t1, outlet="Wire One", published="2024-01-10",
                 entities=[lavrov, xi, zelensky],
                 events=[placed(event("V1", "CONSULT", "040", [LAVROV], [XI], "2024-01-09"),
                                t1, 0, place=("Beijing", "CHN"), confidence=0.8),
                         placed(event("V2", "ACCUSE", "112", [LAVROV], [ZELENSKY],
                                      "2024-01-10", quad=3, goldstein=-2.0),
                                t1, 1, place=None, confidence=0.4)],
                 quotes=[quote("Q1", together, "Sergei Lavrov")]),
        document("x-2", t2, outlet="Daily Two", published="2024-02-01",
                 entities=[blinken, forces],
                 events=[placed(event("V1", "SANCTION", "163", [BLINKEN],
                                      [ref("E7", "Russia", "RUS", None)], "2024-01-31",
                                      quad=4, goldstein=-8.0),
                                t2, 0, place=("Washington", "USA"), confidence=0.9),
                         placed(event("V2", "ASSAULT", "190", [UKR_FORCES],
                                      [ref("E7", "Russia", "RUS", None)], None,
                                      resolution="none", date_text=None, quad=4,
                                      goldstein=-10.0),
                                t2, 1, place=None, confidence=0.3)],
                 quotes=[quote("Q1", "Sanctions will stay until Russia changes course.",
                               "Antony Blinken", "E5"),
                         quote("Q2", "the talks in Geneva had stalled", "Antony Blinken",
                               "E5") | {"kind": "indirect", "act": "belief"}]),
        document("x-3", t3, outlet="Gazette Three", published="2024-01-11",
                 entities=[lavrov, xi],
                 events=[placed(event("V1", "CONSULT", "040", [LAVROV], [XI], "2024-01-09"),
                                t3, 0, place=("Beijing", "CHN"), confidence=0.6)],
                 quotes=[quote("Q1", together, "Sergei Lavrov"),
                         quote("Q2", "Ukraine would defend every town near the border.",
                               "Volodymyr Zelensky", None) | {"kind": "indirect"}]),
    ]
