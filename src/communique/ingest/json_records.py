"""Stream article records out of JSON inputs: JSONL, one object, an array, or concatenations.

The parser never holds more than one record (plus one read chunk) in memory, so a
10 GB JSONL dump or JSON array streams. Records are decoded with the standard
library's C decoder (``raw_decode``) on a sliding text buffer that grows only while
a record is incomplete. A bad record becomes an :class:`InputError` and parsing
resumes at the next line that starts a JSON object.
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
import zlib
from collections.abc import Iterator
from typing import IO, Any

from communique.errors import EmptyInputError, InputError, TruncatedInputError
from communique.ingest.decoding import CP1252_FALLBACK, bom_encoding

# Bytes read per chunk: large enough that the C decoder dominates, small enough to stream.
CHUNK_BYTES = 1 << 16
_NON_WS = re.compile(r"[^ \t\r\n\ufeff]")
_BLANKS = re.compile(r"[ \t]*")
# A comma before the next object of an array: where to resume after a broken element.
_NEXT_OBJECT = re.compile(r",\s*\{")
# Strict: a raw line break inside a string is invalid JSON. Accepting it (strict=False)
# lets one broken JSONL line swallow the lines after it instead of failing alone.
_DECODER = json.JSONDecoder(strict=True)
# A parse error this close to the end of the buffer may only mean the record continues
# in the next chunk (the longest JSON literal, "-Infinity", has 9 characters).
_INCOMPLETE_MARGIN = 16
# Field names, in order of preference, for each article attribute.
_BODY_FIELDS = ("text", "content", "body", "article", "html")
_TITLE_FIELDS = ("title", "headline")
_DATE_FIELDS = ("published", "date", "publish_date", "published_at", "pubdate",
                "date_published", "datePublished")
_URL_FIELDS = ("url", "link", "canonical_url")
_OUTLET_FIELDS = ("outlet", "source", "site", "sitename", "site_name", "publisher")
_ID_FIELDS = ("id", "_id", "article_id", "uid")
_AUTHOR_FIELDS = ("authors", "author", "byline")


class _RecordTooLarge(Exception):
    """A record grew past the size limit before it was complete."""


def _decoded_chunks(stream: IO[bytes], head: bytes, broken: list[str]) -> Iterator[str]:
    """Decode the byte stream incrementally: BOM-declared encoding, else UTF-8 with a
    cp1252 fallback for stray legacy bytes.

    A compressed stream that breaks off ends the text where it broke, with the reason
    appended to ``broken``: the records decompressed before the break are still parsed
    and delivered, and the caller reports the file as truncated once, after them.
    (Raising here instead lost the text already handed over but not yet parsed: a
    10-record ``.jsonl.gz`` cut at two thirds delivered none of its complete records.)
    """
    bom = bom_encoding(head)
    if bom is not None and bom[0].startswith(("utf-16", "utf-32")):
        decoder = codecs.getincrementaldecoder(bom[0])(errors="replace")
        skip = bom[1]
    else:
        decoder = codecs.getincrementaldecoder("utf-8")(errors=CP1252_FALLBACK)
        skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    # read1 hands over what one underlying read decompressed, so the text before a
    # break in a gzip stream comes out before the error (read() would drop it).
    read = getattr(stream, "read1", stream.read)
    first = True
    while True:
        try:
            data = read(CHUNK_BYTES)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            broken.append(f"compressed data is truncated or corrupt ({exc})")
            data = b""
        if first and skip:
            data = data[skip:]
        first = False
        if not data:
            tail = decoder.decode(b"", final=True)
            if tail:
                yield tail
            return
        text = decoder.decode(data)
        if text:
            yield text


class _TextBuffer:
    """A sliding window over the decoded text, with the current line number."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self.text = ""
        self.pos = 0
        self.line = 1
        self.eof = False
        self._chunks = chunks

    def fill(self, at_least: int = CHUNK_BYTES) -> bool:
        """Drop consumed text and append at least ``at_least`` characters (False at end)."""
        if self.eof:
            return False
        parts = [self.text[self.pos :]]
        added = 0
        while added < at_least:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            parts.append(chunk)
            added += len(chunk)
        self.text = "".join(parts)
        self.pos = 0
        return added > 0

    def advance(self, to: int) -> None:
        """Move to position ``to``, counting the newlines passed."""
        self.line += self.text.count("\n", self.pos, to)
        self.pos = to

    def skip_ws(self) -> bool:
        """Skip whitespace; False when the input is exhausted."""
        while True:
            match = _NON_WS.search(self.text, self.pos)
            if match is not None:
                self.advance(match.start())
                return True
            self.advance(len(self.text))
            if not self.fill():
                return False

    def skip_line(self) -> bool:
        """Skip past the next newline, discarding text chunk by chunk; False at end."""
        while True:
            newline = self.text.find("\n", self.pos)
            if newline >= 0:
                self.advance(newline + 1)
                return True
            self.advance(len(self.text))
            if not self.fill():
                return False

    def indent(self) -> int:
        """Column of the current position when only blanks precede it on its line, else 0."""
        start = self.text.rfind("\n", 0, self.pos) + 1
        prefix = self.text[start : self.pos]
        return len(prefix) if start > 0 and not prefix.strip(" \t") else 0

    def skip_element(self) -> bool:
        """Skip a broken array element: on to the next ``,`` before an object that decodes
        (the broken one may hold any stray quote or bracket), else to the array's last
        ``]``; False when the input ends first. An intact object nested inside the broken
        element is taken for the next element (reported as a record of its own)."""
        search_from = self.pos + 1
        while True:
            match = _NEXT_OBJECT.search(self.text, search_from)
            if match is None:
                if not self.eof:
                    search_from = max(0, len(self.text) - self.pos - 1)
                    self.fill()  # positions restart at self.pos == 0
                    continue
                close = self.text.rfind("]")
                if close < self.pos:
                    return False
                self.advance(close)
                return True
            brace = match.end() - 1
            try:
                _DECODER.raw_decode(self.text, brace)
            except json.JSONDecodeError as exc:
                if exc.pos >= len(self.text) - _INCOMPLETE_MARGIN and not self.eof:
                    offset = self.pos
                    self.fill(max(CHUNK_BYTES, len(self.text) - self.pos))
                    search_from = match.start() - offset
                    continue
                search_from = brace
                continue
            self.advance(match.start())
            return True

    def resync(self, indent: int) -> None:
        """Skip to the next line starting with ``{`` indented at most ``indent``: where the
        next JSONL record (or top-level pretty-printed object) is, not a nested one."""
        while self.skip_line():
            while True:  # the line's leading blanks may run past the buffer
                blanks = _BLANKS.match(self.text, self.pos)
                end = blanks.end() if blanks is not None else self.pos
                if end < len(self.text) or not self.fill():
                    break
            if end < len(self.text) and self.text[end] == "{" and end - self.pos <= indent:
                return

    def decode_value(self, max_chars: int) -> Any:
        """Decode the JSON value at the current position, reading on while it is incomplete.

        Raises :class:`json.JSONDecodeError` for invalid JSON and
        :class:`_RecordTooLarge` past ``max_chars``.
        """
        while True:
            start = self.pos
            try:
                value, end = _DECODER.raw_decode(self.text, start)
            except json.JSONDecodeError as exc:
                incomplete = (
                    exc.msg.startswith("Unterminated string")
                    or exc.pos >= len(self.text) - _INCOMPLETE_MARGIN
                )
                if not incomplete or self.eof:
                    raise
                pending = len(self.text) - start
                if pending > max_chars:
                    raise _RecordTooLarge from None
                # Grow geometrically so a long record is re-parsed O(log n) times.
                self.fill(max(CHUNK_BYTES, pending))
                continue
            if end >= len(self.text) and not self.eof and not isinstance(value, dict | list | str):
                self.fill()  # a bare number may go on in the next chunk
                continue
            if end - start > max_chars:
                raise _RecordTooLarge
            self.advance(end)
            return value


