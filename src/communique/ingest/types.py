"""The raw-document types every reader yields, in a module of their own.

``readers`` dispatches to ``warc`` (and the other format modules), and every format module
yields these records, so they live below both: no reader imports another to name a type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from communique.article import Source
from communique.errors import InputError

Kind = Literal["text", "html"]


@dataclass
class RawDocument:
    """One document as read: decoded content plus whatever metadata the container had."""

    source: Source
    content: str
    kind: Kind
    meta: dict[str, Any] = field(default_factory=dict)


Item = RawDocument | InputError
