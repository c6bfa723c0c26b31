"""Options and output helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from communique.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    NoArticleError,
    TruncatedInputError,
)
from communique.ingest.readers import DEFAULT_MAX_BYTES

# Short labels for the summary line, most specific class first.
_ERROR_LABELS: tuple[tuple[type[InputError], str], ...] = (
    (EmptyInputError, "empty"),
    (BinaryInputError, "binary"),
    (TruncatedInputError, "truncated"),
    (NoArticleError, "no article"),
)


def add_model_option(parser: argparse.ArgumentParser) -> None:
    """``--model``: which spaCy pipeline to load."""
    parser.add_argument(
        "--model", default=None,
        help="spaCy pipeline to use (default: $COMMUNIQUE_MODEL, else the small English model)",
    )


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Input paths, ``--published`` and ``--max-bytes``, shared by commands that read articles."""
    parser.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="files or folders (txt, html, json, jsonl, warc, any of them .gz; folders are "
             "read recursively, hidden files skipped); - reads standard input",
    )
    parser.add_argument("--published", metavar="YYYY-MM-DD", default=None,
                        help="publication date for inputs that carry none (a JSON date "
                             "field or a page's date metadata wins; it wins over a WARC "
                             "record's crawl date)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                        help="largest document or record accepted, in bytes "
                             "(default: %(default)s)")


def one_line(text: str) -> str:
    """``text`` with its line breaks folded, so that one error stays one stderr line."""
    return " ".join(text.split())


def report_error(error: InputError) -> None:
    """One line per bad input on stderr, naming the file/record and the reason."""
    print(f"error: {one_line(error.where)}: {one_line(error.reason)}", file=sys.stderr)


def report_notice(where: str, message: str) -> None:
    """One ``warning:`` line on stderr for an input that was kept but changed (a new id)."""
    print(f"warning: {one_line(where)}: {one_line(message)}", file=sys.stderr)


def error_label(error: InputError) -> str:
    """A short category for the run summary (empty, binary, truncated, no article, ...)."""
    for cls, label in _ERROR_LABELS:
        if isinstance(error, cls):
            return label
    reason = error.reason.lower()
    if "invalid json" in reason:
        return "invalid JSON"
    if "larger than" in reason:
        return "too large"
    if "no such file" in reason:
        return "not found"
    return "unreadable"


def format_counts(counts: Counter[str]) -> str:
    """``"2 invalid JSON, 1 binary"``: most frequent first, ties by name."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{n} {label}" for label, n in ordered)


def before_exit() -> None:
    """Let the process exit without taking the loaded pipeline apart object by object.

    The spaCy pipeline, knowledge base and lexicons are some 300,000 objects, and the
    interpreter's exit walked and freed them one by one: half a second of every ``communique
    extract`` on one article, twice what a bare spaCy script spends exiting.
    ``gc.freeze()`` moves them out of the exit's collections; the operating system frees
    the memory at once. :func:`communique.cli.main` calls this only when it runs as the
    program (no ``argv`` given) and only after a command that marks itself safe
    (``quick_exit``: it has closed every file and database it wrote), since objects kept
    alive this way are never finalised.
    """
    import gc

    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()
