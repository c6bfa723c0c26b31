"""``communique extract`` end to end: stdout holds only JSON documents, one error line per
bad input on stderr, a summary, and exit status 0 / 1 / 2."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

from communique.cli import main
from tests.ingest.inputs import (
    EN_TEXT,
    EN_TEXT_2,
    FR_TEXT,
    NO_ARTICLE_HTML,
    FakeStdin,
    html_page,
    jsonl,
    warc_bytes,
)

Captured = tuple[int, list[dict[str, Any]], list[str]]


@pytest.fixture(autouse=True)
def _loaded_pipeline(nlp: object) -> None:
    """Load the (cached) pipeline once for the module, outside the timed commands."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Captured:
    """Run the command; return its status, the JSONL documents and the stderr lines."""
    status = main(["extract", *argv])
    out, err = capsys.readouterr()
    documents = [json.loads(line) for line in out.splitlines()]  # fails on any non-JSON
    return status, documents, err.splitlines()


def error_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("error: ")]


def test_good_inputs_of_every_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "b.html").write_text(html_page(), encoding="utf-8")
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(jsonl([
        {"id": "own-id", "text": EN_TEXT_2, "date": "", "url": "http://example.org/c"},
    ])))
    (tmp_path / "d.warc.gz").write_bytes(
        warc_bytes([("http://example.org/d", html_page("Another title"))], gzip=True)
    )
    status, docs, stderr = run(capsys, str(tmp_path), "--published", "2024-01-02")
    assert status == 0
    assert error_lines(stderr) == []
    assert stderr[-1] == "communique: 4 processed, 0 skipped, 0 failed"
    assert [Path(d["article"]["source"]["path"]).name for d in docs] == [
        "a.txt", "b.html", "c.jsonl.gz", "d.warc.gz"]
    assert all(d["schema"] == "communique/1" for d in docs)
    text, page, record, archived = (d["article"] for d in docs)
    assert text["text"] == EN_TEXT and text["published"] == "2024-01-02"
    assert page["title"] == "Ministers meet in Geneva over border dispute"
    assert page["published"] == "2024-03-05"  # the page's own date beats --published
    assert record["id"] == "own-id" and record["source"]["record"] == 1
    assert record["published"] == "2024-01-02"  # empty date in the record = none
    assert archived["url"] == "http://example.org/d" and archived["source"]["offset"] >= 0
    assert len(text["id"]) == 16  # no id of its own: a stable hash


def test_stable_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_bytes(jsonl([{"text": EN_TEXT_2, "url": "http://e.org/x"}]))
    first = run(capsys, str(tmp_path))[1]
    second = run(capsys, str(tmp_path))[1]
    assert [d["article"]["id"] for d in first] == [d["article"]["id"] for d in second]
    (tmp_path / "b.jsonl").write_bytes(jsonl([{"text": EN_TEXT, "url": "http://e.org/x"}]))
    third = run(capsys, str(tmp_path / "b.jsonl"))[1]
    assert third[0]["article"]["id"] == first[1]["article"]["id"]  # same url, same id


