"""The quotes suite's matching: brat parsing, IoU one-to-one matching, speaker rule."""

from __future__ import annotations

from pathlib import Path

from communique.evaluate.quotes import Prediction, Tally, read_annotations, score_document

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
