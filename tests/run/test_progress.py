"""Progress: plain lines when stderr is not a terminal; cheap input counting for the ETA."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from communique.run.progress import Progress, estimate_total


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    clock = FakeClock()
    with Progress(10, stream=stream, interval=0.0, clock=clock) as progress:
        progress.advance(resumed=True)
        for _ in range(3):
            clock.now += 2.0
            progress.advance()
    lines = stream.getvalue().splitlines()
    assert lines and all(line.startswith("ingest: ") for line in lines)
    assert "4/10 inputs (40.0%)" in lines[-1]
    # The rate counts from the first parsed input: 2 more in 4 seconds.
    assert "0.5 articles/s" in lines[-1] and "ETA 0:00:12" in lines[-1]
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()
    assert progress.worked == 3 and progress.done == 4


def test_says_what_it_does_before_the_first_article() -> None:
    stream = io.StringIO()
    clock = FakeClock()
    with Progress(100, stream=stream, interval=10.0, clock=clock) as progress:
        progress.status("loading the language model…")
        assert stream.getvalue() == "ingest: loading the language model…\n"
        clock.now += 25.0  # the model loads; the first batch of 16 arrives at once
        for _ in range(16):
            progress.advance()
        first = stream.getvalue().splitlines()[-1]
        assert progress.phase is None
        clock.now += 1.0
        progress.advance()
    # No rate and no ETA made from the time the model took to load.
    assert first == "ingest: 1/100 inputs (1.0%), measuring the rate"
    assert progress.rate() is None


def test_rate_and_eta_once_measured() -> None:
    clock = FakeClock()
    progress = Progress(100, stream=io.StringIO(), clock=clock, enabled=False)
    clock.now += 30.0  # loading the model
    for _ in range(10):  # the first batch
        progress.advance()
    assert progress.rate() is None and progress.eta() is None
    for _ in range(4):
        clock.now += 1.0
        progress.advance()
    # 4 articles in the 4 seconds after the first batch; 86 inputs left.
    assert progress.rate() == 1.0 and progress.eta() == 86.0
    assert progress.line() == "ingest: 14/100 inputs (14.0%), 1.0 articles/s, ETA 0:01:26"


def test_rich_bar_shows_the_phase() -> None:
    stream = io.StringIO()
    with Progress(3, stream=stream, rich=True) as progress:
        progress.status("loading the language model…")
        assert progress._bar.tasks[0].description == "ingest: loading the language model…"
        progress.advance()
        assert progress._bar.tasks[0].description == "ingest"
        assert progress._bar.tasks[0].fields["eta"] == ""


def test_disabled_progress_prints_nothing() -> None:
    stream = io.StringIO()
    with Progress(None, stream=stream, interval=0.0, enabled=False) as progress:
        progress.advance()
    assert stream.getvalue() == ""


def test_estimate_total(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n{"text": "c"}')
    (tmp_path / ".hidden").write_text("x")
    assert estimate_total([tmp_path]) == 4
    with gzip.open(tmp_path / "c.jsonl.gz", "wt") as handle:
        handle.write("{}\n")
    assert estimate_total([tmp_path]) is None  # compressed: unknown without reading it
    assert estimate_total(["-"]) is None
