"""Boilerplate removal for plain text (and for text extracted from HTML).

News bodies scraped as text carry donation appeals, newsletter prompts, share
buttons, photo credits and "Read more" links. They are removed line by line, or as
a trailing block for appeals that run to the end of the page, and every removal is
reported with its reason and its offsets in the text as it was before cleaning.
Nothing else is changed: kept text is byte-identical to the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from communique.article import Removal, Span
from communique.clean.patterns import BLOCK_STARTS, BLOCK_WORDS, LINE_RULES
from communique.clean.structure import find_dateline, find_headings


@dataclass
class CleanResult:
    """Clean text plus what was removed (raw offsets) and its structure (clean offsets)."""

    text: str
    removed: list[Removal] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)
    dateline: Span | None = None
    title: str | None = None


@dataclass
class _Line:
    start: int  # offset of the first character in the raw text
    end: int  # offset after the line break (or end of text)
    content: str  # the line without its break, stripped

    @property
    def blank(self) -> bool:
        return not self.content


def _lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for match in re.finditer(r"[^\n]*(?:\n|$)", raw):
        if match.start() == len(raw) and not match.group():
            break
        lines.append(_Line(match.start(), match.end(), match.group().strip()))
        pos = match.end()
    if pos < len(raw):
        lines.append(_Line(pos, len(raw), raw[pos:].strip()))
    return lines


def _line_reason(content: str) -> str | None:
    for reason, pattern in LINE_RULES:
        if pattern.search(content):
            return reason
    return None


def _block_start(lines: list[_Line]) -> int | None:
    """Index of the line that opens a trailing appeal block, or None.

    A block counts only in the last part of the text and when most of what follows
    it is appeal vocabulary, so an article *about* donations is not truncated.
    """
    content_lines = [i for i, line in enumerate(lines) if not line.blank]
    if len(content_lines) < 2:
        return None
    for i in content_lines:
        if not any(p.search(lines[i].content) for p in BLOCK_STARTS):
            continue
        tail = " ".join(lines[j].content for j in content_lines if j >= i)
        words = len(tail.split())
        hits = sum(1 for p in BLOCK_WORDS if p.search(tail))
        # Measured on the seed appeal (10 of 14 cues) and on AllSides trailers: two or
        # more distinct appeal cues per 100 words separates appeals from reporting.
        if hits >= 3 and hits * 100 >= 2 * words * 0.5:
            return i
    return None


def clean_text(raw: str) -> CleanResult:
    """Remove boilerplate from ``raw`` and find its title line, subheads and dateline."""
    lines = _lines(raw)
    drop: dict[int, str] = {}
    block = _block_start(lines)
    if block is not None:
        for i in range(block, len(lines)):
            drop[i] = "appeal"
    for i, line in enumerate(lines):
        if i in drop or line.blank:
            continue
        reason = _line_reason(line.content)
        if reason:
            drop[i] = reason
    removed: list[Removal] = []
    kept: list[str] = []
    i = 0
    while i < len(lines):
        if i not in drop:
            kept.append(raw[lines[i].start : lines[i].end])
            i += 1
            continue
        reason = drop[i]
        j = i
        while j + 1 < len(lines) and drop.get(j + 1) == reason:
            j += 1
        start, end = lines[i].start, lines[j].end
        removed.append(Removal(start, end, raw[start:end], reason))
        i = j + 1
    text = "".join(kept)
    if block is not None:
        # The appeal took the end of the text: do not leave its separating blank lines.
        stripped = text.rstrip()
        if raw.endswith("\n") and stripped:
            stripped += "\n"
        text = stripped
    headings = find_headings(text)
    title = _title_line(text, headings)
    return CleanResult(
        text=text, removed=removed, headings=headings, dateline=find_dateline(text), title=title
    )


def _title_line(text: str, headings: list[Span]) -> str | None:
    """A leading short line with no final punctuation followed by body text is a title."""
    first = text.lstrip("\n").split("\n", 1)
    if len(first) < 2:
        return None
    line = first[0].strip()
    if not line or len(line) > 200 or line[-1] in ".!?\"'”’:" or len(line.split()) < 3:
        return None
    return line
