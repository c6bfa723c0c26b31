"""Benchmark: ``ingest`` with 2 workers vs 1 worker (same articles, alternating chunks).

Usage: ``.venv/bin/python benchmarks/bench_scaling.py [--limit N] [--workers 2]``.
Writes ``results/scaling.json``. Target (issue "Scale"): >= 1.6x on a 2-core machine.
"""

from __future__ import annotations

import argparse

from _common import default_input, save

from communique.run.bench import scaling

TARGET = 1.6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=None)
    parser.add_argument("--limit", type=int, default=320)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default=None)
    parser.add_argument("--batch-size", type=int, default=8)
    args = parser.parse_args()
    result = scaling(default_input(args.input), limit=args.limit, workers=args.workers,
                     model=args.model, batch_size=args.batch_size)
    save("scaling", result.to_dict())
    verdict = "meets" if result.speedup >= TARGET else "MISSES"
    print(f"speedup {result.speedup} {verdict} the {TARGET} target")
    return 0


if __name__ == "__main__":  # worker processes are spawned: the guard is required
    raise SystemExit(main())
