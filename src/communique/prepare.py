"""From a raw document to a clean :class:`Article` ready for NLP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from communique.article import Article, PublishedSource, Removal, Span, stable_id
from communique.clean import clean_text
from communique.errors import NoArticleError
from communique.ingest.date_formats import normalize_date
from communique.ingest.html import extract_html
from communique.ingest.types import RawDocument
from communique.language import SUPPORTED_LANGUAGES, detect_language


@dataclass
class PreparedArticle:
    """An article with the cleaning report; ``skipped`` says why it gets no NLP."""

    article: Article
    removed: list[Removal] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    dateline: Span | None = None
    skipped: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


# Longer than any headline: such a metadata field is broken input, not a title.
MAX_TITLE_CHARS = 1000


def publication_date(
    meta: dict[str, Any], page_date: str | None, published: str | None
) -> tuple[str | None, PublishedSource | None]:
    """The article's publication date and where it came from, or ``(None, None)``.

    Evidence only, best first: the JSON record's date field (``"json"``), the HTML
    page's date metadata (``"metadata"``, see
    :func:`communique.ingest.html.extract_metadata`), the ``--published`` option
    (``"option"``), the WARC record's ``WARC-Date`` (``"warc"``). The option beats the
    WARC date because the user who gives it knows the batch, while a crawl date is only
    an upper bound: a page is fetched on or after the day it is published (news crawls
    fetch most articles the same day or the next). Nothing is ever inferred from text.
    """
    candidates: tuple[tuple[str | None, PublishedSource], ...] = (
        (normalize_date(meta.get("published")), "json"),
        (page_date, "metadata"),
        (published, "option"),
        (normalize_date(meta.get("crawled")), "warc"),
    )
    for date, source in candidates:
        if date:
            return date, source
    return None, None


def prepare(raw: RawDocument, *, published: str | None = None) -> PreparedArticle:
    """Extract (HTML), clean and describe one document.

    ``published`` is the fallback publication date used when the input has none in its
    metadata; see :func:`publication_date` for the order of the date sources.
    Raises :class:`~communique.errors.InputError` subclasses for unusable input.
    """
    meta = dict(raw.meta)
    where = raw.source.describe()
    html_meta: dict[str, Any] = {}
    body = raw.content
    if raw.kind == "html":
        extracted = extract_html(raw.content, where, url=meta.get("url"))
        body = extracted.text
        html_meta = {
            "title": extracted.title, "published": extracted.published,
            "authors": extracted.authors, "outlet": extracted.outlet, "url": extracted.url,
        }
    cleaned = clean_text(body)
    if not cleaned.text.strip():
        raise NoArticleError(where, "nothing is left after removing boilerplate")
    title = meta.get("title") or html_meta.get("title") or cleaned.title
    if title and len(str(title)) > MAX_TITLE_CHARS:
        title = None  # a 5 MB "title" is a broken field, not a headline to store and show
    date, date_source = publication_date(meta, html_meta.get("published"), published)
    url = meta.get("url") or html_meta.get("url")
    language = detect_language(cleaned.text)
    article = Article(
        id=str(meta.get("id") or stable_id(url, cleaned.text)),
        text=cleaned.text,
        source=raw.source,
        url=url,
        outlet=meta.get("outlet") or html_meta.get("outlet"),
        title=str(title).strip() if title else None,
        published=date,
        published_source=date_source,
        authors=list(meta.get("authors") or html_meta.get("authors") or []),
        language=language,
    )
    skipped = None
    if language not in SUPPORTED_LANGUAGES:
        skipped = f"language '{language}' is not supported (English only); text kept, no NLP"
    return PreparedArticle(
        article=article, removed=cleaned.removed, headings=cleaned.headings,
        dateline=cleaned.dateline, skipped=skipped, meta=meta,
    )
