"""Ctrl-C (SIGINT) stops an ingest cleanly: committed articles stay, the next run resumes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.run.helpers import rows, write_articles
from tests.store.test_kill import _committed, _consistent, _env


def _command(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from communique.cli import main; raise SystemExit(main())",
            "ingest", str(inputs), "--db", str(db), "--published", "2024-04-09",
            "--workers", "1", "--batch-size", "2"]


def _default_sigint() -> None:
    """Give the child the default SIGINT action: a suite started in the background (``make
    test &``, nohup) inherits SIGINT ignored, and Python then never raises
    KeyboardInterrupt, so the ingest would run to its end whatever the signal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_sigint_keeps_committed_and_resumes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs, 40)
    reference = tmp_path / "reference.db"
    done = subprocess.run(_command(inputs, reference), env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    db = tmp_path / "interrupted.db"
    process = subprocess.Popen(_command(inputs, db), env=_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint)
    deadline = time.monotonic() + 180
    while process.poll() is None and time.monotonic() < deadline and _committed(db) < 4:
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
    assert 4 <= kept < 40  # what was committed stays; the run did stop early

    again = subprocess.run(_command(inputs, db), env=_env(), capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{kept} already in the database" in again.stderr
    assert rows(db) == rows(reference)
