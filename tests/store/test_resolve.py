"""Corpus-level step: syndication, event and quote merging, determinism."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from communique.store import connect, open_corpus
from communique.store.corpus_step import is_weekday_date, resolve
from tests.store.fixtures import LAVROV, XI, build_db, document, event, meeting_corpus


def _corpus_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    tables = ("syndication", "corpus_events", "corpus_event_participants", "event_mentions",
              "corpus_quotes", "quote_mentions")
    rows = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    conn.close()
    return rows


def test_weekday_dates() -> None:
    assert is_weekday_date("on Tuesday", "day")
    assert is_weekday_date("Monday", "day")
    assert not is_weekday_date("April 9", "day")
    assert not is_weekday_date("on Tuesday", "week")
    assert not is_weekday_date(None, "day")


def test_meeting_merged_across_articles(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    build_db(db, meeting_corpus())
    with open_corpus(db) as corpus:
        consult = list(corpus.events(actor="RUS", recipient="CHN", type="CONSULT"))
        # Lavrov-Xi (3 articles) and Lavrov-Wang (1) share actor and recipient codes (both
        # CHNGOV) and the day, but name different people: two events.
        assert len(consult) == 2
        meeting = next(e for e in consult if e["recipient_names"] == "Xi Jinping")
        talks = next(e for e in consult if e["recipient_names"] == "Wang Yi")
        assert talks["num_mentions"] == 1
        assert meeting["num_mentions"] == 3
        assert meeting["num_articles"] == 3
        # art-a and art-b are copies of one wire story: one source; art-c is another.
        assert meeting["num_sources"] == 2
        assert meeting["date"] == "2024-04-09"
        assert meeting["first_seen"] == "2024-04-09"
        assert meeting["last_seen"] == "2024-04-10"
        mentions = corpus.event_mentions(meeting["id"])
        assert {(m["article_id"], m["event_id"]) for m in mentions} == {
            ("art-a", "V1"), ("art-b", "V1"), ("art-c", "V1")}
        # Per-article rows keep their own evidence.
        assert {m["event"]["date"]["value"] for m in mentions} == {"2024-04-09", "2024-04-08"}
        accuse = list(corpus.events(type="ACCUSE"))
        assert len(accuse) == 1 and accuse[0]["num_mentions"] == 1
        quotes = {q["text"]: q for q in corpus.quotes(speaker="Lavrov")}
        stand = [q for q in quotes.values() if "stand together" in q["text"]]
        assert len(stand) == 1
        assert stand[0]["num_articles"] == 3 and stand[0]["num_sources"] == 2
        assert stand[0]["first_seen"] == "2024-04-09"
        # A speakerless quote is kept alone; full-text search finds it.
        assert [q["text"] for q in corpus.quotes(search="answer")] == ["We will answer."]


def test_what_must_not_merge(tmp_path: Path) -> None:
    text = "Lavrov met Xi in Beijing."
    docs = [
        document("x1", text + " One.", outlet="A",
                 events=[event("V1", "CONSULT", "040", [LAVROV], [XI], "2024-04-09",
                               date_text="April 9")]),
        # Exact dates two days apart; different base code; negated; reversed roles;
        # a week-resolved date; an exact date one day apart (no weekday involved).
        document("x2", text + " Two.", outlet="B",
                 events=[event("V1", "CONSULT", "040", [LAVROV], [XI], "2024-04-11",
                               date_text="April 11"),
                         event("V2", "CONSULT", "042", [LAVROV], [XI], "2024-04-09"),
                         event("V3", "CONSULT", "040", [LAVROV], [XI], "2024-04-09",
                               negated=True),
                         event("V4", "CONSULT", "040", [XI], [LAVROV], "2024-04-09"),
                         event("V5", "CONSULT", "040", [LAVROV], [XI], "2024-04-09",
                               resolution="week", date_text="this week"),
                         event("V6", "CONSULT", "040", [LAVROV], [XI], "2024-04-10",
                               date_text="April 10")]),
    ]
    lone = event("V1", "ACCUSE", "112", [LAVROV], [], "2024-04-09", quad=3)
    elsewhere = event("V2", "ACCUSE", "112", [LAVROV], [], "2024-04-09", quad=3)
    elsewhere["location"] = None
    docs.append(document("x3", text + " Three.", outlet="C", events=[lone, elsewhere]))
    db = tmp_path / "c.db"
    build_db(db, docs)
    with open_corpus(db) as corpus:
        events = list(corpus.events())
    assert len(events) == 9
    assert all(e["num_mentions"] == 1 for e in events)


def test_deterministic_whatever_the_order(tmp_path: Path) -> None:
    docs = meeting_corpus()
    build_db(tmp_path / "a.db", docs)
    reordered = [copy.deepcopy(d) for d in reversed(docs)]
    build_db(tmp_path / "b.db", reordered)
    assert _corpus_rows(tmp_path / "a.db") == _corpus_rows(tmp_path / "b.db")
    # Resolving twice changes nothing either.
    conn = connect(tmp_path / "a.db")
    resolve(conn)
    conn.close()
    assert _corpus_rows(tmp_path / "a.db") == _corpus_rows(tmp_path / "b.db")


def _yellen_docs() -> list[dict[str, Any]]:
    from tests.store.fixtures import quote

    first = document("y1", "Treasury Secretary Janet Yellen arrived in Guangzhou.",
                     published="2024-04-04")
    first["entities"] = [{
        "id": "E1", "name": "Janet Yellen", "kind": "person", "country": "USA",
        "sector": "GOV", "code": "USAGOV", "role": "Treasury Secretary",
        "mentions": [{"start": 0, "end": 18, "text": "Treasury Secretary", "type": "title"},
                     {"start": 19, "end": 31, "text": "Janet Yellen", "type": "name"}],
        "evidence": [{"start": 0, "end": 31, "text": "Treasury Secretary Janet Yellen"}],
    }]
    second = document("y2", "Yellen said overcapacity was a concern.", published="2024-04-08",
                      quotes=[quote("Q1", "overcapacity was a concern", "Yellen", "E1")])
    second["entities"] = [{
        "id": "E1", "name": "Yellen", "kind": "person", "country": None, "sector": None,
        "code": None, "role": None,
        "mentions": [{"start": 0, "end": 6, "text": "Yellen", "type": "name"}],
        "evidence": [],
    }]
    return [first, second]


def test_learned_actor_knowledge_is_an_overlay(tmp_path: Path) -> None:
    docs = _yellen_docs()
    db = tmp_path / "c.db"
    build_db(db, docs)
    with open_corpus(db) as corpus:
        # The stored document is unchanged: what was learned lives beside it.
        assert corpus.document("y2") == docs[1]
        learned = corpus.conn.execute(
            "SELECT article_id, entity_id, country, code FROM learned_entities").fetchall()
        yellen = [a for a in corpus.actors(country="USA") if a["name"] == "Yellen"]
        quotes = list(corpus.quotes(speaker="Yellen"))
    if not learned:
        pytest.skip("the actors package does not learn this fact yet")
    assert learned == [("y2", "E1", "USA", "USAGOV")]
    assert yellen and yellen[0]["code"] == "USAGOV"
    assert quotes[0]["speaker_code"] == "USAGOV"
    # Same result whatever the order the articles were stored in.
    build_db(tmp_path / "b.db", list(reversed(docs)))
    assert _corpus_rows(db) == _corpus_rows(tmp_path / "b.db")


def test_place_hypothesis_and_short_quotes(tmp_path: Path) -> None:
    from tests.store.fixtures import quote

    protest = event("V1", "PROTEST", "141", [LAVROV], [], "2024-04-09", quad=3)
    could = event("V2", "ASSAULT", "190", [LAVROV], [XI], "2024-04-09", quad=4)
    could["modality"]["hypothetical"] = True
    docs = [
        document("h1", "One.", outlet="A", events=[protest, could],
                 quotes=[quote("Q1", "obsolete", "Sergei Lavrov")]),
        document("h2", "Two.", outlet="B", events=[protest, could],
                 quotes=[quote("Q1", "Obsolete!", "Sergei Lavrov")]),
    ]
    db = tmp_path / "c.db"
    build_db(db, docs)
    with open_corpus(db) as corpus:
        protests = list(corpus.events(type="PROTEST"))
        assaults = list(corpus.events(type="ASSAULT"))
        quotes = list(corpus.quotes())
    # No recipient, but the same place and day: one protest reported twice.
    assert len(protests) == 1 and protests[0]["num_articles"] == 2
    # Hypothetical events never merge; one-word quotes never merge.
    assert len(assaults) == 2
    assert len(quotes) == 2


def test_syndicated_statement_is_one_quote(tmp_path: Path) -> None:
    """The same statement copied into many articles, plus a copy with one word added and a
    short reply, by one speaker: the copies and the edit are one corpus quote (mentions
    counted), the short reply stays apart."""
    from tests.store.fixtures import quote

    said = "we will never accept the new border arrangements imposed on us"
    docs = [document(f"s{n:02d}", f"Lavrov said {said}.", outlet=f"Outlet {n}",
                     quotes=[quote("Q1", said, "Sergei Lavrov")]) for n in range(30)]
    docs.append(document("s30", "Lavrov said it again.", outlet="Outlet 30",
                         quotes=[quote("Q1", said + " again",
                                       "Sergei Lavrov")]))
    docs.append(document("s31", "Lavrov replied.", outlet="Outlet 31",
                         quotes=[quote("Q1", "never", "Sergei Lavrov")]))
    build_db(tmp_path / "q.db", docs)
    with open_corpus(tmp_path / "q.db") as corpus:
        counts = sorted(q["num_mentions"] for q in corpus.quotes(speaker="Lavrov"))
    assert counts == [1, 31]
