"""The local worker pool: same database for any worker count; faults cost one document."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from communique.run.pool import WorkerPool
from communique.store.ingest_run import run_ingest
from tests.run.helpers import rows, write_articles

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "communique" / "samples"


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    shutil.copytree(SAMPLES, folder / "samples")
    write_articles(folder / "small", 10)
    # A second copy of an article (same id): whichever worker finishes first, the first
    # copy in input order is stored and the second recorded as its duplicate.
    (folder / "small" / "art99-copy.txt").write_text(
        (folder / "small" / "art03.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # fails in the reader
    return folder


def test_one_and_two_workers_equal_in_process(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    snapshots = []
    for workers in (0, 1, 2):
        db = tmp_path / f"w{workers}.db"
        # Batches of 2 so that many batches are in flight and finish out of order.
        summary = run_ingest([inputs], db, workers=workers, batch_size=2,
                             published="2024-04-09")
        assert summary.run.failed == 1 and summary.exit_status == 1
        snapshots.append(rows(db))
    assert snapshots[0]["articles"], "nothing was stored"
    assert snapshots[1] == snapshots[0]
    assert snapshots[2] == snapshots[0]


def _reasons(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    found = {Path(source).name: reason for source, reason in conn.execute(
        "SELECT source, reason FROM inputs WHERE status = 'failed'")}
    conn.close()
    return found


@pytest.mark.slow  # worker processes are killed and restarted
def test_poisoned_documents_fail_alone(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, 6)
    # The faulty component (tests/run/helpers.py) misbehaves on these marker words.
    for name, word in (("boom", "BOOMWORD"), ("crash", "CRASHWORD"), ("loop", "LOOPWORD"),
                       ("stuck", "STUCKWORD")):
        (inputs / f"{name}.txt").write_text(
            f"Officials said the {word} talks in Nairobi went well on Monday.\n",
            encoding="utf-8")
    # Hostile inputs from the issue: random bytes, one 2 MB sentence, deeply nested HTML.
    (inputs / "random.txt").write_bytes(os.urandom(5 * 1024 * 1024))
    clause = "the minister said that officials from both countries met again and "
    (inputs / "sentence.txt").write_text(clause * (2 * 1024 * 1024 // len(clause)),
                                         encoding="utf-8")
    (inputs / "nested.html").write_text(
        "<html><body>" + "<div>" * 100_000 + "Deep text." + "</div>" * 100_000
        + "</body></html>", encoding="utf-8")
    db = tmp_path / "c.db"
    # A short limit keeps the test fast; 10 s leaves room for a loaded machine (the nested
    # page needs about 3 s of CPU while the long sentence keeps the other worker busy).
    with WorkerPool(2, setup="tests.run.helpers:add_faults", time_limit=10.0,
                    grace=3.0) as pool:
        summary = run_ingest([inputs], db, executor=pool, batch_size=4)
        assert pool.stats.restarts >= 2  # the crash and the stuck document
    reasons = _reasons(db)
    assert set(reasons) == {"boom.txt", "crash.txt", "loop.txt", "stuck.txt", "random.txt",
                            "sentence.txt", "nested.html"}
    assert "boom on purpose" in reasons["boom.txt"]
    assert "process died" in reasons["crash.txt"]
    assert "time limit" in reasons["loop.txt"]
    assert "time limit" in reasons["stuck.txt"]
    assert "binary" in reasons["random.txt"]
    # No longer refused for its length (spaCy's E088): read in sections, it runs past the
    # short limit of this test instead (tests/nlp/test_long_texts.py has it succeed).
    assert "time limit" in reasons["sentence.txt"]
    assert "no article body" in reasons["nested.html"]
    assert summary.added == 6 and summary.run.failed == 7 and summary.exit_status == 1


@pytest.mark.parametrize("time_limit", [1.0])
def test_soft_time_limit_in_process(tmp_path: Path, time_limit: float) -> None:
    from communique.nlp import pipeline
    from communique.run.executors import InlineExecutor
    from tests.run.helpers import add_faults

    nlp = pipeline.load_pipeline.__wrapped__(None)  # a private copy, not the cached one
    add_faults(nlp)
    inputs = tmp_path / "in"
    write_articles(inputs, 3)
    (inputs / "loop.txt").write_text("The LOOPWORD talks in Nairobi went well.\n",
                                     encoding="utf-8")
    db = tmp_path / "c.db"
    summary = run_ingest([inputs], db, executor=InlineExecutor(nlp, time_limit=time_limit))
    assert summary.added == 3 and summary.run.failed == 1
    assert "time limit" in _reasons(db)["loop.txt"]
