"""The page data functions, called directly on a corpus ingested from the fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import NotFoundError
from communique.serve import pages
from communique.store import open_corpus


def test_dashboard_counts_chart_and_links(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        data = pages.dashboard_data(corpus)
        stats = corpus.stats()
    assert data["counts"]["articles"] == stats["articles"] >= 9
    assert data["counts"]["events"] == stats["corpus_events"] > 0
    timeline = data["timeline"]
    months = [row["period"] for row in timeline["rows"]]
    # The axis spans the articles' months (the fixtures 2024-03-05 to 2024-05-16, the
    # samples to 2024-07-08), each month once, in order, empty ones included.
    assert (timeline["first"], timeline["last"]) == ("2024-03", "2024-07")
    assert months == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"]
    for row in timeline["rows"]:
        assert row["events"] == sum(row[f"quad{q}"] for q in range(1, 5))
        assert (row["mean_goldstein"] is None) == (row["events"] == 0)
    assert timeline["dated"] + timeline["undated"] + sum(timeline["year_only"].values()) \
        + timeline["before"] + timeline["after"] == data["counts"]["events"]
    assert data["counts"]["undated_events"] == timeline["undated"]
    assert any(d["actor"] == "RUS" and d["recipient"] in ("CHN", "USA")
               for d in data["top_dyads"])
    assert all(d["actor"] != d["recipient"] for d in data["top_dyads"])
    assert data["top_actors"] and all(a["id"] == a["name"] for a in data["top_actors"])
    dates = [e["date"] or e["first_seen"] for e in data["latest_events"]]
    assert dates == sorted(dates, reverse=True)


def test_actor_by_code_aggregates_members(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        data = pages.actor_data(corpus, "RUS")
    assert data["kind"] == "code"
    assert {"Sergei Lavrov", "Vladimir Putin"} <= {m["name"] for m in data["members"]}
    assert data["counts"]["as_actor"] >= 2
    assert data["timeline"]["dated"] >= 2, "RUS takes part in dated events"
    assert any(q["speaker"] == "Sergei Lavrov" for q in data["quotes"])


def test_actor_by_name_has_codes_roles_quotes(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        data = pages.actor_data(corpus, "sergei lavrov")  # case-insensitive
    assert data["kind"] == "name" and data["name"] == "Sergei Lavrov"
    assert "RUSGOV" in data["codes"]
    assert any("Minister" in role for role in data["roles"])
    assert {a["id"] for a in data["articles"]} >= {"fx-rus-chn-1", "fx-xss"}
    assert data["quotes"] and all(q["speaker"] == "Sergei Lavrov" for q in data["quotes"])
    assert data["counts"]["as_actor"] >= 1


def test_unknown_ids_raise_not_found(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        with pytest.raises(NotFoundError):
            pages.actor_data(corpus, "Nobody Atall")
        with pytest.raises(NotFoundError):
            pages.article_data(corpus, "no-such-article")
        with pytest.raises(NotFoundError):
            pages.dyad_data(corpus, "RUS", "ZZZ")
        with pytest.raises(NotFoundError):
            pages.event_detail(corpus, "ev-0000")


def test_dyad_timeline_and_filters(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        data = pages.dyad_data(corpus, "RUS", "CHN")
        assert data["total"] == len(data["events"]) >= 2
        rows = {row["period"]: row for row in data["timeline"]["rows"]}
        assert rows["2024-03"]["events"] == 3 and rows["2024-05"]["events"] == 1
        # the month between has no events and no mean: a gap, not a line across it
        assert rows["2024-04"] == {"period": "2024-04", "quad1": 0, "quad2": 0, "quad3": 0,
                                   "quad4": 0, "events": 0, "mean_goldstein": None}
        assert data["timeline"]["dated"] == data["total"]
        only_q1 = pages.dyad_data(corpus, "RUS", "CHN", quad=1)
        assert only_q1["events"] and all(e["quad"] == 1 for e in only_q1["events"])
        none = pages.dyad_data(corpus, "RUS", "CHN", since="2030-01-01")
        assert none["total"] == 0 and none["events"] == []
        paged = pages.dyad_data(corpus, "RUS", "CHN", limit=1, offset=1)
        assert paged["events"] == data["events"][1:2]


def test_article_carries_spans_and_merged_ids(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        doc = pages.article_data(corpus, "fx-rus-chn-1")
    assert doc["article"]["text"].startswith("Lavrov holds talks")
    assert doc["quotes"] and all(q["corpus_id"].startswith("qt-") for q in doc["quotes"])
    assert doc["events"] and all(e["corpus_id"].startswith("ev-") for e in doc["events"])
    assert any(r["reason"] for r in doc["removed"]), "the Advertisement line was removed"


def test_search_articles_and_quotes_by_speaker(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        found = pages.search_data(corpus, "sanctions")
        assert "fx-rus-chn-1" in {a["id"] for a in found["articles"]}
        assert any("sanctions" in q["text"] for q in found["quotes"])
        by_speaker = pages.search_data(corpus, None, speaker="Putin")
        assert by_speaker["articles"] == []
        assert by_speaker["quotes"] and all("Putin" in q["speaker"]
                                            for q in by_speaker["quotes"])
        # FTS5 syntax in user input is matched literally, never an error.
        assert pages.search_data(corpus, 'sanctions" OR NEAR(')["q"]


def test_event_detail_lists_evidence(corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        event = pages.dyad_data(corpus, "RUS", "CHN")["events"][0]
        detail = pages.event_detail(corpus, event["id"])
    assert detail["mentions"]
    mention = detail["mentions"][0]
    assert mention["article_id"] == event["article_id"]
    assert mention["title"] == "Lavrov holds talks with Wang Yi in Beijing"
    sentence = mention["sentence"]["text"]
    words = {s["role"]: sentence[s["start"]:s["end"]] for s in mention["spans"]}
    assert words["trigger"] == event["trigger"]
    assert words["actor"] in ("Lavrov", "Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov")
    assert "recipient" in words
    assert detail["date_value"] == "2024-03-05" and detail["date_resolution"]
    assert set(detail["modality"]) >= {"negated", "hypothetical", "historical"}
