"""Kill test: an ingest killed with SIGKILL at random points and resumed ends with the
same rows as an uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

# Columns that may differ between runs (timestamps); the run log table is skipped whole.
_VOLATILE = {"articles": {"ingested_at"}, "inputs": {"updated_at"}}
_SKIP_TABLES = {"runs"}

_MINISTERS = [("Russian", "Sergei Lavrov", "Moscow"), ("Chinese", "Wang Yi", "Beijing"),
              ("French", "Jean Martin", "Paris"), ("Indian", "Ravi Kumar", "New Delhi"),
              ("German", "Anna Weber", "Berlin"), ("Brazilian", "Paulo Souza", "Brasilia")]
_VERBS = ["met", "held talks with", "criticized", "thanked", "accused", "praised"]


def _articles(folder: Path) -> None:
    """24 short articles written for this test, one empty file (fails) and one copy."""
    rng = random.Random(7)
    for i in range(24):
        (a_nat, a_name, _), (b_nat, b_name, b_city) = rng.sample(_MINISTERS, 2)
        verb = _VERBS[i % len(_VERBS)]
        text = (
            f"Talks in {b_city} number {i}\n\n"
            f"{a_nat} Foreign Minister {a_name} {verb} his {b_nat} counterpart {b_name} in "
            f"{b_city} on Tuesday, officials said.\n\n"
            f"\"We discussed trade and security,\" {a_name.split()[-1]} told reporters after "
            f"the meeting, adding that the two sides would meet again next month.\n\n"
            f"{b_name} said {b_nat.lower()} officials welcomed the visit."
        )
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "copy-of-03.txt").write_text((folder / "03.txt").read_text(), encoding="utf-8")


def _command(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from communique.cli import main; raise SystemExit(main())",
            "ingest", str(inputs), "--db", str(db), "--published", "2024-04-09"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%'")]
    result: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        if table in _SKIP_TABLES:
            continue
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
                   if row[1] not in _VOLATILE.get(table, set())]
        select = ", ".join(f'"{c}"' for c in columns)
        result[table] = sorted(conn.execute(f"SELECT {select} FROM {table}").fetchall(),
                               key=repr)
    result["fts"] = sorted(conn.execute(
        "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH 'counterpart'").fetchall())
    conn.close()
    return result


def _committed(db: Path) -> int:
    """Inputs committed so far, read through the public API while the ingest writes."""
    from communique.errors import StoreError
    from communique.store import open_corpus

    if not db.exists():
        return 0
    try:
        with open_corpus(db) as corpus:
            return int(corpus.stats()["inputs"])
    except (StoreError, sqlite3.Error):
        return 0  # not created or not migrated yet


def _consistent(db: Path) -> None:
    """No partial article: every article has its input record, and vice versa."""
    conn = sqlite3.connect(db)
    orphans = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM inputs i "
        "WHERE i.article_id = a.id AND i.status = 'done')").fetchone()[0]
    dangling = conn.execute(
        "SELECT count(*) FROM inputs i WHERE i.status = 'done' AND NOT EXISTS "
        "(SELECT 1 FROM articles a WHERE a.id = i.article_id)").fetchone()[0]
    conn.close()
    assert orphans == 0 and dangling == 0


@pytest.mark.slow
def test_kill_and_resume_equals_uninterrupted(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _articles(inputs)
    reference = tmp_path / "reference.db"
    done = subprocess.run(_command(inputs, reference), env=_env(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the empty file fails, with its reason
    assert "empty.txt" in done.stderr

    resumed = tmp_path / "resumed.db"
    rng = random.Random(int(os.environ.get("COMMUNIQUE_KILL_SEED", "2024")))
    kills = 0
    for target in sorted(rng.sample(range(1, 26), 3)):
        process = subprocess.Popen(_command(inputs, resumed), env=_env(),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if _committed(resumed) >= target:
                # A little random extra delay so the kill also lands inside transactions.
                time.sleep(rng.random() * 0.05)
                process.send_signal(signal.SIGKILL)
                kills += 1
                break
            time.sleep(0.005)
        process.wait(timeout=60)
        if resumed.exists():
            _consistent(resumed)
    assert kills >= 1
    final = subprocess.run(_command(inputs, resumed), env=_env(), capture_output=True,
                           text=True, timeout=300)
    assert final.returncode == 1, final.stderr
    _consistent(resumed)
    assert _rows(resumed) == _rows(reference)


@pytest.mark.parametrize("retry", [False, True])
def test_rerun_skips_done_and_failed(tmp_path: Path, retry: bool) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Lavrov met Wang Yi in Beijing on Tuesday.\n")
    # Readable, but no article in it: fails in preparation, recorded with its reason.
    (inputs / "bad.html").write_text("<html><body><script>var a=1;</script></body></html>")
    db = tmp_path / "c.db"
    first = subprocess.run(_command(inputs, db), env=_env(), capture_output=True, text=True,
                           timeout=300)
    assert first.returncode == 1
    command = _command(inputs, db) + (["--retry-failed"] if retry else [])
    second = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=300)
    assert second.returncode == 1
    assert "1 already in the database" in second.stderr
    if retry:
        assert "bad.html: no article body" in second.stderr
        assert "earlier run" not in second.stderr
    else:
        assert "failed in an earlier run" in second.stderr
