"""Options and output helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import sys

from communique.errors import InputError
from communique.ingest.readers import DEFAULT_MAX_BYTES


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model", default=None,
        help="spaCy pipeline to use (default: $COMMUNIQUE_MODEL, else the small English model)",
    )


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files or folders (txt, html, json, jsonl, warc, any .gz); - for stdin")
    parser.add_argument("--published", metavar="YYYY-MM-DD", default=None,
                        help="publication date for inputs that carry none")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help="largest document accepted, in bytes (default: %(default)s)")


def report_error(error: InputError) -> None:
    """One line per bad input on stderr, naming the file/record and the reason."""
    print(f"error: {error.where}: {error.reason}", file=sys.stderr)
