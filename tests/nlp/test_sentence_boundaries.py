"""The sentence-boundary component against a plain token-by-token reference."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from communique.nlp.components import _CLOSERS, SentenceBoundaries


def _reference(doc: Doc) -> list[bool | None]:
    """The rules of ``SentenceBoundaries`` written as one loop over every token."""
    structure: dict[str, Any] = doc._.communique_structure or {}
    edges = {b for h in structure.get("headings", []) for b in (h["start"], h["end"])}
    flags: list[bool | None] = [None] * len(doc)
    for i in range(1, len(doc)):
        token, prev = doc[i], doc[i - 1]
        if token.is_space or (token.text in _CLOSERS and not prev.whitespace_ and (
                i + 1 == len(doc) or bool(token.whitespace_) or doc[i + 1].is_space)):
            flags[i] = False
        elif ("\n" in prev.text or token.idx in edges
              or prev.idx + len(prev.text) in edges):
            flags[i] = True
    return flags


TEXTS = [
    ("Vassalage to China\nLavrov last visited Beijing. He said \"yes.\"\n\nThen he left.",
     [(0, 18)]),
    ("\"We agree,\" he said.\n\"It's done.\"\nMoscow (Reuters) - Talks ended.", []),
    ("A heading Body text follows it (see [1]) and ends.", [(0, 9)]),
    ("One.\n\n\nTwo 'quoted' words.'\nThree ]", [(7, 11)]),
    ("x", []),
    ("", []),
]


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


@pytest.mark.parametrize(("text", "headings"), TEXTS)
def test_matches_reference(blank: Language, text: str, headings: list[tuple[int, int]]) -> None:
    doc = blank.make_doc(text)
    doc._.communique_structure = {"headings": [{"start": s, "end": e} for s, e in headings]}
    expected = _reference(doc)
    SentenceBoundaries()(doc)
    got = [None if i == 0 else doc[i].is_sent_start for i in range(len(doc))]
    # Tokens the rules leave alone stay unset (None) for the parser to decide.
    assert got == expected


def test_heading_is_its_own_sentence(blank: Language) -> None:
    doc = blank.make_doc("Vassalage to China Lavrov last visited Beijing.")
    doc._.communique_structure = {"headings": [{"start": 0, "end": 18}]}
    SentenceBoundaries()(doc)
    assert doc[3].text == "Lavrov" and doc[3].is_sent_start is True
    assert doc[1].is_sent_start is None
