"""The quotes suite's matching: brat parsing, IoU one-to-one matching, speaker rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.evaluate.quotes_suite import Prediction, Tally, read_annotations, score_document

TEXT = 'Smith said "we will win the vote." Later, Jones said the vote was rigged by them.'


def _ann(tmp_path: Path) -> Path:
    path = tmp_path / "doc_x.ann"
    lines = [
        "T1\tSource 0 5\tSmith", "T2\tCue 6 10\tsaid", "T3\tContent 11 34\t...",
        "T4\tAttribution 6 10\tsaid", "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tSource 42 47\tJones", "T6\tCue 48 52\tsaid", "T7\tContent 53 65;66 80\t...",
        "T8\tAttribution 48 52\tsaid", "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_annotations_segments_and_quoted_flag(tmp_path: Path) -> None:
    gold = read_annotations(_ann(tmp_path), TEXT)
    assert [g.quoted for g in gold] == [True, False]
    assert gold[1].content == [(53, 65), (66, 80)]
    assert gold[0].source_text == "Smith"


def test_matching_iou_one_to_one_and_speaker(tmp_path: Path) -> None:
    gold = read_annotations(_ann(tmp_path), TEXT)
    preds = [
        Prediction([(12, 32)], (0, 5), "Smith", "direct"),  # matched, speaker overlaps
        Prediction([(12, 32)], None, "Smith", "direct"),  # duplicate: one-to-one, unmatched
        Prediction([(53, 68)], (60, 65), "Mr Jones", "indirect"),  # IoU 3/6: matched, name
    ]
    tally = Tally()
    score_document(TEXT, gold, preds, tally)
    assert (tally.gold, tally.predicted, tally.matched) == (2, 3, 2)
    assert (tally.gold_quoted, tally.matched_quoted, tally.speaker_right_quoted) == (1, 1, 1)
    assert tally.speaker_right == 2


@pytest.mark.data
def test_missing_textacy_is_said_not_scored(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # Without textacy every document used to "fail" and the baseline printed 0.000.
    from communique.cli import main
    from communique.evaluate import quotes_suite as quotes

    monkeypatch.setattr(quotes, "textacy_installed", lambda: False)
    assert main(["evaluate", "quotes", "--data", str(data_dir), "--limit", "1",
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    names = [row["name"] for row in report["rows"]]
    assert not any(name.startswith("textacy quoted") for name in names)
    [row] = [r for r in report["rows"] if r["name"] == "textacy (baseline)"]
    assert "not installed" in row["note"] and "value" not in row
    assert report["details"]["textacy"].startswith("not installed")
    assert main(["evaluate", "quotes", "--data", str(data_dir), "--limit", "1"]) == 0
    table = capsys.readouterr().out
    assert "not installed" in table and "0.000" not in table.split("textacy")[1]
