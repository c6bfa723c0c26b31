"""``communique extract``: print one ``communique/1`` JSON document per article."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from communique.cli.common import add_input_options, add_model_option, report_error


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "extract", help="extract articles, entities, quotes and events as JSON",
        description="Print one communique/1 JSON document per article on stdout.",
    )
    add_input_options(parser)
    add_model_option(parser)
    parser.add_argument("--format", choices=("json", "jsonl"), default="jsonl",
                        help="jsonl: one document per line (default); json: indented")
    parser.add_argument("--workers", type=int, default=1, help="parser processes (default 1)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from communique.extract import RunSummary, process
    from communique.ingest.dates import parse_user_date
    from communique.ingest.readers import read_inputs

    published = parse_user_date(args.published) if args.published else None
    summary = RunSummary()
    items = read_inputs(args.paths, max_bytes=args.max_bytes)
    indent = 2 if args.format == "json" else None
    for document in process(items, model=args.model, published=published, summary=summary,
                            on_error=report_error, n_process=max(1, args.workers)):
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent) + "\n")
        sys.stdout.flush()
    print(
        f"communique: {summary.processed} processed, {summary.skipped} skipped, "
        f"{summary.failed} failed",
        file=sys.stderr,
    )
    return summary.exit_status
