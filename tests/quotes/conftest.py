"""Helpers for the quote tests: run the full pipeline on a short text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

QuotesOf = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def quotes_of(nlp: Language) -> QuotesOf:
    """``quotes_of(text, headings=[(start, end)])`` -> the quote dicts the pipeline writes."""

    def run(text: str, headings: list[tuple[int, int]] | None = None) -> list[dict[str, Any]]:
        doc = nlp.make_doc(text)
        doc._.communique_structure = {
            "article_id": "test", "published": None, "outlet": None, "dateline": None,
            "headings": [{"start": s, "end": e, "text": text[s:e]} for s, e in headings or []],
        }
        return list(nlp(doc)._.communique_quotes)

    return run


def by_cue(quotes: list[dict[str, Any]], cue: str) -> dict[str, Any]:
    """The one quote whose cue text is ``cue`` (fails, listing the quotes, otherwise)."""
    found = [q for q in quotes if (q["cue"] or {}).get("text") == cue]
    assert len(found) == 1, [(q["kind"], q["text"]) for q in quotes]
    return found[0]
