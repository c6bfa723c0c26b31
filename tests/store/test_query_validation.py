"""Query filters at the edges (issue 20, quieter faults): LIKE wildcards are literal,
limits are at least 1, an inverted date range and unknown types are usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.errors import UsageError
from communique.store import open_corpus
from communique.store.reader import like_escape
from tests.store.fixtures import build_db, meeting_corpus


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return build_db(tmp_path / "c.db", meeting_corpus())


def test_like_escape_makes_wildcards_literal() -> None:
    assert like_escape("a_b%c\\d") == "a\\_b\\%c\\\\d"


def test_wildcards_match_nothing_instead_of_everything(db: Path) -> None:
    corpus = open_corpus(db)
    assert list(corpus.events(actor="RUS"))
    assert list(corpus.events(actor="_")) == []
    assert list(corpus.events(actor="%")) == []
    assert list(corpus.quotes(speaker="Lavrov"))
    assert list(corpus.quotes(speaker="%")) == []
    assert list(corpus.quotes(speaker="_")) == []


@pytest.mark.parametrize("limit", [0, -1])
def test_limits_below_one_are_usage_errors(db: Path, limit: int) -> None:
    corpus = open_corpus(db)
    with pytest.raises(UsageError, match="--limit"):
        list(corpus.events(limit=limit))
    with pytest.raises(UsageError, match="--limit"):
        list(corpus.quotes(limit=limit))
    with pytest.raises(UsageError, match="--limit"):
        corpus.actors(limit=limit)


def test_inverted_date_range_and_unknown_type_are_usage_errors(db: Path) -> None:
    corpus = open_corpus(db)
    with pytest.raises(UsageError, match="after --until"):
        list(corpus.events(since="2024-05-01", until="2024-04-01"))
    with pytest.raises(UsageError, match="PLOVER type"):
        list(corpus.events(type="MEETING"))
    assert list(corpus.events(type="consult"))
    assert list(corpus.events(type="04"))


def test_an_empty_result_gets_one_note_naming_the_cause(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from communique.cli import main

    assert main(["events", "--db", str(db), "--actor", "XYZ", "--json"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "[]"
    assert err.strip() == ("communique: note: --actor XYZ: no party in this corpus has that "
                           "country, code or name")
    assert main(["events", "--db", str(db), "--actor", "RUS", "--since", "2030-01-01",
                 "--json"]) == 0
    assert capsys.readouterr().err.strip().endswith("no events match --actor RUS --since "
                                                    "2030-01-01")
    assert main(["events", "--db", str(db), "--actor", "RUS", "--json"]) == 0
    assert capsys.readouterr().err == ""
