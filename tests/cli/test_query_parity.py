"""CLI parity (issue 22): date filters on ``quotes``, the text filter and the location
column on ``events``, table captions, help texts, and ``--db`` on every command that
takes it. A small database written from fixture documents: no model is loaded."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from communique.cli import build_parser, main
from communique.store import open_corpus
from tests.store.fixtures import build_db, document, event, meeting_corpus, quote, ref


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    # The meeting corpus (April 2024) and one later article with a quote of its own.
    later = document("art-f", "Lavrov said sanctions would not change Russia's course.",
                     published="2024-05-02",
                     quotes=[quote("Q9", "sanctions would not change Russia's course",
                                   "Sergei Lavrov", start=12)])
    return build_db(tmp_path / "c.db", [*meeting_corpus(), later])


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_quotes_between_dates(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    every = _json(capsys, "quotes", "--db", str(db), "--json")
    days = sorted({q["first_seen"][:10] for q in every})
    assert len(days) >= 2, "the fixture has quotes first seen on different days"
    late = _json(capsys, "quotes", "--db", str(db), "--json", "--since", days[-1])
    assert late and {q["first_seen"][:10] for q in late} == {days[-1]}
    early = _json(capsys, "quotes", "--db", str(db), "--json", "--until", days[0])
    assert early and {q["first_seen"][:10] for q in early} == {days[0]}
    assert len(late) + len(early) == len(every)
    both = _json(capsys, "quotes", "--db", str(db), "--json", "--since", days[0],
                 "--until", days[-1], "--speaker", "Lavrov")
    assert both and all("Lavrov" in q["speaker"] for q in both)
    # The library takes the same filters.
    with open_corpus(db) as corpus:
        assert [q["id"] for q in corpus.quotes(since=days[-1])] == [q["id"] for q in late]


@pytest.mark.parametrize(("argv", "message"), [
    (["--since", "last week"], "--since must be a date as YYYY-MM-DD, got 'last week'"),
    (["--until", "2024-13-01"], "--until must be a date as YYYY-MM-DD"),
    (["--since", "2024-05-01", "--until", "2024-04-01"],
     "--since 2024-05-01 is after --until 2024-04-01"),
])
def test_bad_quote_dates_are_one_line_usage_errors(
        db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert main(["quotes", "--db", str(db), *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0]


def test_events_by_the_words_of_their_sentence(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    every = _json(capsys, "events", "--db", str(db), "--json")
    found = _json(capsys, "events", "--db", str(db), "--json", "--search", "contain WEST")
    assert [e["plover"] for e in found] == ["ACCUSE"] and len(every) > 1
    assert main(["events", "--db", str(db), "--search", "no such words here"]) == 0
    captured = capsys.readouterr()
    assert "note: no events match --search no such words here" in captured.err
    with open_corpus(db) as corpus:
        assert [e["id"] for e in corpus.events(search="contain west")] == \
            [e["id"] for e in found]


def test_events_table_shows_location_and_confidence(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", str(db), "--place", "CHN", "--min-confidence", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "location" in out and "confidence" in out and "Beijing" in out


def _caption(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The title line of the table a query command prints."""
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()[0].strip()


def test_table_captions(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _caption(capsys, "dyad", "RUS", "CHN", "--db", str(db)) == \
        "RUS -> CHN: events in 1 month"
    assert _caption(capsys, "dyad", "RUS", "CHN", "--db", str(db), "--by", "day") == \
        "RUS -> CHN: events in 1 day"
    assert _caption(capsys, "dyads", "--db", str(db), "--top", "3").startswith("top 2 dyads")
    assert _caption(capsys, "events", "--db", str(db), "--type", "ACCUSE") == "1 event"
    assert _caption(capsys, "events", "--db", str(db)) == "3 events"


def test_dyads_are_the_dashboards_top_dyads(db: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """``communique dyads --top N`` prints the pairs and counts the dashboard shows (its
    page data and its JSON API twin), in the same order."""
    import warnings

    from communique.serve.app import create_app
    from communique.serve.pages import TOP_N, dashboard_data

    printed = _json(capsys, "dyads", "--db", str(db), "--top", str(TOP_N), "--json")
    with open_corpus(db) as corpus:
        shown = dashboard_data(corpus)["top_dyads"]
    with warnings.catch_warnings():
        # Starlette 1.x warns that its TestClient will move from httpx to httpx2.
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        served = TestClient(create_app(db)).get("/api/dashboard").json()["top_dyads"]
    assert printed and printed == shown == served
    assert _json(capsys, "dyads", "--db", str(db), "--top", "1", "--json") == printed[:1]


def test_dyad_counts_coarse_dates_and_notes_the_events_in_no_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A month-dated event has its month's row; one dated only to a year and an undated
    one are in no row, and a note on stderr says so (the table is not the dyad's total)."""
    rus, ukr = ref("E1", "Russia", "RUS", None), ref("E2", "Ukraine", "UKR", None)
    text = "Russia accused Ukraine in February. They agreed this year. Russia rejected it."
    db = build_db(tmp_path / "d.db", [document("d-1", text, published="2024-03-20", events=[
        event("V1", "ACCUSE", "112", [rus], [ukr], "2024-02", resolution="month",
              date_text="in February", quad=3, goldstein=-2.0, location=None),
        event("V2", "AGREE", "057", [rus], [ukr], "2024", resolution="year",
              date_text="this year", location=None),
        event("V3", "REJECT", "120", [rus], [ukr], None, resolution="unknown",
              date_text=None, quad=3, goldstein=-4.0, location=None)])])
    rows = _json(capsys, "dyad", "RUS", "UKR", "--db", str(db), "--json")
    assert rows == [{"period": "2024-02", "quad1": 0, "quad2": 0, "quad3": 1, "quad4": 0,
                     "events": 1, "mean_goldstein": -2.0}]
    assert main(["dyad", "RUS", "UKR", "--db", str(db), "--by", "week", "--csv"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == ["period,quad1,quad2,quad3,quad4,events,mean_goldstein"]
    assert err.splitlines() == ["communique: note: 3 events of RUS -> UKR are in no row: "
                                "1 dated only to a year, 2 not dated to a week"]
    assert main(["dyad", "RUS", "UKR", "--db", str(db)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "communique: note: 2 events of RUS -> UKR are in no row: 1 dated only to a year, "
        "1 not dated to a month"]


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _help(parser: argparse.ArgumentParser, dest: str) -> str:
    [action] = [a for a in parser._actions if a.dest == dest]
    return action.help or ""


def test_every_option_of_the_query_commands_has_help() -> None:
    commands = _subcommands()
    assert "ISO week" in _help(commands["dyad"], "by")
    for name in ("events", "quotes", "actors", "dyad", "dyads"):
        for action in commands[name]._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def test_db_help_matches_what_each_command_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = {name: parser for name, parser in _subcommands().items()
                if any(a.dest == "db" for a in parser._actions)}
    assert {"ingest", "resolve", "export", "events", "quotes", "actors", "dyad", "dyads",
            "serve"} <= set(commands)
    missing = tmp_path / "missing.db"
    extra = {"dyad": ["RUS", "CHN"], "export": ["--format", "csv"]}
    for name, parser in commands.items():
        text = _help(parser, "db")
        if name == "ingest":
            assert "created when missing" in text
            continue
        assert "created when missing" not in text and "communique ingest" in text, name
        # ... and the command indeed refuses a missing file, creating nothing.
        assert main([name, *extra.get(name, []), "--db", str(missing)]) == 1, name
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [f"communique: error: {missing} does not exist; build it with "
                       "`communique ingest`"], name
        assert not missing.exists()
