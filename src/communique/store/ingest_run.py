"""``ingest``: read inputs, run the per-article pipeline, store each article, then resolve.

The per-article pipeline runs in an executor (:mod:`communique.run`): in this process
(``workers=0``), in N local worker processes (``workers=N``) or on a Dask cluster. This
process is the one database writer: it reads the inputs, skips what is already stored,
hands batches of plain raw documents to the executor and commits the outcomes it gets
back *in input order*, so the database does not depend on worker count or completion
order (an article id seen twice in one run keeps its first copy, as in a serial run).

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
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique._version import __version__
from communique.article import candidate_ids, text_digest
from communique.errors import InputError
from communique.extract import RunSummary, renamed_message
from communique.ingest.readers import DEFAULT_MAX_BYTES, read_inputs
from communique.ingest.types import RawDocument
from communique.run.batch import Outcome, Plain, raw_to_plain
from communique.run.executors import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_TIME_LIMIT,
    Executor,
    InlineExecutor,
)
from communique.run.progress import Progress
from communique.store.corpus_step import ResolveSummary, resolve
from communique.store.schema import connect, rollback
from communique.store.writer import (
    DUPLICATE_MARK,
    dumps,
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
    # Wall-clock seconds of the whole run (reading, the pipeline, writing, the corpus step).
    elapsed: float = 0.0
    # Publication dates (YYYY-MM-DD...) of the articles processed in this run: the
    # earliest, the latest, and how many had none.
    first_published: str | None = None
    last_published: str | None = None
    undated: int = 0

    @property
    def rate(self) -> float:
        """Articles processed per second of the whole run (0 when nothing ran)."""
        return self.run.processed / self.elapsed if self.elapsed > 0 else 0.0

    def note_published(self, published: object) -> None:
        """Widen the date range by one processed article's publication date."""
        if not isinstance(published, str) or not published:
            self.undated += 1
            return
        if self.first_published is None or published < self.first_published:
            self.first_published = published
        if self.last_published is None or published > self.last_published:
            self.last_published = published

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
    # An input stored by another communique version or model is processed again.
    return sha1({"version": __version__, "model": model_name})


def _batches(items: Iterable[RawDocument], size: int) -> Iterator[list[Plain]]:
    batch: list[Plain] = []
    for item in items:
        batch.append(raw_to_plain(item))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def make_executor(workers: int, *, model: str | None = None, published: str | None = None,
                  time_limit: float | None = DEFAULT_TIME_LIMIT) -> Executor:
    """The executor for ``workers``: 0 runs in this process, N >= 1 starts N workers."""
    if workers <= 0:
        from communique.nlp import pipeline

        # Looked up on the module at call time (tests swap the pipeline in).
        return InlineExecutor(pipeline.load_pipeline(model), published=published,
                              time_limit=time_limit)
    from communique.run.pool import WorkerPool

    return WorkerPool(workers, model=model, published=published, time_limit=time_limit)


