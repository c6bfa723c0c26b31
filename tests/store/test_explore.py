"""Filtered views of events, quotes and actors (store.filters + store.explore) on a small
hand-written corpus whose every row is known (tests/store/fixtures.py: explorer_corpus).

The four merged events: CONSULT RUS->CHN (2024-01-09, reported by Wire One and Gazette
Three, in Beijing), ACCUSE RUS->UKR (2024-01-10, Wire One), SANCTION USA->RUS (2024-01-31,
Daily Two, in Washington) and ASSAULT UKR->RUS (undated, Daily Two, first seen
2024-02-01).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from communique.errors import UsageError
from communique.store import Corpus, open_corpus
from communique.store import explore as ex
from communique.store.filters import ActorQuery, EventQuery, QuoteQuery, url_param
from communique.store.reader import ACTOR_COLUMNS, EVENT_COLUMNS
from tests.store.fixtures import build_db, explorer_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    db = build_db(tmp_path_factory.mktemp("explore") / "x.db", explorer_corpus())
    with open_corpus(db) as opened:
        yield opened


def types(corpus: Corpus, sort: str = "date", **filters: Any) -> list[str]:
    """PLOVER types of the matching events, in ``sort`` order."""
    flt = EventQuery(**filters).validated().conditions()
    return [e["plover"] for e in ex.iter_events(corpus.conn, flt, sort=sort)]


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["CONSULT", "ACCUSE", "SANCTION", "ASSAULT"]),
    ({"actor": "RUS"}, ["CONSULT", "ACCUSE"]),
    ({"actor": "rusgov"}, ["CONSULT", "ACCUSE"]),
    ({"actor": "UKR"}, ["ASSAULT"]),
    ({"recipient": "RUS"}, ["SANCTION", "ASSAULT"]),
    ({"country": "RUS"}, ["CONSULT", "ACCUSE", "SANCTION", "ASSAULT"]),
    ({"country": "UKR"}, ["ACCUSE", "ASSAULT"]),
    ({"country": "USA"}, ["SANCTION"]),
    ({"type": "consult"}, ["CONSULT"]),
    ({"type": "1"}, ["ACCUSE", "SANCTION", "ASSAULT"]),
    ({"type": "11"}, ["ACCUSE"]),
    ({"quad": 4}, ["SANCTION", "ASSAULT"]),
    ({"since": "2024-01-10"}, ["ACCUSE", "SANCTION"]),  # the undated event drops out
    ({"until": "2024-01-10"}, ["CONSULT", "ACCUSE"]),
    ({"min_confidence": 0.8}, ["CONSULT", "SANCTION"]),
    ({"place": "CHN"}, ["CONSULT"]),
    ({"place": "wash"}, ["SANCTION"]),
    ({"place": "%"}, []),  # a wildcard is matched literally
    ({"outlet": "gazette three"}, ["CONSULT"]),  # any reporting article, any case
    ({"outlet": "Daily Two"}, ["SANCTION", "ASSAULT"]),
    ({"q": "border"}, ["ACCUSE", "ASSAULT"]),
    ({"q": "Shelling  BORDER"}, ["ACCUSE"]),
    ({"q": "talks energy"}, []),  # each in another article's sentence: no one sentence
    ({"q": "beijing tuesday"}, ["CONSULT"]),
    ({"country": "RUS", "quad": 4, "since": "2024-01-01"}, ["SANCTION"]),
])
def test_each_event_filter(corpus: Corpus, filters: dict[str, Any],
                           expected: list[str]) -> None:
    assert types(corpus, **filters) == expected
    flt = EventQuery(**filters).validated().conditions()
    assert ex.count_events(corpus.conn, flt) == len(expected)


@pytest.mark.parametrize(("sort", "expected"), [
    ("newest", ["ASSAULT", "SANCTION", "ACCUSE", "CONSULT"]),  # undated: its first sight
    ("oldest", ["CONSULT", "ACCUSE", "SANCTION", "ASSAULT"]),
    ("reported", ["CONSULT", "ASSAULT", "SANCTION", "ACCUSE"]),
    ("conflict", ["ASSAULT", "SANCTION", "ACCUSE", "CONSULT"]),
    ("cooperation", ["CONSULT", "ACCUSE", "SANCTION", "ASSAULT"]),
    ("confidence", ["SANCTION", "CONSULT", "ACCUSE", "ASSAULT"]),
])
def test_event_sort_orders(corpus: Corpus, sort: str, expected: list[str]) -> None:
    assert types(corpus, sort=sort) == expected


def test_unknown_sort_is_a_usage_error(corpus: Corpus) -> None:
    with pytest.raises(UsageError, match="sort must be one of newest, oldest"):
        list(ex.iter_events(corpus.conn, EventQuery().conditions(), sort="random"))


def test_event_records_carry_the_cli_columns_and_the_parties(corpus: Corpus) -> None:
    consult = next(ex.iter_events(corpus.conn, EventQuery(type="CONSULT").conditions()))
    assert set(EVENT_COLUMNS) <= set(consult)
    assert consult["num_articles"] == 2 and consult["location"] == "Beijing"
    assert consult["actors"] == [{"name": "Sergei Lavrov", "code": "RUSGOV", "country": "RUS"}]
    assert consult["recipient_names"] == "Xi Jinping"
    assert consult["article_title"] == "Title x-1"


def test_pages_cover_every_row_once(corpus: Corpus) -> None:
    flt = EventQuery().conditions()
    every = [e["id"] for e in ex.iter_events(corpus.conn, flt, sort="newest")]
    pages = [e["id"] for offset in (0, 2) for e in ex.list_events(
        corpus.conn, flt, limit=2, offset=offset, sort="newest")]
    assert pages == every and len(set(every)) == 4


def test_event_facets(corpus: Corpus) -> None:
    facets = ex.event_facets(corpus.conn, EventQuery().conditions())
    pairs = {name: [(f["value"], f["count"]) for f in values]
             for name, values in facets.items()}
    assert pairs == {
        "type": [("ACCUSE", 1), ("ASSAULT", 1), ("CONSULT", 1), ("SANCTION", 1)],
        "quad": [(4, 2), (1, 1), (3, 1)],
        "country": [("RUS", 4), ("UKR", 2), ("CHN", 1), ("USA", 1)],
        "place": [("CHN", 1), ("USA", 1)],
        "outlet": [("Daily Two", 2), ("Wire One", 2), ("Gazette Three", 1)],
    }
    narrowed = ex.event_facets(corpus.conn, EventQuery(country="UKR").conditions())
    assert narrowed["outlet"] == [{"value": "Daily Two", "count": 1},
                                  {"value": "Wire One", "count": 1}]
    assert ex.event_facets(corpus.conn, EventQuery().conditions(), top=1)["country"] == [
        {"value": "RUS", "count": 4}]


@pytest.mark.parametrize("base", [{}, {"country": "RUS"}, {"quad": 4}, {"outlet": "Wire One"}])
def test_each_facet_count_is_the_view_with_that_filter(corpus: Corpus,
                                                       base: dict[str, Any]) -> None:
    facets = ex.event_facets(corpus.conn, EventQuery(**base).validated().conditions())
    assert any(facets.values())
    for name, values in facets.items():
        for item in values:
            narrowed = EventQuery(**(base | {name: item["value"]})).validated()
            assert ex.count_events(corpus.conn, narrowed.conditions()) == item["count"], \
                (name, item)


def test_corpus_events_is_the_same_view(corpus: Corpus) -> None:
    """The CLI's `communique events` (Corpus.events) lists what the explorer lists."""
    for filters in ({}, {"actor": "RUS"}, {"place": "CHN", "min_confidence": 0.5}):
        flt = EventQuery(**filters).validated().conditions()
        assert list(corpus.events(**filters)) == [
            {k: e[k] for k in EVENT_COLUMNS}
            for e in ex.iter_events(corpus.conn, flt, sort="date")]


