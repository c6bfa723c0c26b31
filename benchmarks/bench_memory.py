"""Benchmark: one worker's memory over 5,000 articles (the AllSides sample repeated).

Usage: ``.venv/bin/python benchmarks/bench_memory.py``. Every repeated article gets a new
id and a sentence with new tokens, so the vocabulary keeps growing unless it is freed.
Writes ``results/memory.json``. Targets (issue "Scale"): peak RSS per worker <= 1 GB; RSS
after 5,000 articles within 10% of RSS after 500.
"""

from __future__ import annotations

import argparse

from _common import default_input, save

from communique.run.bench import memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=None)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    first = min(500, args.articles)
    result = memory(default_input(args.input), checkpoints=(first, args.articles),
                    model=args.model)
    save("memory", result.to_dict())
    peak_ok = result.worker_peak_rss_mb <= 1024
    flat_ok = abs(result.growth) <= 0.10
    print(f"worker peak RSS {result.worker_peak_rss_mb} MB ({'ok' if peak_ok else 'OVER'} 1 GB); "
          f"growth {100 * result.growth:.1f}% ({'ok' if flat_ok else 'OVER'} 10%)")
    return 0


if __name__ == "__main__":  # worker processes are spawned: the guard is required
    raise SystemExit(main())