def test_every_bad_input_gets_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "random.bin").write_bytes(os.urandom(4096))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nothing.html").write_text(NO_ARTICLE_HTML, encoding="utf-8")
    blob = gzip.compress((EN_TEXT * 100).encode())
    (tmp_path / "cut.txt.gz").write_bytes(blob[: len(blob) // 2])
    warc = warc_bytes([("http://e.org/1", html_page()), ("http://e.org/2", html_page())],
                      gzip=True, extra=False)
    (tmp_path / "cut.warc.gz").write_bytes(warc[:-150])
    with open(tmp_path / "long.txt", "wb") as out:
        for _ in range(50):
            out.write(b"word " * (1024 * 1024 // 5 + 1))
    with open(tmp_path / "records.jsonl", "wb") as out:
        out.write(jsonl([{"id": "r1", "text": EN_TEXT_2}]))
        out.write(b"{not json}\n")
        out.write(jsonl([{"title": "no text here"}]))
        out.write(b'{"text": "' + b"x" * (50 * 1024 * 1024) + b'"}\n')
        out.write(jsonl([{"id": "r5", "text": EN_TEXT}]))
    missing = str(tmp_path / "missing.txt")
    paths = ["cut.txt.gz", "cut.warc.gz", "empty.txt", "good.txt", "long.txt", "nothing.html",
             "random.bin", "records.jsonl"]
    status, docs, stderr = run(capsys, *(str(tmp_path / p) for p in paths), missing)
    assert status == 1
    assert [d["article"]["source"] for d in docs] == [
        {"path": str(tmp_path / "cut.warc.gz"), "offset": 0},
        {"path": str(tmp_path / "good.txt")},
        {"path": str(tmp_path / "records.jsonl"), "record": 1},
        {"path": str(tmp_path / "records.jsonl"), "record": 5},
    ]
    errors = error_lines(stderr)
    expected = [
        ("cut.txt.gz", "truncated"),
        ("cut.warc.gz @ offset", "truncated"),
        ("empty.txt", "empty"),
        ("long.txt", "larger than the 10 MB limit"),
        ("nothing.html", "no article"),
        ("random.bin", "binary"),
        ("records.jsonl record 2", "invalid JSON"),
        ("records.jsonl record 3", "no 'text' or 'content'"),
        ("records.jsonl record 4", "larger than the 10 MB limit"),
        ("missing.txt", "no such file"),
    ]
    assert len(errors) == len(expected)
    for line, (where, reason) in zip(errors, expected, strict=True):
        assert f"{tmp_path}/{where}" in line and reason in line, line
    assert stderr[-1].startswith("communique: 4 processed, 0 skipped, 10 failed (")
    for label in ("truncated", "binary", "empty", "no article", "invalid JSON", "not found",
                  "too large"):
        assert label in stderr[-1]


def test_skipped_for_a_reason_is_status_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [{"id": "a", "text": EN_TEXT}, {"id": "b", "text": FR_TEXT},
               {"id": "a", "text": EN_TEXT}, {"id": "c", "text": EN_TEXT_2}]
    (tmp_path / "mix.jsonl").write_bytes(jsonl(records))
    status, docs, stderr = run(capsys, str(tmp_path / "mix.jsonl"))
    assert status == 0
    assert [d["article"]["id"] for d in docs] == ["a", "b", "a", "c"]  # input order
    assert [d["article"]["language"] for d in docs] == ["en", "fr", "en", "en"]
    assert "not supported" in docs[1]["skipped"] and "duplicate" in docs[2]["skipped"]
    assert "skipped" not in docs[0] and "skipped" not in docs[3]
    assert docs[1]["article"]["text"].startswith("Le ministre")
    assert stderr[-1] == ("communique: 2 processed, 2 skipped (1 duplicate, 1 not English), "
                          "0 failed")


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", FakeStdin(jsonl([{"text": EN_TEXT}, {"text": "{"}])))
    status, docs, stderr = run(capsys, "-")
    assert status == 0
    assert [d["article"]["source"] for d in docs] == [{"path": "<stdin>", "record": 1},
                                                      {"path": "<stdin>", "record": 2}]
    monkeypatch.setattr("sys.stdin", FakeStdin(gzip.compress(html_page().encode())))
    status, docs, _ = run(capsys, "-")
    assert status == 0 and docs[0]["article"]["title"].startswith("Ministers meet")
    monkeypatch.setattr("sys.stdin", FakeStdin(b"\x00\x01\x02" * 100))
    status, docs, stderr = run(capsys, "-")
    assert status == 1 and docs == []
    assert error_lines(stderr)[0].startswith("error: <stdin>: ")


def test_format_json_is_indented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN_TEXT_2, encoding="utf-8")
    assert main(["extract", str(tmp_path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    decoder = json.JSONDecoder()
    position, found = 0, []
    while out[position:].strip():
        position += len(out[position:]) - len(out[position:].lstrip())
        document, position = decoder.raw_decode(out, position)
        found.append(document)
    assert [d["article"]["text"] for d in found] == [EN_TEXT, EN_TEXT_2]
    assert out.startswith("{\n  ")


@pytest.mark.parametrize(
    "argv",
    [["--published", "2024-13-01"], ["--published", "9 April 2024"], ["--max-bytes", "0"],
     ["--workers", "0"]],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    status, docs, stderr = run(capsys, str(tmp_path / "a.txt"), *argv)
    assert status == 2 and docs == []
    assert len(stderr) == 1 and stderr[0].startswith("communique: error: ")


@pytest.mark.parametrize("argv", [["--bogus"], ["--format", "xml"], []])
def test_argument_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    paths = [str(tmp_path / "a.txt")] if argv else []
    with pytest.raises(SystemExit) as info:
        main(["extract", *paths, *argv])
    assert info.value.code == 2
    assert capsys.readouterr().out == ""


def test_python_api(tmp_path: Path) -> None:
    import communique
    from communique.errors import EmptyInputError, UsageError

    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    [from_path] = communique.extract(tmp_path / "a.txt", published="2024-01-02")
    [from_text] = communique.extract(EN_TEXT, published="2024-01-02")
    assert from_path["article"]["text"] == from_text["article"]["text"] == EN_TEXT
    assert from_text["article"]["id"] == from_path["article"]["id"]
    assert from_path["article"]["published"] == "2024-01-02"
    with pytest.raises(UsageError):
        communique.extract(EN_TEXT, published="April 2024")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(EmptyInputError):
        communique.extract(str(tmp_path / "empty.txt"))
    both = communique.extract([tmp_path / "a.txt", tmp_path / "empty.txt"])
    assert len(both) == 1


def test_reused_id_with_other_text_is_kept_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 20 item 3: the second file's article used to be a "duplicate" and was lost.
    (tmp_path / "a.jsonl").write_bytes(jsonl([{"id": "1", "text": EN_TEXT}]))
    (tmp_path / "b.jsonl").write_bytes(jsonl([{"id": "1", "text": EN_TEXT_2}]))
    (tmp_path / "c.jsonl").write_bytes(jsonl([{"id": "1", "text": EN_TEXT}]))  # a true copy
    status, docs, stderr = run(capsys, *(str(tmp_path / n) for n in ("a.jsonl", "b.jsonl",
                                                                    "c.jsonl")))
    assert status == 0
    ids = [d["article"]["id"] for d in docs]
    assert ids[0] == ids[2] == "1" and ids[1].startswith("1-")
    assert "skipped" not in docs[1] and docs[1]["article"]["text"] == EN_TEXT_2
    assert "duplicate" in docs[2]["skipped"]
    warnings = [line for line in stderr if line.startswith("warning: ")]
    assert len(warnings) == 1
    assert f"{tmp_path}/b.jsonl record 1" in warnings[0] and "'1'" in warnings[0]
    assert ids[1] in warnings[0]
    assert error_lines(stderr) == []
    assert stderr[-1] == ("communique: 2 processed (1 under a derived id), 1 skipped "
                          "(1 duplicate), 0 failed")


def test_as_the_program_it_leaves_the_pipeline_to_the_exit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as the program (no argv), extract moves what is loaded out of the exit's
    garbage collection once its output is written (cli.common.before_exit); called as a
    function (tests, other programs) it leaves the collector alone."""
    import gc
    import sys

    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1))
    path = tmp_path / "a.txt"
    path.write_text(EN_TEXT, encoding="utf-8")
    assert run(capsys, str(path))[0] == 0 and frozen == []
    monkeypatch.setattr(sys, "argv", ["communique", "extract", str(path)])
    assert main() == 0 and frozen == [1]
    out, _ = capsys.readouterr()
    assert json.loads(out)["article"]["text"].strip() == EN_TEXT.strip()
    monkeypatch.setattr(sys, "argv", ["communique", "extract", str(tmp_path / "no.txt")])
    assert main() == 1 and frozen == [1, 1]  # failed inputs are written out too
