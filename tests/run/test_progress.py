"""Progress: plain lines when stderr is not a terminal; cheap input counting for the ETA."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from communique.run.progress import Progress, estimate_total


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(10, stream=stream, interval=0.0) as progress:
        progress.advance(resumed=True)
        for _ in range(3):
            progress.advance()
    lines = stream.getvalue().splitlines()
    assert lines and all(line.startswith("ingest: ") for line in lines)
    assert "4/10 inputs (40.0%)" in lines[-1]
    assert "articles/s" in lines[-1] and "ETA" in lines[-1]
    assert "\r" not in stream.getvalue() and "\x1b" not in stream.getvalue()
    assert progress.worked == 3 and progress.done == 4


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
