"""Benchmark: full communique pipeline vs bare spaCy ``nlp.pipe`` (same model, same run).

Usage: ``.venv/bin/python benchmarks/bench_pipeline.py [--limit N] [--input JSONL]``.
Writes the figures to ``benchmarks/results/pipeline.json`` and prints them. The goal
(issue "Foundation" and later stages): ratio >= 0.85 with one worker.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from communique.evaluate.registry import find_data_dir
from communique.throughput import run_bench

TARGET_RATIO = 0.85


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=None)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    path = args.input
    if path is None:
        data = find_data_dir()
        if data is None:
            parser.error("no --input and ../shared/data is absent")
        path = str(data / "news" / "allsides-sample.jsonl")
    result = run_bench(path, limit=args.limit, model=args.model)
    out = Path(__file__).resolve().parent / "results" / "pipeline.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result.to_dict(), indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result.to_dict(), indent=2))
    verdict = "meets" if result.ratio >= TARGET_RATIO else "MISSES"
    print(f"ratio {result.ratio} {verdict} the {TARGET_RATIO} target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
