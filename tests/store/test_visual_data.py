"""The data behind the charts, the map, the network and the event page (store.timeline,
store.geography, store.network, store.evidence) on a hand-written corpus whose dates,
places and parties are known: a day-dated meeting in Beijing, a month-dated accusation, a
country-level attack, a year-dated agreement, a sentence about 1992, an undated rejection
and a week-dated sanction from Washington, in articles published 2024-01 to 2024-05."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from communique.errors import UsageError
from communique.store import open_corpus
from communique.store.evidence import event_evidence
from communique.store.filters import EventFilter, EventQuery
from communique.store.geography import country_counts, event_places, map_data
from communique.store.network import dyad_edges, dyad_network
from communique.store.periods import event_period, month_of
from communique.store.timeline import corpus_span, quad_timeline

from .fixtures import build_db, document, event, ref

RUS, CHN, UKR, USA = (ref("E1", "Sergei Lavrov", "RUS"), ref("E2", "Xi Jinping", "CHN"),
                      ref("E3", "Ukraine", "UKR", None), ref("E4", "Antony Blinken", "USA"))
TEXT_1 = "Lavrov met Xi in Beijing on Tuesday. Russia accused Ukraine in February."
WASHINGTON = {"text": "Washington", "name": "Washington", "country": "USA", "lat": 38.9,
              "lon": -77.04, "geonameid": 4140963}
UKRAINE = {"text": "Ukraine", "name": "Ukraine", "country": "UKR", "lat": None, "lon": None,
           "geonameid": 690791}


def _entity(eid: str, name: str, country: str, start: int, end: int) -> dict[str, Any]:
    """An entity with one mention (the fixtures' helper adds a pronoun mention)."""
    return {"id": eid, "name": name, "kind": "person", "country": country, "sector": "GOV",
            "code": country + "GOV", "role": None,
            "mentions": [{"start": start, "end": end, "text": name, "type": "name"}],
            "evidence": [{"start": start, "end": end, "text": name}]}


def _docs() -> list[dict[str, Any]]:
    beijing = {"text": "Beijing", "name": "Beijing", "country": "CHN", "lat": 39.9,
               "lon": 116.4, "geonameid": 1816670}
    return [
        document("a-1", TEXT_1, published="2024-01-10",
                 entities=[_entity("E1", "Lavrov", "RUS", 0, 6),
                           _entity("E2", "Xi", "CHN", 11, 13)],
                 events=[
                     event("V1", "CONSULT", "040", [RUS], [CHN], "2024-01-09",
                           trigger=(7, 10, "met"), location=beijing, sentence=(0, 36)),
                     event("V2", "ACCUSE", "112", [RUS], [UKR], "2024-02", resolution="month",
                           date_text="in February", quad=3, goldstein=-2.0, location=None,
                           trigger=(44, 51, "accused"), sentence=(37, 72)),
                 ]),
        document("a-2", "Ukrainian forces attacked. China agreed. In 1992 they met. "
                 "Russia rejected it.", published="2024-03-20",
                 events=[
                     event("V1", "ASSAULT", "190", [UKR], [RUS], "2024-03-19", quad=4,
                           goldstein=-10.0, location=UKRAINE),
                     event("V2", "AGREE", "057", [CHN], [RUS], "2024", resolution="year",
                           date_text="this year", quad=1, goldstein=4.0, location=None),
                     event("V3", "CONSULT", "040", [USA], [RUS], "1992-05-01",
                           date_text="in 1992", location=None),
                     event("V4", "REJECT", "120", [RUS], [USA], None, resolution="unknown",
                           date_text=None, quad=3, goldstein=-4.0, location=None),
                 ]),
        document("a-3", "Blinken announced sanctions on Russia in Washington last week.",
                 published="2024-05-02",
                 events=[event("V1", "SANCTION", "163", [USA], [RUS], "2024-W12",
                               resolution="week", date_text="last week", quad=4,
                               goldstein=-8.0, location=WASHINGTON)]),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("visual") / "corpus.db", _docs())


# -- timeline ----------------------------------------------------------------------------


def test_month_of_every_resolution() -> None:
    assert month_of("2024-03-05", "day") == "2024-03"
    assert month_of("2024-03", "month") == "2024-03"
    assert month_of("2024-W12", "week") == "2024-03"  # Monday 2024-03-18
    assert month_of("2024-W01", "week") == "2024-01"
    assert month_of("2024", "year") is None
    assert month_of(None, "day") is None and month_of("soon", None) is None


def test_event_period_by_day_week_and_month() -> None:
    assert [event_period("2024-03-05", "publication", by) for by in ("day", "week", "month")] \
        == ["2024-03-05", "2024-W10", "2024-03"]
    # a week is in no day, a month in no day or week, a year in none of them
    assert [event_period("2024-W12", "week", by) for by in ("day", "week", "month")] == [
        None, "2024-W12", "2024-03"]
    assert [event_period("2024-03", "month", by) for by in ("day", "week", "month")] == [
        None, None, "2024-03"]
    assert {event_period("2024", "year", by) for by in ("day", "week", "month")} == {None}
    with pytest.raises(ValueError, match="period"):
        event_period("2024-03-05", "day", "fortnight")


def test_dyad_table_counts_a_month_dated_event_in_its_month(db: Path) -> None:
    with open_corpus(db) as corpus:
        by_month = corpus.dyad("RUS", "UKR", by="month")
        by_week = corpus.dyad("RUS", "UKR", by="week")
        chart = quad_timeline(corpus.conn,
                              EventQuery(actor="RUS", recipient="UKR").conditions())
        sanctions = {by: corpus.dyad("USA", "RUS", by=by) for by in ("week", "month")}
        with pytest.raises(UsageError, match="--by"):
            corpus.dyad("RUS", "UKR", by="decade")
    # "Russia accused Ukraine in February": no day, counted in 2024-02 ...
    assert by_month == [{"period": "2024-02", "quad1": 0, "quad2": 0, "quad3": 1, "quad4": 0,
                         "events": 1, "mean_goldstein": -2.0}]
    # ... with the same figures as the dashboard chart's row of that month
    assert chart["rows"][1] == by_month[0]
    # and in no week: a month spans several
    assert by_week == []
    # the week-dated sanction counts in its week and in the month of its Monday, the
    # 1992 meeting in its own
    assert [r["period"] for r in sanctions["week"]] == ["1992-W18", "2024-W12"]
    assert [r["period"] for r in sanctions["month"]] == ["1992-05", "2024-03"]


def test_axis_spans_the_articles_months_with_every_month_once(db: Path) -> None:
    with open_corpus(db) as corpus:
        assert corpus_span(corpus.conn) == ("2024-01", "2024-05")
        timeline = quad_timeline(corpus.conn, EventFilter())
    assert [r["period"] for r in timeline["rows"]] == [
        "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    rows = {r["period"]: r for r in timeline["rows"]}
    # the month-dated accusation is counted in its month, not left out as undated
    assert rows["2024-02"]["quad3"] == 1 and rows["2024-02"]["mean_goldstein"] == -2.0
    # the week-dated sanction counts in the month of its Monday
    assert rows["2024-03"]["events"] == 2 and rows["2024-03"]["quad4"] == 2
    assert rows["2024-03"]["mean_goldstein"] == -9.0
    # empty months are there, with no mean: a gap for the Goldstein line
    assert rows["2024-04"]["events"] == 0 and rows["2024-04"]["mean_goldstein"] is None
    # 1992 does not stretch the axis; it is counted as before the span
    assert timeline["before"] == 1 and timeline["after"] == 0
    assert timeline["year_only"] == {"2024": 1}
    assert timeline["undated"] == 1
    assert timeline["dated"] == 4
    assert timeline["dated"] + timeline["before"] + timeline["undated"] + 1 == 7


def test_timeline_takes_the_filters_and_a_given_span(db: Path) -> None:
    with open_corpus(db) as corpus:
        conflict = quad_timeline(corpus.conn, EventQuery(quad=4).conditions())
        around = quad_timeline(corpus.conn, EventFilter(), span=("1992-01", "1992-12"))
    assert conflict["dated"] == 2 and conflict["undated"] == 0
    assert [r["events"] for r in conflict["rows"]] == [0, 0, 2, 0, 0]
    assert len(around["rows"]) == 12 and around["dated"] == 1 and around["after"] == 4


def test_a_corpus_without_publication_dates_spans_its_events(tmp_path: Path) -> None:
    docs = [document("u-1", "Lavrov met Xi.", published=None,
                     events=[event("V1", "CONSULT", "040", [RUS], [CHN], "2023-11-02"),
                             event("V2", "CONSULT", "040", [CHN], [RUS], "2024-01-05")])]
    with open_corpus(build_db(tmp_path / "u.db", docs)) as corpus:
        assert corpus_span(corpus.conn) is None
        timeline = quad_timeline(corpus.conn, EventFilter())
    assert (timeline["first"], timeline["last"]) == ("2023-11", "2024-01")
    assert [r["events"] for r in timeline["rows"]] == [1, 0, 1]


# -- map ---------------------------------------------------------------------------------


def test_places_with_and_without_coordinates(db: Path) -> None:
    with open_corpus(db) as corpus:
        places = {p["name"]: p for p in event_places(corpus.conn, EventFilter())}
    assert set(places) == {"Beijing", "Ukraine", "Washington"}
    assert (places["Beijing"]["lat"], places["Beijing"]["lon"]) == (39.9, 116.4)
    assert places["Ukraine"]["lat"] is None and places["Ukraine"]["country"] == "UKR"
    assert places["Washington"]["quad4"] == 1 and places["Washington"]["mean_goldstein"] == -8.0


@pytest.mark.parametrize(("by", "expected"), [
    ("any", {"RUS": 7, "USA": 3, "CHN": 2, "UKR": 2}),
    ("actor", {"RUS": 3, "USA": 2, "CHN": 1, "UKR": 1}),
    ("recipient", {"RUS": 4, "CHN": 1, "UKR": 1, "USA": 1}),
    ("place", {"CHN": 1, "UKR": 1, "USA": 1}),
])
def test_country_counts_by_side_or_place(db: Path, by: str, expected: dict[str, int]) -> None:
    with open_corpus(db) as corpus:
        counts = country_counts(corpus.conn, EventFilter(), by)
    assert {c["country"]: c["events"] for c in counts} == expected
    assert [c["events"] for c in counts] == sorted((c["events"] for c in counts), reverse=True)


def test_map_data_follows_the_filters(db: Path) -> None:
    with open_corpus(db) as corpus:
        data = map_data(corpus.conn, EventQuery(type="SANCTION").conditions(), "actor")
        with pytest.raises(UsageError, match="by must be"):
            country_counts(corpus.conn, EventFilter(), "continent")
    assert data["total"] == 1 and data["located"] == 1 and data["with_coordinates"] == 1
    assert data["countries"] == [{"country": "USA", "events": 1, "mean_goldstein": -8.0}]


# -- network -----------------------------------------------------------------------------


def test_edges_count_events_per_pair_with_mean_goldstein(db: Path) -> None:
    with open_corpus(db) as corpus:
        edges = dyad_edges(corpus.conn, EventFilter())
        top = corpus.top_dyads(20)
    pairs = {(e["source"], e["target"]): e for e in edges}
    assert pairs[("USA", "RUS")]["events"] == 2
    assert pairs[("USA", "RUS")]["mean_goldstein"] == -3.5
    assert set(pairs) == {("RUS", "CHN"), ("RUS", "UKR"), ("UKR", "RUS"), ("CHN", "RUS"),
                          ("USA", "RUS"), ("RUS", "USA")}
    # the same numbers as `communique dyads` and the dashboard's top dyads
    assert {(d["actor"], d["recipient"]): d["events"] for d in top} == \
        {k: e["events"] for k, e in pairs.items()}


def test_network_filters_min_events_and_cut(db: Path) -> None:
    with open_corpus(db) as corpus:
        busy = dyad_network(corpus.conn, EventFilter(), min_events=2)
        dated = dyad_network(corpus.conn, EventQuery(since="2024-01-01").conditions())
        cut = dyad_network(corpus.conn, EventFilter(), max_edges=1)
        codes = dyad_network(corpus.conn, EventQuery(type="CONSULT").conditions(), level="code")
        with pytest.raises(UsageError, match="level"):
            dyad_network(corpus.conn, EventFilter(), level="planet")
        with pytest.raises(UsageError, match="min_events"):
            dyad_network(corpus.conn, EventFilter(), min_events=0)
    assert [(e["source"], e["target"]) for e in busy["edges"]] == [("USA", "RUS")]
    assert busy["pairs"] == 6 and busy["shown"] == 1
    assert {n["id"]: (n["as_actor"], n["as_recipient"]) for n in busy["nodes"]} == \
        {"USA": (2, 0), "RUS": (0, 2)}
    assert {(e["source"], e["target"]) for e in dated["edges"]} == {("RUS", "CHN"),
                                                                    ("UKR", "RUS")}
    assert cut["shown"] == 1 and cut["edges"][0]["events"] == 2
    assert {(e["source"], e["target"]) for e in codes["edges"]} == {("RUSGOV", "CHNGOV"),
                                                                    ("USAGOV", "RUSGOV")}


# -- evidence ----------------------------------------------------------------------------


def test_evidence_locates_trigger_parties_and_place_in_the_sentence(db: Path) -> None:
    with open_corpus(db) as corpus:
        [consult] = [e for e in corpus.events(type="CONSULT") if e["date"] == "2024-01-09"]
        [mention] = event_evidence(corpus, consult["id"])
    assert mention["title"] == "Title a-1"
    sentence = mention["sentence"]["text"]
    assert sentence == "Lavrov met Xi in Beijing on Tuesday."
    words = sorted((s["role"], sentence[s["start"]:s["end"]]) for s in mention["spans"])
    assert words == [("actor", "Lavrov"), ("place", "Beijing"), ("recipient", "Xi"),
                     ("trigger", "met")]
