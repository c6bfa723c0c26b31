"""Structure of clean text: subheads (headings) and the dateline."""

from __future__ import annotations

import re

from communique.article import Span

# A dateline opens the body: "MEXICO CITY (AP) —", "WASHINGTON —", "LONDON, May 3 (Reuters) -".
_DATELINE = re.compile(
    r"^\s*(?P<dl>(?:[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]+){0,4})"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\((?:[A-Z][A-Za-z.&\s]{0,30})\))?\s*[—–-]{1,2})\s*"
)
_SENTENCE_END = re.compile(r"[.!?…:;,\"”’)]\s*$")


def find_dateline(text: str) -> Span | None:
    """Return the dateline at the start of the body, if any."""
    match = _DATELINE.match(text)
    if not match:
        return None
    span = match.span("dl")
    lead = text[span[0] : span[1]]
    first_word = lead.split()[0].strip(",")
    if not first_word.isupper() or len(first_word) < 2:
        return None
    return Span(span[0], span[1], lead)


def _is_heading(line: str, prev_blank_or_start: bool, next_line: str | None) -> bool:
    words = line.split()
    if not words or len(words) > 12 or len(line) > 90:
        return False
    if next_line is None or not next_line.strip():
        return False
    inner = line.strip("'‘’\"“”")
    if not inner or _SENTENCE_END.search(inner):
        return False
    # A quoted short line with no verb-like ending (the seed's 'Vassalage to China') or a
    # short title-like line without final punctuation.
    return bool(re.match(r"^['‘\"“]?[A-Z0-9]", line))


def find_headings(text: str) -> list[Span]:
    """Find subheads: short lines without sentence punctuation between body paragraphs.

    The first line of the text is not a subhead (it is the title or the lead).
    """
    headings: list[Span] = []
    lines = list(re.finditer(r"[^\n]+", text))
    for i, match in enumerate(lines):
        if i == 0:
            continue
        line = match.group().strip()
        next_line = lines[i + 1].group() if i + 1 < len(lines) else None
        if _is_heading(line, True, next_line):
            offset = match.start() + (len(match.group()) - len(match.group().lstrip()))
            headings.append(Span(offset, offset + len(line), line))
    return headings
