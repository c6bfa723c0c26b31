"""Stream HTML pages out of WARC / WARC.gz archives (via warcio), record by record.

Only successful (2xx) ``response`` and ``resource`` records holding HTML or plain text
are articles; requests, metadata, redirects and images are passed over silently.
warcio itself reports neither a file cut off inside a record (it returns the short
content) nor a cut-off gzip member (it stops); both are detected here and reported.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import IO, Any

from communique.article import Source
from communique.errors import InputError, NoArticleError, TruncatedInputError
from communique.ingest.decoding import decode_bytes
from communique.ingest.types import Item, Kind, RawDocument


class _CountingReader:
    """Counts the bytes warcio takes from the stream, to spot data left unparsed."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.consumed = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.consumed += len(data)
        return data

    def tell(self) -> int:
        return self.consumed


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _read_payload(record: Any, where: str, max_bytes: int) -> bytes:
    try:
        data: bytes = record.content_stream().read(max_bytes + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile, ValueError) as exc:
        raise TruncatedInputError(
            where, f"record payload is truncated or corrupt ({exc})"
        ) from None
    if len(data) > max_bytes:
        limit = max(1, max_bytes // (1024 * 1024))
        raise InputError(where, f"record larger than the {limit} MB limit; skipped "
                                "(raise --max-bytes to read it)")
    remaining = getattr(record.raw_stream, "limit", 0)
    if isinstance(remaining, int) and remaining > 0:
        raise TruncatedInputError(
            where, f"WARC record is truncated ({remaining} bytes of it are missing)"
        )
    return data


def iter_warc(stream: IO[bytes], path: str, max_bytes: int) -> Iterator[Item]:
    """Yield one :class:`RawDocument` per HTML/text response record of a WARC stream.

    ``stream`` is the raw file (compressed or not: warcio handles per-record gzip).
    """
    from warcio.archiveiterator import ArchiveIterator

    counter = _CountingReader(stream)
    iterator = ArchiveIterator(counter)
    last_offset = 0
    yielded = False  # whether this file produced any document or error at all
    try:
        for record in iterator:
            offset = int(iterator.offset)
            last_offset = offset
            if record.rec_type is None or record.length is None:
                yield InputError(f"{path} @ offset {offset}", "corrupt WARC record (no "
                                 "WARC-Type or Content-Length header); the rest is skipped")
                return
            if record.rec_type not in ("response", "resource"):
                continue
            if record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                if status and not str(status).startswith("2"):
                    continue
                ctype = record.http_headers.get_header("Content-Type") or ""
            else:
                ctype = record.rec_headers.get_header("Content-Type") or ""
            low = ctype.lower()
            if low and "html" not in low and "text/plain" not in low:
                continue
            source = Source(path, offset=offset)
            where = source.describe()
            try:
                data = _read_payload(record, where, max_bytes)
                text, _ = decode_bytes(data, where, html=True, declared=_charset(ctype))
            except InputError as exc:
                yielded = True
                yield exc
                continue
            meta: dict[str, Any] = {
                "url": record.rec_headers.get_header("WARC-Target-URI"),
                "crawled": record.rec_headers.get_header("WARC-Date"),
            }
            kind: Kind = "text" if "text/plain" in low else "html"
            yielded = True
            yield RawDocument(source, text, kind, {k: v for k, v in meta.items() if v})
    except Exception as exc:  # warcio raises many types (even AttributeError) on bad input
        yield TruncatedInputError(
            f"{path} @ offset {last_offset}",
            f"WARC file is truncated or corrupt ({type(exc).__name__}: {exc})",
        )
        return
    # warcio stops without a word at a gzip member that breaks off: whatever it did not
    # parse (or could not reach) is a truncated record.
    leftover = counter.consumed - int(iterator.offset or 0)
    try:
        trailing = counter.read(1)
    except (EOFError, zlib.error, OSError):
        trailing = b""
    if leftover > 0 or trailing.strip():
        yield TruncatedInputError(
            f"{path} @ offset {iterator.offset}",
            "WARC file ends inside a record (truncated or corrupt); the records before it "
            "were read",
        )
    elif not yielded:
        # A WARC (or what warcio takes for an ARC, such as the text "   0 0") whose
        # records were all passed over, e.g. one cut right after its request record, used
        # to vanish from the run: no document, no error, counted nowhere. Found by fuzzing
        # (tests/test_fuzz.py); decided: one failed input, as a folder with nothing to read.
        yield NoArticleError(path, "the WARC file holds no HTML or plain-text response "
                                   "record (requests, images and error pages are passed over)")
