"""``communique export``: the merged corpus as PLOVER JSONL, GDELT TSV, CSV or Parquet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from communique.cli.ingest_cmd import add_db_option


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export", help="export merged events (or quotes) as PLOVER, GDELT, CSV or Parquet",
        description="Stream the merged events of a database in a standard format. Records go "
                    "to stdout unless --out is given (Parquet needs --out). GDELT: the 2.0 "
                    "events TSV (61 columns, no header); with --out the mentions TSV is "
                    "written beside it (NAME.mentions.EXT).",
    )
    add_db_option(parser)
    parser.add_argument("--format", required=True, choices=("plover", "gdelt", "csv", "parquet"))
    parser.add_argument("--out", default=None, metavar="PATH", help="output file")
    parser.add_argument("--table", choices=("events", "quotes"), default="events",
                        help="csv/parquet only: which merged table to export (default events)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from communique.errors import UsageError
    from communique.store import exports
    from communique.store.reader import open_corpus

    if args.format == "parquet" and not args.out:
        raise UsageError("--format parquet writes a binary file: give --out PATH")
    if args.table != "events" and args.format in ("plover", "gdelt"):
        raise UsageError(f"--format {args.format} exports events only")
    with open_corpus(args.db) as corpus:
        if not corpus.is_resolved():
            print("communique: warning: articles were added after the last corpus-level "
                  "step; run `communique resolve --db ...` for up-to-date merges",
                  file=sys.stderr)
        if args.format == "parquet":
            count = exports.write_parquet(corpus, Path(args.out), args.table)
        elif args.out:
            out = Path(args.out)
            with open(out, "w", encoding="utf-8", newline="") as handle:
                if args.format == "gdelt":
                    with open(exports.mentions_path(out), "w", encoding="utf-8") as mentions:
                        count = exports.write_gdelt(corpus, handle, mentions)
                else:
                    count = _write(exports, args.format, corpus, handle, args.table)
        else:
            count = _write(exports, args.format, corpus, sys.stdout, args.table)
            sys.stdout.flush()
    print(f"communique: {count} records exported", file=sys.stderr)
    return 0


def _write(exports: Any, fmt: str, corpus: Any, handle: Any, table: str) -> int:
    if fmt == "plover":
        return int(exports.write_plover(corpus, handle))
    if fmt == "gdelt":
        return int(exports.write_gdelt(corpus, handle))
    return int(exports.write_csv(corpus, handle, table))
