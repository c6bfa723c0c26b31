"""The article record every reader produces and every later stage consumes."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


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
    indexes it. ``published`` is an ISO date (``YYYY-MM-DD``) or ``None``.
    """

    id: str
    text: str
    source: Source
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
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
