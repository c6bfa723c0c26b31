"""Benchmark: whole-run throughput, ``communique ingest`` as a user runs it vs a bare script.

Usage: ``.venv/bin/python benchmarks/bench_whole.py [--limit N] [--rounds R]``.
Both sides are whole processes timed from start to exit: a bare script that loads the same
spaCy model and runs ``nlp.pipe`` over the articles' texts, and ``communique ingest`` into a
fresh database (corpus step included) with one and with two workers; the three commands
alternate in each round and the figures are medians. Writes ``results/whole-N.json``.
Targets (issue "Performance as a user sees it"): one worker >= 0.90 of the bare script's
throughput, two workers >= 1.8x.
"""

from __future__ import annotations

import argparse

from _common import default_input, save

from communique.run.wholerun import whole_run

TARGET_ONE = 0.90
TARGET_TWO = 1.8


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=None)
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    result = whole_run(default_input(args.input), limit=args.limit, rounds=args.rounds,
                       model=args.model)
    save(f"whole-{result.articles}", result.to_dict())
    for workers, target in ((1, TARGET_ONE), (2, TARGET_TWO)):
        ratio = result.ratio[workers]
        verdict = "meets" if ratio >= target else "MISSES"
        print(f"{workers} worker(s): {ratio} of bare throughput {verdict} the {target} target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
