"""``communique evaluate SUITE``: measure accuracy on the reference gold data."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from communique.evaluate.registry import suite_names


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "evaluate", help="measure accuracy on gold data",
        description="Run an evaluation suite and print precision, recall, F1 and counts.",
    )
    parser.add_argument("suite", choices=suite_names(), help="which suite to run")
    parser.add_argument("--data", default=None,
                        help="reference data folder (default: $COMMUNIQUE_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="evaluate only the first N items")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--disable", action="append", default=[], metavar="RULE",
                        help="switch off a named rule (docs/rules.md) to measure its "
                             "contribution; repeatable")
    parser.set_defaults(run=run)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def run(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from communique.evaluate.registry import find_data_dir, get_suite

    data = find_data_dir(args.data)
    if data is None:
        print("communique: no reference data found; pass --data DIR or set COMMUNIQUE_DATA",
              file=sys.stderr)
        return 2
    suite = get_suite(args.suite)
    if args.disable:
        import communique.events.coder
        import communique.quotes.extract  # noqa: F401  (both register rule ledgers)
        from communique.rules import disabled

        with disabled(frozenset(args.disable)):
            report = suite(data, args.limit)
    else:
        report = suite(data, args.limit)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        return 0
    table = Table(title=f"communique evaluate {report.suite}")
    for column in ("metric", "value", "precision", "recall", "F1", "counts", "note"):
        table.add_column(column)
    for row in report.rows:
        counts = ", ".join(f"{k}={v}" for k, v in row.counts.items())
        table.add_row(row.name, _fmt(row.value), _fmt(row.precision), _fmt(row.recall),
                      _fmt(row.f1), counts, row.note)
    # Not a terminal (pipe, file): a fixed wide layout instead of rich's 80 columns, so
    # that notes are not folded into a column of fragments.
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    return 0
