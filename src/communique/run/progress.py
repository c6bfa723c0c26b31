"""Progress for long runs: a rich bar on a terminal, plain log lines otherwise.

Everything goes to stderr (stdout carries only results). The bar shows what the run is
doing before the first article ("loading the language model…"), then inputs done,
articles per second and the time left; when stderr is not a terminal (a log file, CI,
``nohup``) a line like ``ingest: 1200/15400 inputs (7.8%), 31.2 articles/s, ETA 0:07:35``
is printed every ``interval`` seconds instead (and each phase as it starts), because a
redrawn bar makes unreadable logs.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

# Counting inputs for the ETA is given up past these (a dump on a slow disk): a progress
# line without ETA is better than a long pause before the run starts.
_COUNT_SECONDS = 2.0
_COUNT_FILES = 200_000
_LINE_SUFFIXES = (".jsonl", ".ndjson")


def _count_lines(path: Path, deadline: float) -> int | None:
    count = 0
    last = b"\n"
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
            if time.monotonic() > deadline:
                return None
    return count + (0 if last == b"\n" else 1)


def estimate_total(paths: Sequence[str | Path]) -> int | None:
    """Roughly how many input records ``paths`` hold, or ``None`` when it is not cheap.

    One per file, one per line of an uncompressed JSONL file; compressed files, WARC and
    standard input make the total unknown (the bar then shows no ETA).
    """
    deadline = time.monotonic() + _COUNT_SECONDS
    total = 0
    files: list[Path] = []
    for given in paths:
        if str(given) == "-":
            return None
        path = Path(given)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                files.extend(Path(root) / n for n in names if not n.startswith("."))
                if len(files) > _COUNT_FILES or time.monotonic() > deadline:
                    return None
        else:
            files.append(path)
    for file in files:
        name = file.name.lower()
        if name.endswith((".gz", ".warc", ".arc")):
            return None
        if name.endswith(_LINE_SUFFIXES):
            try:
                lines = _count_lines(file, deadline)
            except OSError:
                lines = 1
            if lines is None:
                return None
            total += lines
        else:
            total += 1
    return total


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


# Results arriving within this many seconds of the first one belong to the first batch:
# they were parsed while the model loaded elsewhere, not at the running rate.
_FIRST_BURST = 0.5
# The rate (and the ETA made from it) is shown once this many seconds of work after the
# first batch have been measured: before that it was a guess that included loading the
# model ("0.1 articles/s, ETA 0:01:12" for a 6-article run that took 16 s).
MIN_RATE_SECONDS = 3.0


class Progress:
    """Count finished inputs and show what the run is doing; a context manager.

    ``status(text)`` names a phase with no inputs finishing ("loading the language
    model…", "merging events and quotes across articles…"), shown at once;
    ``advance(resumed=True)`` counts inputs skipped because an earlier run stored them:
    they move the bar but not the articles/s rate (they cost no parsing). The rate is
    measured from the end of the first batch of results, so neither loading the model
    nor the first batch arriving all at once distorts it; until :data:`MIN_RATE_SECONDS`
    of that are measured no rate or ETA is shown.
    """

    def __init__(self, total: int | None, *, label: str = "ingest", stream: TextIO | None = None,
                 interval: float = 10.0, enabled: bool = True, rich: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.clock = clock
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.enabled = enabled
        self.rich = (self.stream.isatty() if rich is None else rich) and enabled
        self.done = 0
        self.worked = 0
        self.phase: str | None = None
        self._start = clock()
        self._last_line = self._start
        self._first: float | None = None  # when the first parsed input finished
        self._burst_end = self._start  # when the last input of the first batch finished
        self._burst_count = 0  # inputs parsed by then
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        self._start = self._last_line = self.clock()
        if self.rich:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                TextColumn("{task.fields[eta]}"),
                console=Console(file=self.stream), transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, rate="", eta="")
        return self

    def status(self, text: str | None) -> None:
        """Show what the run is doing while no input finishes (``None``: back to
        counting). On a terminal it replaces the bar's label; otherwise it is printed
        as its own line at once."""
        self.phase = text
        if not self.enabled:
            return
        if self._bar is not None:
            description = f"{self.label}: {text}" if text else self.label
            self._bar.update(self._task, description=description)
        elif text:
            self._last_line = self.clock()
            print(f"{self.label}: {text}", file=self.stream, flush=True)

    def rate(self) -> float | None:
        """Articles per second after the first batch (resumed inputs excluded), or
        ``None`` while fewer than :data:`MIN_RATE_SECONDS` of work are measured."""
        if self._first is None:
            return None
        elapsed = self.clock() - self._burst_end
        parsed = self.worked - self._burst_count
        if elapsed < MIN_RATE_SECONDS or parsed <= 0:
            return None
        return parsed / elapsed

    def eta(self) -> float | None:
        """Seconds left at the current rate, or ``None`` when unknown."""
        rate = self.rate()
        if self.total is None or rate is None or self.done >= self.total:
            return None
        return max(0.0, (self.total - self.done) / rate)

    def line(self) -> str:
        """The plain progress line."""
        count = f"{self.done}/{self.total}" if self.total else str(self.done)
        share = f" ({100 * self.done / self.total:.1f}%)" if self.total else ""
        rate = self.rate()
        eta = self.eta()
        speed = f"{rate:.1f} articles/s" if rate is not None else "measuring the rate"
        if rate is None and self.total and self.done >= self.total:
            speed = "done"
        return (f"{self.label}: {count} inputs{share}, {speed}"
                + (f", ETA {_clock(eta)}" if eta is not None else ""))

    def _count_work(self, count: int) -> None:
        now = self.clock()
        self.worked += count
        if self._first is None:
            self._first = now
        if now - self._first <= _FIRST_BURST:
            self._burst_end = now
            self._burst_count = self.worked

    def advance(self, count: int = 1, *, resumed: bool = False) -> None:
        """Count ``count`` finished inputs."""
        self.done += count
        if not resumed:
            self._count_work(count)
        if self.phase is not None:
            self.status(None)
        if not self.enabled:
            return
        if self._bar is not None:
            rate, eta = self.rate(), self.eta()
            self._bar.update(self._task, advance=count,
                             rate="" if rate is None else f"{rate:.1f} articles/s",
                             eta="" if eta is None else f"ETA {_clock(eta)}")
            return
        now = self.clock()
        if now - self._last_line >= self.interval:
            self._last_line = now
            print(self.line(), file=self.stream, flush=True)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self.enabled and self.done:
            print(self.line(), file=self.stream, flush=True)
