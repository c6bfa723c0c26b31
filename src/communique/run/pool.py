"""The local executor: N worker processes, each loading the spaCy pipeline once.

Why not spaCy's own ``nlp.pipe(n_process=N)``: it sends every parsed ``Doc`` (tokens,
arrays, user data) back to the parent, which then builds the documents; a crash in one
child stops the whole pipe; it has no per-document time limit; and its children never
free their vocabulary. Here workers receive batches of plain raw documents, run the whole
per-article step (cleaning, parse, extraction, document assembly; see
:mod:`communique.run.batch`) and send back plain dicts. The parent only writes.

Robustness:

- **Time limit.** Each worker enforces the soft limit itself (an exception in the
  pipeline thread). The parent also watches: a worker silent for longer than the limit
  plus a grace period on one task (stuck in compiled code) is killed and restarted.
- **Crashes.** A worker that dies (segfault, out of memory, killed) is restarted. The
  batch it held is retried one document at a time; a document that kills a worker on its
  own is recorded as failed with the reason. The run goes on.
- **Order.** Outcomes are handed back in input order (a bounded reorder buffer), so the
  database does not depend on worker count or completion order.
- **Parent death.** Workers exit when the parent is gone (``kill -9`` of the ingest), so
  nothing is left running: a thread in each worker watches the parent, also while the
  pipeline loads or a batch runs.
- **Memory.** Each batch runs in ``nlp.memory_zone()``; the parent keeps at most
  ``4 * workers`` batches in flight.

Workers start with the ``spawn`` method: no fork of a parent holding a SQLite connection
and threads, and the same behaviour on every platform.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from communique.errors import CommuniqueError
from communique.run.batch import Outcome, Plain, run_batch, source_key, warm_up
from communique.run.executors import DEFAULT_TIME_LIMIT, describe_model

# Seconds a worker may stay silent on one task beyond the time limit before it is killed:
# the soft limit needs a moment to unwind, and a loaded machine delays everything.
DEFAULT_GRACE = 15.0
# Tasks queued per worker: one running, one waiting, so a worker never idles while the
# parent is busy writing.
_PER_WORKER = 2
# A worker that dies this many times in a row before it has loaded the pipeline means the
# pipeline cannot load at all: stop instead of restarting forever.
_MAX_START_FAILURES = 3
# Seconds between a worker's checks that its parent is alive.
_ORPHAN_CHECK = 0.25


class WorkerError(CommuniqueError):
    """The worker processes cannot run (the pipeline does not load in them)."""


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux; 0.0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0.0


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(model: str | None, setup: str | None) -> Any:
    from communique.nlp.pipeline import load_pipeline

    nlp = load_pipeline(model)
    if setup:
        # "module:function" called with the pipeline (tests add a faulty component so).
        module, _, name = setup.partition(":")
        getattr(importlib.import_module(module), name)(nlp)
    return nlp


def _exit_when_orphaned(parent: int) -> None:
    """Watch for the death of ``parent`` and end this worker at once when it happens.

    The worker loop notices it too, but only between tasks: loading the pipeline or a long
    batch would keep an orphan running for seconds, for results nobody will read.
    """
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK)
    os._exit(0)


def _worker_main(tasks: Any, conn: Connection, model: str | None, published: str | None,
                 time_limit: float | None, setup: str | None, parent: int) -> None:
    """Worker loop: load the pipeline once, then run batches until told to stop."""
    # Ctrl-C in a terminal reaches the whole process group; the parent alone decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True,
                     name="communique-orphan-watch").start()
    from communique.nlp.pipeline import model_description

    try:
        nlp = _load(model, setup)
        name = model_description(nlp)
        warm_up(nlp)
        conn.send(("ready", name))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    busy = 0.0  # seconds spent running batches (CPU share = process_time / busy)
    try:
        while True:
            try:
                task = tasks.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent:
                    return  # the parent was killed: nobody will read the results
                continue
            if task is None:
                return
            task_id, plains = task
            conn.send(("start", task_id))

            def single(index: int, task: int = task_id) -> None:
                conn.send(("single", task, index))

            started = time.monotonic()
            outcomes = run_batch(nlp, plains, published=published, model_name=name,
                                 time_limit=time_limit, on_single=single)
            busy += time.monotonic() - started
            conn.send(("done", task_id, outcomes, rss_mb(), peak_rss_mb(), busy,
                       time.process_time()))
    except (OSError, EOFError):
        return  # the parent closed the pipe


@dataclass
class _Task:
    id: int
    seq: int
    part: list[int]  # positions of ``plains`` in batch ``seq``
    plains: list[Plain]


@dataclass
class _Worker:
    process: Any
    tasks: Any
    conn: Connection
    ready: bool = False
    assigned: deque[_Task] = field(default_factory=deque)
    current: _Task | None = None
    since: float = 0.0
    single: int | None = None


@dataclass
class PoolStats:
    """Figures the benchmarks read: restarts and worker memory."""

    restarts: int = 0
    worker_rss_mb: dict[int, float] = field(default_factory=dict)
    worker_peak_rss_mb: float = 0.0
    # Per worker slot, cumulative: wall seconds spent in batches, CPU seconds used. Their
    # ratio is the share of a core a worker got (below 1 on a machine busy with others).
    worker_busy_s: dict[int, float] = field(default_factory=dict)
    worker_cpu_s: dict[int, float] = field(default_factory=dict)


class WorkerPool:
    """``workers`` processes running batches; see the module docstring."""

    def __init__(self, workers: int, *, model: str | None = None, published: str | None = None,
                 time_limit: float | None = DEFAULT_TIME_LIMIT, grace: float = DEFAULT_GRACE,
                 setup: str | None = None) -> None:
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self._ctx = multiprocessing.get_context("spawn")
        self._model = model
        self._published = published
        self.time_limit = time_limit
        self.grace = grace
        self._setup = setup
        self._model_name = describe_model(model)
        self._ids = 0
        self._start_failures = 0
        self.stats = PoolStats()
        self._workers: list[_Worker] = [self._start() for _ in range(workers)]

    @property
    def model_name(self) -> str:
        """``name-version`` of the pipeline the workers run."""
        return self._model_name

    def _start(self) -> _Worker:
        tasks = self._ctx.Queue()
        receive, send = self._ctx.Pipe(duplex=False)
        process = self._ctx.Process(
            target=_worker_main, name="communique-worker", daemon=True,
            args=(tasks, send, self._model, self._published, self.time_limit, self._setup,
                  os.getpid()),
        )
        process.start()
        send.close()  # the parent keeps only its reading end: EOF when the worker dies
        return _Worker(process, tasks, receive)

    def _task(self, seq: int, part: list[int], plains: list[Plain]) -> _Task:
        self._ids += 1
        return _Task(self._ids, seq, part, plains)

    def map(self, batches: Iterable[list[Plain]]) -> Iterator[list[Outcome]]:
        """Process ``batches`` on the workers; yield their outcomes in input order."""
        source = iter(batches)
        exhausted = False
        window = 2 * _PER_WORKER * len(self._workers)
        slots: dict[int, list[Outcome | None]] = {}
        remaining: dict[int, int] = {}
        todo: deque[_Task] = deque()
        taken = 0  # batches read so far
        given = 0  # batches handed back so far

        def fill(task: _Task, outcomes: list[Outcome]) -> None:
            for position, outcome in zip(task.part, outcomes, strict=True):
                slots[task.seq][position] = outcome
            remaining[task.seq] -= len(task.part)

        def fail(task: _Task, reason: str) -> None:
            fill(task, [{"source": source_key(p), "error": reason} for p in task.plains])

        def lost(worker: _Worker, reason: str) -> None:
            """A worker died or hung: fail or split its task, requeue the rest, restart."""
            with contextlib.suppress(Exception):
                worker.process.kill()
            worker.process.join(timeout=5)
            with contextlib.suppress(Exception):
                worker.tasks.cancel_join_thread()
                worker.tasks.close()
            worker.conn.close()
            if not worker.ready:
                self._start_failures += 1
                if self._start_failures >= _MAX_START_FAILURES:
                    raise WorkerError(f"worker processes keep dying while loading the "
                                      f"pipeline ({reason})")
            again: list[_Task] = []
            task = worker.current
            if task is not None:
                print(f"communique: worker {reason} on a batch of {len(task.part)}",
                      file=sys.stderr)
                if len(task.part) == 1:
                    fail(task, reason)
                else:
                    for i, (position, plain) in enumerate(
                            zip(task.part, task.plains, strict=True)):
                        single = self._task(task.seq, [position], [plain])
                        if worker.single == i:
                            fail(single, reason)  # it was running alone: the culprit
                        else:
                            again.append(single)
            again.extend(t for t in worker.assigned if t is not task)
            todo.extendleft(reversed(again))
            self.stats.restarts += 1
            index = self._workers.index(worker)
            self._workers[index] = self._start()

        def receive(worker: _Worker) -> None:
            while worker.conn.poll():
                message = worker.conn.recv()
                kind = message[0]
                if kind == "ready":
                    worker.ready = True
                    self._start_failures = 0
                    self._model_name = message[1]
                elif kind == "fatal":
                    raise WorkerError(f"a worker could not load the pipeline: {message[1]}")
                elif kind == "start":
                    worker.current = next(t for t in worker.assigned if t.id == message[1])
                    worker.since, worker.single = time.monotonic(), None
                elif kind == "single":
                    worker.since, worker.single = time.monotonic(), message[2]
                elif kind == "done":
                    task = worker.current
                    if task is None or task.id != message[1]:
                        raise WorkerError("worker protocol error: result for an unknown task")
                    worker.assigned.remove(task)
                    worker.current = None
                    fill(task, message[2])
                    index = self._workers.index(worker)
                    self.stats.worker_rss_mb[index] = message[3]
                    self.stats.worker_peak_rss_mb = max(self.stats.worker_peak_rss_mb,
                                                        message[4])
                    self.stats.worker_busy_s[index] = message[5]
                    self.stats.worker_cpu_s[index] = message[6]

        while True:
            while not exhausted and taken - given < window:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                slots[taken] = [None] * len(batch)
                remaining[taken] = len(batch)
                if batch:
                    todo.append(self._task(taken, list(range(len(batch))), list(batch)))
                taken += 1
            # Round-robin, one level at a time: every worker gets a task before any
            # worker gets a second (filling worker 0 first left the others idle).
            for level in range(1, _PER_WORKER + 1):
                for worker in self._workers:
                    if todo and len(worker.assigned) < level:
                        task = todo.popleft()
                        worker.tasks.put((task.id, task.plains))
                        worker.assigned.append(task)
            while given < taken and remaining[given] == 0:
                outcomes = slots.pop(given)
                del remaining[given]
                given += 1
                yield [o for o in outcomes if o is not None]
            if exhausted and given == taken:
                return
            wait([w.conn for w in self._workers] + [w.process.sentinel for w in self._workers],
                 timeout=0.5)
            now = time.monotonic()
            for worker in list(self._workers):
                try:
                    # Everything it sent before dying is read first: a finished batch
                    # is not lost with its worker.
                    receive(worker)
                    dead = not worker.process.is_alive()
                except (EOFError, OSError):
                    dead = True
                if dead:
                    worker.process.join(timeout=5)
                    with contextlib.suppress(EOFError, OSError):
                        receive(worker)  # what arrived between the drain and the exit
                    lost(worker, f"process died (exit code {worker.process.exitcode})")
                elif (worker.current is not None and self.time_limit
                      and now - worker.since > self.time_limit + self.grace):
                    lost(worker, f"exceeded the time limit of {self.time_limit:g} s "
                                 "(worker process killed and restarted)")

    def close(self) -> None:
        """Stop the workers: ask politely, then kill what is still running."""
        for worker in self._workers:
            with contextlib.suppress(Exception):
                worker.tasks.put(None)
        deadline = time.monotonic() + 5
        for worker in self._workers:
            worker.process.join(timeout=max(0.1, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)
            with contextlib.suppress(Exception):
                worker.tasks.cancel_join_thread()
                worker.tasks.close()
            with contextlib.suppress(Exception):
                worker.conn.close()
        self._workers = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
