"""Benchmark: full ``communique ingest`` vs bare spaCy ``nlp.pipe`` (same model, same run).

Usage: ``.venv/bin/python benchmarks/bench_ingest.py [--limit N] [--workers W]``.
Ingest covers reading, cleaning, the whole pipeline, database writes and the corpus-level
step; whole runs of the two sides alternate ``--rounds`` times. Writes
``results/ingest-wW.json``.
Target (issue "Scale"): ratio >= 0.85 with one worker.
"""

from __future__ import annotations

import argparse

from _common import default_input, save

from communique.run.bench import ingest_vs_bare

TARGET_RATIO = 0.85


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=None)
    parser.add_argument("--limit", type=int, default=320)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    result = ingest_vs_bare(default_input(args.input), limit=args.limit, workers=args.workers,
                            rounds=args.rounds,
                            model=args.model)
    save(f"ingest-w{args.workers}", result.to_dict())
    verdict = "meets" if result.ratio >= TARGET_RATIO else "MISSES"
    print(f"ratio {result.ratio} {verdict} the {TARGET_RATIO} target")
    return 0


if __name__ == "__main__":  # worker processes are spawned: the guard is required
    raise SystemExit(main())
