"""Date normalisation for metadata, validation of --published, and where an article's
publication date comes from (``published`` / ``published_source``)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from communique.article import Source
from communique.errors import UsageError
from communique.ingest.date_formats import normalize_date, parse_user_date
from communique.ingest.html import extract_html
from communique.ingest.readers import json_record_to_document, read_path
from communique.ingest.types import RawDocument
from communique.prepare import prepare
from tests.ingest.inputs import EN_TEXT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-04-09", "2024-04-09"),
        ("2024-04-09T23:30:00-05:00", "2024-04-09"),
        ("2024/4/9", "2024-04-09"),
        ("20240409", "2024-04-09"),
        ("April 9, 2024", "2024-04-09"),
        ("Apr. 9 2024", "2024-04-09"),
        ("Tuesday, April 9th, 2024 10:32 AM EDT", "2024-04-09"),
        ("Sept. 30, 2023", "2023-09-30"),
        ("9 April 2024", "2024-04-09"),
        ("9th of April, 2024", "2024-04-09"),
        ("09.04.2024", "2024-04-09"),
        ("25/12/2023", "2023-12-25"),
        ("12/25/2023", "2023-12-25"),
        ("Tue, 09 Apr 2024 10:00:00 GMT", "2024-04-09"),
        (1712620800, "2024-04-09"),
        (1712620800000, "2024-04-09"),
        ("1712620800", "2024-04-09"),
        (date(2024, 4, 9), "2024-04-09"),
        (datetime(2024, 4, 9, 22, 0), "2024-04-09"),
    ],
)
def test_normalize_date(value: object, expected: str) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "yesterday", "2024-02-30", "04/09/2024", "Smarch 9, 2024", True,
     "0001-01-01"],
)
def test_no_date(value: object) -> None:
    assert normalize_date(value) is None


def test_parse_user_date() -> None:
    assert parse_user_date("2024-04-09") == "2024-04-09"
    assert parse_user_date(" 2024-04-09 ") == "2024-04-09"


@pytest.mark.parametrize("value", ["2024-4-9", "09.04.2024", "2024-02-30", "20240409",
                                   "2024-W15-2", "tomorrow", ""])
def test_parse_user_date_rejects(value: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_user_date(value)


def test_dates_outside_1800_to_next_year_are_no_dates() -> None:
    assert normalize_date(99999999999999) is None  # the year 5138 in epoch milliseconds
    assert normalize_date("99999999999999") is None
    assert normalize_date(f"{date.today().year + 5}-01-01") is None
    assert normalize_date("1712620800") == "2024-04-09"
    with pytest.raises(UsageError, match="between"):
        parse_user_date("2999-01-01")


# --- where the publication date comes from ---------------------------------------------
#
# A date is evidence, never a guess: page metadata, a JSON record's field, --published,
# or the WARC record's crawl date, and ``article.published_source`` names which one.

BODY_YEAR_PAGE = (
    "<html><head><title>Talks in Berlin</title></head><body><article><h1>Talks in Berlin"
    "</h1><p>President Biden met Chancellor Scholz in Berlin on Monday to discuss aid for "
    "Ukraine, officials said after the meeting ended.</p><p>The chancellery, built in 2001, "
    "hosted the two leaders for three hours of talks on energy and security.</p></article>"
    "</body></html>"
)
META_DATE_PAGE = BODY_YEAR_PAGE.replace(
    "<title>", "<meta property='article:published_time' content='2024-03-05T09:30:00Z'><title>"
)
WARC_DATE = "2024-06-02T10:11:12Z"


def _html(page: str, meta: dict[str, Any] | None = None) -> RawDocument:
    return RawDocument(Source("page.html"), page, "html", dict(meta or {}))


def test_a_year_in_the_body_is_no_publication_date() -> None:
    assert extract_html(BODY_YEAR_PAGE, "page.html").published is None
    article = prepare(_html(BODY_YEAR_PAGE)).article
    assert (article.published, article.published_source) == (None, None)


@pytest.mark.parametrize("sentence", ["The treaty was signed on 2019-03-04 in Minsk.",
                                      "The treaty was signed on 04.03.2019 in Minsk.",
                                      "Posted on 2019-03-04 12:00:00, the letter was ignored."])
def test_a_full_date_in_a_body_paragraph_is_no_publication_date(sentence: str) -> None:
    page = BODY_YEAR_PAGE.replace("The chancellery", f"{sentence} The chancellery")
    article = prepare(_html(page), published="2024-05-01").article
    assert (article.published, article.published_source) == ("2024-05-01", "option")


def test_a_date_marked_element_is_metadata() -> None:
    page = BODY_YEAR_PAGE.replace(
        "<h1>", "<div class='meta'><li><span class='article_date'>November 20, 2019 - 11:28"
        "</span></li></div><h1>")
    article = prepare(_html(page), published="2024-05-01").article
    assert (article.published, article.published_source) == ("2019-11-20", "metadata")


@pytest.mark.parametrize("media", [
    # A caption under a container whose class holds a metadata cue ("info", "meta").
    "<div class='gallery-info'><figcaption>Farmers march in Brussels on March 3, 2019."
    "</figcaption></div>",
    "<div class='slide'><span class='caption-meta'>Farmers march in Brussels, "
    "March 3, 2019</span></div>",
    # A <time> element inside a slide's caption.
    "<div class='gallery'><div class='slide-caption'>Farmers march in Brussels <time "
    "datetime='2019-03-03'>March 3, 2019</time></div></div>",
    # Embedded posts, with their own dates.
    "<blockquote class='twitter-tweet'><p>We stand with the farmers</p>&mdash; Jane Doe "
    "(@janedoe) <a href='https://twitter.com/janedoe/status/1'>March 3, 2019</a></blockquote>",
    "<blockquote class='instagram-media'><p>A post shared by Jane Doe (@janedoe) on <time "
    "datetime='2019-03-03T10:00:00+00:00'>Mar 3, 2019 at 10:00am PST</time></p></blockquote>",
])
def test_dates_in_galleries_and_embeds_are_no_publication_date(media: str) -> None:
    page = BODY_YEAR_PAGE.replace("<p>The chancellery", f"{media}<p>The chancellery")
    article = prepare(_html(page), published="2024-05-01").article
    assert (article.published, article.published_source) == ("2024-05-01", "option")


def test_published_option_dates_a_page_without_date_metadata() -> None:
    article = prepare(_html(BODY_YEAR_PAGE), published="2024-05-01").article
    assert (article.published, article.published_source) == ("2024-05-01", "option")


def test_page_metadata_date_is_kept_and_beats_the_option() -> None:
    for option in (None, "2024-05-01"):
        article = prepare(_html(META_DATE_PAGE), published=option).article
        assert (article.published, article.published_source) == ("2024-03-05", "metadata")


def test_time_element_is_metadata() -> None:
    page = BODY_YEAR_PAGE.replace(
        "<h1>", "<time datetime='2023-11-28T08:00:00Z' pubdate>28 Nov 2023</time><h1>")
    article = prepare(_html(page), published="2024-05-01").article
    assert (article.published, article.published_source) == ("2023-11-28", "metadata")


def test_json_record_date_field() -> None:
    record = {"text": EN_TEXT, "published": "2024-02-01T12:00:00Z"}
    raw = json_record_to_document(record, Source("feed.jsonl", record=1))
    article = prepare(raw, published="2024-05-01").article
    assert (article.published, article.published_source) == ("2024-02-01", "json")


def test_plain_text_takes_the_option_or_nothing() -> None:
    raw = RawDocument(Source("a.txt"), EN_TEXT, "text")
    assert prepare(raw).article.published_source is None
    article = prepare(raw, published="2024-05-01").article
    assert (article.published, article.published_source) == ("2024-05-01", "option")


def _warc(page: str, tmp_path: Path) -> RawDocument:
    """A one-response WARC recorded at :data:`WARC_DATE`, read back by the reader."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "http://example.org/talks", "response", payload=io.BytesIO(page.encode("utf-8")),
        http_headers=headers, warc_headers_dict={"WARC-Date": WARC_DATE}))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(out.getvalue())
    [raw] = list(read_path(path))
    assert isinstance(raw, RawDocument)
    return raw


def test_warc_date_dates_a_page_without_date_metadata(tmp_path: Path) -> None:
    article = prepare(_warc(BODY_YEAR_PAGE, tmp_path)).article
    assert (article.published, article.published_source) == ("2024-06-02", "warc")


def test_warc_page_metadata_and_option_beat_the_warc_date(tmp_path: Path) -> None:
    article = prepare(_warc(META_DATE_PAGE, tmp_path)).article
    assert (article.published, article.published_source) == ("2024-03-05", "metadata")
    article = prepare(_warc(BODY_YEAR_PAGE, tmp_path), published="2024-05-01").article
    assert (article.published, article.published_source) == ("2024-05-01", "option")


def test_published_source_is_in_the_article_record() -> None:
    record = prepare(_html(META_DATE_PAGE)).article.to_dict()
    assert record["published"] == "2024-03-05"
    assert record["published_source"] == "metadata"
