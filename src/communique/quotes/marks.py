"""Find quoted passages from quotation marks alone, in one pass over the characters.

Handles straight and curly double quotes, single quotes used as quotation marks (only outside
double-quoted passages, where they are nested quotes), guillemets and low-9 openers. A
passage can run over several paragraphs when a paragraph opens a quote without closing it and
the next paragraph reopens it (the newspaper convention); those paragraphs become the parts of
one :class:`QuoteMarks`. Unbalanced marks are repaired locally, never for the whole document:
an opener left open at the end of a paragraph closes there, or before a lower-case inverted cue
that follows a sentence end (the closing mark lost); a second opener while one is open closes
the first at the last sentence end before it; a stray closer is ignored unless it ends a
continued passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN_D = frozenset("“„«")
_CLOSE_D = frozenset("”»")
_STRAIGHT_D = '"'
_OPEN_S = frozenset("‘")
_CLOSE_S_OR_APOS = frozenset("’'")
_ALL_MARKS = _OPEN_D | _CLOSE_D | _OPEN_S | _CLOSE_S_OR_APOS | {_STRAIGHT_D}
_OPEN_CONTEXT = frozenset(" \t([{—–-/:;")
_SENTENCE_END = frozenset(".?!")
# A sentence or clause end followed by a lower-case inverted cue and a name, inside an open
# quotation: where a lost closing mark stood ("... unlawful. said Ann Reyes, ...").
_LOST_CLOSER = re.compile(r"[.?!,]\s+(?:said|says|added|adds|wrote|writes|asked)\s+(?=[A-Z])")
# Content trimming: leading spaces; trailing spaces and the comma or colon that joins a
# quotation to its cue ("We will win," he said) are not part of the statement.
_TRAIL = frozenset(" \t,:;")
# Token texts of quotation marks as spaCy splits them, for the parse-side rules in ``cues``
# and ``fragments`` ("``" is the opener of text typed in the old TeX/PTB style).
OPENING_TOKENS = frozenset({'"', "“", "‘", "'", "``"})
CLOSING_TOKENS = frozenset({'"', "”", "’", "'"})


@dataclass
class QuoteMarks:
    """One quoted passage: content parts (character offsets) and the marks around them."""

    parts: list[tuple[int, int]]
    open_at: int
    close_at: int | None
    paragraphs: list[int] = field(default_factory=list)
    single: bool = False
    repaired: bool = False

    @property
    def start(self) -> int:
        """Offset of the first content character."""
        return self.parts[0][0]

    @property
    def end(self) -> int:
        """Offset just after the last content character."""
        return self.parts[-1][1]

    @property
    def outer_end(self) -> int:
        """Offset just after the closing mark (or the content end when it has none)."""
        return self.close_at + 1 if self.close_at is not None else self.end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` as (start, end) offsets: the article's paragraphs."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def _classify(text: str, i: int, lo: int, hi: int) -> str:
    """``open``, ``close`` or ``none`` for the mark at ``i`` inside a paragraph [lo, hi)."""
    ch = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    # Typed the wrong way round: "a fascist?“ he asked" closes, "”Isis declares" opens.
    if ch in _OPEN_D:
        if before in _SENTENCE_END | {","} and (after.isspace() or after in _ALL_MARKS):
            return "close"
        return "open"
    if ch in _CLOSE_D:
        if before in _OPEN_CONTEXT and after.isalpha() and ch != "»":
            return "open"
        return "close"
    if ch == _STRAIGHT_D:
        if before in _OPEN_CONTEXT or (before in _ALL_MARKS and after.isalnum()):
            return "open"
        if after.isspace() or not after.isalnum() or before in ".?!,;":
            return "close"  # also 'children!"Later': a run-on after the closing mark
        return "open"
    if ch in _OPEN_S:
        return "open" if not before.isalnum() else "none"
    # ’ or ' : apostrophe inside a word, elision ('90s, 'em) or a single closing mark.
    if before.isalnum() and after.isalnum():
        return "none"
    if before in _OPEN_CONTEXT and after.isalpha():
        return "open"
    if not before.isspace() and not after.isalnum():
        return "close"
    return "none"


def _scan(
    text: str,
    lo: int,
    hi: int,
    marks: list[int],
    carry: bool,
    segments: list[tuple[int, int | None, int, bool, bool]],
) -> bool:
    """Pair the marks of one paragraph; append (open, close, content_end, continued, repaired).

    ``carry`` says the previous paragraph left a quote open. Returns whether this paragraph
    leaves one open for the next.
    """
    open_at: int | None = None
    started_carried = False
    if carry:
        first = next((m for m in marks if _classify(text, m, lo, hi) == "open"), None)
        leading = text[lo:first].strip() if first is not None else None
        if first is not None and not leading:
            # The conventional reopening mark at the start of a continued paragraph.
            open_at = first
            started_carried = True
            marks = [m for m in marks if m != first]
        else:
            # A continued passage without a reopening mark runs up to its closer.
            open_at = lo - 1
            started_carried = True
    for m in marks:
        kind = _classify(text, m, lo, hi)
        if kind == "open" and open_at is not None and text[m] == _STRAIGHT_D and \
                (m + 1 >= hi or text[m + 1].isspace()):
            kind = "close"  # "... 'a flight to quality,' " he said": spaced after a nested mark
        if kind == "open":
            if open_at is None:
                open_at = m
                started_carried = False
                continue
            # Opener while one is open: the first was never closed. Close it at the last
            # sentence end before this mark, or just before the mark.
            cut = m
            for j in range(m - 1, open_at, -1):
                if text[j] in _SENTENCE_END:
                    cut = j + 1
                    break
            segments.append((open_at, None, cut, started_carried, True))
            open_at = m
            started_carried = False
        elif kind == "close" and open_at is not None:
            segments.append((open_at, m, m, started_carried, False))
            open_at = None
            started_carried = False
    if open_at is None:
        return False
    lost = _LOST_CLOSER.search(text, open_at + 1, hi)
    if lost is not None:
        # "“It is cruel and unlawful. said Ann Reyes, director of ...": the closing mark
        # was lost before an inverted cue; the quotation ends with its last sentence, and
        # the cue names its speaker.
        segments.append((open_at, None, lost.start() + 1, started_carried, True))
        return False
    # Open at the paragraph end: continued if the next paragraph reopens (decided by the
    # caller through the return value); the segment ends at the paragraph end either way.
    segments.append((open_at, None, hi, started_carried, False))
    return True


def find_quote_marks(text: str, excluded: list[tuple[int, int]] | None = None) -> list[QuoteMarks]:
    """Every quoted passage in ``text``, in order, with multi-paragraph passages joined.

    ``excluded`` spans (headings) are skipped entirely: a quoted subhead is not a quotation.
    """
    excluded = sorted(excluded or [])
    paragraphs = paragraph_spans(text)
    out: list[QuoteMarks] = []
    pending: QuoteMarks | None = None
    carry = False
    for p_index, (lo, hi) in enumerate(paragraphs):
        if any(s < hi and lo < e for s, e in excluded):
            pending, carry = None, False
            continue
        doubles: list[int] = []
        singles: list[int] = []
        for i in range(lo, hi):
            ch = text[i]
            if ch == _STRAIGHT_D or ch in _OPEN_D or ch in _CLOSE_D:
                doubles.append(i)
            elif ch in _OPEN_S or ch in _CLOSE_S_OR_APOS:
                singles.append(i)
        if not doubles and not singles and not carry:
            continue
        segments: list[tuple[int, int | None, int, bool, bool]] = []
        next_open = _next_paragraph_reopens(text, paragraphs, p_index)
        leaves_open = _scan(text, lo, hi, doubles, carry, segments)
        covered = [(s[0], s[2]) for s in segments]
        free = [m for m in singles if not any(a <= m < b for a, b in covered)]
        single_segments: list[tuple[int, int | None, int, bool, bool]] = []
        if free:
            _scan(text, lo, hi, free, False, single_segments)
            # A single mark left open is more often an apostrophe than a quotation: keep
            # only the single-quoted passages that close.
            single_segments = [s for s in single_segments if s[1] is not None]
        carry = leaves_open and next_open and _opens_statement(text, lo, segments[-1][0])
        for open_at, close_at, c_end, continued, repaired in sorted(segments + single_segments):
            is_single = (open_at, close_at, c_end, continued, repaired) in single_segments
            c_start, c_end2 = _trim(text, open_at + 1, c_end)
            if c_end2 <= c_start:
                continue
            unclosed_end = close_at is None and c_end == hi and not repaired
            if continued and pending is not None:
                pending.parts.append((c_start, c_end2))
                pending.paragraphs.append(p_index)
                pending.close_at = close_at
                quote = pending
            else:
                quote = QuoteMarks(
                    parts=[(c_start, c_end2)], open_at=open_at, close_at=close_at,
                    paragraphs=[p_index], single=is_single, repaired=repaired,
                )
                out.append(quote)
            if unclosed_end and not carry:
                quote.repaired = True
            pending = quote if (unclosed_end and carry) else None
    return out


def _opens_statement(text: str, lo: int, open_at: int) -> bool:
    """Whether a mark left open at a paragraph end can start a multi-paragraph quotation: it
    opens the paragraph, a sentence, or follows a cue's colon, comma or dash. A mark in the
    middle of a phrase ("The "reform passed ...") is a lost scare quote instead."""
    before = text[lo:open_at].rstrip()
    return not before or before[-1] in ".?!:,—–"


def _next_paragraph_reopens(text: str, paragraphs: list[tuple[int, int]], index: int) -> bool:
    if index + 1 >= len(paragraphs):
        return False
    lo, hi = paragraphs[index + 1]
    head = text[lo:hi].lstrip()
    return bool(head) and (head[0] in _OPEN_D or head[0] == _STRAIGHT_D or head[0] in _OPEN_S)
