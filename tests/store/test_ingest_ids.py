"""Ingest: an article id reused by another input with another text is never lost.

Same id and same text is a duplicate (skipped, as before); same id and a different text
from another input is stored under a derived id (the id plus a hash of the text), in one
run or across runs, and reported once. An input edited in place still replaces its
article, and a rerun still resumes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import communique
from communique.store import open_corpus
from communique.store.ingest_run import run_ingest
from tests.ingest.inputs import EN_TEXT, EN_TEXT_2


@pytest.fixture(autouse=True)
def _loaded_pipeline(nlp: object) -> None:
    """Load the (cached) pipeline once, outside the tests."""


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _ids(db: Path) -> list[str]:
    with open_corpus(db) as corpus:
        return sorted(corpus.article_ids())


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    return {
        # b has events: their ids are derived from the article id.
        "a": _jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": EN_TEXT_2}]),
        "b": _jsonl(tmp_path / "b.jsonl", [{"id": "1", "text": EN_TEXT}]),
        # Another raw record (not skipped before parsing), the same clean text.
        "copy": _jsonl(tmp_path / "copy.jsonl",
                       [{"id": "1", "text": EN_TEXT_2.replace(". ", ".  ", 1)}]),
    }


def test_one_run_keeps_both_articles(tmp_path: Path, inputs: dict[str, Path]) -> None:
    db = tmp_path / "c.db"
    notes: list[tuple[str, str]] = []
    summary = run_ingest([inputs["a"], inputs["b"], inputs["copy"]], db,
                         on_notice=lambda where, message: notes.append((where, message)))
    assert summary.exit_status == 0
    assert summary.added == 2 and summary.run.processed == 2 and summary.run.skipped == 1
    assert summary.run.renamed == 1
    [new_id] = [i for i in _ids(db) if i != "1"]
    assert _ids(db) == sorted(["1", new_id]) and new_id.startswith("1-")
    assert len(notes) == 1
    where, message = notes[0]
    assert where == f"{inputs['b']} record 1" and "'1'" in message and new_id in message
    with open_corpus(db) as corpus:
        assert corpus.document(new_id)["article"]["text"] == EN_TEXT
        assert corpus.document("1")["article"]["text"] == EN_TEXT_2
    # A rerun resumes: nothing is parsed, added or reported again.
    notes.clear()
    again = run_ingest([inputs["a"], inputs["b"], inputs["copy"]], db,
                       on_notice=lambda where, message: notes.append((where, message)))
    assert again.resumed == 3 and again.added == 0 and notes == []
    assert _ids(db) == sorted(["1", new_id])


def test_later_run_keeps_both_and_matches_extract(tmp_path: Path,
                                                  inputs: dict[str, Path]) -> None:
    db = tmp_path / "c.db"
    run_ingest([inputs["a"]], db)
    notes: list[tuple[str, str]] = []
    summary = run_ingest([inputs["b"]], db,
                         on_notice=lambda where, message: notes.append((where, message)))
    assert summary.added == 1 and summary.replaced == 0 and len(notes) == 1
    [new_id] = [i for i in _ids(db) if i != "1"]
    # The stored document is the one `extract` gives for the same inputs (event ids too).
    extracted = communique.extract([str(inputs["a"]), str(inputs["b"])])
    assert extracted[1]["article"]["id"] == new_id
    with open_corpus(db) as corpus:
        stored = corpus.document(new_id)
        assert corpus.document("1")["article"]["text"] == EN_TEXT_2
    assert stored["events"] and [e["id"] for e in stored["events"]] == [
        e["id"] for e in extracted[1]["events"]]
    assert stored == extracted[1]
    # b again, and a true copy of a: nothing new.
    assert run_ingest([inputs["b"]], db).resumed == 1
    copy_run = run_ingest([inputs["copy"]], db)
    assert copy_run.added == 0 and copy_run.run.skipped == 1
    assert _ids(db) == sorted(["1", new_id])


def test_input_edited_in_place_still_replaces(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    path = _jsonl(tmp_path / "a.jsonl", [{"id": "1", "text": EN_TEXT}])
    run_ingest([path], db)
    _jsonl(path, [{"id": "1", "text": EN_TEXT_2}])
    summary = run_ingest([path], db)
    assert summary.replaced == 1 and summary.added == 0 and summary.run.renamed == 0
    assert _ids(db) == ["1"]
    with open_corpus(db) as corpus:
        assert corpus.document("1")["article"]["text"] == EN_TEXT_2
