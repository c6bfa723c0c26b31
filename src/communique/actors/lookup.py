"""Find the entity cluster a character span belongs to.

Quotes and events call :func:`entity_for_span` with the span of a speaker or a participant
and get back the entity dict from ``doc._.communique_entities`` (or ``None``). The order of
preference is fixed by the interface contract: an exact mention match, then a mention that
contains the span's head (approximated by the span's last word, the head of an English noun
phrase in the usual case), then the largest character overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _head_offsets(text_start: int, text_end: int, head: tuple[int, int] | None) -> tuple[int, int]:
    return head if head is not None else (text_start, text_end)


def entity_for_span(
    entities: Sequence[dict[str, Any]] | None,
    start: int,
    end: int,
    head: tuple[int, int] | None = None,
) -> dict[str, Any] | None:
    """The entity with a mention overlapping ``[start, end)`` best, or ``None``.

    ``head`` optionally gives the character span of the syntactic head of the span; when it
    is absent a mention containing the span's end (its last character) counts as containing
    the head. Ties are broken by the shorter mention, then the earlier entity.
    """
    if not entities or end <= start:
        return None
    head_start, head_end = _head_offsets(end - 1, end, head)
    best: tuple[int, int, int, int] | None = None
    best_entity: dict[str, Any] | None = None
    for index, entity in enumerate(entities):
        for mention in entity.get("mentions", ()):
            m_start = mention["start"]
            m_end = mention["end"]
            if m_end <= start or m_start >= end:  # most mentions: no overlap, cheap exit
                continue
            overlap = min(end, m_end) - max(start, m_start)
            if m_start == start and m_end == end:
                rank = 3
            elif m_start <= head_start and head_end <= m_end:
                rank = 2
            else:
                rank = 1
            key = (rank, overlap, -(m_end - m_start), -index)
            if best is None or key > best:
                best = key
                best_entity = entity
    return best_entity


def entity_ref(entity: dict[str, Any] | None) -> dict[str, Any] | None:
    """The short "entity ref" quotes and events embed: id, name, country, sector, code."""
    if entity is None:
        return None
    return {
        "entity": entity["id"],
        "name": entity.get("name"),
        "country": entity.get("country"),
        "sector": entity.get("sector"),
        "code": entity.get("code"),
    }
