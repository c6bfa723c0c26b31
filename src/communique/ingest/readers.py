"""Readers: every supported input format -> a stream of :class:`RawDocument`.

Readers never raise for one bad document: they yield an :class:`InputError` in its
place so that a batch goes on. Multi-record inputs (JSONL, WARC) are streamed record
by record, so a 10 GB dump is never held in memory.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from communique.article import Source
from communique.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    TruncatedInputError,
    UsageError,
)
from communique.ingest.decoding import decode_bytes

# Largest single document accepted, in bytes. News articles are < 200 kB; anything
# above this is a dump or an attack and would stall the parser.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_TEXT_SUFFIXES = {".txt", ".text", ".md"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
_JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
_WARC_SUFFIXES = {".warc", ".arc"}
Kind = Literal["text", "html"]


@dataclass
class RawDocument:
    """One document as read: decoded content plus whatever metadata the container had."""

    source: Source
    content: str
    kind: Kind
    meta: dict[str, Any] = field(default_factory=dict)


Item = RawDocument | InputError


def _format_of(name: str) -> tuple[str, bool]:
    """Return (format, gzipped) from a file name: format is text|html|json|warc|unknown."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    suffix = os.path.splitext(lower)[1]
    if suffix in _TEXT_SUFFIXES:
        return "text", gz
    if suffix in _HTML_SUFFIXES:
        return "html", gz
    if suffix in _JSON_SUFFIXES:
        return "json", gz
    if suffix in _WARC_SUFFIXES:
        return "warc", gz
    return "unknown", gz


def _sniff(head: bytes) -> str:
    """Guess the format of unnamed input (stdin, unknown suffix) from its first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped[:1] in (b"{", b"["):
        return "json"
    low = stripped[:512].lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in low or b"<head" in low:
        return "html"
    return "text"


def _read_limited(stream: IO[bytes], where: str, max_bytes: int) -> bytes:
    try:
        data = stream.read(max_bytes + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise TruncatedInputError(where, f"compressed data is truncated or corrupt ({exc})")
    if len(data) > max_bytes:
        raise InputError(
            where,
            f"document larger than the {max_bytes // (1024 * 1024)} MB limit; "
            "split it or raise --max-bytes",
        )
    return data


def _single(stream: IO[bytes], source: Source, fmt: str, max_bytes: int) -> Iterator[Item]:
    where = source.describe()
    try:
        data = _read_limited(stream, where, max_bytes)
        if fmt == "unknown":
            fmt = _sniff(data[:2048])
        text, _encoding = decode_bytes(data, where, html=fmt == "html")
    except InputError as exc:
        yield exc
        return
    yield RawDocument(source, text, "html" if fmt == "html" else "text")


def _iter_lines(stream: IO[bytes], where: str, max_bytes: int) -> Iterator[bytes | InputError]:
    """Yield lines, replacing any longer than ``max_bytes`` by an error (never buffered whole)."""
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield TruncatedInputError(where, f"compressed data is truncated or corrupt ({exc})")
            return
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            yield InputError(where, f"line longer than {max_bytes // (1024 * 1024)} MB skipped")
            while True:  # skip the rest of the oversized line in bounded chunks
                rest = stream.readline(1024 * 1024)
                if not rest or rest.endswith(b"\n"):
                    break
            continue
        yield line


def _first(record: dict[str, Any], *names: str) -> Any:
    for name in names:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def json_record_to_document(record: Any, source: Source) -> RawDocument:
    """Map one JSON object to a document: ``text``/``content`` plus optional metadata."""
    where = source.describe()
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, found {type(record).__name__}")
    body = _first(record, "text", "content", "body", "html")
    if not isinstance(body, str) or not body.strip():
        raise EmptyInputError(where, "JSON record has no 'text' or 'content' field with text")
    kind: Kind = "html" if "html" in record and body is record["html"] else "text"
    if kind == "text" and _sniff(body[:2048].encode("utf-8", "replace")) == "html":
        kind = "html"
    authors = _first(record, "authors", "author")
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.replace(" and ", ",").split(",") if a.strip()]
    meta = {
        "id": _first(record, "id", "_id", "article_id"),
        "title": _first(record, "title", "headline"),
        "published": _first(record, "published", "date", "publish_date", "published_at"),
        "url": _first(record, "url", "link"),
        "outlet": _first(record, "outlet", "source", "site", "sitename", "publisher"),
        "authors": authors if isinstance(authors, list) else None,
    }
    if meta["id"] is not None:
        meta["id"] = str(meta["id"])
    return RawDocument(source, body, kind, {k: v for k, v in meta.items() if v is not None})


def _json_stream(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[Item]:
    buffered = io.BufferedReader(stream) if not isinstance(stream, io.BufferedReader) else stream
    try:
        head = buffered.peek(4096)[:4096]
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield TruncatedInputError(path, f"compressed data is truncated or corrupt ({exc})")
        return
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        # A JSON array cannot be streamed with the standard library; it is size-limited.
        try:
            data = _read_limited(buffered, path, max_bytes)
            text, _ = decode_bytes(data, path)
            records = json.loads(text)
        except InputError as exc:
            yield exc
            return
        except json.JSONDecodeError as exc:
            yield InputError(path, f"invalid JSON ({exc.msg} at line {exc.lineno})")
            return
        for number, record in enumerate(records, 1):
            source = Source(path, record=number)
            try:
                yield json_record_to_document(record, source)
            except InputError as exc:
                yield exc
        return
    number = 0
    pending: list[bytes] = []
    for line in _iter_lines(buffered, path, max_bytes):
        if isinstance(line, InputError):
            number += 1
            yield InputError(f"{path} record {number}", line.reason)
            continue
        if not line.strip():
            continue
        pending.append(line)
        chunk = b"".join(pending)
        try:
            record = json.loads(chunk.decode("utf-8-sig", errors="replace"))
        except json.JSONDecodeError as exc:
            # A pretty-printed single object spans many lines: keep accumulating
            # while the error is "unexpected end"; otherwise the record is bad.
            if exc.pos >= len(chunk.rstrip()) - 1 and len(chunk) <= max_bytes:
                continue
            number += 1
            pending.clear()
            yield InputError(f"{path} record {number}", f"invalid JSON ({exc.msg})")
            continue
        pending.clear()
        number += 1
        source = Source(path, record=number)
        try:
            yield json_record_to_document(record, source)
        except InputError as exc:
            yield exc
    if pending:
        number += 1
        yield TruncatedInputError(f"{path} record {number}", "JSON record is incomplete at end of file")


def _warc_stream(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    iterator = ArchiveIterator(stream)
    try:
        for record in iterator:
            if record.rec_type not in ("response", "resource"):
                continue
            offset = iterator.get_record_offset()
            source = Source(path, offset=offset)
            where = source.describe()
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                status = record.http_headers.get_statuscode()
                if status and not str(status).startswith("2"):
                    continue
            else:
                ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
            if ctype and "html" not in ctype and "text/plain" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            try:
                data = _read_limited(record.content_stream(), where, max_bytes)
                text, _ = decode_bytes(data, where, html=True)
            except InputError as exc:
                yield exc
                continue
            kind: Kind = "text" if "text/plain" in ctype else "html"
            meta: dict[str, Any] = {"url": url, "crawled": date}
            yield RawDocument(source, text, kind, {k: v for k, v in meta.items() if v})
    except (ArchiveLoadFailed, EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        yield TruncatedInputError(path, f"WARC file is truncated or corrupt ({exc})")


def _open(path: Path, gz: bool) -> IO[bytes]:
    handle: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed by the caller
    if gz:
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    return handle


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Read one file (any supported format, optionally gzipped) or a folder, recursively."""
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.parts[len(p.parts):]):
                yield from read_path(child, max_bytes=max_bytes)
        return
    where = str(p)
    if not p.exists():
        yield InputError(where, "no such file or folder")
        return
    fmt, gz = _format_of(p.name)
    try:
        with open(p, "rb") as probe:
            magic = probe.read(4)
    except OSError as exc:
        yield InputError(where, f"cannot open ({exc.strerror})")
        return
    gz = gz or magic.startswith(_GZIP_MAGIC)
    if fmt == "warc":
        with open(p, "rb") as handle:  # warcio decompresses per record itself
            yield from _warc_stream(handle, where, max_bytes)
        return
    if fmt == "unknown":
        try:
            with _open(p, gz) as probe_stream:
                fmt = _sniff(probe_stream.read(2048))
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield TruncatedInputError(where, f"compressed data is truncated or corrupt ({exc})")
            return
        if fmt == "warc":
            with open(p, "rb") as handle:
                yield from _warc_stream(handle, where, max_bytes)
            return
    with _open(p, gz) as stream:
        if fmt == "json":
            yield from _json_stream(stream, where, max_bytes)
        else:
            yield from _single(stream, Source(where), fmt, max_bytes)


