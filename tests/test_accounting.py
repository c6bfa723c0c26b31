"""The accounting invariant (issue 20): every input record ends as exactly one of
processed, skipped (with a stated reason) or failed (with one ``error:`` line naming its
file), the run summary's three counts add up to the records put in, and the ``runs`` row
of the database holds the same three counts.

What counts as one record, decided here:

* a text or HTML file, a stdin document, a JSON/JSONL record (well-formed or not: an
  unparseable JSONL line or a non-object array element is one failed record), a WARC
  response record holding a page. WARC records the reader passes over by design
  (requests, images, 404s) are not inputs, so the WARC built here has none; a WARC
  with no page at all is one failed record ("holds no HTML or plain-text response
  record"), so that no file vanishes from the counts;
* an empty file and a binary file are one record each, failed (``error:`` lines "the
  input is empty" / "is a PNG image");
* a non-English text and the second copy of a record (same id, same text) are skipped
  with a reason; a record reusing an id with another text is processed under a derived
  id (a ``warning:`` line, not an error);
* a truncated ``.jsonl.gz`` counts as the complete records it delivered (each processed)
  **plus one failed record** for the unreadable rest, reported once under the file's name:
  what was lost cannot be counted, and the file must not pass as fine.
* on a rerun, an input whose pipeline failed earlier and is not parsed again
  (``--retry-failed`` not given) is skipped with the reason "failed in an earlier run";
  the exit status stays 1.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sqlite3
import sys
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from communique.cli import main
from tests.ingest.inputs import (
    EN_TEXT,
    EN_TEXT_2,
    FR_TEXT,
    FakeStdin,
    html_page,
    jsonl,
    warc_bytes,
)

SUMMARY = re.compile(r"^communique: (\d+) processed.*?, (\d+) skipped.*?, (\d+) failed", re.M)
WORDS = ("minister", "talks", "border", "troops", "Geneva", "said", "officials", "protest",
         "subsidies", "farmers", "commission", "statement", "withdraw", "province", "police")
STDIN_TEXT = "Sylvania's parliament approved the border treaty with Freedonia on Friday.\n"


def build_corpus(root: Path) -> tuple[int, Counter[str]]:
    """Write the mixed corpus; return (records put in, failed records per file name).

    The stdin document read alongside it is not included in the returned count.
    """
    root.mkdir()
    total = 0
    failed: Counter[str] = Counter()

    def put(name: str, data: bytes | str, records: int, bad: int = 0) -> None:
        nonlocal total
        path = root / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        total += records
        if bad:
            failed[name] += bad

    put("a.txt", EN_TEXT, 1)
    put("b.html", html_page(), 1)
    put("c.jsonl", jsonl([
        {"id": "j1", "text": EN_TEXT_2},
        {"id": "j2", "text": "Protesters marched in the capital of Sylvania on Friday "
                             "against the new tax, police said.\n"},
    ]), 2)
    put("d.jsonl", jsonl([{"id": "k1", "text": "Officials in Freedonia said on Monday that "
                                              "the talks would resume.\n"}])
        + b"{not json\n"
        + jsonl([{"id": "k2", "text": "The army of Sylvania withdrew from the border "
                                      "region on Sunday.\n"}]), 3, bad=1)
    put("e.json", json.dumps([
        {"id": "a1", "text": "Freedonia recalled its ambassador from Sylvania on Wednesday.\n"},
        42,
        {"id": "a2", "text": "Sylvania expelled two Freedonian diplomats on Thursday.\n"},
    ]), 3, bad=1)
    put("f.txt", b"", 1, bad=1)
    put("g.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, 1, bad=1)
    put("h.txt", FR_TEXT, 1)  # skipped: not English
    put("i.jsonl", jsonl([
        {"id": "dup", "text": EN_TEXT_2 + "Talks go on.\n"},
        {"id": "dup", "text": EN_TEXT_2 + "Talks go on.\n"},  # skipped: duplicate
        {"id": "dup", "text": "Sylvania and Freedonia signed a trade deal on Monday.\n"},
    ]), 3)
    rng = random.Random(20)
    records = [{"id": f"t{n}", "text": EN_TEXT + " ".join(rng.choice(WORDS) for _ in range(80))}
               for n in range(10)]
    blob = gzip.compress(jsonl(records))
    cut = blob[: len(blob) * 2 // 3]
    delivered = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")
    assert 0 < delivered < len(records)
    put("j.jsonl.gz", cut, delivered + 1, bad=1)  # + 1: the lost rest, one failed record
    put("k.warc.gz", warc_bytes([
        ("http://example.org/1", html_page()),
        ("http://example.org/2", html_page("Farmers block highways", (EN_TEXT_2,))),
    ], gzip=True, extra=False), 2)
    return total, failed


def counts(stderr: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stderr)
    assert match is not None, stderr
    processed, skipped, failed = (int(g) for g in match.groups())
    return processed, skipped, failed


def error_files(stderr: str, root: Path) -> Counter[str]:
    """File name -> number of ``error:`` lines naming a file of ``root``."""
    found: Counter[str] = Counter()
    for line in stderr.splitlines():
        if line.startswith("error: "):
            where = line[len("error: "):]
            assert where.startswith(str(root) + "/") or where.startswith("<stdin>"), line
            found[where[len(str(root)) + 1:].split(":")[0].split(" ")[0]] += 1
    return found


def runs_rows(db: Path) -> list[tuple[int, int, int]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT processed, skipped, failed FROM runs ORDER BY started_at, rowid").fetchall()
    finally:
        conn.close()


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", FakeStdin(STDIN_TEXT.encode()))
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_extract_and_ingest_account_for_every_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "corpus"
    total, failed = build_corpus(root)
    total += 1  # the stdin document
    expected_failed = sum(failed.values())

    status, out, err = run_cli(["extract", str(root), "-"], capsys, monkeypatch)
    processed, skipped, failed_count = counts(err)
    assert processed + skipped + failed_count == total, err
    assert failed_count == expected_failed and skipped == 2  # French text, the duplicate
    assert error_files(err, root) == failed, err  # one error line per failed record
    documents = [json.loads(line) for line in out.splitlines()]
    assert len(documents) == processed + skipped  # skipped ones are emitted, marked
    assert sum(1 for d in documents if d.get("skipped")) == skipped
    assert status == 1

    db = tmp_path / "c.db"
    status, _, err = run_cli(["ingest", "--db", str(db), "--workers", "0", "--no-progress",
                              str(root), "-"], capsys, monkeypatch)
    ingested = counts(err)
    assert ingested == (processed, skipped, failed_count), err
    assert error_files(err, root) == failed, err
    assert runs_rows(db) == [ingested]
    assert status == 1

    # A rerun: what was stored is skipped as already done, read errors fail again, and the
    # counts still add up; its runs row is the new summary.
    status, _, err = run_cli(["ingest", "--db", str(db), "--workers", "0", "--no-progress",
                              str(root), "-"], capsys, monkeypatch)
    again = counts(err)
    assert sum(again) == total and again[2] == expected_failed, err
    assert runs_rows(db)[1:] == [again]


def test_rerun_counts_an_earlier_pipeline_failure_as_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found with this test: the rerun reported the BOOM input nowhere ("0 processed,
    # 2 skipped, 0 failed" for 3 inputs) and the runs row said the same.
    from communique.store.ingest_run import run_ingest
    from tests.store.test_ingest import boom_inputs

    inputs = boom_inputs(tmp_path, monkeypatch)
    db = tmp_path / "c.db"
    errors: list[Any] = []
    first = run_ingest([inputs], db, on_error=errors.append, run_resolve=False)
    assert (first.run.processed, first.run.skipped, first.run.failed) == (2, 0, 1)
    assert [e.where for e in errors] == [str(inputs / "b.txt")]
    skips: list[tuple[str, str]] = []
    again = run_ingest([inputs], db, on_skip=lambda where, why: skips.append((where, why)),
                       run_resolve=False)
    assert (again.run.processed, again.run.skipped, again.run.failed) == (0, 3, 0)
    assert again.previously_failed == 1 and again.exit_status == 1
    assert [where for where, why in skips if "failed in an earlier run" in why] == [
        str(inputs / "b.txt")]
    assert runs_rows(db) == [(2, 0, 1), (0, 3, 0)]