def run_ingest(
    paths: Sequence[str | Path],
    db: str | Path,
    *,
    workers: int = 0,
    model: str | None = None,
    published: str | None = None,
    retry_failed: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    run_resolve: bool = True,
    on_error: Callable[[InputError], None] | None = None,
    on_skip: Callable[[str, str], None] | None = None,
    on_notice: Callable[[str, str], None] | None = None,
    command: str = "ingest",
    executor: Executor | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into the database ``db`` and run the corpus-level step.

    Crash-safe and resumable (see the module docstring); idempotent (an unchanged
    article adds nothing; a changed one replaces its derived rows atomically).
    ``workers`` = 0 runs the pipeline in this process, N >= 1 in N worker processes;
    ``executor`` (e.g. a :class:`~communique.run.dask_executor.DaskExecutor`) overrides both and
    is left open for the caller to close. ``time_limit`` is the per-document limit in
    seconds; ``progress`` is advanced once per input.

    Article ids: a second input with the id of an article stored from another input (in
    this run or an earlier one) and the same text is a duplicate, skipped; with another
    text it is a different article that reuses the id, stored under a derived id (see
    :func:`communique.article.derived_id`, as ``extract`` does) and reported through
    ``on_notice(source, message)``. An input that already stored the id and now holds
    another text was edited: its article is replaced.
    """
    started = time.monotonic()
    conn = connect(db)
    summary = IngestSummary()
    # A random suffix: two runs started by one process in the same second (a library
    # caller ingesting twice) shared the id, and INSERT OR REPLACE dropped the first
    # run's row and counts (issue 20: every run's counts are kept).
    run_id = f"{now()}-{os.getpid()}-{secrets.token_hex(4)}"
    conn.execute("INSERT OR REPLACE INTO runs(id, command, started_at) VALUES (?, ?, ?)",
                 (run_id, command, now()))
    own = executor is None
    try:
        if progress is not None:
            # Workers load the model before the first article: say so from the start.
            progress.status("loading the language model…")
        if executor is None:
            executor = make_executor(workers, model=model, published=published,
                                     time_limit=time_limit)
        fingerprint = _pipeline_fingerprint(executor.model_name)
        pending: dict[str, str] = {}  # source key -> raw hash, for inputs being processed
        seen: dict[str, str] = {}  # article id -> digest of its text, for ids used this run

        def tick(resumed: bool = False) -> None:
            if progress is not None:
                progress.advance(resumed=resumed)

        def failed(error: InputError) -> None:
            summary.run.failed += 1
            summary.run.errors.append(str(error))
            record_failure(conn, error.where, pending.pop(error.where, ""), error.reason)
            if on_error is not None:
                on_error(error)
            tick()

        def todo(items: Iterable[RawDocument | InputError]) -> Iterator[RawDocument]:
            for item in items:
                if isinstance(item, InputError):
                    failed(item)
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
                        tick(resumed=True)
                        continue
                    if status == "failed" and not retry_failed:
                        # Not parsed again, so neither processed nor failed in this run: a
                        # skip with a stated reason, printed as "skipped: ...". Counted in
                        # ``skipped`` too (issue 20: processed + skipped + failed == inputs
                        # seen; a rerun over one earlier pipeline failure used to count it
                        # nowhere, e.g. "0 processed, 2 skipped, 0 failed" for 3 inputs).
                        # ``previously_failed`` still makes the exit status 1.
                        summary.previously_failed += 1
                        summary.run.skipped += 1
                        if on_skip is not None:
                            on_skip(key, f"failed in an earlier run ({reason}); "
                                         "use --retry-failed to retry")
                        tick(resumed=True)
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
                    try:
                        record_input(conn, key, raw_hash, fingerprint, "skipped", same[0],
                                     reason)
                        conn.execute("COMMIT")
                    except BaseException:
                        rollback(conn)
                        raise
                    summary.run.skipped += 1
                    if on_skip is not None:
                        on_skip(key, reason)
                    tick()
                    continue
                pending[key] = raw_hash
                yield item

        def claim_id(document: dict[str, Any], key: str) -> dict[str, Any]:
            """``document`` under an id no other text holds, or marked a duplicate.

            Decided here, by the one writer, in input order: workers cannot know what the
            others saw, nor what the database holds. An id is free for this document when
            neither this run nor the database has it for another text; the database's
            copy does not count when it came from this same input (an edited input
            replaces its article) or has the same text (``write_document`` then decides
            between unchanged, skipped and replaced, as for any copy).
            """
            article = document.get("article") or {}
            article_id = str(article.get("id"))
            text = str(article.get("text") or "")
            digest = text_digest(text)
            this_source = dumps(article.get("source"))
            duplicate = False
            for candidate in candidate_ids(article_id, text):
                taken = seen.get(candidate)
                if taken is not None:
                    duplicate = taken == digest
                    if duplicate:
                        break
                    continue
                row = conn.execute("SELECT text, source FROM articles WHERE id = ?",
                                   (candidate,)).fetchone()
                if row is None or row[1] == this_source or text_digest(str(row[0])) == digest:
                    break
            if candidate != article_id:
                from communique.document import with_article_id  # rare: import when needed

                document = with_article_id(document, candidate)
                if not duplicate:
                    summary.run.renamed += 1
                    if on_notice is not None:
                        on_notice(key, renamed_message(article_id, candidate, "stored"))
            if duplicate:
                # The second copy of an article in this run keeps no NLP results and
                # never replaces the first.
                return {**document, "entities": [], "quotes": [], "events": [],
                        "skipped": f"{DUPLICATE_MARK} {candidate} in this run"}
            seen[candidate] = digest
            return document

        def store(outcome: Outcome) -> None:
            key = str(outcome["source"])
            if "error" in outcome:
                failed(InputError(key, str(outcome["error"])))
                return
            document = claim_id(outcome["document"], key)
            article_id = str((document.get("article") or {}).get("id"))
            if document.get("skipped"):
                summary.run.skipped += 1
            else:
                summary.run.processed += 1
            raw_hash = pending.pop(key, "")
            try:
                status = write_document(conn, document, source=key, raw_hash=raw_hash,
                                        fingerprint=fingerprint)
            except sqlite3.IntegrityError as exc:
                # A malformed document (e.g. two entities with one id) fails alone.
                if not document.get("skipped"):
                    summary.run.processed -= 1
                else:
                    summary.run.skipped -= 1
                pending[key] = raw_hash
                failed(InputError(key, f"cannot store the document ({exc})"))
                return
            if status in ("added", "replaced", "unchanged") and not document.get("skipped"):
                summary.note_published((document.get("article") or {}).get("published"))
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
                    on_skip(key, f"duplicate of article {article_id}")
            tick()

        items = todo(read_inputs([_absolute(p) for p in paths], max_bytes=max_bytes))
        for outcomes in executor.map(_batches(items, max(1, batch_size))):
            for outcome in outcomes:
                store(outcome)
        if run_resolve:
            if progress is not None:
                progress.status("merging events and quotes across articles…")
            summary.resolve = resolve(conn)
    finally:
        if own and executor is not None:
            executor.close()
        with contextlib.suppress(sqlite3.Error):
            conn.execute(
                "UPDATE runs SET finished_at = ?, processed = ?, skipped = ?, failed = ? "
                "WHERE id = ?",
                (now(), summary.run.processed, summary.run.skipped, summary.run.failed, run_id),
            )
        conn.close()
        summary.elapsed = time.monotonic() - started
    return summary
