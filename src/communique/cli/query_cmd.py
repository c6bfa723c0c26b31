"""Query commands on a corpus database: ``events``, ``quotes``, ``actors``, ``dyad``,
``dyads``.

Output is a readable table by default, ``--json`` (one JSON array) or ``--csv`` for
machines. Events and quotes are the merged, corpus-level records.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from communique.cli.ingest_cmd import add_db_option

# Columns shown in the human-readable table (machines get every column).
_TABLE_COLUMNS = {
    "events": ("date", "plover", "cameo", "actor_names", "recipient_names", "location",
               "goldstein", "confidence", "num_articles", "num_sources", "trigger"),
    "quotes": ("first_seen", "speaker", "text", "num_articles", "num_sources"),
    "actors": ("name", "kind", "country", "sector", "code", "role", "articles", "mentions"),
    "dyad": ("period", "quad1", "quad2", "quad3", "quad4", "events", "mean_goldstein"),
    "dyads": ("actor", "recipient", "events"),
}


def _common(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print a JSON array")
    group.add_argument("--csv", action="store_true", help="print CSV with a header")


def register(sub: Any) -> None:
    events = sub.add_parser("events", help="list merged events from a database",
                            description="Merged events, filtered by actor, recipient, type, "
                                        "date, place, confidence and the words of their "
                                        "sentence.")
    events.add_argument("--actor", help="actor country or code prefix (e.g. RUS, RUSGOV)")
    events.add_argument("--recipient", help="recipient country or code prefix (e.g. CHN)")
    events.add_argument("--type", help="PLOVER type (CONSULT) or CAMEO code prefix (04)")
    events.add_argument("--since", metavar="YYYY-MM-DD", help="events on or after this date")
    events.add_argument("--until", metavar="YYYY-MM-DD", help="events on or before this date")
    events.add_argument("--min-confidence", type=float, default=None, metavar="P",
                        help="only events at least this confident (0-1)")
    events.add_argument("--place", help="location country code (e.g. UKR) or part of its name")
    events.add_argument("--search", metavar="WORDS",
                        help="words the event's sentence contains (all of them, in some "
                             "article reporting it)")
    events.add_argument("--limit", type=int, default=None, help="at most N events")
    _common(events)
    events.set_defaults(run=run_events)

    quotes = sub.add_parser("quotes", help="list merged quotes from a database",
                            description="Merged quotes, filtered by speaker, full text and "
                                        "the date they were first published.")
    quotes.add_argument("--speaker", help="part of the speaker's name")
    quotes.add_argument("--search", metavar="WORDS",
                        help="words the quote contains (full-text search)")
    quotes.add_argument("--since", metavar="YYYY-MM-DD",
                        help="quotes first published on or after this date")
    quotes.add_argument("--until", metavar="YYYY-MM-DD",
                        help="quotes first published on or before this date")
    quotes.add_argument("--act", default=None,
                        choices=("statement", "belief", "stance", "unasserted", "all"),
                        help="what the quotes report (default: statement; all for every "
                             "attribution, beliefs and stances too)")
    quotes.add_argument("--limit", type=int, default=None, help="at most N quotes")
    _common(quotes)
    quotes.set_defaults(run=run_quotes)

    actors = sub.add_parser("actors", help="list actors (entities) found in a database",
                            description="Entities across the corpus, most frequent first.")
    actors.add_argument("--country", help="ISO 3166 alpha-3 country code (e.g. RUS)")
    actors.add_argument("--limit", type=int, default=None, help="at most N actors")
    _common(actors)
    actors.set_defaults(run=run_actors)

    dyad = sub.add_parser("dyad", help="events between two actors per period",
                          description="Counts by quad class and mean Goldstein score per "
                                      "period of the merged events from ACTOR to RECIPIENT.")
    dyad.add_argument("actor", help="actor country or code prefix (e.g. RUS)")
    dyad.add_argument("recipient", help="recipient country or code prefix (e.g. CHN)")
    dyad.add_argument("--by", choices=("day", "week", "month"), default="month",
                      help="period each row counts: day, ISO week (2024-W10) or month "
                           "(default: month)")
    _common(dyad)
    dyad.set_defaults(run=run_dyad)

    dyads = sub.add_parser("dyads", help="the most active actor -> recipient pairs",
                           description="The (actor, recipient) pairs with the most merged "
                                       "events, keyed by country (else code), as the "
                                       "dashboard counts them.")
    dyads.add_argument("--top", type=int, default=10, metavar="N",
                       help="how many pairs, most events first (default 10)")
    _common(dyads)
    dyads.set_defaults(run=run_dyads)


def caption(args: argparse.Namespace, kind: str, count: int) -> str:
    """The title of a table: "12 events", "RUS -> CHN: events in 3 months", "top 10
    dyads" (it was "2 dyad" for two months of a dyad)."""
    if kind == "dyad":
        periods = str(args.by) if count == 1 else f"{args.by}s"
        return f"{args.actor} -> {args.recipient}: events in {count} {periods}"
    if kind == "dyads":
        return f"top {count} dyads"
    noun = kind[:-1] if count == 1 else kind
    return f"{count} {noun}"


