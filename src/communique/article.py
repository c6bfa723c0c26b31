"""The article record every reader produces and every later stage consumes."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# Where ``Article.published`` came from, best evidence first (see
# :func:`communique.prepare.publication_date`): the JSON record's own date field, the
# page's date metadata, the ``--published`` option, the WARC record's crawl date
# (``WARC-Date``). Never the text: a year in the body is no publication date.
PublishedSource = Literal["json", "metadata", "option", "warc"]


@dataclass(frozen=True)
class Source:
    """Where an article came from: a path plus record number or WARC byte offset."""

    path: str
    record: int | None = None
    offset: int | None = None

    def describe(self) -> str:
        """A short human-readable location used in error messages."""
        if self.offset is not None:
            return f"{self.path} @ offset {self.offset}"
        if self.record is not None:
            return f"{self.path} record {self.record}"
        return self.path


@dataclass
class Span:
    """A character span of ``article.text`` (or of the raw input, for removals)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Removal:
    """Boilerplate cut from the text: offsets index the text *before* cleaning."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass
class Article:
    """A clean news article ready for NLP.

    ``text`` is the body after boilerplate removal; every offset communique reports
    indexes it. ``published`` is an ISO date (``YYYY-MM-DD``) or ``None``;
    ``published_source`` says where that date came from (``None`` exactly when there is
    no date), so that a consumer can tell a publisher's date from a crawl date or from a
    date the user supplied for the whole batch.
    """

    id: str
    text: str
    source: Source
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: PublishedSource | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = {k: v for k, v in asdict(self.source).items() if v is not None}
        return data


def stable_id(*parts: str | None) -> str:
    """A short deterministic id from the first non-empty part (url, then content)."""
    for part in parts:
        if part:
            return hashlib.sha1(part.encode("utf-8")).hexdigest()[:16]
    return hashlib.sha1(b"").hexdigest()[:16]


# Hex digits of the text hash appended to a reused id; longer suffixes are tried only if
# a derived id is itself taken by yet another text (in practice never).
_SUFFIX_LENGTHS = (8, 16, 40)


def text_digest(text: str) -> str:
    """Hex SHA-1 of an article's (clean) text: what "same content" means for ids."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def derived_id(article_id: str, text: str, length: int = _SUFFIX_LENGTHS[0]) -> str:
    """The id an article gets when ``article_id`` already names an article with another text.

    Two inputs may reuse one id for different articles (two feeds numbering from 1);
    keeping the second under ``id-<hash of its text>`` loses neither, and the same inputs
    always give the same id (the hash depends on the text alone, not on the run).
    """
    return f"{article_id}-{text_digest(text)[:length]}"


def candidate_ids(article_id: str, text: str) -> Iterator[str]:
    """``article_id`` itself, then its derived ids, for the caller to take the first free one.

    The caller decides what "free" means: unused in this run (``extract``), or also
    unused in the database by another input (``ingest``).
    """
    yield article_id
    for length in _SUFFIX_LENGTHS:
        yield derived_id(article_id, text, length)
