"""``communique resolve``: the corpus-level step (merge events and quotes across articles)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from communique.cli.ingest_cmd import add_db_option


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "resolve", help="merge duplicate events and quotes across the articles of a database",
        description="Apply learned actor knowledge, detect syndicated copies and merge "
                    "events and quotes reported by several articles. Deterministic; ingest "
                    "runs it automatically.",
    )
    add_db_option(parser)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from communique.errors import NotADatabaseError
    from communique.store.corpus_step import resolve
    from communique.store.schema import connect, database_errors

    if not Path(args.db).exists():
        raise NotADatabaseError(f"{args.db} does not exist; build it with `communique ingest`")
    with database_errors(args.db):
        conn = connect(args.db)
        try:
            summary = resolve(conn)
        finally:
            conn.close()
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        print(f"articles: {summary.articles} ({summary.syndicated_articles} in "
              f"{summary.syndication_groups} syndicated groups)")
        print(f"events: {summary.event_mentions} mentions -> {summary.events} events "
              f"({summary.merged_events} merged from several mentions)")
        print(f"quotes: {summary.quote_mentions} mentions -> {summary.quotes} quotes "
              f"({summary.merged_quotes} merged from several mentions)")
        print(f"actor knowledge: {summary.actor_knowledge}", file=sys.stderr)
    return 0
