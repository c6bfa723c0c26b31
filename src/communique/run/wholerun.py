"""Whole-run throughput as a user meets it: ``communique ingest`` timed from process start
to exit against a bare spaCy script over the same articles.

The in-process benchmarks of :mod:`communique.run.bench` leave out what every real run
pays besides the per-article work: starting Python, loading spaCy and the project's data in
the parent and in each worker, the corpus step at the end and closing the database. Here
both sides are whole processes: the bare script loads the same model and runs ``nlp.pipe``
over the same articles' clean texts in batches of ingest's size (the least any spaCy
tool pays), and ``communique ingest``
runs with one and with two workers into a fresh database. The commands alternate within
each round, after one untimed warm-up of each (compiled tables, the OS file cache); the
figures are medians of the rounds. CPU seconds (the finished processes' user and system
time, workers included) are reported beside the wall clock, because on a busy machine the
wall clock swings while CPU time holds still.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from communique.nlp.pipeline import resolve_model_name
from communique.run.bench import clean_texts, load_records, write_records
from communique.run.executors import DEFAULT_BATCH_SIZE
from communique.run.startup import timed_process

_CLI = "import sys; from communique.cli import main; sys.exit(main())"

# The baseline: load the model, read the texts, parse them all in batches of the size
# ingest uses (one batch of every article would pad each to the longest), exit.
_BARE = (
    "import json, sys, spacy\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "texts = [json.loads(line)['text'] for line in open(sys.argv[2], encoding='utf-8')\n"
    "         if line.strip()]\n"
    "for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):\n"
    "    pass\n"
)


@dataclass
class WholeRunBench:
    """Median whole-process seconds of bare spaCy and of ``ingest`` per worker count."""

    model: str
    articles: int
    rounds: int
    bare_seconds: float
    bare_cpu_seconds: float
    ingest_seconds: dict[int, float] = field(default_factory=dict)
    ingest_cpu_seconds: dict[int, float] = field(default_factory=dict)
    ratio: dict[int, float] = field(default_factory=dict)
    runs: dict[str, list[float]] = field(default_factory=dict)
    load_before: float = 0.0
    load_after: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def whole_run(path: str | Path, *, limit: int | None = 150, workers: tuple[int, ...] = (1, 2),
              rounds: int = 3, model: str | None = None) -> WholeRunBench:
    """Time ``communique ingest`` (whole process, fresh database, corpus step included)
    with each worker count in ``workers`` against a bare ``nlp.pipe`` script on the first
    ``limit`` articles of ``path``; ``ratio[w]`` is ingest's throughput with ``w`` workers
    as a share of the bare script's (above 1 means faster than one bare process)."""
    name = resolve_model_name(model)
    records = load_records(path, limit)
    env = {**os.environ, "COMMUNIQUE_MODEL": name}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        corpus = write_records(records, Path(folder) / "articles.jsonl")
        database = Path(folder) / "corpus.db"
        clean = Path(folder) / "clean.jsonl"  # the bare script's input
        clean.write_text("".join(json.dumps({"text": text}) + "\n"
                                 for text in clean_texts(corpus)), encoding="utf-8")
        commands: dict[str, list[str]] = {
            "bare": [sys.executable, "-c", _BARE, name, str(clean), str(DEFAULT_BATCH_SIZE)]}
        for count in workers:
            commands[f"ingest-w{count}"] = [
                sys.executable, "-c", _CLI, "ingest", str(corpus), "--db", str(database),
                "--workers", str(count), "--no-progress"]

        def run(key: str) -> tuple[float, float]:
            for leftover in Path(folder).glob("corpus.db*"):
                leftover.unlink()
            return timed_process(commands[key], env)

        for key in commands:
            run(key)  # warm-up
        times: dict[str, list[tuple[float, float]]] = {key: [] for key in commands}
        for _ in range(max(1, rounds)):
            for key in commands:
                times[key].append(run(key))
    wall = {key: statistics.median(w for w, _ in values) for key, values in times.items()}
    cpu = {key: statistics.median(c for _, c in values) for key, values in times.items()}
    return WholeRunBench(
        model=name, articles=len(records), rounds=max(1, rounds),
        bare_seconds=round(wall["bare"], 2), bare_cpu_seconds=round(cpu["bare"], 2),
        ingest_seconds={w: round(wall[f"ingest-w{w}"], 2) for w in workers},
        ingest_cpu_seconds={w: round(cpu[f"ingest-w{w}"], 2) for w in workers},
        ratio={w: round(wall["bare"] / wall[f"ingest-w{w}"], 3) for w in workers},
        runs={key: [round(w, 2) for w, _ in values] for key, values in times.items()},
        load_before=round(load_before, 2), load_after=round(os.getloadavg()[0], 2))
