"""What prepare() keeps of an input's metadata (sentences written for the tests)."""

from __future__ import annotations

from communique.ingest.types import RawDocument
from communique.prepare import MAX_TITLE_CHARS, prepare
from tests.ingest.inputs import EN_TEXT


def _raw(title: str) -> RawDocument:
    from communique.article import Source

    return RawDocument(kind="text", content=EN_TEXT, source=Source(path="a.json", record=1),
                       meta={"title": title})


def test_a_headline_is_kept() -> None:
    assert prepare(_raw("Ministers meet in Geneva")).article.title == "Ministers meet in Geneva"


def test_a_title_longer_than_any_headline_is_not_stored() -> None:
    assert prepare(_raw("x" * (MAX_TITLE_CHARS + 1))).article.title is None
    assert prepare(_raw("y" * 5_000_000)).article.title is None
