"""Synthetic corpus growth: copies are new articles, later in time, not duplicates."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from communique.run.corpusgrowth import grow
from communique.store import connect
from communique.store.corpus_step import resolve
from tests.store.fixtures import build_db, meeting_corpus


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_grow_copies_articles_forward_in_time(tmp_path: Path) -> None:
    db = build_db(tmp_path / "c.db", meeting_corpus())
    base = _count(db, "SELECT count(*) FROM articles")
    events = _count(db, "SELECT count(*) FROM events")
    assert grow(db, base * 3) == base * 3
    assert _count(db, "SELECT count(*) FROM events") == events * 3
    conn = sqlite3.connect(db)
    first = conn.execute("SELECT published FROM articles WHERE instr(id, '~') = 0 "
                         "ORDER BY id").fetchall()
    second = conn.execute("SELECT published FROM articles WHERE id GLOB '*~2' "
                          "ORDER BY id").fetchall()
    conn.close()
    assert [str(int(a[:4]) + 2) + a[4:] for (a,) in first] == [b for (b,) in second]
    # The corpus step runs on the grown database, and the copies, a year apart, are
    # neither syndicated duplicates of their originals nor merged with their events.
    conn = connect(db)
    summary = resolve(conn)
    conn.close()
    assert summary.articles == base * 3
    original = _count(db, "SELECT count(DISTINCT corpus_event_id) FROM event_mentions "
                          "WHERE instr(article_id, '~') = 0")
    assert _count(db, "SELECT count(*) FROM corpus_events") == original * 3
    assert _count(db, "SELECT count(DISTINCT group_id) FROM syndication") == _count(
        db, "SELECT count(DISTINCT group_id) FROM syndication "
            "WHERE instr(article_id, '~') = 0") * 3
