"""Build the ``communique/1`` output document for one article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communique import __version__
from communique.prepare import PreparedArticle

if TYPE_CHECKING:
    from spacy.tokens import Doc

SCHEMA = "communique/1"


def structure_of(prepared: PreparedArticle) -> dict[str, Any]:
    """Plain-data structure handed to the spaCy components via ``doc._.communique_structure``."""
    article = prepared.article
    return {
        "article_id": article.id,
        "published": article.published,
        "outlet": article.outlet,
        "headings": [h.to_dict() for h in prepared.headings],
        "dateline": prepared.dateline.to_dict() if prepared.dateline else None,
    }


def build_document(
    prepared: PreparedArticle,
    doc: Doc | None,
    *,
    model: str | None,
    dictionaries: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Assemble the JSON-ready ``communique/1`` record from an article and its parse."""
    entities: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    if doc is not None:
        entities = list(doc._.communique_entities or [])
        quotes = list(doc._.communique_quotes or [])
        events = list(doc._.communique_events or [])
    record: dict[str, Any] = {
        "schema": SCHEMA,
        "article": prepared.article.to_dict(),
        "dateline": prepared.dateline.to_dict() if prepared.dateline else None,
        "headings": [h.to_dict() for h in prepared.headings],
        "removed": [r.to_dict() for r in prepared.removed],
        "entities": entities,
        "quotes": quotes,
        "events": events,
        "provenance": {
            "version": __version__,
            "model": model,
            "dictionaries": dict(sorted((dictionaries or {}).items())),
        },
    }
    if prepared.skipped:
        record["skipped"] = prepared.skipped
    return record
