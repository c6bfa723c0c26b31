"""Benchmark: how the corpus step (``communique resolve``) grows with the corpus.

Usage: ``.venv/bin/python benchmarks/bench_corpus.py [--base N] [--sizes 1000,5000,20000]``.
The first ``--base`` articles are ingested once; larger corpora are synthetic repeats built
in the database (new ids, dates a year later per copy, fingerprints re-hashed so copies are
not syndicated duplicates); the corpus step is timed on each. Writes
``results/corpus-step.json``. Target (issue "Performance as a user sees it"): growth no
worse than n log n (``against_n_log_n`` near or below 1).
"""

from __future__ import annotations

import argparse

from _common import default_input, save

from communique.run.corpusgrowth import corpus_growth


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=None)
    parser.add_argument("--base", type=int, default=1000)
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    sizes = tuple(int(size) for size in args.sizes.split(","))
    result = corpus_growth(default_input(args.input), base=args.base, sizes=sizes,
                           workers=args.workers, model=args.model)
    save("corpus-step", result.to_dict())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