def read_stdin(*, max_bytes: int = DEFAULT_MAX_BYTES, stream: IO[bytes] | None = None) -> Iterator[Item]:
    """Read standard input, sniffing its format (and gzip) from the first bytes; streamed."""
    raw = stream if stream is not None else sys.stdin.buffer
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    try:
        if buffered.peek(2)[:2] == _GZIP_MAGIC:
            gz = gzip.GzipFile(fileobj=buffered, mode="rb")
            buffered = io.BufferedReader(gz)  # type: ignore[arg-type]
        fmt = _sniff(buffered.peek(2048)[:2048])
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield TruncatedInputError("<stdin>", f"compressed data is truncated or corrupt ({exc})")
        return
    if fmt == "warc":
        yield from _warc_stream(buffered, "<stdin>", max_bytes)
    elif fmt == "json":
        yield from _json_stream(buffered, "<stdin>", max_bytes)
    else:
        yield from _single(buffered, Source("<stdin>"), fmt, max_bytes)


def read_inputs(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Read every path in order (``-`` is standard input), yielding documents or errors."""
    for path in paths:
        if str(path) == "-":
            yield from read_stdin(max_bytes=max_bytes)
        else:
            yield from read_path(path, max_bytes=max_bytes)


def read_text(text: str, *, name: str = "<text>") -> RawDocument:
    """Wrap pasted text (or HTML, sniffed) as a document."""
    if not text.strip():
        raise EmptyInputError(name, "the text is empty")
    if "\x00" in text:
        raise BinaryInputError(name, "the text contains NUL characters")
    kind: Kind = "html" if _sniff(text[:2048].encode("utf-8", "replace")) == "html" else "text"
    return RawDocument(Source(name), text, kind)


__all__ = ["DEFAULT_MAX_BYTES", "RawDocument", "UsageError", "json_record_to_document",
           "read_inputs", "read_path", "read_stdin", "read_text"]
