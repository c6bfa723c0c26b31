"""The Dask distributed executor: ``communique ingest --cluster tcp://host:8786|local``.

Design (and why):

- **Shards are the writer's batches.** The writer process reads the inputs, skips what
  the database already holds, and submits each batch of plain raw documents as one Dask
  task. Each Dask worker process loads the spaCy pipeline once (a per-process cache, see
  :func:`run_shard`) and returns plain ``communique/1`` dicts or per-document error
  records (:mod:`communique.run.batch`).
- **Results stream back to the one writer** rather than being written as per-shard
  Parquet/JSONL files for a loader to merge. The writer already gives one transaction per
  article, resumption, in-run duplicate handling and input-order commits (so the database
  equals a single-process run); per-shard files would need a second loader, a second
  resume mechanism and a shared file system between the workers and the loader. The data
  that travels back is small next to the parse (a document is a few times its text).
- **Bounded memory.** At most ``2 * threads + 2`` shards are in flight; results are
  collected in submission order (Dask runs them in parallel), so the writer commits in
  input order with no unbounded reorder buffer.
- **Worker loss.** The scheduler re-runs the tasks of a lost worker elsewhere (the Nanny
  restarts the process), so the run completes. A shard that kills workers repeatedly
  (``KilledWorker``, after ``distributed.scheduler.allowed-failures`` attempts) is run
  again one document per task; a document that kills workers on its own is recorded as
  failed with the reason.
- **Time limit.** The soft per-document limit of :mod:`communique.run.limits` applies in
  the worker thread; the hard kill of the local pool does not exist here (a document stuck
  inside compiled code holds its worker until it finishes).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from communique.errors import UsageError
from communique.run.batch import Outcome, Plain, run_batch, source_key, warm_up
from communique.run.executors import DEFAULT_TIME_LIMIT, describe_model

# One pipeline per worker process is not safe to run from two threads at once.
_LOCK = threading.Lock()
_WARM: set[int] = set()  # pipelines (by id) already warmed up in this process


def run_shard(plains: list[Plain], model: str | None, published: str | None,
              time_limit: float | None) -> list[Outcome]:
    """The Dask task: run one shard with this worker's pipeline (loaded once, cached)."""
    from communique.nlp.pipeline import load_pipeline, model_description

    with _LOCK:
        nlp = load_pipeline(model)  # lru_cache: loaded on the first shard of each process
        if id(nlp) not in _WARM:
            warm_up(nlp)
            _WARM.add(id(nlp))
        return run_batch(nlp, plains, published=published,
                         model_name=model_description(nlp), time_limit=time_limit)


class DaskExecutor:
    """Run batches on a Dask cluster; see the module docstring.

    ``address`` is a scheduler address, ``"local"`` (start a ``LocalCluster`` with
    ``workers`` single-threaded worker processes) or an existing ``distributed.Client``
    (left open). ``on_shard(n)`` is called after the n-th shard's outcomes arrived (tests
    kill a worker there).
    """

    def __init__(self, address: Any, *, workers: int = 2, model: str | None = None,
                 published: str | None = None,
                 time_limit: float | None = DEFAULT_TIME_LIMIT,
                 on_shard: Callable[[int], None] | None = None) -> None:
        try:
            import distributed
        except ImportError as exc:
            raise UsageError("--cluster needs Dask: pip install 'communique[cluster]'") from exc
        dist: Any = distributed  # partly typed: used untyped
        self._cluster: Any = None
        self._own_client = True
        self.client: Any
        if isinstance(address, str):
            if address == "local":
                self._cluster = dist.LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                             processes=True, dashboard_address=None)
                self.client = dist.Client(self._cluster)
            else:
                self.client = dist.Client(address)
        else:
            self.client = address
            self._own_client = False
        self._model = model
        self._published = published
        self.time_limit = time_limit
        self.on_shard = on_shard
        self._model_name = describe_model(model)
        self.shards = 0

    @property
    def model_name(self) -> str:
        """``name-version`` of the pipeline the workers run."""
        return self._model_name

    def _submit(self, plains: list[Plain]) -> Any:
        return self.client.submit(run_shard, plains, self._model, self._published,
                                  self.time_limit, pure=False)

    def _collect(self, plains: list[Plain], future: Any) -> list[Outcome]:
        from distributed import KilledWorker

        try:
            outcomes: list[Outcome] = future.result()
        except KilledWorker:
            outcomes = []
            singles = [self._submit([plain]) for plain in plains]
            for plain, single in zip(plains, singles, strict=True):
                try:
                    outcomes.extend(single.result())
                except KilledWorker as exc:
                    outcomes.append({"source": source_key(plain),
                                     "error": f"the document killed the worker processes "
                                              f"({exc})"})
        self.shards += 1
        if self.on_shard is not None:
            self.on_shard(self.shards)
        return outcomes

    def map(self, batches: Iterable[list[Plain]]) -> Iterator[list[Outcome]]:
        """Submit the batches as tasks; yield their outcomes in input order."""
        threads = sum(self.client.nthreads().values()) or 1
        window = 2 * threads + 2
        inflight: deque[tuple[list[Plain], Any]] = deque()
        for batch in batches:
            inflight.append((batch, self._submit(batch)))
            while len(inflight) >= window:
                yield self._collect(*inflight.popleft())
        while inflight:
            yield self._collect(*inflight.popleft())

    def close(self) -> None:
        """Close the client (and the LocalCluster this executor started)."""
        if self._own_client:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
