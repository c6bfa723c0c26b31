"""A gzip input cut off part way (a crashed copy, a partial download): every complete
record before the break is delivered, and the file is reported as truncated exactly once,
under its own name, even when records were read from it."""

from __future__ import annotations

import gzip
import io
import json
import random
import zlib
from pathlib import Path
from typing import Any

import pytest

from communique.errors import InputError, TruncatedInputError
from communique.ingest.readers import read_path, read_stream
from communique.ingest.types import RawDocument
from tests.ingest.inputs import EN_TEXT, html_page, jsonl

WORDS = ("minister", "talks", "border", "troops", "Geneva", "said", "officials", "protest",
         "subsidies", "farmers", "commission", "statement", "withdraw", "province", "police")


def ten_records() -> list[dict[str, Any]]:
    """Ten records of different words (so each costs about as much compressed), small
    enough that the whole compressed file is read in one go: the reported case."""
    rng = random.Random(20)
    return [{"id": f"r{n}", "text": EN_TEXT + " ".join(rng.choice(WORDS) for _ in range(80))}
            for n in range(10)]


def recoverable_lines(cut: bytes) -> int:
    """Complete JSONL lines in what can be decompressed from ``cut``."""
    return zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")


def split(items: list[RawDocument | InputError]) -> tuple[list[RawDocument], list[InputError]]:
    return ([i for i in items if isinstance(i, RawDocument)],
            [i for i in items if isinstance(i, InputError)])


@pytest.mark.parametrize("fraction", [0.3, 0.5, 2 / 3, 0.9])
def test_cut_jsonl_gz_delivers_every_complete_record(tmp_path: Path, fraction: float) -> None:
    blob = gzip.compress(jsonl(ten_records()))
    cut = blob[: int(len(blob) * fraction)]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut)
    expected = recoverable_lines(cut)
    items = list(read_path(path))
    documents, errors = split(items)
    assert [d.meta["id"] for d in documents] == [f"r{n}" for n in range(expected)]
    [error] = errors  # one line for the file, not one per record as well
    assert isinstance(error, TruncatedInputError) and items[-1] is error
    assert error.where == str(path) and "truncated" in error.reason


def test_two_thirds_cut_recovers_records() -> None:
    # The reproduction: 10 records, cut at two thirds, none were delivered.
    blob = gzip.compress(jsonl(ten_records()))
    cut = blob[: len(blob) * 2 // 3]
    assert recoverable_lines(cut) >= 4
    documents, _ = split(list(read_stream(io.BytesIO(cut), "cut.jsonl.gz", fmt="json")))
    assert len(documents) == recoverable_lines(cut)


def test_cut_exactly_between_records_is_still_reported(tmp_path: Path) -> None:
    # Flushed after record 5 and cut there: five whole records, yet the file is incomplete.
    records = ten_records()
    compressor = zlib.compressobj(wbits=31)
    head = compressor.compress(jsonl(records[:5])) + compressor.flush(zlib.Z_FULL_FLUSH)
    path = tmp_path / "flushed.jsonl.gz"
    path.write_bytes(head)
    documents, errors = split(list(read_path(path)))
    assert len(documents) == 5
    [error] = errors
    assert isinstance(error, TruncatedInputError) and error.where == str(path)


def test_cut_json_array_gz(tmp_path: Path) -> None:
    blob = gzip.compress(json.dumps(ten_records()).encode())
    cut = blob[: len(blob) * 2 // 3]
    path = tmp_path / "cut.json.gz"
    path.write_bytes(cut)
    text = zlib.decompressobj(wbits=31).decompress(cut).decode()
    complete = text.count('"}')  # each record ends with its text
    documents, errors = split(list(read_path(path)))
    assert len(documents) == complete > 0
    [error] = errors
    assert isinstance(error, TruncatedInputError) and error.where == str(path)


@pytest.mark.parametrize("name", ["cut.html.gz", "cut.txt.gz", "cut.gz"])
def test_cut_single_document_is_reported_not_processed(tmp_path: Path, name: str) -> None:
    # A page cut off is not an article: one error naming the file, and no document
    # (processing the first part as if it were whole would be silently wrong).
    content = html_page(paragraphs=tuple(f"Paragraph {n} of a long report." for n in range(400)))
    blob = gzip.compress(content.encode())
    path = tmp_path / name
    path.write_bytes(blob[: len(blob) * 2 // 3])
    documents, errors = split(list(read_path(path)))
    assert documents == []
    [error] = errors
    assert isinstance(error, TruncatedInputError) and error.where == str(path)


def test_cut_large_jsonl_gz_loses_no_record_of_the_last_read(tmp_path: Path) -> None:
    # Many reads: the records decompressed by the read that hits the break count too.
    rng = random.Random(7)
    records = [{"id": str(n), "text": EN_TEXT + " ".join(rng.choice(WORDS) for _ in range(400))}
               for n in range(400)]
    blob = gzip.compress(jsonl(records))
    cut = blob[: len(blob) // 2]
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(cut)
    documents, errors = split(list(read_path(path)))
    assert len(documents) == recoverable_lines(cut) > 100
    [error] = errors
    assert isinstance(error, TruncatedInputError) and error.where == str(path)


@pytest.mark.parametrize("tail", ['{"id": "cut", "text": "The talks', '{"id": "cut", "ok": tru',
                                  '{"id": "cut", "n": 12e', "[1, 2"])
def test_record_cut_by_the_break_is_not_reported_on_its_own(tmp_path: Path, tail: str) -> None:
    # However the break cuts the last record (in a string, a literal, a number, an array),
    # the file gets one error, not an extra "invalid JSON" line for that record.
    compressor = zlib.compressobj(wbits=31)
    data = jsonl(ten_records()[:3]) + tail.encode()
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH))
    documents, errors = split(list(read_path(path)))
    assert len(documents) == 3
    [error] = errors
    assert isinstance(error, TruncatedInputError) and error.where == str(path)
    assert "the 3 complete records before the break were read" in error.reason
