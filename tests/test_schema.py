"""Every document communique emits validates against the shipped communique/1 JSON schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import communique
from communique.samples import SAMPLES


def _schema() -> dict[str, Any]:
    text = resources.files("communique").joinpath("data/schema/communique-1.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def _check_offsets(doc: dict[str, Any]) -> None:
    text = doc["article"]["text"]
    spans: list[dict[str, Any]] = list(doc["headings"])
    if doc["dateline"]:
        spans.append(doc["dateline"])
    for entity in doc["entities"]:
        spans.extend(entity["mentions"])
    for event in doc["events"]:
        spans.append(event["trigger"])
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span
    for quote in doc["quotes"]:
        assert 0 <= quote["start"] <= quote["end"] <= len(text)


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_sample_documents_validate() -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    documents = communique.extract(SAMPLES)
    assert len(documents) >= 5
    for doc in documents:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        assert not errors, f"{doc['article']['id']}: {errors[0].message} at {list(errors[0].path)}"
        _check_offsets(doc)


def test_seed_document_validates(seed_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    [doc] = communique.extract(seed_path, published="2024-04-09")
    errors = list(validator.iter_errors(doc))
    assert not errors, errors[0].message
    _check_offsets(doc)


@pytest.mark.parametrize("field", ["entities", "quotes", "events"])
def test_schema_rejects_malformed_items(field: str) -> None:
    validator = jsonschema.Draft202012Validator(_schema())
    base: dict[str, Any] = {
        "schema": "communique/1",
        "article": {"id": "a", "text": "x", "source": {"path": "p"}, "url": None,
                    "outlet": None, "title": None, "published": None, "authors": [],
                    "language": "en"},
        "dateline": None, "headings": [], "removed": [], "entities": [], "quotes": [],
        "events": [], "provenance": {"version": "0", "model": None, "dictionaries": {}},
    }
    assert validator.is_valid(base)
    base[field] = [{"id": "X1"}]
    assert not validator.is_valid(base)


def test_published_source_is_optional_and_closed() -> None:
    """``article.published_source`` (added within communique/1) may be absent, null or one
    of the known sources; a document written before it existed still validates."""
    validator = jsonschema.Draft202012Validator(_schema())
    base: dict[str, Any] = {
        "schema": "communique/1",
        "article": {"id": "a", "text": "x", "source": {"path": "p"}, "url": None,
                    "outlet": None, "title": None, "published": "2024-05-01", "authors": [],
                    "language": "en"},
        "dateline": None, "headings": [], "removed": [], "entities": [], "quotes": [],
        "events": [], "provenance": {"version": "0", "model": None, "dictionaries": {}},
    }
    assert validator.is_valid(base)
    for value in ("metadata", "json", "option", "warc", None):
        base["article"]["published_source"] = value
        assert validator.is_valid(base), value
    base["article"]["published_source"] = "body"
    assert not validator.is_valid(base)