def _truncated_file(path: str, reason: str, delivered: int) -> TruncatedInputError:
    """The one error for a compressed file that breaks off, after its complete records."""
    if delivered:
        plural = "s" if delivered != 1 else ""
        reason += f"; the {delivered} complete record{plural} before the break were read"
    return TruncatedInputError(path, reason)


def iter_json_values(
    stream: IO[bytes], head: bytes, path: str, max_chars: int
) -> Iterator[tuple[int, Any] | InputError]:
    """Yield ``(record_number, value)`` for each top-level JSON value, or an error.

    An array that opens the input is unpacked: each element is a record. Otherwise
    values may be on one line each (JSONL), pretty-printed, or concatenated. When a
    compressed stream breaks off, every record complete before the break is yielded,
    then one :class:`TruncatedInputError` naming the file (in place of an error for
    the record the break cut in two).
    """
    broken: list[str] = []
    buf = _TextBuffer(_decoded_chunks(stream, head, broken))
    number = 0
    delivered = 0
    in_array = False
    seen_anything = False
    while buf.skip_ws():
        seen_anything = True
        char = buf.text[buf.pos]
        if in_array and char == ",":
            buf.advance(buf.pos + 1)
            continue
        if char == "]" and in_array:
            in_array = False
            buf.advance(buf.pos + 1)
            continue
        if char == "[" and number == 0 and not in_array:  # a file holding one array
            in_array = True
            buf.advance(buf.pos + 1)
            continue
        number += 1
        malformed = False
        where = f"{path} record {number}"
        line = buf.line
        indent = buf.indent()
        try:
            value = buf.decode_value(max_chars)
        except _RecordTooLarge:
            limit = max(1, max_chars // (1024 * 1024))
            error = InputError(where, f"record at line {line} is larger than the {limit} MB "
                                      "limit; skipped (raise --max-bytes to read it)")
        except json.JSONDecodeError as exc:
            if buf.eof and (exc.msg.startswith("Unterminated string")
                            or exc.pos >= len(buf.text.rstrip())):
                if broken:
                    yield _truncated_file(path, broken[0], delivered)
                else:
                    yield TruncatedInputError(
                        where, f"JSON record at line {line} is incomplete at end of input"
                    )
                return
            error = InputError(where, f"invalid JSON at line {line} ({exc.msg})")
            malformed = True
        else:
            delivered += 1
            yield number, value
            continue
        if in_array:
            # "[{...}, {bad}, {...}]": go on with the element after the broken one.
            buf.advance(buf.pos)
            if not buf.skip_element():
                if broken:  # the element was cut by the break, not malformed
                    yield _truncated_file(path, broken[0], delivered)
                    return
                yield error
                yield TruncatedInputError(
                    path, "JSON array is not closed: the input is truncated")
                return
            yield error
            continue
        buf.resync(indent)
        if malformed and broken and not buf.skip_ws():
            # The last record, cut by the break inside a literal ("tru", "12e"): part of
            # the truncation, reported once below.
            break
        yield error
    if broken:
        yield _truncated_file(path, broken[0], delivered)
    elif in_array:
        yield TruncatedInputError(path, "JSON array is not closed: the input is truncated")
    elif not seen_anything:
        yield EmptyInputError(path, "the input is empty")


def _text_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)  # a body given as a list of paragraphs
    return None


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _name_of(value: Any) -> str | None:
    """A display name from a string or an object such as ``{"name": "Reuters"}``."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("$oid")
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def _authors_of(value: Any) -> list[str] | None:
    if isinstance(value, str):
        text = value.strip()
        if text.lower().startswith("by "):
            text = text[3:]
        parts = re.split(r",|;|\band\b|&", text)
        return [p.strip() for p in parts if p.strip()] or None
    if isinstance(value, list):
        names = [_name_of(v) for v in value]
        return [n for n in names if n] or None
    name = _name_of(value)
    return [name] if name else None


def record_fields(record: dict[str, Any]) -> tuple[str | None, str | None, dict[str, Any]]:
    """Split a JSON record into ``(body, body_field, metadata)``.

    ``metadata`` holds whichever of ``id``, ``title``, ``published``, ``url``,
    ``outlet`` and ``authors`` the record has; an empty string counts as absent.
    """
    body: str | None = None
    body_field: str | None = None
    for name in _BODY_FIELDS:
        text = _text_of(record.get(name))
        if text is not None and text.strip():
            body, body_field = text, name
            break
    published = _first(record, _DATE_FIELDS)
    meta: dict[str, Any] = {
        "id": _name_of(_first(record, _ID_FIELDS)),
        "title": _name_of(_first(record, _TITLE_FIELDS)),
        "published": published if isinstance(published, str | int | float) else None,
        "url": _name_of(_first(record, _URL_FIELDS)),
        "outlet": _name_of(_first(record, _OUTLET_FIELDS)),
        "authors": _authors_of(_first(record, _AUTHOR_FIELDS)),
    }
    return body, body_field, {k: v for k, v in meta.items() if v is not None}
