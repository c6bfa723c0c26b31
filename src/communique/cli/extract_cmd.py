"""``communique extract``: print one ``communique/1`` JSON document per article.

stdout carries nothing but the documents; every error (one line each), and the
closing summary, go to stderr. Exit status: 0 when every input was processed or
skipped for a stated reason, 1 when some failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

from communique.cli.common import (
    add_input_options,
    add_model_option,
    error_label,
    format_counts,
    report_error,
    report_notice,
)
from communique.errors import InputError, UsageError


def register(sub: Any) -> None:
    """Add the ``extract`` subcommand to the ``communique`` parser."""
    parser = sub.add_parser(
        "extract", help="extract articles, entities, quotes and events as JSON",
        description="Print one communique/1 JSON document per article on stdout "
                    "(errors and the summary go to stderr).",
    )
    add_input_options(parser)
    add_model_option(parser)
    parser.add_argument("--format", choices=("json", "jsonl"), default="jsonl",
                        help="jsonl: one document per line (default); json: each document "
                             "indented")
    parser.add_argument("--workers", type=int, default=1, help="parser processes (default 1)")
    parser.add_argument("--explain", action="store_true",
                        help="also print, on stderr, every candidate event trigger of each "
                             "article with what matched and why it was kept or dropped")
    parser.set_defaults(run=run, quick_exit=True)


def _skip_label(reason: str) -> str:
    if reason.startswith("language"):
        return "not English"
    if reason.startswith("duplicate"):
        return "duplicate"
    return "skipped"


def run(args: argparse.Namespace) -> int:
    """Read every input, write the documents, report errors; return the exit status."""
    from communique.extract import RunSummary, process
    from communique.ingest.date_formats import parse_user_date
    from communique.ingest.readers import read_inputs

    # Usage errors surface before any input is read (exit status 2).
    published = parse_user_date(args.published) if args.published else None
    if args.workers < 1:
        raise UsageError(f"--workers must be at least 1, got {args.workers}")
    failures: Counter[str] = Counter()
    skips: Counter[str] = Counter()

    def on_error(error: InputError) -> None:
        failures[error_label(error)] += 1
        report_error(error)

    summary = RunSummary()
    items = read_inputs(args.paths, max_bytes=args.max_bytes)
    indent = 2 if args.format == "json" else None
    for document in process(items, model=args.model, published=published, summary=summary,
                            on_error=on_error, on_notice=report_notice,
                            n_process=args.workers):
        if document.get("skipped"):
            skips[_skip_label(str(document["skipped"]))] += 1
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent) + "\n")
        sys.stdout.flush()
        if args.explain and not document.get("skipped"):
            from communique.explain import explain_record, format_explanation

            sys.stderr.write(f"== {document['article']['id']}\n")
            sys.stderr.write(format_explanation(explain_record(document, model=args.model)))
    line = f"communique: {summary.processed} processed"
    if summary.renamed:
        line += f" ({summary.renamed} under a derived id)"
    line += f", {summary.skipped} skipped"
    if skips:
        line += f" ({format_counts(skips)})"
    line += f", {summary.failed} failed"
    if failures:
        line += f" ({format_counts(failures)})"
    print(line, file=sys.stderr)
    return summary.exit_status