def speakers(corpus: Corpus, sort: str = "oldest", **filters: Any) -> list[str]:
    cond = QuoteQuery(**filters).validated().conditions()
    return [q["speaker"] for q in ex.iter_quotes(corpus.conn, cond, sort=sort)]


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["Sergei Lavrov", "Volodymyr Zelensky", "Antony Blinken"]),
    ({"speaker": "lavrov"}, ["Sergei Lavrov"]),
    ({"country": "usa"}, ["Antony Blinken"]),
    ({"kind": "indirect"}, ["Volodymyr Zelensky"]),
    ({"since": "2024-01-11"}, ["Volodymyr Zelensky", "Antony Blinken"]),
    ({"until": "2024-01-10"}, ["Sergei Lavrov"]),
    ({"outlet": "Gazette Three"}, ["Sergei Lavrov", "Volodymyr Zelensky"]),
    ({"q": "sanctions"}, ["Antony Blinken"]),
    ({"q": "border", "kind": "direct"}, []),
])
def test_each_quote_filter(corpus: Corpus, filters: dict[str, Any],
                           expected: list[str]) -> None:
    assert speakers(corpus, **filters) == expected
    cond = QuoteQuery(**filters).validated().conditions()
    assert ex.count_quotes(corpus.conn, cond) == len(expected)


