"""Readers: every supported input format -> a stream of :class:`RawDocument`.

Formats: plain text, HTML, JSON / JSONL (one object, an array, or one object per
line), WARC / WARC.gz, any of them gzip-compressed, folders (recursive) and standard
input (``-``). The format comes from the file suffix, else from the first bytes.

Readers never raise for one bad document: they yield an :class:`InputError` in its
place so that a batch goes on. Multi-record inputs (JSONL, JSON arrays, WARC) are
streamed record by record, so a 10 GB dump, from a file or from stdin, is never held
in memory; a single text or HTML document is read up to ``max_bytes``.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from communique.article import Source
from communique.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    MissingInputError,
    TruncatedInputError,
    UsageError,
)
from communique.ingest.decoding import binary_kind, decode_bytes, without_controls
from communique.ingest.json_records import iter_json_values, record_fields
from communique.ingest.types import Item, Kind, RawDocument
from communique.ingest.warc import iter_warc

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# Largest single document accepted, in bytes. News articles are < 200 kB (the largest
# AllSides body is 0.1 MB); anything above this is a dump or an attack and would stall
# the parser.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
# Bytes looked at to recognise a format (and gzip) without consuming the stream.
_SNIFF_BYTES = 8192
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
_WARC_SUFFIXES = frozenset({".warc", ".arc"})
STDIN_NAME = "<stdin>"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<?xml", b"<!--", b"<head", b"<body", b"<meta",
                b"<article", b"<div", b"<p>", b"<p ", b"<section", b"<main", b"<h1")


def _format_of(name: str) -> str:
    """Return the format named by a file's suffix (``.gz`` ignored): text, html, json,
    warc, or unknown."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    suffix = os.path.splitext(lower)[1]
    if suffix in _TEXT_SUFFIXES:
        return "text"
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in _JSON_SUFFIXES:
        return "json"
    if suffix in _WARC_SUFFIXES:
        return "warc"
    return "unknown"


def _sniff(head: bytes) -> str:
    """Guess the format of unnamed input (stdin, unknown suffix) from its first bytes."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped[:1] in (b"{", b"["):
        return "json"
    low = stripped[:1024].lower()
    # A page, or a pasted fragment that starts with a block tag; a plain-text article
    # that merely mentions a tag further on stays text.
    if low.startswith(_HTML_STARTS) or b"<body" in low or b"<head" in low:
        return "html"
    return "text"


def _looks_html(text: str) -> bool:
    return _sniff(text[:2048].encode("utf-8", "replace")) == "html"


class _Replay(io.RawIOBase):
    """A byte stream whose first bytes were already read: replays them, then reads on."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def _replay(head: bytes, rest: IO[bytes]) -> IO[bytes]:
    return io.BufferedReader(_Replay(head, rest), buffer_size=1 << 16)


def _read_head(stream: IO[bytes], size: int) -> bytes:
    """Read up to ``size`` bytes, looping because a pipe may return fewer per call."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        data = stream.read(size - got)
        if not data:
            break
        parts.append(data)
        got += len(data)
    return b"".join(parts)


def _truncated(where: str, exc: BaseException) -> TruncatedInputError:
    return TruncatedInputError(where, f"gzip data is truncated or corrupt ({exc})")


def _read_limited(stream: IO[bytes], where: str, max_bytes: int) -> bytes:
    try:
        data = stream.read(max_bytes + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise _truncated(where, exc) from None
    if len(data) > max_bytes:
        limit = max(1, max_bytes // (1024 * 1024))
        raise InputError(
            where,
            f"document larger than the {limit} MB limit (is it one long line or a dump?); "
            "skipped (raise --max-bytes to read it)",
        )
    return data


def _single(stream: IO[bytes], source: Source, fmt: str, max_bytes: int) -> Iterator[Item]:
    where = source.describe()
    try:
        data = _read_limited(stream, where, max_bytes)
        text, _encoding = decode_bytes(data, where, html=fmt == "html")
    except InputError as exc:
        yield exc
        return
    yield RawDocument(source, text, "html" if fmt == "html" else "text")


def json_record_to_document(record: Any, source: Source) -> RawDocument:
    """Map one JSON object to a document: ``text``/``content`` plus optional metadata.

    Raises :class:`InputError` when the record is not an object or has no text.
    """
    where = source.describe()
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, found {type(record).__name__}")
    body, body_field, meta = record_fields(record)
    if body is None:
        raise EmptyInputError(where, "JSON record has no 'text' or 'content' field with text")
    body = without_controls(body, where, "JSON text")
    kind: Kind = "html" if body_field == "html" or _looks_html(body) else "text"
    return RawDocument(source, body, kind, meta)


def _json_documents(stream: IO[bytes], head: bytes, path: str, max_bytes: int) -> Iterator[Item]:
    for item in iter_json_values(stream, head, path, max_bytes):
        if isinstance(item, InputError):
            yield item
            continue
        number, record = item
        try:
            yield json_record_to_document(record, Source(path, record=number))
        except InputError as exc:
            yield exc


def read_stream(
    raw: IO[bytes], name: str, *, fmt: str = "unknown", max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Read one byte stream (a file or stdin) of format ``fmt`` (else sniffed), gzip or not.

    Only the first few kilobytes are looked at before streaming, so the stream need
    not be seekable.
    """
    try:
        head = _read_head(raw, _SNIFF_BYTES)
    except OSError as exc:
        yield InputError(name, f"cannot read ({exc})")
        return
    if not head.strip() and len(head) < _SNIFF_BYTES:  # all of it read, and all blank
        yield EmptyInputError(name, "the input is empty")
        return
    stream = _replay(head, raw)
    inner_head = head
    gzipped = head.startswith(_GZIP_MAGIC)
    if gzipped:
        try:  # decompress just the head to see what is inside
            inner_head = zlib.decompressobj(wbits=31).decompress(head, _SNIFF_BYTES)
        except zlib.error as exc:
            yield _truncated(name, exc)
            return
    if fmt == "unknown":
        fmt = _sniff(inner_head)
    if fmt == "warc":  # warcio decompresses per record itself
        yield from iter_warc(stream, name, max_bytes)
        return
    if gzipped:
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
        if not inner_head.strip():
            try:
                inner_head = _read_head(stream, _SNIFF_BYTES)
            except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
                yield _truncated(name, exc)
                return
            if not inner_head.strip() and len(inner_head) < _SNIFF_BYTES:
                yield EmptyInputError(name, "the input is empty (after decompression)")
                return
            stream = _replay(inner_head, stream)
    if fmt == "json":
        kind = binary_kind(inner_head)
        if kind is not None:
            yield BinaryInputError(name, f"the input is {kind}, not JSON")
            return
        yield from _json_documents(stream, inner_head, name, max_bytes)
    else:
        yield from _single(stream, Source(name), fmt, max_bytes)


