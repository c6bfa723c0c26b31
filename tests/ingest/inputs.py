"""Builders for the small inputs the ingestion and CLI tests generate in ``tmp_path``.

Every text here was written for these tests (invented events, invented people).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

EN_PARAGRAPHS = (
    "The foreign minister of Freedonia met his counterpart from Sylvania in Geneva on "
    "Tuesday to discuss the disputed border crossing, officials from both sides said.",
    "\u201cWe agreed to keep talking,\u201d the minister told reporters after the three-hour "
    "meeting, adding that a joint commission would report back within a month.",
    "Sylvania's government said in a statement that it welcomed the talks but would not "
    "withdraw the troops it moved to the border region last spring.",
)
EN_TEXT = "\n\n".join(EN_PARAGRAPHS) + "\n"
EN_TEXT_2 = (
    "Farmers in the northern provinces blocked three highways on Monday to protest a "
    "planned cut in fuel subsidies, the national police said.\n\n"
    "The agriculture ministry said it would meet farmer unions on Thursday and promised "
    "that no decision on the subsidies would be taken before then.\n"
)
FR_TEXT = (
    "Le ministre des affaires \u00e9trang\u00e8res a rencontr\u00e9 mardi son homologue \u00e0 "
    "Gen\u00e8ve pour discuter de la fronti\u00e8re contest\u00e9e, selon des responsables des "
    "deux pays.\n\nLes n\u00e9gociations reprendront le mois prochain, a-t-il d\u00e9clar\u00e9 "
    "aux journalistes apr\u00e8s une r\u00e9union de trois heures.\n"
)
DE_TEXT = (
    "Der Au\u00dfenminister traf am Dienstag in Genf seinen Amtskollegen, um \u00fcber den "
    "umstrittenen Grenz\u00fcbergang zu sprechen, teilten Beamte beider Seiten mit.\n"
)


def html_page(
    title: str = "Ministers meet in Geneva over border dispute",
    paragraphs: tuple[str, ...] = EN_PARAGRAPHS,
    *,
    published: str | None = "2024-03-05",
    author: str | None = "Jane Roe",
    charset: str | None = "utf-8",
) -> str:
    """A complete news page with navigation, an article and a footer."""
    meta = []
    if charset:
        meta.append(f'<meta charset="{charset}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}T09:00:00Z">')
    if author:
        meta.append(f'<meta name="author" content="{author}">')
    meta.append('<meta property="og:site_name" content="The Daily Example">')
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head>" + "".join(meta)
        + f"<title>{title}</title></head><body>"
        + "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        + f"<article><h1>{title}</h1>\n{body}\n</article>"
        + "<footer>Copyright The Daily Example</footer></body></html>\n"
    )


NO_ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Gallery</title></head><body>"
    "<div><img src='a.jpg'><img src='b.jpg'></div><script>var x = 1;</script></body></html>\n"
)


def jsonl(records: list[dict[str, Any]]) -> bytes:
    """Records as JSON Lines."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def warc_bytes(pages: list[tuple[str, str]], *, gzip: bool, extra: bool = True) -> bytes:
    """A WARC (optionally gzipped per record) with a response record per ``(url, html)``.

    With ``extra``, a request record, a JPEG response and a 404 page are mixed in: the
    reader must pass over them.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)

    def response(url: str, payload: bytes, ctype: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)

    for number, (url, html) in enumerate(pages):
        if extra:
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                warc_content_type="application/http; msgtype=request",
            )
            writer.write_record(request)
        response(url, html.encode("utf-8"), "text/html; charset=utf-8")
        if extra and number == 0:
            response("http://example.org/logo.jpg", b"\xff\xd8\xff\xe0" + bytes(64), "image/jpeg")
            response("http://example.org/missing", b"<html>gone</html>", "text/html",
                     status="404 Not Found")
    return out.getvalue()


class GeneratorStream(io.RawIOBase):
    """A read-only byte stream fed by a generator, counting the bytes handed out.

    An endless generator proves a reader streams: it could never read it all.
    """

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._pending = b""
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        n = min(len(view), len(self._pending))
        view[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        self.bytes_read += n
        return n


def endless_jsonl() -> Iterator[bytes]:
    """JSON Lines records without end."""
    number = 0
    while True:
        number += 1
        yield (json.dumps({"id": f"r{number}", "text": EN_TEXT}) + "\n").encode("utf-8")


def endless_warc() -> Iterator[bytes]:
    """Gzipped WARC response records without end."""
    number = 0
    while True:
        number += 1
        yield warc_bytes([(f"http://example.org/{number}", html_page())], gzip=True,
                         extra=False)


class FakeStdin:
    """Stands in for ``sys.stdin``: only ``.buffer`` (a byte stream) is used."""

    def __init__(self, data: bytes | io.RawIOBase) -> None:
        self.buffer = io.BytesIO(data) if isinstance(data, bytes) else data
