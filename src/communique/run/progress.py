"""Progress for long runs: a rich bar on a terminal, plain log lines otherwise.

Everything goes to stderr (stdout carries only results). The bar shows inputs done,
articles per second and the time left; when stderr is not a terminal (a log file, CI,
``nohup``) a line like ``ingest: 1200/15400 inputs (7.8%), 31.2 articles/s, ETA 0:07:35``
is printed every ``interval`` seconds instead, because a redrawn bar makes unreadable logs.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
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


class Progress:
    """Count finished inputs and show the rate; a context manager.

    ``advance(resumed=True)`` counts inputs skipped because an earlier run stored them:
    they move the bar but not the articles/s rate (they cost no parsing).
    """

    def __init__(self, total: int | None, *, label: str = "ingest", stream: TextIO | None = None,
                 interval: float = 10.0, enabled: bool = True, rich: bool | None = None) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.enabled = enabled
        self.rich = (self.stream.isatty() if rich is None else rich) and enabled
        self.done = 0
        self.worked = 0
        self._start = time.monotonic()
        self._last_line = self._start
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        self._start = self._last_line = time.monotonic()
        if self.rich:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import (
                Progress as Bar,
            )

            self._bar = Bar(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream), transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, rate="")
        return self

    def rate(self) -> float:
        """Articles per second handled by this run (resumed inputs excluded)."""
        elapsed = time.monotonic() - self._start
        return self.worked / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left at the current rate, or ``None`` when unknown."""
        rate = self.rate()
        if self.total is None or rate <= 0:
            return None
        return max(0.0, (self.total - self.done) / rate)

    def line(self) -> str:
        """The plain progress line."""
        count = f"{self.done}/{self.total}" if self.total else str(self.done)
        share = f" ({100 * self.done / self.total:.1f}%)" if self.total else ""
        eta = self.eta()
        return (f"{self.label}: {count} inputs{share}, {self.rate():.1f} articles/s"
                + (f", ETA {_clock(eta)}" if eta is not None else ""))

    def advance(self, count: int = 1, *, resumed: bool = False) -> None:
        """Count ``count`` finished inputs."""
        self.done += count
        if not resumed:
            self.worked += count
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, advance=count, rate=f"{self.rate():.1f} articles/s")
            return
        now = time.monotonic()
        if now - self._last_line >= self.interval:
            self._last_line = now
            print(self.line(), file=self.stream, flush=True)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self.enabled and self.done:
            print(self.line(), file=self.stream, flush=True)