def test_quote_sorts_records_and_facets(corpus: Corpus) -> None:
    assert speakers(corpus, "newest") == ["Antony Blinken", "Volodymyr Zelensky",
                                          "Sergei Lavrov"]
    assert speakers(corpus, "reported")[0] == "Sergei Lavrov"
    lavrov = next(ex.iter_quotes(corpus.conn, QuoteQuery(speaker="Lavrov").conditions()))
    assert lavrov["num_articles"] == 2 and lavrov["country"] == "RUS"
    facets = ex.quote_facets(corpus.conn, QuoteQuery().conditions())
    assert [(f["value"], f["count"]) for f in facets["kind"]] == [("direct", 2),
                                                                  ("indirect", 1)]
    assert [(f["value"], f["count"]) for f in facets["outlet"]] == [
        ("Gazette Three", 2), ("Daily Two", 1), ("Wire One", 1)]
    assert [f["value"] for f in facets["country"]] == ["RUS", "USA"]  # Zelensky: none
    assert list(corpus.quotes(speaker="Lavrov")) == [
        {k: v for k, v in lavrov.items() if k not in ("country", "article_title", "outlet")}]


def actors(corpus: Corpus, sort: str = "articles", **filters: Any) -> list[tuple[str, int]]:
    rows = ex.list_actors(corpus.conn, ActorQuery(**filters).validated(), sort=sort)
    return [(a["name"], a["articles"]) for a in rows]


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, [("Sergei Lavrov", 2), ("Xi Jinping", 2), ("Antony Blinken", 1),
          ("Ukrainian forces", 1), ("Volodymyr Zelensky", 1)]),
    ({"q": "LAV"}, [("Sergei Lavrov", 2)]),
    ({"country": "ukr"}, [("Ukrainian forces", 1), ("Volodymyr Zelensky", 1)]),
    ({"kind": "organisation"}, [("Ukrainian forces", 1)]),
    ({"sector": "MIL"}, [("Ukrainian forces", 1)]),
    # counts are those of the filtered articles
    ({"outlet": "Gazette Three"}, [("Sergei Lavrov", 1), ("Xi Jinping", 1)]),
    ({"since": "2024-01-11"}, [("Antony Blinken", 1), ("Sergei Lavrov", 1),
                               ("Ukrainian forces", 1), ("Xi Jinping", 1)]),
    ({"until": "2024-01-10"}, [("Sergei Lavrov", 1), ("Volodymyr Zelensky", 1),
                               ("Xi Jinping", 1)]),
])
def test_each_actor_filter(corpus: Corpus, filters: dict[str, Any],
                           expected: list[tuple[str, int]]) -> None:
    assert actors(corpus, **filters) == expected
    assert ex.count_actors(corpus.conn, ActorQuery(**filters).validated()) == len(expected)


