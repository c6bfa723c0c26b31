"""``communique bench``: full pipeline throughput as a ratio of bare spaCy throughput.

Without options it times the per-article pipeline (``extract``'s path) against bare
``nlp.pipe``; ``--ingest`` times the whole ``ingest`` (database writes and the corpus
step included) with ``--workers`` worker processes; ``--scaling`` compares ``--workers``
workers with one; ``--memory`` follows one worker's memory over a long run; ``--startup``
times whole processes (``extract`` on one short article against a bare spaCy load-and-parse).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from communique.cli.common import add_model_option


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "bench", help="benchmark the pipeline against bare spaCy",
        description="Time the full pipeline and bare nlp.pipe on the same articles in one run "
                    "(alternating chunks, so that machine load affects both alike).",
    )
    parser.add_argument("--input", default=None,
                        help="JSONL articles (default: the AllSides sample in ../shared/data)")
    parser.add_argument("--limit", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument("--batch-size", type=int, default=16)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--ingest", action="store_true",
                      help="time the whole ingest (database writes, corpus step) vs bare spaCy")
    mode.add_argument("--scaling", action="store_true",
                      help="time ingest with --workers workers against ingest with one")
    mode.add_argument("--memory", action="store_true",
                      help="worker RSS after 500 and 5,000 articles (the sample repeated)")
    mode.add_argument("--startup", action="store_true",
                      help="whole-process seconds of 'extract' on one short article against "
                           "a bare spaCy load-and-parse, and of 'import communique' and "
                           "'--help' (medians of --rounds alternating runs)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs of each command for --startup (default 3)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes for --ingest (default 1; 0 = in this process) "
                             "and --scaling (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    add_model_option(parser)
    parser.set_defaults(run=run)


def _print(figures: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        print(f"{name:28s} {value}")


def run(args: argparse.Namespace) -> int:
    from communique.evaluate.registry import find_data_dir
    from communique.throughput import run_bench

    if args.startup:
        from communique.run.startup import startup

        timed = startup(rounds=args.rounds, model=args.model).to_dict()
        timed["command"] = "communique bench " + " ".join(sys.argv[2:])
        _print(timed, args.json)
        return 0

    path = args.input
    if path is None:
        data = find_data_dir()
        if data is None:
            print("communique: no --input given and ../shared/data not found", file=sys.stderr)
            return 2
        path = data / "news" / "allsides-sample.jsonl"
    command = "communique bench " + " ".join(sys.argv[2:])
    if args.ingest or args.scaling or args.memory:
        from communique.run import bench

        figures: dict[str, Any]
        if args.ingest:
            workers = 1 if args.workers is None else args.workers
            figures = bench.ingest_vs_bare(path, limit=args.limit, workers=workers,
                                           model=args.model,
                                           batch_size=args.batch_size).to_dict()
        elif args.scaling:
            workers = 2 if args.workers is None else args.workers
            figures = bench.scaling(path, limit=args.limit, workers=workers, model=args.model,
                                    batch_size=args.batch_size).to_dict()
        else:
            figures = bench.memory(path, model=args.model,
                                   batch_size=args.batch_size).to_dict()
        figures["command"] = command
        _print(figures, args.json)
        return 0
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
