"""Build the ``communique/1`` output document for one article."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communique._version import __version__
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


def with_article_id(document: dict[str, Any], article_id: str) -> dict[str, Any]:
    """A copy of ``document`` under another article id, as if it had been parsed with it.

    ``ingest`` learns that an id is taken (by another text, in the database or earlier
    in the run) only when the parsed document comes back from a worker; the copy it
    stores must equal what ``extract`` emits for the same inputs, where the id is given
    before the parse. Event ids are derived from the article id and the trigger offsets
    (:func:`communique.events.record.event_id`), so they are derived again; an id of
    another form is left as it is. The input document is not modified.
    """
    from communique.events.record import event_id  # imports spaCy: only when renaming

    article = dict(document.get("article") or {})
    old = str(article.get("id"))
    article["id"] = article_id
    events = []
    for event in document.get("events") or []:
        trigger = event.get("trigger") or {}
        start, end = trigger.get("start"), trigger.get("end")
        old_id = str(event.get("id"))
        if isinstance(start, int) and isinstance(end, int):
            base = event_id(old, start, end)
            if old_id.startswith(base):  # reciprocal events add "-r" to the base
                event = {**event, "id": event_id(article_id, start, end) + old_id[len(base):]}
        events.append(event)
    return {**document, "article": article, "events": events}
