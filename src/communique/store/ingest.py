"""``ingest``: read inputs, run the per-article pipeline, store each article, then resolve.

Resumption works per input record: every input is keyed by its location
(``Source.describe()`` of an absolute path: "file", "file record 7", "file @ offset N")
and the hash of its raw content. An input already stored by the same pipeline
(communique version + model) is skipped before parsing, so a rerun after ``kill -9``
only parses what was not committed. Each article (with all its derived rows and its
input record) is committed in its own transaction, so no partial article is ever
visible.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.article import Source
from communique.errors import InputError
from communique.extract import RunSummary, process
from communique.ingest.readers import DEFAULT_MAX_BYTES, RawDocument, read_inputs
from communique.store.resolve import ResolveSummary, resolve
from communique.store.schema import connect
from communique.store.writer import (
    DUPLICATE_MARK,
    now,
    record_failure,
    record_input,
    sha1,
    write_document,
)


@dataclass
class IngestSummary:
    """What one ingest did: per-article counts plus the corpus-level summary."""

    run: RunSummary = field(default_factory=RunSummary)
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    resumed: int = 0
    previously_failed: int = 0
    resolve: ResolveSummary | None = None

    @property
    def exit_status(self) -> int:
        """0 when everything was stored or skipped for a stated reason, 1 when some failed."""
        return 1 if self.run.failed or self.previously_failed else 0


def _absolute(path: str | Path) -> str:
    return str(path) if str(path) == "-" else os.path.abspath(str(path))


def _raw_hash(raw: RawDocument) -> str:
    digest = hashlib.sha1(raw.content.encode("utf-8", "surrogatepass"))
    digest.update(sha1(raw.meta).encode())
    return digest.hexdigest()


def _pipeline_fingerprint(model_name: str) -> str:
    from communique import __version__

    # An input stored by another communique version or model is processed again.
    return sha1({"version": __version__, "model": model_name})


def _component_error_handler(broken: dict[str, str]) -> Callable[..., None]:
    """A spaCy error handler that records which input a component failed on.

    Without it one exception in a component (a bug on an unusual sentence) would stop the
    whole ingest, and every rerun would stop at the same article again. spaCy drops the
    doc when the handler returns; its input is then recorded as failed with the reason.
    With ``--workers`` > 1 the handler runs in the worker processes: the error is
    printed there and the input is simply not recorded (a rerun tries it again).
    """

    def handle(name: str, component: Any, docs: Any, error: Exception) -> None:
        for doc in docs:
            context = getattr(doc, "_context", None)  # the PreparedArticle (as_tuples)
            article = getattr(context, "article", None)
            key = article.source.describe() if article is not None else "<unknown input>"
            broken[key] = f"pipeline component {name!r} raised {error!r}"
            print(f"error: {key}: {broken[key]}", file=sys.stderr)

    return handle


def run_ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 1,
    model: str | None = None,
    published: str | None = None,
    retry_failed: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    run_resolve: bool = True,
    on_error: Callable[[InputError], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
    command: str = "ingest",
) -> IngestSummary:
    """Ingest ``paths`` into the database ``db`` and run the corpus-level step.

    Crash-safe and resumable (see the module docstring); idempotent (an unchanged
    article adds nothing; a changed one replaces its derived rows atomically).
    """
    from communique.nlp.pipeline import load_pipeline, model_description

    conn = connect(db)
    summary = IngestSummary()
    run_id = f"{now()}-{os.getpid()}"
    conn.execute("INSERT OR REPLACE INTO runs(id, command, started_at) VALUES (?, ?, ?)",
                 (run_id, command, now()))
    nlp = None
    try:
        nlp = load_pipeline(model)
        fingerprint = _pipeline_fingerprint(model_description(nlp))
        pending: dict[str, str] = {}  # source key -> raw hash, for inputs being processed

        def failed(error: InputError) -> None:
            record_failure(conn, error.where, pending.pop(error.where, ""), error.reason)
            if on_error is not None:
                on_error(error)

        def todo(items: Iterable[RawDocument | InputError]) -> Iterator[RawDocument | InputError]:
            for item in items:
                if isinstance(item, InputError):
                    yield item
                    continue
                key = item.source.describe()
                raw_hash = _raw_hash(item)
                row = conn.execute(
                    "SELECT status, raw_hash, pipeline_hash, reason FROM inputs WHERE source = ?",
                    (key,),
                ).fetchone()
                if row is not None and row[1] == raw_hash:
                    status, _, stored_pipeline, reason = row
                    if status in ("done", "skipped") and stored_pipeline == fingerprint:
                        summary.resumed += 1
                        summary.run.skipped += 1
                        continue
                    if status == "failed" and not retry_failed:
                        summary.previously_failed += 1
                        if on_skip is not None:
                            on_skip(key, f"failed in an earlier run ({reason}); "
                                         "use --retry-failed to retry")
                        continue
                same = conn.execute(
                    "SELECT article_id FROM inputs WHERE raw_hash = ? AND status = 'done' "
                    "AND pipeline_hash = ? AND source != ? ORDER BY source LIMIT 1",
                    (raw_hash, fingerprint, key),
                ).fetchone()
                if same is not None:
                    # The same raw document was stored from another input (a re-packaged
                    # dump): skip it before parsing, recorded as the in-run duplicate is.
                    reason = f"{DUPLICATE_MARK} {same[0]}"
                    conn.execute("BEGIN IMMEDIATE")
                    record_input(conn, key, raw_hash, fingerprint, "skipped", same[0], reason)
                    conn.execute("COMMIT")
                    summary.run.skipped += 1
                    if on_skip is not None:
                        on_skip(key, reason)
                    continue
                pending[key] = raw_hash
                yield item

        items = todo(read_inputs([_absolute(p) for p in paths], max_bytes=max_bytes))
        broken: dict[str, str] = {}
        # Only the default handler is replaced (it covers every component without its own
        # ``pipe`` method, i.e. communique's): ``nlp.set_error_handler`` fails on the
        # compiled parser of some model builds. Returning normally drops the failing doc.
        nlp.default_error_handler = _component_error_handler(broken)

        def flush_broken() -> None:
            while broken:
                where, reason = broken.popitem()
                summary.run.failed += 1
                error = InputError(where, reason)
                summary.run.errors.append(str(error))
                record_failure(conn, where, pending.pop(where, ""), reason)

        for document in process(items, nlp=nlp, model=model, published=published,
                                summary=summary.run, on_error=failed,
                                n_process=max(1, workers)):
            flush_broken()
            article: dict[str, Any] = document.get("article") or {}
            source = article.get("source") or {}
            key = Source(str(source.get("path", "")), source.get("record"),
                         source.get("offset")).describe()
            raw_hash = pending.pop(key, "")
            try:
                status = write_document(conn, document, source=key, raw_hash=raw_hash,
                                        fingerprint=fingerprint)
            except sqlite3.IntegrityError as exc:
                # A malformed document (e.g. two entities with one id) fails alone.
                if not document.get("skipped"):
                    summary.run.processed -= 1
                summary.run.failed += 1
                error = InputError(key, f"cannot store the document ({exc})")
                summary.run.errors.append(str(error))
                pending[key] = raw_hash
                failed(error)
                continue
            if status == "added":
                summary.added += 1
            elif status == "replaced":
                summary.replaced += 1
            elif status == "unchanged":
                summary.unchanged += 1
            else:
                if not document.get("skipped"):  # a copy of an article stored earlier
                    summary.run.processed -= 1
                    summary.run.skipped += 1
                if on_skip is not None:
                    on_skip(key, f"duplicate of article {article.get('id')}")
        flush_broken()
        if run_resolve:
            summary.resolve = resolve(conn)
    finally:
        if nlp is not None:
            from spacy.util import raise_error

            nlp.default_error_handler = raise_error
        with contextlib.suppress(sqlite3.Error):
            conn.execute(
                "UPDATE runs SET finished_at = ?, processed = ?, skipped = ?, failed = ? "
                "WHERE id = ?",
                (now(), summary.run.processed, summary.run.skipped, summary.run.failed, run_id),
            )
        conn.close()
    return summary
