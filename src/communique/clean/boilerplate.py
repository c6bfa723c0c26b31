"""Boilerplate removal for plain text (and for text extracted from HTML).

News bodies scraped as text carry donation appeals, newsletter prompts, share
buttons, photo credits and galleries, embedded posts and "Read more" links. They are
removed line by line, as blocks of lines (galleries, "Story highlights", posts spread
over two lines: :mod:`communique.clean.blocks`), as a trailing block for appeals that
run to the end of the page, or (for hover cards glued into a sentence) as a span inside
a line. Every removal is reported with its reason
and its offsets in the text as it was before cleaning. Nothing else is changed: the
clean text is the raw text with the removed spans cut out, byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from communique.article import Removal, Span
from communique.clean.blocks import GLUED_REASONS, find_blocks, glued_lead
from communique.clean.patterns import (
    BLOCK_MIN_CUES,
    BLOCK_MIN_DENSITY,
    BLOCK_STARTS,
    BLOCK_TAIL_FRACTION,
    BLOCK_WORDS,
    LINK_HEADERS,
    RULES,
    TEASER_END,
    TEASER_MAX,
)
from communique.clean.structure import find_dateline, find_headings, find_title

# An appeal block longer than this is not boilerplate any more (the seed appeal has
# ~150 words; the longest appeal seen in the AllSides sample ~120).
BLOCK_MAX_WORDS = 400
# A body shorter than this (characters) may be followed by a longer appeal block.
SHORT_BODY = 1500
# Headlines listed under a "READ MORE:" header: at most this many lines, each short.
LINK_LINES_MAX = 3
LINK_LINE_MAX_WORDS = 20
# Items of a marked list ("-- Headline (Outlet)") under such a header: more, and longer.
LINK_ITEMS_MAX = 12
LINK_ITEM_MAX_WORDS = 30
_LIST_MARK = re.compile(r"^(?:--?|[–—•*·▪])\s")


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
    while pos < len(raw):
        nl = raw.find("\n", pos)
        end = len(raw) if nl < 0 else nl + 1
        lines.append(_Line(pos, end, raw[pos:end].strip()))
        pos = end
    return lines


def line_reason(content: str) -> str | None:
    """The boilerplate reason of one stripped line, or ``None`` when it is article text."""
    lowered = content.lower()
    for reason, pattern, needles in RULES:
        if needles and not any(needle in lowered for needle in needles):
            continue
        if pattern.search(content):
            return reason
    return None


def _block_start(raw: str, lines: list[_Line]) -> int | None:
    """Index of the line that opens a trailing appeal block, or None.

    A block counts only in the last part of the text, when it is short and when the
    appeal vocabulary is dense in it, so an article *about* donations is not truncated.
    """
    content = [i for i, line in enumerate(lines) if not line.blank]
    if len(content) < 2:
        return None
    for i in content[1:]:
        # In the last part of the text, unless the article before it is short (a brief
        # followed by a long appeal): the density test below then decides alone.
        if lines[i].start < len(raw) * BLOCK_TAIL_FRACTION and lines[i].start > SHORT_BODY:
            continue
        if not any(p.search(lines[i].content) for p in BLOCK_STARTS):
            continue
        tail = " ".join(lines[j].content for j in content if j >= i)
        words = len(tail.split())
        if words > BLOCK_MAX_WORDS:
            continue
        hits = sum(1 for p in BLOCK_WORDS if p.search(tail))
        if hits >= BLOCK_MIN_CUES and hits * 100 >= BLOCK_MIN_DENSITY * words:
            return i
    return None


def _is_link_title(content: str) -> bool:
    """A headline listed under a "Read more" header: short, no sentence-final period."""
    words = content.split()
    return 0 < len(words) <= LINK_LINE_MAX_WORDS and not content.endswith((".", ":", ";", ","))


def _link_items(lines: list[_Line], following: list[int], drop: dict[int, str]) -> list[int]:
    """The lines (indices from ``following``) listed under a "Read more" header: up to
    three headlines, or a longer list when its items carry a list mark ("-- ...")."""
    marked = bool(following) and bool(_LIST_MARK.match(lines[following[0]].content))
    limit = LINK_ITEMS_MAX if marked else LINK_LINES_MAX
    items: list[int] = []
    for j in following[:limit]:
        if j in drop:
            continue
        content = lines[j].content
        if marked:
            if not _LIST_MARK.match(content) or len(content.split()) > LINK_ITEM_MAX_WORDS:
                break
        elif not _is_link_title(content) or line_reason(content):
            break
        items.append(j)
    return items


# Where a line's own reason starts when text before it has another (line -> (raw offset,
# reason of the text before)): a photo caption glued before "Story Highlights".
Leads = dict[int, tuple[int, str]]
# Where article text starts on a dropped line (line -> raw offset): a one-line article
# glued after its photo credit or highlights (see ``clean.blocks``); the line is removed
# only up to there.
Tails = dict[int, int]


def _raw_offset(raw: str, line: _Line, at: int) -> int:
    """The raw offset of character ``at`` of ``line.content`` (the stripped line)."""
    segment = raw[line.start : line.end]
    return line.start + len(segment) - len(segment.lstrip()) + at


def _mark_blocks(raw: str, lines: list[_Line], drop: dict[int, str], leads: Leads,
                 tails: Tails) -> None:
    """Add the multi-line blocks of :mod:`communique.clean.blocks` to ``drop`` (not over
    lines an appeal block already took)."""
    for block in find_blocks([line.content for line in lines], line_reason):
        span = range(block.first, block.last + 1)
        if any(i in drop for i in span):
            continue
        for i in span:
            if not lines[i].blank:
                drop[i] = block.reason
        if block.lead_reason is not None:
            leads[block.first] = (_raw_offset(raw, lines[block.first], block.lead),
                                  block.lead_reason)
        if block.tail is not None:
            tails[block.last] = _raw_offset(raw, lines[block.last], block.tail)


def _mark_lines(raw: str, lines: list[_Line]) -> tuple[dict[int, str], Leads, Tails]:
    """Line index -> reason for every boilerplate line, the lines whose start has another
    reason (see :data:`Leads`) and those removed only up to their article text (see
    :data:`Tails`)."""
    drop: dict[int, str] = {}
    leads: Leads = {}
    tails: Tails = {}
    block = _block_start(raw, lines)
    if block is not None:
        for i in range(block, len(lines)):
            drop[i] = "appeal"
    _mark_blocks(raw, lines, drop, leads, tails)
    content = [i for i, line in enumerate(lines) if not line.blank and i not in drop]
    for pos, i in enumerate(content):
        if i in drop:
            continue
        reason = line_reason(lines[i].content)
        if reason:
            drop[i] = reason
            if reason in GLUED_REASONS:
                at = glued_lead(lines[i].content, line_reason)
                if at is not None:
                    tails[i] = _raw_offset(raw, lines[i], at)
        if LINK_HEADERS.match(lines[i].content):
            # "READ MORE:" followed by the linked headlines.
            for j in _link_items(lines, content[pos + 1 :], drop):
                drop[j] = "read-more"
    return drop, leads, tails


_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z0-9‘“'\"])")
_NAME_PART = re.compile(r"^(?:(?:[A-Z][\w.'’-]*|\([A-Z][\w.'’-]*\))\s){1,4}$")


def _teasers(raw: str, line: _Line) -> list[tuple[int, int]]:
    """Hover cards glued into a sentence, as raw (start, end) spans.

    The Hill prints a name's full form, three headlines and "MORE" right after the name
    ("President Trump Donald John TrumpGOP senators balk ... MORE said"). The card
    starts after the displayed surname ("Trump ") and runs to "MORE"; the surname is
    found where the full form's last word is glued to the first headline.
    """
    spans: list[tuple[int, int]] = []
    floor = line.start
    segment = raw[line.start : line.end]
    for match in TEASER_END.finditer(segment):
        end = line.start + match.end()
        lo = max(floor, end - TEASER_MAX)
        window = raw[lo:end]
        for glue in _GLUE.finditer(window):
            k = glue.start()
            ws = max(window.rfind(" ", 0, k), window.rfind("(", 0, k)) + 1
            surname = window[ws:k]
            if len(surname) < 2 or not surname[0].isupper() or not surname.isalpha():
                continue
            shown = window.rfind(surname + " ", max(0, ws - 80), ws)
            if shown < 0:
                continue
            full_name = window[shown + len(surname) + 1 : ws]
            if not _NAME_PART.match(full_name):
                continue
            start = lo + shown + len(surname)
            spans.append((start, end))
            floor = end
            break
    return spans


def _spans(raw: str, lines: list[_Line], drop: dict[int, str],
           leads: Leads | None = None, tails: Tails | None = None) -> list[Removal]:
    """Merge dropped lines into removals (same reason, only blank lines between); a line
    in ``leads`` first gives the text before its own reason a removal of its own; a line
    in ``tails`` ends its removal where its article text starts."""
    leads = leads or {}
    tails = tails or {}
    removed: list[Removal] = []
    i = 0
    while i < len(lines):
        if i not in drop:
            if not lines[i].blank:
                for start, end in _teasers(raw, lines[i]):
                    removed.append(Removal(start, end, raw[start:end], "link-teaser"))
            i += 1
            continue
        reason = drop[i]
        j = i
        k = i + 1
        while k < len(lines) and j not in tails:
            if lines[k].blank and k not in drop:
                k += 1
                continue
            if drop.get(k) == reason:
                j = k
                k += 1
                continue
            break
        # Take the blank lines after the run too, so that paragraphs around it keep
        # a single separator ("para\n\nAdvertisement\n\npara" -> "para\n\npara").
        last = j
        while (j not in tails and last + 1 < len(lines) and lines[last + 1].blank
               and last + 1 not in drop):
            last += 1
        start, end = lines[i].start, tails.get(last, lines[last].end)
        if i in leads:
            split, lead_reason = leads[i]
            removed.append(Removal(start, split, raw[start:split], lead_reason))
            start = split
        removed.append(Removal(start, end, raw[start:end], reason))
        i = last + 1
    return removed


def cut(raw: str, removed: list[Removal]) -> str:
    """``raw`` with the (sorted, disjoint) removed spans cut out and nothing else changed."""
    parts: list[str] = []
    pos = 0
    for removal in removed:
        parts.append(raw[pos : removal.start])
        pos = removal.end
    parts.append(raw[pos:])
    return "".join(parts)


def clean_text(raw: str) -> CleanResult:
    """Remove boilerplate from ``raw`` and find its title line, subheads and dateline.

    ``text`` is ``raw`` minus the removed spans (offsets into ``raw``); ``headings`` and
    ``dateline`` index ``text``; ``title`` is a copy of a leading title line, which
    stays in ``text``.
    """
    lines = _lines(raw)
    removed = _spans(raw, lines, *_mark_lines(raw, lines))
    removed.sort(key=lambda r: r.start)
    text = cut(raw, removed)
    title_span = find_title(text)
    headings = find_headings(text, title_span)
    return CleanResult(
        text=text,
        removed=removed,
        headings=headings,
        dateline=find_dateline(text, title_span),
        title=title_span.text if title_span else None,
    )
