"""Ingest: a component that raises fails its article alone, with the reason recorded."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from communique.store import open_corpus
from communique.store.ingest_run import run_ingest


@Language.component("test_boom")
def _boom(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("boom on purpose")
    return doc


def boom_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three short articles in ``tmp_path / "in"``, the pipeline made to raise on the one
    with BOOM in it (b.txt)."""
    from communique.nlp import pipeline

    nlp = pipeline.load_pipeline.__wrapped__(None)  # a private copy, not the cached one
    nlp.add_pipe("test_boom", last=True)
    monkeypatch.setattr(pipeline, "load_pipeline", lambda model=None: nlp)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Lavrov met Wang Yi in Beijing on Tuesday.\n")
    (inputs / "b.txt").write_text("The BOOM article says Xi met Putin in Moscow.\n")
    (inputs / "c.txt").write_text("Blinken visited Kyiv on Monday, officials said.\n")
    return inputs


def test_component_error_fails_one_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    inputs = boom_inputs(tmp_path, monkeypatch)
    errors: list[Any] = []
    db = tmp_path / "c.db"
    summary = run_ingest([inputs], db, on_error=errors.append)
    assert summary.exit_status == 1
    assert summary.added == 2 and summary.run.failed == 1
    conn = sqlite3.connect(db)
    failed = conn.execute("SELECT source, reason FROM inputs WHERE status='failed'").fetchall()
    conn.close()
    assert len(failed) == 1 and failed[0][0].endswith("b.txt")
    assert "test_boom" in failed[0][1] and "boom on purpose" in failed[0][1]
    with open_corpus(db) as corpus:
        assert corpus.stats()["articles"] == 2
    # The rerun skips what is done and reports the earlier failure without parsing again.
    again = run_ingest([inputs], db)
    assert again.resumed == 2 and again.previously_failed == 1 and again.exit_status == 1
