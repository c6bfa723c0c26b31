"""``communique bench``: full pipeline throughput as a ratio of bare spaCy throughput."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from communique.cli.common import add_model_option


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "bench", help="benchmark the pipeline against bare spaCy",
        description="Time the full pipeline and bare nlp.pipe on the same articles in one run.",
    )
    parser.add_argument("--input", default=None,
                        help="JSONL articles (default: the AllSides sample in ../shared/data)")
    parser.add_argument("--limit", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    add_model_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from communique.bench import run_bench
    from communique.evaluate.registry import find_data_dir

    path = args.input
    if path is None:
        data = find_data_dir()
        if data is None:
            print("communique: no --input given and ../shared/data not found", file=sys.stderr)
            return 2
        path = data / "news" / "allsides-sample.jsonl"
    result = run_bench(path, limit=args.limit, model=args.model, batch_size=args.batch_size)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(f"articles: {result.articles} ({result.characters} characters), model {result.model}")
        print(f"bare nlp.pipe: {result.bare_articles_per_s} articles/s ({result.bare_seconds} s)")
        print(f"communique:    {result.full_articles_per_s} articles/s ({result.full_seconds} s)")
        print(f"ratio (communique / bare): {result.ratio}")
        print(f"peak RSS: {result.peak_rss_mb} MB")
        total = sum(result.stage_seconds.values()) or 1.0
        print("stage shares (of the summed stage time):")
        for name, seconds in result.stage_seconds.items():
            print(f"  {name:24s} {seconds:8.3f} s  {100 * seconds / total:5.1f}%")
    return 0
