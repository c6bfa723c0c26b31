"""End-to-end benchmarks of ``ingest``: against bare spaCy, across worker counts, memory.

All three compare within one run on the same articles, alternating (whole runs for the
ingest benchmark, chunks for scaling) so that load from other processes on a shared
machine affects both sides alike; the ratios are the figures that matter, absolute
speeds are context.

- :func:`ingest_vs_bare` — full ingest (reading, cleaning, the whole pipeline, database
  writes, and the corpus-level step at the end) against bare ``nlp.pipe`` with the same
  model on the same articles' clean text.
- :func:`scaling` — ingest with N workers against ingest with 1 worker.
- :func:`memory` — worker RSS after 500 and after 5,000 articles (the sample repeated with
  new ids and a new sentence per copy, so that the vocabulary sees new strings).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from communique.errors import UsageError
from communique.run.executors import DEFAULT_BATCH_SIZE, Executor


def load_records(path: str | Path, limit: int | None) -> list[dict[str, Any]]:
    """JSON records with a text from a JSONL file (at most ``limit``)."""
    records: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                if record.get("text"):
                    records.append(record)
            if limit is not None and len(records) >= limit:
                break
    if not records:
        raise UsageError(f"{path}: no JSON records with text to benchmark on")
    return records


def clean_texts(path: str | Path) -> list[str]:
    """The clean text of every article in ``path``: what ingest parses, and what the bare
    baselines parse (shorter than the raw text, so a stricter baseline)."""
    from communique.ingest.readers import read_inputs
    from communique.ingest.types import RawDocument
    from communique.prepare import prepare

    return [prepare(raw).article.text for raw in read_inputs([str(path)])
            if isinstance(raw, RawDocument)]


def write_records(records: list[dict[str, Any]], path: Path) -> Path:
    """``records`` as a JSONL file at ``path`` (the input the benchmarks ingest)."""
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return path


def _write_chunks(records: list[dict[str, Any]], folder: Path, size: int) -> list[Path]:
    return [write_records(records[begin : begin + size], folder / f"chunk{number:04d}.jsonl")
            for number, begin in enumerate(range(0, len(records), size))]


def _executor(workers: int, model: str | None) -> Executor:
    from communique.store.ingest_run import make_executor

    return make_executor(workers, model=model)


def _ingest(executor: Executor, path: Path, db: Path, batch_size: int) -> float:
    return _ingest_timed(executor, path, db, batch_size)[0]


def _ingest_timed(executor: Executor, path: Path, db: Path,
                  batch_size: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of one ``run_ingest`` call."""
    from communique.store.ingest_run import run_ingest

    start, cpu = time.perf_counter(), time.process_time()
    summary = run_ingest([path], db, executor=executor, run_resolve=False,
                         batch_size=batch_size)
    if summary.run.failed:
        raise UsageError(f"{summary.run.failed} articles failed during the benchmark: "
                         + "; ".join(summary.run.errors[:3]))
    return time.perf_counter() - start, time.process_time() - cpu


