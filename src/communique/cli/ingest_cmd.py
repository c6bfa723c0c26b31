"""``communique ingest``: run the pipeline on inputs and store everything in a database."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from communique.cli.common import (
    add_input_options,
    add_model_option,
    report_error,
    report_notice,
)

if TYPE_CHECKING:
    from communique.store.ingest_run import IngestSummary


def add_db_option(parser: argparse.ArgumentParser, creates: bool = False) -> None:
    """The ``--db PATH`` option every store command takes (only ``ingest`` creates it)."""
    parser.add_argument("--db", required=True, metavar="PATH",
                        help="corpus database (SQLite; created when missing)" if creates
                        else "corpus database built by `communique ingest`")


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "ingest", help="extract and store articles, entities, quotes and events in a database",
        description="Run the whole pipeline on the inputs and store the results in a SQLite "
                    "database, then merge events and quotes across articles. Resumable: "
                    "run the same command again after an interruption.",
    )
    add_input_options(parser)
    add_model_option(parser)
    add_db_option(parser, creates=True)
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes running the pipeline (default: all cores; 0 "
                             "runs it in this process, without crash isolation)")
    parser.add_argument("--cluster", default=None, metavar="ADDRESS",
                        help="run on a Dask cluster: tcp://scheduler:8786, or 'local' to start "
                             "a LocalCluster with --workers processes (needs communique[cluster])")
    parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help="per-document time limit (default 60; 0 disables it)")
    parser.add_argument("--batch-size", type=int, default=None,
                        help="articles per batch sent to a worker (default 16)")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar or progress lines on stderr")
    parser.add_argument("--retry-failed", action="store_true",
                        help="process again the inputs that failed in an earlier run")
    parser.add_argument("--no-resolve", action="store_true",
                        help="skip the corpus-level step (run `communique resolve` later)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.set_defaults(run=run)


def _duration(seconds: float) -> str:
    """``"42.3 s"`` under a minute, else ``"1:02:03"``."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def timing_line(summary: IngestSummary) -> str:
    """``time: 2:05 for 1540 articles (12.3 articles/s); published 2012-10-02 to
    2020-06-01 (3 undated)``: how long the run took and which dates it covered."""
    line = f"time: {_duration(summary.elapsed)}"
    if summary.run.processed:
        line += (f" for {summary.run.processed} articles "
                 f"({summary.rate:.2f} articles/s)")
    first, last = summary.first_published, summary.last_published
    if first and last:
        span = first[:10] if first[:10] == last[:10] else f"{first[:10]} to {last[:10]}"
        line += f"; published {span}"
        if summary.undated:
            line += f" ({summary.undated} undated)"
    elif summary.undated:
        line += f"; {summary.undated} articles without a publication date"
    return line


def _skip(source: str, reason: str) -> None:
    print(f"skipped: {source}: {reason}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from communique.errors import UsageError
    from communique.ingest.date_formats import parse_user_date
    from communique.run.executors import (
        DEFAULT_BATCH_SIZE,
        DEFAULT_TIME_LIMIT,
        Executor,
        default_workers,
    )
    from communique.run.progress import Progress, estimate_total
    from communique.store.ingest_run import run_ingest
    from communique.store.schema import database_errors

    started = time.monotonic()
    workers = default_workers() if args.workers is None else args.workers
    if workers < 0:
        raise UsageError("--workers must be 0 (in this process) or more")
    batch_size = DEFAULT_BATCH_SIZE if args.batch_size is None else args.batch_size
    if batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    time_limit = DEFAULT_TIME_LIMIT if args.time_limit is None else args.time_limit
    published = parse_user_date(args.published) if args.published else None
    executor: Executor | None = None
    if args.cluster:
        from communique.run.dask_executor import DaskExecutor

        executor = DaskExecutor(args.cluster, workers=max(1, workers), model=args.model,
                                published=published, time_limit=time_limit or None)
    progress = Progress(estimate_total(args.paths), enabled=not args.no_progress)
    try:
        # A database that fails mid-run (full disk, lost permission) is one error line.
        with database_errors(args.db), progress:
            summary = run_ingest(
                args.paths, args.db, workers=workers, model=args.model, published=published,
                retry_failed=args.retry_failed, max_bytes=args.max_bytes,
                run_resolve=not args.no_resolve, on_error=report_error, on_skip=_skip,
                on_notice=report_notice,
                command="ingest " + " ".join(sys.argv[2:]), executor=executor,
                batch_size=batch_size, time_limit=time_limit or None, progress=progress,
            )
    finally:
        if executor is not None:
            executor.close()
    # The whole command: starting a Dask cluster (--cluster) takes time run_ingest does
    # not see.
    summary.elapsed = max(summary.elapsed, time.monotonic() - started)
    run_summary = summary.run
    figures = {
        "processed": run_summary.processed, "skipped": run_summary.skipped,
        "failed": run_summary.failed, "renamed": run_summary.renamed, "added": summary.added,
        "replaced": summary.replaced,
        "unchanged": summary.unchanged, "already_done": summary.resumed,
        "failed_earlier": summary.previously_failed,
        "resolve": summary.resolve.to_dict() if summary.resolve else None,
        "elapsed_seconds": round(summary.elapsed, 2),
        "articles_per_second": round(summary.rate, 3),
        "published": {"first": summary.first_published, "last": summary.last_published,
                      "undated": summary.undated},
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"communique: {run_summary.processed} processed"
            + (f" ({run_summary.renamed} under a derived id)" if run_summary.renamed else "")
            + f", {run_summary.skipped} skipped "
            f"({summary.resumed} already in the database"
            + (f", {summary.previously_failed} failed in an earlier run"
               if summary.previously_failed else "")
            + f"), {run_summary.failed} failed",
            file=sys.stderr,
        )
        print(f"stored: {summary.added} added, {summary.replaced} replaced, "
              f"{summary.unchanged} unchanged", file=sys.stderr)
        print(timing_line(summary), file=sys.stderr)
        if summary.resolve:
            r = summary.resolve
            print(f"corpus: {r.event_mentions} event mentions -> {r.events} events, "
                  f"{r.quote_mentions} quote mentions -> {r.quotes} quotes, "
                  f"{r.syndicated_articles} articles in {r.syndication_groups} syndicated "
                  "groups", file=sys.stderr)
    return summary.exit_status
