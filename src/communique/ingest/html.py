"""Article body and metadata from HTML pages, via trafilatura."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from communique.errors import NoArticleError
from communique.ingest.dates import normalize_date


@dataclass
class HtmlExtraction:
    """What an HTML page yields: body text (paragraphs separated by newlines) and metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


def _authors(value: Any) -> list[str]:
    if not value:
        return []
    parts = str(value).replace(" and ", ";").split(";")
    return [p.strip() for p in parts if p.strip()]


def extract_html(html: str, where: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the main article text and its metadata from ``html``.

    Raises :class:`NoArticleError` when the page has no article body.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        deduplicate=False,
    )
    if doc is None:
        raise NoArticleError(where, "no article body found in the HTML page")
    data: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    text = (data.get("text") or "").strip()
    if not text:
        raise NoArticleError(where, "no article body found in the HTML page")
    return HtmlExtraction(
        text=text,
        title=(data.get("title") or None),
        published=normalize_date(data.get("date")),
        authors=_authors(data.get("author")),
        outlet=data.get("sitename") or None,
        url=data.get("url") or url,
        language=data.get("language") or None,
    )
