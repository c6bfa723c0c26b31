"""Ctrl-C (SIGINT) stops an ingest cleanly: committed articles stay, the next run resumes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.run.helpers import rows, write_articles
from tests.store.test_kill import _consistent, _env

ARTICLES = 80


def _done(db: Path) -> int:
    """Inputs committed so far, read without ever waiting on the writer: a read-only
    connection that gives up at once (opening the corpus through the API can meet the
    writer's lock while the suite runs in parallel, and the ingest then finished before the
    signal was sent)."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            found = conn.execute(
                "SELECT count(*) FROM inputs WHERE status = 'done'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet, or busy this instant
    return int(found)


def _command(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from communique.cli import main; raise SystemExit(main())",
            "ingest", str(inputs), "--db", str(db), "--published", "2024-04-09",
            "--workers", "1", "--batch-size", "2"]


def test_sigint_keeps_committed_and_resumes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, ARTICLES)
    reference = tmp_path / "reference.db"
    done = subprocess.run(_command(inputs, reference), env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    db = tmp_path / "interrupted.db"
    process = subprocess.Popen(_command(inputs, db), env=_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 180
    while process.poll() is None and time.monotonic() < deadline and _done(db) < 4:
        time.sleep(0.02)
    assert process.poll() is None, "the ingest ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    _consistent(db)
    conn = sqlite3.connect(db)
    kept = conn.execute("SELECT count(*) FROM inputs WHERE status = 'done'").fetchone()[0]
    conn.close()
    assert 4 <= kept < ARTICLES  # what was committed stays; the run did stop early

    again = subprocess.run(_command(inputs, db), env=_env(), capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{kept} already in the database" in again.stderr
    assert rows(db) == rows(reference)
