"""``communique explain``: why each candidate event trigger of a text was coded or dropped."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from communique.cli.common import add_model_option


def register(sub: Any) -> None:
    """Add the ``explain`` subcommand to the ``communique`` parser."""
    parser = sub.add_parser(
        "explain", help="show why events were or were not coded in a sentence",
        description="For every word the event lexicon codes: the lexicon entry or pattern "
                    "that matched, the actor and recipient and the rule that found each, the "
                    "modality cues, and for a dropped candidate the rule that dropped it.",
    )
    parser.add_argument("text", help="the sentence or article text ('-' reads stdin)")
    parser.add_argument("--published", default=None,
                        help="publication date (YYYY-MM-DD) for resolving relative dates")
    parser.add_argument("--json", action="store_true", help="print the explanation as JSON")
    add_model_option(parser)
    parser.set_defaults(run=run, quick_exit=True)


def run(args: argparse.Namespace) -> int:
    """Explain the text and print the report."""
    from communique.explain import explain, format_explanation

    text = sys.stdin.read() if args.text == "-" else args.text
    rows = explain(text, published=args.published, model=args.model)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(format_explanation(rows))
    return 0