def test_actor_sorts_facets_and_the_cli_view(corpus: Corpus) -> None:
    assert [n for n, _ in actors(corpus, "name")] == [
        "Antony Blinken", "Sergei Lavrov", "Ukrainian forces", "Volodymyr Zelensky",
        "Xi Jinping"]
    assert actors(corpus, "mentions")[0] == ("Sergei Lavrov", 2)
    facets = ex.actor_facets(corpus.conn, ActorQuery())
    assert [(f["value"], f["count"]) for f in facets["country"]] == [
        ("UKR", 2), ("CHN", 1), ("RUS", 1), ("USA", 1)]
    assert [(f["value"], f["count"]) for f in facets["sector"]] == [("GOV", 4), ("MIL", 1)]
    assert corpus.actors(country="UKR") == ex.list_actors(corpus.conn,
                                                          ActorQuery(country="UKR"))
    assert set(corpus.actors()[0]) == set(ACTOR_COLUMNS)
    window = ex.list_actors(corpus.conn, ActorQuery(), limit=2, offset=1)
    assert [a["name"] for a in window] == ["Xi Jinping", "Antony Blinken"]


def test_validation_names_the_option_as_the_caller_spells_it() -> None:
    late = EventQuery(since="2024-02-01", until="2024-01-01")
    with pytest.raises(UsageError, match=r"^--since 2024-02-01 is after --until 2024-01-01"):
        late.validated()
    with pytest.raises(UsageError, match=r"^since 2024-02-01 is after until 2024-01-01"):
        late.validated(url_param)
    with pytest.raises(UsageError, match=r"^min_confidence must be between 0 and 1"):
        EventQuery(min_confidence=1.5).validated(url_param)
    with pytest.raises(UsageError, match=r"^--type must be a PLOVER type"):
        EventQuery(type="FOO").validated()
    with pytest.raises(UsageError, match="quad class 1-4"):
        EventQuery(quad=5).validated()
    with pytest.raises(UsageError, match=r"^until must be a date"):
        QuoteQuery(until="yesterday").validated(url_param)
    with pytest.raises(UsageError, match="NUL"):
        ActorQuery(q="a\x00b").validated()


def test_validated_normalises_and_params_round_trip() -> None:
    query = EventQuery(actor="  ", type="consult", since="20240110", quad=4).validated()
    assert query == EventQuery(type="CONSULT", since="2024-01-10", quad=4)
    assert query.params() == {"type": "CONSULT", "quad": "4", "since": "2024-01-10"}
    assert QuoteQuery(q=" ").validated().params() == {}


def test_write_csv_keeps_only_the_columns() -> None:
    out = io.StringIO()
    count = ex.write_csv([{"a": 1, "b": "x,y", "extra": 3}, {"a": 2}], ("a", "b"), out)
    assert count == 2
    assert out.getvalue() == 'a,b\n1,"x,y"\n2,\n'


def test_fixture_is_the_one_described(tmp_path: Path) -> None:
    """The module docstring's four events, so the expectations above read true."""
    with open_corpus(build_db(tmp_path / "x.db", explorer_corpus())) as fresh:
        rows = {e["plover"]: e for e in fresh.events()}
    assert sorted(rows) == ["ACCUSE", "ASSAULT", "CONSULT", "SANCTION"]
    assert rows["ASSAULT"]["date"] is None and rows["ASSAULT"]["first_seen"] == "2024-02-01"
    assert rows["CONSULT"]["num_articles"] == 2
