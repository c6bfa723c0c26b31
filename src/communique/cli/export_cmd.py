"""``communique export``: the merged corpus as PLOVER JSONL, GDELT TSV, CSV or Parquet."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Any

from communique.cli.ingest_cmd import add_db_option

# GDELT's mentions table is a second file: standard output holds only the events table.
MENTIONS_ON_STDOUT = (
    "communique: warning: the GDELT mentions table is not written when exporting to "
    "stdout; give --out NAME.export.CSV to get NAME.mentions.CSV beside it")


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "export", help="export merged events (or quotes) as PLOVER, GDELT, CSV or Parquet",
        description="Stream the merged events of a database in a standard format. Records go "
                    "to stdout unless --out is given (Parquet needs --out). GDELT: the 2.0 "
                    "events TSV (61 columns, no header, one row per actor-recipient pair); "
                    "with --out the mentions TSV is written beside it (NAME.mentions.EXT), "
                    "without it a warning says it was not. Fields: docs/exports.md.",
    )
    add_db_option(parser)
    parser.add_argument("--format", required=True, choices=("plover", "gdelt", "csv", "parquet"))
    parser.add_argument("--out", default=None, metavar="PATH", help="output file")
    parser.add_argument("--table", choices=("events", "quotes"), default="events",
                        help="csv/parquet only: which merged table to export (default events)")
    parser.set_defaults(run=run)


def check_output(out: Path) -> None:
    """Raise :class:`OutputError` when ``out`` cannot be created as a file (its folder is
    missing, or it is a folder), before the database is read or anything is written."""
    from communique.errors import OutputError

    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder; give --out a file name")
    if not out.absolute().parent.is_dir():
        raise OutputError(f"cannot write {out}: folder {out.absolute().parent} does not "
                          "exist; create it first or choose another --out")


def run(args: argparse.Namespace) -> int:
    from communique.errors import OutputError, UsageError
    from communique.store import exports
    from communique.store.reader import open_corpus
    from communique.store.schema import database_errors

    if args.format == "parquet" and not args.out:
        raise UsageError("--format parquet writes a binary file: give --out PATH")
    if args.table != "events" and args.format in ("plover", "gdelt"):
        raise UsageError(f"--format {args.format} exports events only")
    out = Path(args.out) if args.out else None
    if out is not None:
        check_output(out)
    with database_errors(args.db), open_corpus(args.db) as corpus:
        if not corpus.is_resolved():
            print("communique: warning: articles were added after the last corpus-level "
                  "step; run `communique resolve --db ...` for up-to-date merges",
                  file=sys.stderr)
        if out is None:
            if args.format == "gdelt":
                print(MENTIONS_ON_STDOUT, file=sys.stderr)
            count = _write(exports, args.format, corpus, sys.stdout, args.table)
            sys.stdout.flush()
        else:
            try:
                count = _write_file(exports, args.format, corpus, out, args.table)
            except OSError as exc:  # permission denied, disk full, ...
                raise OutputError(f"cannot write {exc.filename or out}: "
                                  f"{exc.strerror or exc}") from exc
    print(f"communique: {count} records exported", file=sys.stderr)
    return 0


def _write_file(exports: Any, fmt: str, corpus: Any, out: Path, table: str) -> int:
    """Write the export into files beside ``out`` and move them into place only when all
    is written: a full disk or a failure half-way leaves no partial file (and an earlier
    export of the same name intact)."""
    targets = [out] + ([Path(exports.mentions_path(out))] if fmt == "gdelt" else [])
    temporary = [t.with_name(f".{t.name}.part") for t in targets]
    try:
        if fmt == "parquet":
            count = int(exports.write_parquet(corpus, temporary[0], table))
        else:
            with open(temporary[0], "w", encoding="utf-8", newline="") as handle:
                if fmt == "gdelt":
                    with open(temporary[1], "w", encoding="utf-8") as mentions:
                        count = int(exports.write_gdelt(corpus, handle, mentions))
                else:
                    count = _write(exports, fmt, corpus, handle, table)
        for part, target in zip(temporary, targets, strict=True):
            os.replace(part, target)
    finally:
        for part in temporary:
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
    return count


def _write(exports: Any, fmt: str, corpus: Any, handle: Any, table: str) -> int:
    if fmt == "plover":
        return int(exports.write_plover(corpus, handle))
    if fmt == "gdelt":
        return int(exports.write_gdelt(corpus, handle))
    return int(exports.write_csv(corpus, handle, table))
