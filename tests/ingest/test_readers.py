"""Every reader (txt, html, json, jsonl, warc, gzip, folders, stdin) and every bad input."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any, cast

import pytest

from communique.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    TruncatedInputError,
)
from communique.ingest.readers import (
    DEFAULT_MAX_BYTES,
    iter_folder,
    read_inputs,
    read_path,
    read_stdin,
    read_stream,
    read_text,
)
from communique.ingest.types import Item, RawDocument
from tests.ingest.inputs import (
    EN_TEXT,
    EN_TEXT_2,
    FakeStdin,
    GeneratorStream,
    endless_jsonl,
    endless_warc,
    html_page,
    jsonl,
    warc_bytes,
)


def docs(items: list[Item]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors(items: list[Item]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def only_error(items: Iterable[Item]) -> InputError:
    """The one item read, which must be an error."""
    [item] = list(items)
    assert isinstance(item, InputError), item
    return item


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- plain text and HTML -------------------------------------------------------------


def test_txt_file(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", EN_TEXT)
    [doc] = list(read_path(path))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text"
    assert doc.content == EN_TEXT
    assert doc.source.path == str(path)
    assert doc.source.record is None and doc.source.offset is None


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_file(tmp_path: Path, suffix: str) -> None:
    path = write(tmp_path / f"page{suffix}", html_page())
    [doc] = list(read_path(path))
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html"
    assert "<article>" in doc.content


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    html = write(tmp_path / "page.php", html_page())
    text = write(tmp_path / "story.dat", EN_TEXT)
    records = write(tmp_path / "dump.out", jsonl([{"text": EN_TEXT}]))
    assert [d.kind for d in docs(list(read_inputs([html, text])))] == ["html", "text"]
    [doc] = docs(list(read_path(records)))
    assert doc.content == EN_TEXT and doc.source.record == 1


def test_read_text_sniffs_html() -> None:
    assert read_text(EN_TEXT).kind == "text"
    assert read_text(html_page()).kind == "html"
    assert read_text("<p>A pasted fragment of a story.</p>").kind == "html"
    with pytest.raises(EmptyInputError):
        read_text("  \n ")
    with pytest.raises(BinaryInputError):
        read_text("abc\x00def")


# --- JSON and JSONL ------------------------------------------------------------------


def test_jsonl_fields(tmp_path: Path) -> None:
    records: list[dict[str, Any]] = [
        {"id": "a1", "text": EN_TEXT, "title": "Talks", "date": "2024-03-05",
         "url": "http://example.org/a1", "outlet": "The Daily Example", "authors": ["J. Roe"]},
        {"content": EN_TEXT_2, "published": "2024-03-06T10:00:00Z", "source": "Wire",
         "author": "Ann Lee and Bo Park"},
        {"id": 7, "text": EN_TEXT, "date": "", "source": {"name": "Agency"}},
    ]
    path = write(tmp_path / "a.jsonl", jsonl(records))
    first, second, third = list(read_path(path))
    assert isinstance(first, RawDocument)
    assert first.meta == {"id": "a1", "title": "Talks", "published": "2024-03-05",
                          "url": "http://example.org/a1", "outlet": "The Daily Example",
                          "authors": ["J. Roe"]}
    assert (first.source.path, first.source.record) == (str(path), 1)
    assert isinstance(second, RawDocument)
    assert second.content == EN_TEXT_2
    assert second.meta == {"published": "2024-03-06T10:00:00Z", "outlet": "Wire",
                           "authors": ["Ann Lee", "Bo Park"]}
    assert isinstance(third, RawDocument)
    assert third.meta == {"id": "7", "outlet": "Agency"}  # empty date = no date
    assert third.source.record == 3


def test_json_object_array_and_jsonl_in_json(tmp_path: Path) -> None:
    one = write(tmp_path / "one.json", json.dumps({"text": EN_TEXT, "title": "T"}, indent=2))
    array = write(tmp_path / "array.json",
                  json.dumps([{"text": EN_TEXT}, {"content": EN_TEXT_2}], indent=1))
    lines = write(tmp_path / "lines.json", jsonl([{"text": EN_TEXT}, {"text": EN_TEXT_2}]))
    [single] = list(read_path(one))
    assert isinstance(single, RawDocument) and single.meta == {"title": "T"}
    for path in (array, lines):
        got = docs(list(read_path(path)))
        assert [d.content for d in got] == [EN_TEXT, EN_TEXT_2]
        assert [d.source.record for d in got] == [1, 2]


@pytest.mark.parametrize("broken", ['{"text": "unterminated\n line"}', '{"text": 1,, "x": [}',
                                    '{"text" "no colon", "list": [1, 2]}'])
def test_a_broken_array_element_keeps_the_ones_after_it(tmp_path: Path, broken: str) -> None:
    good = [json.dumps({"text": EN_TEXT}), json.dumps({"text": EN_TEXT_2})]
    for sep in (", ", ",\n  "):
        data = "[" + sep.join([good[0], broken, good[1]]) + "]"
        items = list(read_path(write(tmp_path / "array.json", data.encode())))
        assert [d.content for d in docs(items)] == [EN_TEXT, EN_TEXT_2]
        [err] = errors(items)
        assert "record 2" in err.where


def test_json_html_body_is_html(tmp_path: Path) -> None:
    path = write(tmp_path / "pages.jsonl", jsonl([{"html": html_page()},
                                                  {"text": html_page()}]))
    assert [d.kind for d in docs(list(read_path(path)))] == ["html", "html"]


def test_jsonl_bad_records_do_not_stop_the_file(tmp_path: Path) -> None:
    data = (
        jsonl([{"text": EN_TEXT}])
        + b'{"text": "broken\n'  # invalid JSON line
        + jsonl([{"title": "no body"}, {"text": ""}, {"text": EN_TEXT_2}])
        + b"[1, 2]\n"
    )
    items = list(read_path(write(tmp_path / "mixed.jsonl", data)))
    assert [d.content for d in docs(items)] == [EN_TEXT, EN_TEXT_2]
    errs = errors(items)
    assert [e.where for e in errs] == [f"{tmp_path}/mixed.jsonl record {n}" for n in (2, 3, 4, 6)]
    assert "invalid JSON at line 2" in errs[0].reason
    assert "no 'text' or 'content'" in errs[1].reason
    assert isinstance(errs[2], EmptyInputError)
    assert "expected a JSON object, found list" in errs[3].reason


def test_resync_after_a_bad_pretty_printed_object(tmp_path: Path) -> None:
    good = json.dumps({"text": EN_TEXT, "authors": [{"name": "A"}, {"name": "B"}]}, indent=2)
    bad = good.replace('"authors"', "authors", 1)
    path = write(tmp_path / "pretty.json", "\n".join([good, bad, good]) + "\n")
    items = list(read_path(path))
    assert len(docs(items)) == 2
    [err] = errors(items)  # one error, not one per nested line of the bad object
    assert err.where.endswith("record 2") and "invalid JSON" in err.reason
    assert [d.meta["authors"] for d in docs(items)] == [["A", "B"], ["A", "B"]]


def test_resync_in_indented_jsonl(tmp_path: Path) -> None:
    data = b"  " + jsonl([{"text": EN_TEXT}]) + b"  {oops\n  " + jsonl([{"text": EN_TEXT_2}])
    items = list(read_path(write(tmp_path / "indented.jsonl", data)))
    assert [d.content for d in docs(items)] == [EN_TEXT, EN_TEXT_2]
    assert len(errors(items)) == 1


def test_jsonl_cp1252_and_utf16(tmp_path: Path) -> None:
    legacy = b'{"text": "The caf\xe9 owner said \x93no\x94 to the plan, officials said."}\n'
    [doc] = docs(list(read_path(write(tmp_path / "legacy.jsonl", legacy))))
    assert doc.content == "The café owner said “no” to the plan, officials said."
    utf16 = json.dumps({"text": "Caf\u00e9 talks"}).encode("utf-16")  # with BOM
    [doc] = docs(list(read_path(write(tmp_path / "u16.json", utf16))))
    assert doc.content == "Café talks"


def test_json_truncated_at_end(tmp_path: Path) -> None:
    data = jsonl([{"text": EN_TEXT}]) + b'{"text": "The minister said'
    items = list(read_path(write(tmp_path / "cut.jsonl", data)))
    assert len(docs(items)) == 1
    [err] = errors(items)
    assert isinstance(err, TruncatedInputError) and err.where.endswith("record 2")
    array = json.dumps([{"text": EN_TEXT}, {"text": EN_TEXT_2}])[:-30].encode()
    items = list(read_path(write(tmp_path / "cut.json", array)))
    assert len(docs(items)) == 1 and isinstance(errors(items)[0], TruncatedInputError)


# --- gzip ----------------------------------------------------------------------------


def test_gzip_variants(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt.gz", gzip.compress(EN_TEXT.encode()))
    lines = write(tmp_path / "b.jsonl.gz", gzip.compress(jsonl([{"text": EN_TEXT}] * 3)))
    page = write(tmp_path / "c.html.gz", gzip.compress(html_page().encode()))
    unnamed = write(tmp_path / "d.gz", gzip.compress(html_page().encode()))  # sniffed
    items = list(read_inputs([txt, lines, page, unnamed]))
    assert not errors(items)
    assert [d.kind for d in docs(items)] == ["text", "text", "text", "text", "html", "html"]
    assert docs(items)[0].content == EN_TEXT


def test_truncated_gzip(tmp_path: Path) -> None:
    blob = gzip.compress((EN_TEXT * 200).encode())
    cut = write(tmp_path / "cut.txt.gz", blob[: len(blob) // 2])
    err = only_error(read_path(cut))
    assert isinstance(err, TruncatedInputError)
    assert err.where == str(cut) and "truncated" in err.reason
    big = jsonl([{"id": str(n), "text": f"{EN_TEXT} {os.urandom(8).hex()}"} for n in range(300)])
    blob = gzip.compress(big)
    items = list(read_path(write(tmp_path / "cut.jsonl.gz", blob[: len(blob) // 2])))
    assert 0 < len(docs(items)) < 300  # the records before the break are kept
    assert isinstance(items[-1], TruncatedInputError)


# --- WARC ----------------------------------------------------------------------------


@pytest.mark.parametrize("compressed", [False, True])
def test_warc(tmp_path: Path, compressed: bool) -> None:
    pages = [("http://example.org/a", html_page()), ("http://example.org/b", html_page("Two"))]
    name = "crawl.warc.gz" if compressed else "crawl.warc"
    path = write(tmp_path / name, warc_bytes(pages, gzip=compressed))
    items = list(read_path(path))
    assert not errors(items)
    got = docs(items)  # the request, the JPEG and the 404 are passed over
    assert [d.meta["url"] for d in got] == ["http://example.org/a", "http://example.org/b"]
    assert all(d.kind == "html" and "<article>" in d.content for d in got)
    offsets = [d.source.offset for d in got]
    assert offsets[0] is not None and offsets[1] is not None and 0 < offsets[0] < offsets[1]
    with open(path, "rb") as handle:  # the offset is where the record starts
        handle.seek(offsets[1])
        head = handle.read(2)
        assert head == (b"\x1f\x8b" if compressed else b"WA")


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_warc(tmp_path: Path, compressed: bool) -> None:
    pages = [(f"http://example.org/{n}", html_page()) for n in range(3)]
    blob = warc_bytes(pages, gzip=compressed, extra=False)
    path = write(tmp_path / ("cut.warc.gz" if compressed else "cut.warc"), blob[:-200])
    items = list(read_path(path))
    assert len(docs(items)) == 2
    [err] = errors(items)
    assert isinstance(err, TruncatedInputError) and err.where.startswith(str(path))
    assert "truncated" in err.reason


def test_garbage_warc(tmp_path: Path) -> None:
    err = only_error(read_path(write(tmp_path / "x.warc", b"WARC/1.0\r\nnonsense")))
    assert err.where == f"{tmp_path}/x.warc @ offset 0" and "corrupt" in err.reason


# --- folders -------------------------------------------------------------------------


def test_folder_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", EN_TEXT)
    (tmp_path / "a").mkdir()
    write(tmp_path / "a" / "z.txt", EN_TEXT_2)
    write(tmp_path / "a" / "y.jsonl", jsonl([{"text": EN_TEXT}]))
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git" / "c.txt", EN_TEXT)
    write(tmp_path / ".hidden.txt", EN_TEXT)
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100))
    write(tmp_path / "c.warc.gz", warc_bytes([("http://e.org/", html_page())], gzip=True))
    names = [p.relative_to(tmp_path).as_posix() for p in iter_folder(tmp_path)]
    assert names == ["a/y.jsonl", "a/z.txt", "b.txt", "c.warc.gz"]
    items = list(read_path(tmp_path))
    assert not errors(items)
    assert [Path(d.source.path).name for d in docs(items)] == ["y.jsonl", "z.txt", "b.txt",
                                                               "c.warc.gz"]


# --- stdin ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kinds"),
    [
        (EN_TEXT.encode(), ["text"]),
        (html_page().encode(), ["html"]),
        (jsonl([{"text": EN_TEXT}, {"text": EN_TEXT_2}]), ["text", "text"]),
        (gzip.compress(jsonl([{"text": EN_TEXT}])), ["text"]),
        (warc_bytes([("http://e.org/", html_page())], gzip=True), ["html"]),
        (warc_bytes([("http://e.org/", html_page())], gzip=False), ["html"]),
    ],
)
def test_stdin_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, kinds: list[str]) -> None:
    monkeypatch.setattr("sys.stdin", FakeStdin(data))
    items = list(read_inputs(["-"]))
    assert not errors(items)
    assert [d.kind for d in docs(items)] == kinds
    assert all(d.source.path == "<stdin>" for d in docs(items))


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / ".hidden.txt", EN_TEXT)
    err = only_error(read_path(tmp_path))
    assert err.where == str(tmp_path) and "no readable files" in err.reason


def test_no_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", None)
    err = only_error(read_inputs(["-"]))
    assert err.where == "<stdin>" and "no standard input" in err.reason


def test_stdin_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", FakeStdin(b""))
    err = only_error(read_stdin())
    assert isinstance(err, EmptyInputError) and err.where == "<stdin>"


# --- streaming -----------------------------------------------------------------------


def test_first_record_of_large_jsonl_reads_little(tmp_path: Path) -> None:
    path = tmp_path / "large.jsonl"
    with open(path, "wb") as out:
        for n in range(6000):  # about 3 MB
            out.write(jsonl([{"id": str(n), "text": EN_TEXT}]))
    size = path.stat().st_size
    with open(path, "rb") as handle:
        first = next(read_stream(handle, str(path), fmt="json"))
        assert isinstance(first, RawDocument) and first.meta["id"] == "0"
        assert handle.tell() <= 256 * 1024 < size


@pytest.mark.parametrize("source", [endless_jsonl, endless_warc])
def test_endless_streams(source: Callable[[], Iterator[bytes]]) -> None:
    stream = GeneratorStream(source())
    got = list(islice(read_stream(cast(IO[bytes], stream), "<endless>"), 5))
    assert len(docs(got)) == 5
    assert stream.bytes_read < 1024 * 1024


def test_endless_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = GeneratorStream(endless_jsonl())
    monkeypatch.setattr("sys.stdin", FakeStdin(stream))
    got = list(islice(read_inputs(["-"]), 3))
    assert [d.meta["id"] for d in docs(got)] == ["r1", "r2", "r3"]
    assert stream.bytes_read < 1024 * 1024


# --- bad input -----------------------------------------------------------------------


def test_nonexistent_path(tmp_path: Path) -> None:
    err = only_error(read_path(tmp_path / "nope.txt"))
    assert err.where == str(tmp_path / "nope.txt") and "no such file" in str(err)


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.json"])
def test_empty_files(tmp_path: Path, name: str) -> None:
    err = only_error(read_path(write(tmp_path / name, b"")))
    assert isinstance(err, EmptyInputError) and err.where == str(tmp_path / name)
    err = only_error(read_path(write(tmp_path / name, b" \n\n ")))
    assert isinstance(err, EmptyInputError)


def test_empty_gzip(tmp_path: Path) -> None:
    err = only_error(read_path(write(tmp_path / "e.txt.gz", gzip.compress(b""))))
    assert isinstance(err, EmptyInputError)


@pytest.mark.parametrize("name", ["random.bin", "random.txt", "random.jsonl", "random.html"])
def test_binary_files(tmp_path: Path, name: str) -> None:
    rng_bytes = os.urandom(4096)
    err = only_error(read_path(write(tmp_path / name, rng_bytes)))
    assert isinstance(err, BinaryInputError), err
    assert err.where == str(tmp_path / name)


def test_random_bytes_without_nul(tmp_path: Path) -> None:
    data = bytes(b for b in os.urandom(8192) if b)[:4000]
    err = only_error(read_path(write(tmp_path / "noisy.txt", data)))
    assert isinstance(err, BinaryInputError)


def test_pdf_named_txt(tmp_path: Path) -> None:
    pdf = write(tmp_path / "story.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    err = only_error(read_path(pdf))
    assert isinstance(err, BinaryInputError) and "PDF" in err.reason


def test_50mb_single_line_text(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    with open(path, "wb") as out:
        for _ in range(50):
            out.write(b"word " * (1024 * 1024 // 5 + 1))
    assert path.stat().st_size > 50 * 1024 * 1024
    err = only_error(read_path(path))
    assert type(err) is InputError
    assert err.where == str(path) and "larger than the 10 MB limit" in err.reason


def test_50mb_single_line_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "line.jsonl"
    with open(path, "wb") as out:
        out.write(jsonl([{"text": EN_TEXT}]))
        out.write(b'{"text": "')
        for _ in range(50):
            out.write(b"x" * (1024 * 1024))
        out.write(b'"}\n')
        out.write(jsonl([{"text": EN_TEXT_2}]))
    items = list(read_path(path))
    assert [d.content for d in docs(items)] == [EN_TEXT, EN_TEXT_2]
    [err] = errors(items)
    assert err.where == f"{path} record 2" and "larger than the 10 MB limit" in err.reason


def test_max_bytes_option(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", EN_TEXT)
    err = only_error(read_path(path, max_bytes=100))
    assert "larger than" in err.reason
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_corrupt_gzip_header(tmp_path: Path) -> None:
    err = only_error(read_path(write(tmp_path / "bad.txt.gz", b"\x1f\x8b\x08\x00garbage" * 4)))
    assert isinstance(err, TruncatedInputError | BinaryInputError)
    assert err.where == str(tmp_path / "bad.txt.gz")


def test_gzip_stream_read_in_chunks() -> None:
    # A gzip stream handed over in tiny pieces (a slow pipe) still decodes.
    blob = gzip.compress(jsonl([{"text": EN_TEXT}] * 20))
    pieces = iter([blob[i : i + 7] for i in range(0, len(blob), 7)])
    items = list(read_stream(cast(IO[bytes], GeneratorStream(pieces)), "<pipe>"))
    assert len(docs(items)) == 20 and not errors(items)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_fifo_is_reported_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [err] = list(read_path(fifo))  # would block forever if it were opened
    assert isinstance(err, InputError) and "not a regular file" in err.reason


def test_a_stray_nul_is_removed_alike_in_text_files_and_json(tmp_path: Path) -> None:
    stray = EN_TEXT[:40] + "\x00" + EN_TEXT[40:]
    [from_txt] = docs(list(read_path(write(tmp_path / "a.txt", stray.encode()))))
    [from_json] = docs(list(read_path(write(tmp_path / "a.jsonl", jsonl([{"text": stray}])))))
    assert from_txt.content.strip() == from_json.content.strip() == EN_TEXT.strip()
    many = "\x00".join(EN_TEXT.split(" "))  # a NUL between every word: not text
    assert errors(list(read_path(write(tmp_path / "b.jsonl", jsonl([{"text": many}])))))
    assert errors(list(read_path(write(tmp_path / "b.txt", many.encode()))))


def test_a_symlink_loop_in_a_folder_is_not_followed_forever(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (folder / "self").symlink_to(folder, target_is_directory=True)
    (folder / "loop").symlink_to(folder / "loop")  # a link to itself
    items = list(read_inputs([folder]))
    assert [d.source.path for d in docs(items)].count(str(folder / "a.txt")) == 1
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.where for e in errors] == [str(folder / "loop")]
    assert "loops or leads nowhere" in str(errors[0])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_fifo_in_a_folder_is_reported_not_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    os.mkfifo(folder / "pipe")
    items = list(read_inputs([folder]))  # would block forever if the pipe were opened
    assert len(docs(items)) == 1
    [err] = [i for i in items if isinstance(i, InputError)]
    assert err.where == str(folder / "pipe") and "not a regular file" in err.reason
