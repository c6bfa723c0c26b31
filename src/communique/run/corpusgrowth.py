"""How the corpus step grows with the corpus: its time on 1k, 5k and 20k articles.

Ingesting 20,000 articles to time one step would take hours, so the larger corpora are
synthetic repeats of one ingested base corpus, built in the database: every copy of an
article gets a new id, its publication and event dates move on by one year per copy (the
corpus grows over time, as a real one does, instead of piling every copy onto the same
days), and its near-duplicate fingerprints are re-hashed per copy, so that copies are not
syndicated duplicates of each other while the copies of two originals that are near
duplicates remain so. What the step reads (articles, fingerprints, entities, mentions,
quotes, events and their participants) is copied; what it writes is rebuilt by it. Each
size is timed on its own copy of the database with :func:`communique.store.corpus_step.resolve`,
and the report gives seconds per 1,000 articles and each size's time against ``n log n``
scaled from the smallest.
"""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from communique.run.bench import load_records, write_records

# Tables keyed by article that the corpus step reads, and the key column of each.
_ARTICLE_TABLES = (("articles", "id"), ("headings", "article_id"), ("removed", "article_id"),
                   ("entities", "article_id"), ("mentions", "article_id"),
                   ("quotes", "article_id"), ("events", "article_id"),
                   ("event_participants", "article_id"))
_DATE_COLUMNS = {"articles": ("published",), "events": ("date_value",)}


def _mask(copy: int) -> int:
    """The per-copy value fingerprints are XOR-ed with (31 bits: no sign change)."""
    return (copy * 0x9E3779B1) & 0x7FFFFFFF


def _shifted(column: str) -> str:
    """SQL for ``column`` with a leading four-digit year moved on by ``:years``."""
    return (f"CASE WHEN {column} GLOB '[0-9][0-9][0-9][0-9]*' THEN "
            f"printf('%04d', CAST(substr({column}, 1, 4) AS INTEGER) + :years) "
            f"|| substr({column}, 5) ELSE {column} END")


def _copy_rows(conn: sqlite3.Connection, copy: int) -> None:
    suffix = f"~{copy}"
    for table, key in _ARTICLE_TABLES:
        columns = [str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")]
        chosen = []
        for column in columns:
            if column == key:
                chosen.append(f"{column} || :suffix")
            elif column in _DATE_COLUMNS.get(table, ()):
                chosen.append(_shifted(column))
            else:
                chosen.append(f'"{column}"')
        names = ", ".join(f'"{column}"' for column in columns)
        conn.execute(f"INSERT INTO {table} ({names}) SELECT {', '.join(chosen)} FROM {table} "
                     f"WHERE instr({key}, '~') = 0", {"suffix": suffix, "years": copy})
    mask = _mask(copy)
    conn.execute("INSERT INTO article_minhash (h, article_id) SELECT (h | :m) - (h & :m), "
                 "article_id || :suffix FROM article_minhash WHERE instr(article_id, '~') = 0",
                 {"m": mask, "suffix": suffix})
    rows = conn.execute("SELECT article_id, sketch FROM article_sketch "
                        "WHERE instr(article_id, '~') = 0").fetchall()
    conn.executemany("INSERT INTO article_sketch (article_id, sketch) VALUES (?, ?)",
                     [(article_id + suffix, json.dumps([int(h) ^ mask for h in json.loads(s)]))
                      for article_id, s in rows])


def grow(db: Path, articles: int) -> int:
    """Add synthetic copies to ``db`` (whose article ids contain no '~') until it holds at
    least ``articles`` articles; return the count it holds."""
    conn = sqlite3.connect(db)
    try:
        base = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        if base == 0:
            raise ValueError(f"{db}: no articles to copy")
        with conn:
            for copy in range(1, math.ceil(articles / base)):
                _copy_rows(conn, copy)
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


@dataclass
class CorpusGrowthBench:
    """Seconds of the corpus step per corpus size, per 1,000 articles, and against n log n."""

    base_articles: int
    sizes: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    seconds_per_1000: list[float] = field(default_factory=list)
    against_n_log_n: list[float] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def corpus_growth(path: str | Path, *, base: int = 1000,
                  sizes: tuple[int, ...] = (1000, 5000, 20000), workers: int = 2,
                  model: str | None = None) -> CorpusGrowthBench:
    """Ingest the first ``base`` articles of ``path`` once (corpus step left out), grow
    copies of the database to each of ``sizes`` and time the corpus step on each.
    ``against_n_log_n`` is each size's seconds divided by the smallest size's seconds
    scaled by n log n: values that stay near or below 1 mean growth no worse than n log n."""
    from communique.store.corpus_step import resolve
    from communique.store.ingest_run import make_executor, run_ingest
    from communique.store.schema import connect

    records = load_records(path, base)
    result = CorpusGrowthBench(base_articles=len(records))
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_records(records, Path(folder) / "articles.jsonl")
        seed = Path(folder) / "base.db"
        executor = make_executor(workers, model=model)
        try:
            run_ingest([corpus], seed, executor=executor, run_resolve=False)
        finally:
            executor.close()
        with sqlite3.connect(seed) as settle:  # fold the write-ahead log into the file
            settle.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for size in sizes:
            db = Path(folder) / f"corpus-{size}.db"
            shutil.copyfile(seed, db)
            held = grow(db, size)
            conn = connect(db)
            start = time.perf_counter()
            resolve(conn)
            seconds = time.perf_counter() - start
            conn.close()
            db.unlink()
            result.sizes.append(held)
            result.seconds.append(round(seconds, 2))
            result.seconds_per_1000.append(round(seconds * 1000 / held, 3))
    first_n, first_s = result.sizes[0], result.seconds[0]
    for n, s in zip(result.sizes, result.seconds, strict=True):
        expected = first_s * (n * math.log(n)) / (first_n * math.log(first_n))
        result.against_n_log_n.append(round(s / expected, 3) if expected else 0.0)
    return result
