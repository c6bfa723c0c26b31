"""The ``communique`` command: a thin shell over the library functions of the same names.

Each subcommand lives in its own module exposing ``register(subparsers)``; exit
status is 0 on success (or inputs skipped for a stated reason), 1 when some inputs
failed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from communique._version import __version__
from communique.errors import CommuniqueError, ModelNotFoundError, UsageError

_COMMANDS = ("extract", "explain", "evaluate", "bench", "ingest", "resolve", "export", "query",
             "serve")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"communique: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every subcommand registered."""
    import importlib

    parser = _Parser(
        prog="communique",
        description="Structured political event data and quote attribution from news.",
    )
    parser.add_argument("--version", action="version", version=f"communique {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in _COMMANDS:
        module = importlib.import_module(f"communique.cli.{name}_cmd")
        module.register(sub)
    return parser


# Count options shared by several commands and the least value each accepts; checked once
# for all commands so that "ingest --max-bytes -1" is refused as "extract" refuses it.
_MINIMUM_COUNTS = {"limit": 1, "max_bytes": 1, "batch_size": 1, "workers": 0, "rounds": 1,
                   "top": 1}


def check_counts(args: argparse.Namespace) -> None:
    """Raise UsageError for a count option below its minimum (``--limit -1``) and for a
    negative time limit (``--time-limit -5``; 0 disables it)."""
    for name, least in _MINIMUM_COUNTS.items():
        value = getattr(args, name, None)
        if isinstance(value, int) and value < least:
            option = "--" + name.replace("_", "-")
            raise UsageError(f"{option} must be at least {least}, got {value}")
    limit = getattr(args, "time_limit", None)
    if isinstance(limit, float) and limit < 0:
        raise UsageError(f"--time-limit must be 0 (no limit) or more seconds, got {limit:g}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``communique`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        check_counts(args)
        status = int(args.run(args))
        if argv is None and getattr(args, "quick_exit", False):
            from communique.cli.common import before_exit

            before_exit()  # the process ends now: see before_exit
        return status
    except UsageError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 2
    except ModelNotFoundError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 2
    except CommuniqueError as exc:
        print(f"communique: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("communique: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
