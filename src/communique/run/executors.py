"""Executors: run batches of raw documents and hand their outcomes back *in input order*.

Every executor takes an iterable of batches (lists of plain raw documents, see
:mod:`communique.run.batch`) and yields one list of outcomes per batch, in the order the
batches came in, however many workers ran them and whichever finished first. The single
database writer (:func:`communique.store.ingest_run.run_ingest`) therefore commits in input
order, and the database does not depend on worker count or completion order.

- :class:`InlineExecutor` — in the calling process (``--workers 0``; tests, debugging).
- :class:`~communique.run.pool.WorkerPool` — local worker processes (``--workers N``).
- :class:`~communique.run.dask_executor.DaskExecutor` — a Dask cluster (``--cluster``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from communique.run.batch import Outcome, Plain, run_batch, warm_up

if TYPE_CHECKING:
    from spacy.language import Language

# Seconds one document may take (and one batch, before it is retried one document at a
# time). An AllSides article takes 0.05-0.5 s on one core with the small model; 60 s
# leaves room for a loaded machine and long reports while stopping pathological input.
DEFAULT_TIME_LIMIT = 60.0
# Articles per batch sent to a worker. 16 amortises the per-batch cost (IPC, memory zone)
# to < 1% while keeping the in-flight window, and so memory, small.
DEFAULT_BATCH_SIZE = 16


def default_workers() -> int:
    """All cores this process may use (the ``--workers`` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Executor(Protocol):
    """What ``run_ingest`` needs from a backend."""

    @property
    def model_name(self) -> str:
        """``name-version`` of the spaCy pipeline the workers run (for provenance)."""
        ...

    def map(self, batches: Iterable[list[Plain]]) -> Iterator[list[Outcome]]:
        """Process ``batches``; yield their outcomes in input order."""
        ...

    def close(self) -> None:
        """Stop the workers (idempotent)."""
        ...


def describe_model(model: str | None) -> str:
    """``model_description`` of a pipeline without loading it (reads its ``meta.json``).

    The writer process needs the name for the resume fingerprint before any worker has
    loaded the model; loading it there too would cost memory and seconds for nothing.
    """
    from spacy import util

    from communique.nlp.pipeline import resolve_model_name

    name = resolve_model_name(model)
    path = util.get_package_path(name) if util.is_package(name) else None
    if path is not None:
        # An installed package keeps its pipeline in a versioned subfolder.
        candidates = [p for p in path.iterdir() if (p / "meta.json").exists()]
        path = candidates[0] if candidates else path
    else:
        from pathlib import Path

        path = Path(name)
    meta: dict[str, Any] = util.load_meta(path / "meta.json")
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"


class InlineExecutor:
    """Run every batch in this process, with the soft time limit only (no isolation).

    A document that crashes the interpreter (a segfault in compiled code) would stop the
    run here; the worker pool isolates that. Used for ``--workers 0`` and by tests that
    change the pipeline in-process.
    """

    def __init__(self, nlp: Language, *, published: str | None = None,
                 time_limit: float | None = DEFAULT_TIME_LIMIT) -> None:
        from communique.nlp.pipeline import model_description

        self.nlp = nlp
        self.published = published
        self.time_limit = time_limit
        self._model_name = model_description(nlp)
        warm_up(nlp)  # first-use loading must not count against a document's time limit

    @property
    def model_name(self) -> str:
        """``name-version`` of the pipeline."""
        return self._model_name

    def map(self, batches: Iterable[list[Plain]]) -> Iterator[list[Outcome]]:
        """Process each batch in turn."""
        for batch in batches:
            yield run_batch(self.nlp, batch, published=self.published,
                            model_name=self._model_name, time_limit=self.time_limit)

    def close(self) -> None:
        """Nothing to stop."""