# Suffixes read when walking a folder; anything else there (images, PDFs, notes) is
# passed over. A file named on the command line is always read, whatever its suffix.
def _wanted_in_folder(name: str) -> bool:
    if _format_of(name) != "unknown":
        return True
    stem = name[:-3] if name.lower().endswith(".gz") else name
    return "." not in stem  # extension-less files are sniffed


def iter_folder(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in a deterministic order (names sorted, depth first),
    skipping hidden files and folders and files of unsupported types. Pipes, sockets and
    devices with a readable name are listed too, so that :func:`read_path` reports them
    (a FIFO in a folder was skipped without a word)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from iter_folder(path)
            continue
        try:
            listed = entry.is_file() or _special(path)
        except OSError:  # a link to itself: "Too many levels of symbolic links"
            listed = entry.is_symlink()  # read_path reports it
        if listed and _wanted_in_folder(entry.name):
            yield path


def _special(path: Path) -> bool:
    """A pipe, socket or device (never a folder): read_path names it instead of reading."""
    mode = path.stat().st_mode
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode) or \
        stat.S_ISBLK(mode)


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Read one file (any supported format, optionally gzipped) or a folder, recursively."""
    p = Path(path)
    if p.is_dir():
        found = False
        for child in iter_folder(p):
            found = True
            yield from read_path(child, max_bytes=max_bytes)
        if not found:
            yield InputError(str(p), "the folder holds no readable files (txt, html, json, "
                                     "jsonl, warc, or any of them .gz)")
        return
    where = str(p)
    if p.is_symlink() and not p.exists():
        yield InputError(where, "a symbolic link that loops or leads nowhere; skipped")
        return
    if not p.exists():
        yield MissingInputError(where)
        return
    if not p.is_file():
        # A FIFO, socket or device would block or never end: name it instead of reading it.
        yield InputError(where, "not a regular file (a pipe, socket or device); give a file, "
                                "a folder, or - to read standard input")
        return
    try:
        handle = open(p, "rb")  # noqa: SIM115 - closed below, after the generator is done
    except OSError as exc:
        yield InputError(where, f"cannot open ({exc.strerror})")
        return
    with handle:
        yield from read_stream(handle, where, fmt=_format_of(p.name), max_bytes=max_bytes)


def read_stdin(
    *, max_bytes: int = DEFAULT_MAX_BYTES, stream: IO[bytes] | None = None
) -> Iterator[Item]:
    """Read standard input, sniffing its format (and gzip) from the first bytes; streamed."""
    if stream is None:
        stdin = getattr(sys.stdin, "buffer", None)  # None when the process has no stdin
        if stdin is None:
            yield InputError(STDIN_NAME, "there is no standard input to read")
            return
        stream = stdin
    yield from read_stream(stream, STDIN_NAME, max_bytes=max_bytes)


def read_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
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
    text = without_controls(text, name)
    kind: Kind = "html" if _looks_html(text) else "text"
    return RawDocument(Source(name), text, kind)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN_NAME",
    "RawDocument",
    "UsageError",
    "iter_folder",
    "json_record_to_document",
    "read_inputs",
    "read_path",
    "read_stdin",
    "read_stream",
    "read_text",
]
