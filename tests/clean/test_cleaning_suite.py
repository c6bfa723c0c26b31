"""The ``cleaning`` evaluation suite, its hand-check file and the AllSides sample."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.article import Removal
from communique.clean import clean_text
from communique.clean.boilerplate import cut
from communique.errors import DataFileError
from communique.evaluate.cleaning import (
    GALLERY_HANDCHECK,
    HANDCHECK,
    HANDCHECK_COLUMNS,
    cleaning_suite,
    read_eyeball,
    read_handcheck,
    read_sample,
    sample_removals,
)


def test_handcheck_file_holds_ids_and_offsets_only() -> None:
    rows = read_handcheck()
    assert len(rows) == 50
    assert {r.verdict for r in rows} <= {"correct", "incorrect"}
    with HANDCHECK.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    header = next(reader)
    assert tuple(header) == HANDCHECK_COLUMNS
    for row in reader:
        assert len(row) == len(HANDCHECK_COLUMNS)
        assert len(row[5]) <= 120  # a short note, never article text
    # Every reason of the sample is represented (stratified sample).
    assert len({r.reason for r in rows}) >= 10


def test_gallery_handcheck_file_holds_ids_and_offsets_only() -> None:
    rows = read_handcheck(GALLERY_HANDCHECK)
    assert len(rows) == 60
    assert {r.reason for r in rows} == {"embed", "gallery", "highlights", "read-more", "photo"}
    with GALLERY_HANDCHECK.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t")
    assert tuple(next(reader)) == HANDCHECK_COLUMNS
    for row in reader:
        assert len(row) == len(HANDCHECK_COLUMNS) and len(row[5]) <= 120


def test_structure_eyeball_file() -> None:
    rows = read_eyeball()
    kinds = [r[0] for r in rows]
    assert kinds.count("heading") == 40 and kinds.count("dateline") == 20
    assert kinds.count("title") == 20
    assert {r[4] for r in rows} <= {"correct", "incorrect"}


def test_read_handcheck_rejects_bad_verdicts(tmp_path: Path) -> None:
    path = tmp_path / "h.tsv"
    path.write_text("id\tstart\tend\treason\tverdict\tnote\nx\t1\t2\tshare\tmaybe\t\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError):
        read_handcheck(path)
    path.write_text("id\tstart\tend\treason\tverdict\tnote\nx\tone\t2\tshare\tcorrect\t\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError):
        read_handcheck(path)


def test_sample_is_deterministic_and_stratified() -> None:
    removals = [(f"a{i}", Removal(i, i + 1, "x", reason))
                for i, reason in enumerate(["share"] * 80 + ["photo"] * 15 + ["appeal"] * 1)]
    first = sample_removals(removals, size=10, seed=1)
    assert first == sample_removals(removals, size=10, seed=1)
    reasons = [r.reason for _, r in first]
    assert len(first) == 10
    assert reasons.count("appeal") == 1  # all there is
    assert reasons.count("photo") >= 2
    assert reasons.count("share") >= 5


def test_missing_sample_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        list(read_sample(tmp_path))


@pytest.mark.data
def test_allsides_removals_are_exact(data_dir: Path) -> None:
    for n, (_, raw) in enumerate(read_sample(data_dir)):
        result = clean_text(raw)
        for removal in result.removed:
            assert raw[removal.start : removal.end] == removal.text
        assert result.text == cut(raw, result.removed)
        for span in result.headings:
            assert result.text[span.start : span.end] == span.text
        if result.dateline:
            dl = result.dateline
            assert result.text[dl.start : dl.end] == dl.text
        if n >= 400:
            break


@pytest.mark.data
def test_suite_recomputes_handcheck_precision(data_dir: Path) -> None:
    report = cleaning_suite(data_dir, 100)
    assert report.suite == "cleaning"
    assert report.headline["handcheck_precision"] >= 0.95
    assert report.headline["removals_per_article"] > 0
    [row] = [r for r in report.rows if r.name == "hand-check precision"]
    # Every recorded removal is still produced by the cleaner (none stale).
    assert row.counts["stale"] == 0
    assert row.counts["correct"] + row.counts["incorrect"] == 50
    [gallery] = [r for r in report.rows
                 if r.name == "hand-check precision: galleries, highlights, embeds"]
    assert gallery.counts["stale"] == 0 and gallery.counts["correct"] == 60
    assert report.headline["gallery_handcheck_precision"] == 1.0
    eyeball = {r.name: r for r in report.rows if r.name.startswith("eyeball")}
    assert set(eyeball) == {f"eyeball precision: {k}" for k in ("heading", "dateline", "title")}
    assert all(r.counts["stale"] == 0 for r in eyeball.values())