def _emit(args: argparse.Namespace, kind: str, records: Sequence[dict[str, Any]],
          columns: Sequence[str]) -> int:
    if args.json:
        json.dump(list(records), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(records)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=caption(args, kind, len(records)), show_lines=False)
        shown = _TABLE_COLUMNS[kind]
        for column in shown:
            table.add_column(column, overflow="fold",
                             max_width=60 if column in ("text", "trigger") else None)
        for record in records:
            table.add_row(*("" if record.get(c) is None else str(record.get(c)) for c in shown))
        # Not a terminal (pipe, file): a fixed wide layout instead of rich's 80 columns.
        Console(width=None if sys.stdout.isatty() else 160).print(table)
    return 0


def _with_corpus(args: argparse.Namespace,
                 body: Callable[[Any], tuple[list[dict[str, Any]], Sequence[str]]],
                 kind: str) -> int:
    from communique.store.reader import open_corpus
    from communique.store.schema import database_errors

    # A damaged page met while querying is one error line naming the file.
    with database_errors(args.db), open_corpus(args.db) as corpus:
        if not corpus.is_resolved():
            print("communique: warning: the database changed after the last corpus-level "
                  "step; run `communique resolve --db ...`", file=sys.stderr)
        records, columns = body(corpus)
        if not records:
            _note_empty(args, kind, corpus)
    return _emit(args, kind, records, columns)


# Filter options that can leave a query empty, as they are spelled on the command line.
_FILTERS = ("actor", "recipient", "type", "since", "until", "min_confidence", "place",
            "speaker", "search", "country")


def _note_empty(args: argparse.Namespace, kind: str, corpus: Any) -> None:
    """One stderr note when filters match nothing, naming an unknown actor code outright
    ("--actor XYZ: no party in this corpus has that country, code or name")."""
    given = {name: getattr(args, name) for name in _FILTERS if getattr(args, name, None)}
    left_out: int = getattr(args, "left_out", 0)
    if not given or left_out:
        return  # a dyad with events in no row has said so (_note_left_out)
    for name in ("actor", "recipient"):
        value = given.get(name)
        if value and not corpus.has_participant(str(value)):
            print(f"communique: note: --{name} {value}: no party in this corpus has that "
                  "country, code or name", file=sys.stderr)
            return
    shown = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in given.items())
    print(f"communique: note: no {kind} match {shown}", file=sys.stderr)


def run_events(args: argparse.Namespace) -> int:
    from communique.store.reader import EVENT_COLUMNS

    return _with_corpus(args, lambda c: (list(c.events(
        actor=args.actor, recipient=args.recipient, type=args.type, since=args.since,
        until=args.until, min_confidence=args.min_confidence, place=args.place,
        search=args.search, limit=args.limit)), EVENT_COLUMNS), "events")


def run_quotes(args: argparse.Namespace) -> int:
    from communique.store.reader import QUOTE_COLUMNS

    return _with_corpus(args, lambda c: (list(c.quotes(
        speaker=args.speaker, search=args.search, since=args.since, until=args.until,
        act=args.act, limit=args.limit)), QUOTE_COLUMNS), "quotes")


def run_actors(args: argparse.Namespace) -> int:
    from communique.store.reader import ACTOR_COLUMNS

    return _with_corpus(args, lambda c: (c.actors(country=args.country, limit=args.limit),
                                         ACTOR_COLUMNS), "actors")


def run_dyad(args: argparse.Namespace) -> int:
    from communique.store.reader import DYAD_COLUMNS

    def table(corpus: Any) -> tuple[list[dict[str, Any]], Sequence[str]]:
        counts = corpus.dyad_counts(args.actor, args.recipient, by=args.by)
        args.left_out = sum(counts.year_only.values()) + counts.undated
        _note_left_out(args, sum(counts.year_only.values()), counts.undated)
        return counts.rows(), DYAD_COLUMNS

    return _with_corpus(args, table, "dyad")


def _note_left_out(args: argparse.Namespace, year_only: int, undated: int) -> None:
    """One stderr note on the events of the dyad that no row counts ("communique: note: 3
    events of RUS -> CHN are in no row: 1 dated only to a year, 2 not dated to a month"),
    so the table's total is not taken for the dyad's."""
    parts = [f"{year_only} dated only to a year" if year_only else "",
             f"{undated} not dated to a {args.by}" if undated else ""]
    if year_only or undated:
        noun = "event" if year_only + undated == 1 else "events"
        verb = "is" if year_only + undated == 1 else "are"
        print(f"communique: note: {year_only + undated} {noun} of {args.actor} -> "
              f"{args.recipient} {verb} in no row: {', '.join(p for p in parts if p)}",
              file=sys.stderr)


def run_dyads(args: argparse.Namespace) -> int:
    from communique.store.reader import DYADS_COLUMNS

    return _with_corpus(args, lambda c: (c.top_dyads(args.top), DYADS_COLUMNS), "dyads")
