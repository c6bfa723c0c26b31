"""From a raw document to a clean :class:`Article` ready for NLP."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from communique.article import Article, Removal, Span, stable_id
from communique.clean import clean_text
from communique.errors import NoArticleError
from communique.ingest.dates import normalize_date
from communique.ingest.html import extract_html
from communique.ingest.readers import RawDocument
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


def prepare(raw: RawDocument, *, published: str | None = None) -> PreparedArticle:
    """Extract (HTML), clean and describe one document.

    ``published`` is the fallback publication date used when the input has none.
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
    date = normalize_date(meta.get("published")) or html_meta.get("published") or published
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
