"""The ingest summary: elapsed time, rate and the publication dates of what was stored;
the progress display says what it is doing before the first article (issue 22)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.cli import main
from communique.cli.ingest_cmd import timing_line
from communique.store.ingest_run import IngestSummary

ARTICLES = [
    {"id": "a", "date": "2024-03-04", "text": "Lavrov met Wang Yi in Beijing on Tuesday."},
    {"id": "b", "date": "2024-01-02", "text": "Blinken visited Kyiv on Monday, officials said."},
    {"id": "c", "text": "Macron called Scholz on Friday to discuss the budget rules."},
]


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def test_summary_gives_time_rate_and_date_range(
        inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.db"
    assert main(["ingest", str(inputs), "--db", str(db), "--workers", "0"]) == 0
    err = capsys.readouterr().err.splitlines()
    # Not a terminal: the phase is a line of its own, printed before any article.
    assert err[0] == "ingest: loading the language model…"
    assert "ingest: merging events and quotes across articles…" in err
    [timing] = [line for line in err if line.startswith("time: ")]
    assert " for 3 articles (" in timing and " articles/s)" in timing
    assert timing.endswith("; published 2024-01-02 to 2024-03-04 (1 undated)")
    assert not any("ETA" in line for line in err)  # 3 articles: never enough to measure

    # Run again: nothing to do, no date range to give.
    assert main(["ingest", str(inputs), "--db", str(db), "--workers", "0", "--json",
                 "--no-progress"]) == 0
    captured = capsys.readouterr()
    figures = json.loads(captured.out)
    assert figures["already_done"] == 3 and figures["elapsed_seconds"] >= 0
    assert figures["articles_per_second"] == 0
    assert figures["published"] == {"first": None, "last": None, "undated": 0}
    assert "loading" not in captured.err


def test_timing_line() -> None:
    summary = IngestSummary(elapsed=125.4)
    summary.run.processed = 1540
    for day in ("2014-05-01", "2012-10-02T10:00:00", "2020-06-01"):
        summary.note_published(day)
    summary.note_published(None)
    assert timing_line(summary) == ("time: 0:02:05 for 1540 articles (12.28 articles/s); "
                                    "published 2012-10-02 to 2020-06-01 (1 undated)")
    assert timing_line(IngestSummary(elapsed=0.25)) == "time: 0.2 s"
    one_day = IngestSummary(elapsed=3.0)
    one_day.run.processed = 2
    one_day.note_published("2024-04-09")
    one_day.note_published("2024-04-09")
    assert timing_line(one_day) == "time: 3.0 s for 2 articles (0.67 articles/s); " \
                                   "published 2024-04-09"
