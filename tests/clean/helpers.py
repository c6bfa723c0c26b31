"""What every cleaning test checks about a result, whatever else it asserts."""

from __future__ import annotations

from communique.article import Removal
from communique.clean import CleanResult, clean_text
from communique.clean.boilerplate import cut


def check_invariants(raw: str, removed: list[Removal], text: str) -> None:
    """Offsets are exact, spans are sorted and disjoint, and text = raw minus spans."""
    last = 0
    for removal in removed:
        assert raw[removal.start : removal.end] == removal.text
        assert removal.start >= last
        last = removal.end
    assert text == cut(raw, removed)


def checked_clean(raw: str) -> CleanResult:
    """``clean_text(raw)``, its invariants checked."""
    result = clean_text(raw)
    check_invariants(raw, result.removed, result.text)
    return result