def _resolve(db: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the corpus-level step on ``db``."""
    from communique.store.corpus_step import resolve
    from communique.store.schema import connect

    conn = connect(db)
    start, cpu = time.perf_counter(), time.process_time()
    resolve(conn)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    conn.close()
    return seconds, cpu


def _usage(executor: Executor) -> tuple[float, float]:
    """Cumulative (busy wall seconds, CPU seconds) of a worker pool's workers."""
    stats = getattr(executor, "stats", None)
    if stats is None:
        return 0.0, 0.0
    return sum(stats.worker_busy_s.values()), sum(stats.worker_cpu_s.values())


def _load() -> float:
    return os.getloadavg()[0]


@dataclass
class IngestBench:
    """Full ingest against bare ``nlp.pipe`` (same model, same articles, same run)."""

    articles: int
    rounds: int  # parts the articles were split into, bare and ingest alternating
    workers: int
    model: str
    bare_seconds: float
    ingest_seconds: float
    resolve_seconds: float
    bare_articles_per_s: float
    ingest_articles_per_s: float
    ratio: float
    ratio_without_resolve: float
    # CPU seconds: of bare ``nlp.pipe``; of the per-article work (the worker processes, or
    # this process with 0 workers) plus the corpus step; of the writer (reading and
    # database writes, on its own core when there are workers). ``cpu_ratio`` compares
    # the first two: unlike the wall-clock ratio it holds on a machine busy with other
    # jobs, where a process's share of a core varies from second to second.
    bare_cpu_seconds: float
    ingest_cpu_seconds: float
    writer_cpu_seconds: float
    cpu_ratio: float
    load_before: float
    load_after: float
    command: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return asdict(self)


def ingest_vs_bare(path: str | Path, *, limit: int | None = 200, workers: int = 1,
                   model: str | None = None, rounds: int = 2,
                   batch_size: int = DEFAULT_BATCH_SIZE) -> IngestBench:
    """Time ``ingest`` (with ``workers``; 0 = in this process) against bare ``nlp.pipe``.

    The articles are split into ``rounds`` consecutive parts; for each part, bare
    ``nlp.pipe`` runs over it, then one ``ingest`` of it (into one database, like a run
    that goes on), so each side sees every article once and load from other processes
    hits both alike. The corpus-level step (``resolve``) runs once at the end and counts
    in ``ingest_seconds``. Parts are long on purpose: a real ingest is one continuous run,
    and alternating short chunks with a bare pipeline in this process (the first
    design) understated the worker pool against the same articles ingested continuously,
    pool and in-process alike.
    """
    import spacy

    from communique.nlp.pipeline import resolve_model_name

    records = load_records(path, limit)
    load_before = _load()
    bare = spacy.load(resolve_model_name(model))
    executor = _executor(workers, model)
    try:
        with tempfile.TemporaryDirectory(prefix="communique-bench-") as tmp:
            folder = Path(tmp)
            size = -(-len(records) // max(1, rounds))  # ceiling: ``rounds`` parts at most
            parts = _write_chunks(records, folder, size)
            (folder / "warm").mkdir()
            warm = _write_chunks(records[:4], folder / "warm", 4)
            _ingest(executor, warm[0], folder / "warm.db", batch_size)  # workers loaded
            db = folder / "bench.db"
            bare_s = ingest_s = bare_cpu = writer_cpu = 0.0
            usage_before = _usage(executor)
            list(bare.pipe(["Warm-up."]))
            for part in parts:
                texts = clean_texts(part)  # prepared outside the baseline's timing
                start, cpu = time.perf_counter(), time.process_time()
                for _ in bare.pipe(texts, batch_size=batch_size):
                    pass
                bare_s += time.perf_counter() - start
                bare_cpu += time.process_time() - cpu
                wall, cpu = _ingest_timed(executor, part, db, batch_size)
                ingest_s += wall
                writer_cpu += cpu
            worker_cpu = _usage(executor)[1] - usage_before[1]
            resolve_s, resolve_cpu = _resolve(db)
    finally:
        executor.close()
    n = len(records)
    total = ingest_s + resolve_s
    # In-process (0 workers) the per-article work is this process's own CPU time.
    work_cpu = (worker_cpu if workers else writer_cpu) + resolve_cpu
    return IngestBench(
        articles=n, rounds=len(parts), workers=workers,
        model=executor.model_name,
        bare_seconds=round(bare_s, 2), ingest_seconds=round(total, 2),
        resolve_seconds=round(resolve_s, 2),
        bare_articles_per_s=round(n / bare_s, 2), ingest_articles_per_s=round(n / total, 2),
        ratio=round(bare_s / total, 3), ratio_without_resolve=round(bare_s / ingest_s, 3),
        bare_cpu_seconds=round(bare_cpu, 2), ingest_cpu_seconds=round(work_cpu, 2),
        writer_cpu_seconds=round(writer_cpu, 2),
        cpu_ratio=round(bare_cpu / work_cpu, 3) if work_cpu else 0.0,
        load_before=round(load_before, 2),
        load_after=round(_load(), 2),
    )


@dataclass
class ScalingBench:
    """Ingest with ``workers`` against ingest with 1 worker (same articles, same run)."""

    articles: int
    workers: int
    one_worker_seconds: float
    n_workers_seconds: float
    one_worker_articles_per_s: float
    n_workers_articles_per_s: float
    speedup: float
    # Share of a core each side's workers actually got while busy (CPU s / wall s in
    # batches) and how busy they were (wall s in batches / (timed s * workers)): on a
    # machine shared with other jobs the speedup is capped by the cores left to us.
    one_worker_core_share: float
    n_workers_core_share: float
    n_workers_busy: float
    load_before: float
    load_after: float
    cores: int
    command: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return asdict(self)


def scaling(path: str | Path, *, limit: int | None = 200, workers: int = 2,
            model: str | None = None, chunk: int = 64,
            batch_size: int = 8) -> ScalingBench:
    """Time ingest with 1 worker and with ``workers`` workers, alternating chunks.

    Each chunk is one ``run_ingest`` call that waits for its slowest batch, so chunks hold
    many small batches (64 articles in batches of 8) to keep every worker busy to the end;
    a continuous run has no such tail.
    """
    records = load_records(path, limit)
    load_before = _load()
    one = _executor(1, model)
    many = _executor(workers, model)
    try:
        with tempfile.TemporaryDirectory(prefix="communique-bench-") as tmp:
            folder = Path(tmp)
            chunks = _write_chunks(records, folder, chunk)
            (folder / "warm").mkdir()
            warm = _write_chunks(records[: 4 * workers], folder / "warm", 2)
            for executor, name in ((one, "one"), (many, "many")):
                for number, warm_path in enumerate(warm):
                    _ingest(executor, warm_path, folder / f"warm-{name}{number}.db", 2)
            one_s = many_s = 0.0
            before = {id(e): _usage(e) for e in (one, many)}
            for chunk_path in chunks:
                one_s += _ingest(one, chunk_path, folder / "one.db", batch_size)
                many_s += _ingest(many, chunk_path, folder / "many.db", batch_size)
            one_busy, one_cpu = (a - b for a, b in zip(_usage(one), before[id(one)],
                                                       strict=True))
            many_busy, many_cpu = (a - b for a, b in zip(_usage(many), before[id(many)],
                                                         strict=True))
    finally:
        one.close()
        many.close()
    n = len(records)
    return ScalingBench(
        articles=n, workers=workers, one_worker_seconds=round(one_s, 2),
        n_workers_seconds=round(many_s, 2), one_worker_articles_per_s=round(n / one_s, 2),
        n_workers_articles_per_s=round(n / many_s, 2), speedup=round(one_s / many_s, 3),
        one_worker_core_share=round(one_cpu / one_busy, 3) if one_busy else 0.0,
        n_workers_core_share=round(many_cpu / many_busy, 3) if many_busy else 0.0,
        n_workers_busy=round(many_busy / (many_s * workers), 3) if many_s else 0.0,
        load_before=round(load_before, 2), load_after=round(_load(), 2),
        cores=os.cpu_count() or 1,
    )


@dataclass
class MemoryBench:
    """Worker memory over a long single-worker ingest."""

    articles: int
    rss_mb_at: dict[int, float] = field(default_factory=dict)
    growth: float = 0.0
    worker_peak_rss_mb: float = 0.0
    writer_peak_rss_mb: float = 0.0
    seconds: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    command: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return asdict(self)


def _repeated(records: list[dict[str, Any]], total: int) -> Iterator[dict[str, Any]]:
    """``total`` records: the sample again and again, each copy a new article.

    Every copy gets a new id and a closing sentence with new tokens (a number and a
    made-up name), so that the vocabulary keeps meeting strings it has not seen, as it
    does on a real stream of news; plain repeats would hide vocabulary growth.
    """
    for number in range(total):
        record = dict(records[number % len(records)])
        copy = number // len(records)
        record["id"] = f"{record.get('id', number)}-copy{copy}"
        record["text"] = (f"{record['text']}\n\nReference {number * 7919} was filed by "
                          f"Zorvath{number}x Quillon{copy}ia in Varnholt{number % 997}.")
        yield record


def memory(path: str | Path, *, checkpoints: tuple[int, ...] = (500, 5000),
           model: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> MemoryBench:
    """Ingest ``max(checkpoints)`` articles with one worker; record its RSS at each one."""
    from communique.run.pool import WorkerPool, peak_rss_mb
    from communique.run.progress import Progress
    from communique.store.ingest_run import run_ingest

    records = load_records(path, None)
    total = max(checkpoints)
    result = MemoryBench(articles=total, load_before=round(_load(), 2))
    pool = WorkerPool(1, model=model)

    class Sampler(Progress):
        def advance(self, count: int = 1, *, resumed: bool = False) -> None:
            super().advance(count, resumed=resumed)
            for checkpoint in checkpoints:
                if self.done >= checkpoint and checkpoint not in result.rss_mb_at:
                    result.rss_mb_at[checkpoint] = round(pool.stats.worker_rss_mb.get(0, 0.0), 1)

    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="communique-bench-") as tmp:
            source = Path(tmp) / "repeated.jsonl"
            with open(source, "w", encoding="utf-8") as handle:
                for record in _repeated(records, total):
                    handle.write(json.dumps(record) + "\n")
            with Sampler(total, interval=60.0) as progress:
                run_ingest([source], Path(tmp) / "memory.db", executor=pool,
                           run_resolve=False, batch_size=batch_size, progress=progress)
    finally:
        result.worker_peak_rss_mb = round(pool.stats.worker_peak_rss_mb, 1)
        pool.close()
    result.seconds = round(time.perf_counter() - start, 1)
    result.writer_peak_rss_mb = round(peak_rss_mb(), 1)
    low, high = result.rss_mb_at.get(min(checkpoints)), result.rss_mb_at.get(total)
    if low and high:
        result.growth = round(high / low - 1, 4)
    result.load_after = round(_load(), 2)
    return result
