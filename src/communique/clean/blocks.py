"""Boilerplate that spans several lines: photo galleries, "Story highlights" and embedded
social-media posts whose text sits on a line of its own.

Line rules (:mod:`communique.clean.patterns`) judge one line at a time; these blocks need
the lines around them:

``gallery``     CNN galleries scraped as text: "Photos: <title>" followed by slides, each a
                caption and a counter "Hide Caption 3 of 12", up to the line that ends
                with the last counter ("Hide Caption 12 of 12"). Captions run over line
                breaks, so the block is every line from the opening one to that end.
                NPR slideshows likewise: "Hide caption ..." and "Previous Next ..." lines
                up to the one ending "1 of 10 i View slideshow".
                Their dates ("on March 16", "in 2001") are the photos', not the story's:
                left in, they dated events of the article by its gallery.
``highlights``  "Story highlights" (CNN, USA TODAY): a summary of the article printed
                above it, the header line and up to three short items after it. On USA
                TODAY pages the header is glued to the lead photo's caption ("... (Photo:
                AP) Story Highlights ..."): the caption before it is cut as ``photo``.
``embed``       a tweet whose signature "— Name (@handle) March 3, 2019" stands on its
                own line takes the line of text before it; a Guardian-style embed
                "Name (@handle) text" takes the next line when that line ends with the
                tweet's link (``pic.twitter.com/...``, ``t.co/...``).

Texts whose paragraphs were joined on one line keep each line break as a run of two or
more spaces. A one-line article can then open with its photo credit, caption, video
caption or highlights and go on with its first sentence ("Image copyright AFP  The
president said on Monday that ..."): only the opening is boilerplate. :func:`glued_lead`
and the ``tail`` of a highlights block say where the article's text starts on such a
line, when what follows is a sentence of article text (:func:`is_lead`); otherwise the
whole line goes, as before.

Every function takes the stripped lines (``""`` for a blank line) and returns
:class:`Block` objects indexing them; :mod:`communique.clean.boilerplate` turns them into
removals with raw offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from communique.clean.patterns import EMBED_SIGNATURE, GLUED_PHOTO, TWEET_LINK

# A gallery opens on a line starting "Photos:" (CNN prints the title twice, sometimes as
# "Photos: Photos: <title>") and numbers its slides "Hide Caption k of M".
_GALLERY_OPEN = re.compile(r"^Photos?:\s")
_COUNTER = re.compile(r"\bHide Caption (\d{1,4}) of (\d{1,4})\b")
# A gallery's captions rarely run over more line breaks than this per slide.
_GALLERY_LINES_PER_SLIDE = 4
# NPR slideshows: slides "Hide caption <caption> Previous Next <credit>" (the credit
# sometimes on a line of its own), the last ending "1 of 10 i View slideshow".
_SLIDE = re.compile(r"^(?:Hide caption|Previous Next)\b", re.IGNORECASE)
_SLIDESHOW_END = re.compile(r"\b\d{1,3} of \d{1,3} i View slideshow$", re.IGNORECASE)

_HIGHLIGHTS = re.compile(r"\bstory highlights\b:?\s*", re.IGNORECASE)
# CNN prints at most four highlights, USA TODAY three; each is a short line.
HIGHLIGHTS_MAX_ITEMS = 4
HIGHLIGHT_MAX_WORDS = 25

# An embedded tweet's text: at most 280 characters, plus links spelled out and the
# "Skip Twitter post by @x" lead-in some sites print.
TWEET_MAX_CHARS = 360
_NAME_MAX_CHARS = 80
# "Kofi Annan (@KofiAnnan) It is with ..." (The Guardian): a name of one to six
# capitalised words, the handle, and the post starting as a sentence does; "Jane Doe
# (@janedoe) is a professor ..." (an author's bio) goes on in lower case and is kept.
_NAMED_EMBED = re.compile(
    r"^(?:[A-Z][\w.'’-]*\s){0,5}[A-Z][\w.'’-]*\s\(@\w{1,15}\)\s+(?=[A-Z0-9@#.“\"‘'])"
)


# A line break collapsed into spaces: two or more spaces split a line as a break would.
COLLAPSED_BREAK = re.compile(r"\s{2,}")
# Line reasons whose text may open a one-line article (see the module docstring).
GLUED_REASONS = ("photo", "media")
# A sentence of article text after a glued opening: at least this many words before the
# next collapsed break, starting as a sentence does, and no boilerplate itself.
LEAD_MIN_WORDS = 6
_SENTENCE_START = re.compile(r"^[A-Z0-9“\"‘'(]")


@dataclass(frozen=True)
class Block:
    """Lines ``first`` to ``last`` (inclusive, blank lines between included) removed with
    ``reason``. With ``lead`` set, only the first line's text from character ``lead`` on
    has ``reason``; what comes before it is removed as ``lead_reason``. With ``tail`` set,
    the last line's text from character ``tail`` on is article text and kept."""

    first: int
    last: int
    reason: str
    lead: int = 0
    lead_reason: str | None = None
    tail: int | None = None


def is_lead(text: str, line_reason: Callable[[str], str | None]) -> bool:
    """True when ``text`` (the rest of a line after a glued opening) reads as article text:
    "The president said on Monday that talks would resume." is; "U.S." (too short),
    "speaks at a rally" (starts in lower case) and "(AP Photo/Jane Doe)" (a credit) are
    not."""
    first = COLLAPSED_BREAK.split(text, maxsplit=1)[0]
    return (len(first.split()) >= LEAD_MIN_WORDS and bool(_SENTENCE_START.match(text))
            and line_reason(text) is None)


def glued_lead(line: str, line_reason: Callable[[str], str | None]) -> int | None:
    """Where article text starts on a line that ``line_reason`` judges a photo credit or
    caption or video furniture (:data:`GLUED_REASONS`), or None when the whole line is
    that.

    "Image copyright AFP  Image caption Crowds filled the square  The president said on
    Monday that ..." -> the start of "The president": the first collapsed break whose
    text before is boilerplate and whose text after is a sentence (:func:`is_lead`). With
    single spaces only a credit and a caption that ends a sentence can be told from the
    text after them (``patterns.GLUED_PHOTO``)."""
    for match in COLLAPSED_BREAK.finditer(line):
        if (line_reason(line[:match.start()]) in GLUED_REASONS
                and is_lead(line[match.end():], line_reason)):
            return match.end()
    photo = GLUED_PHOTO.match(line)
    if photo and is_lead(line[photo.end():], line_reason):
        return photo.end()
    return None


def _next_content(lines: Sequence[str], i: int, step: int = 1) -> int | None:
    """Index of the next (``step=-1``: previous) non-blank line after ``i``, or None."""
    j = i + step
    while 0 <= j < len(lines):
        if lines[j]:
            return j
        j += step
    return None


def _gallery_end(lines: Sequence[str], first: int) -> int | None:
    """Index of the line that closes the gallery opened at ``first``, or None when the
    slides do not count up to a final "Hide Caption M of M" at the end of a line."""
    counters = list(_COUNTER.finditer(lines[first]))
    if not counters or counters[0].group(1) != "1":
        return None
    total = int(counters[0].group(2))
    last_seen = 0
    limit = min(len(lines), first + _GALLERY_LINES_PER_SLIDE * total + 1)
    for j in range(first, limit):
        for match in _COUNTER.finditer(lines[j]):
            index, of = int(match.group(1)), int(match.group(2))
            if of != total or index < last_seen:
                return None
            last_seen = index
            if index == total and match.end() == len(lines[j]):
                return j
    return None


def _slideshow_end(lines: Sequence[str], first: int) -> int | None:
    """Index of the line that closes the NPR slideshow opened at ``first`` ("... 1 of 10 i
    View slideshow"), or None when a line of another kind comes first."""
    for j in range(first, len(lines)):
        if not lines[j]:
            continue
        if not _SLIDE.match(lines[j]):
            return None
        if _SLIDESHOW_END.search(lines[j]):
            return j
    return None


def galleries(lines: Sequence[str]) -> list[Block]:
    """Photo galleries scraped as text (see the module docstring)."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        end = None
        if _GALLERY_OPEN.match(lines[i]):
            end = _gallery_end(lines, i)
        elif _SLIDE.match(lines[i]):
            end = _slideshow_end(lines, i)
        if end is not None:
            blocks.append(Block(i, end, "gallery"))
            i = end + 1
            continue
        i += 1
    return blocks


def highlights(lines: Sequence[str], line_reason: Callable[[str], str | None]) -> list[Block]:
    """"Story highlights" headers and their items (see the module docstring).

    ``line_reason`` judges the text before a header that does not open its line: the
    header counts there only when that text is a photo caption.
    """
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        # A plain substring test first: a regular-expression search of every line
        # doubled the time cleaning takes.
        if "ighlights" not in line and "IGHLIGHTS" not in line:
            continue
        match = _HIGHLIGHTS.search(line)
        if not match:
            continue
        lead, lead_reason = match.start(), None
        if lead:
            lead_reason = line_reason(line[:lead].rstrip())
            if lead_reason != "photo":
                continue
        last = i
        items, periods, tail = _items_on_header_line(line, match.end(), line_reason)
        if tail is not None:
            blocks.append(Block(i, i, "highlights", lead, lead_reason, tail))
            continue
        j = _next_content(lines, i)
        while j is not None and items < HIGHLIGHTS_MAX_ITEMS:
            item = lines[j]
            if len(item.split()) > HIGHLIGHT_MAX_WORDS:
                break
            ends_period = item.endswith(".")
            if periods is None:
                periods = ends_period
            elif ends_period and not periods:
                break
            items += 1
            last = j
            j = _next_content(lines, j)
        if items:
            blocks.append(Block(i, last, "highlights", lead, lead_reason))
    return blocks


def _is_item(item: str, periods: bool | None) -> bool:
    """A highlight: short, and ending with a period only where the first one does (USA
    TODAY); on CNN a line ending with a period is the article's first paragraph."""
    if len(item.split()) > HIGHLIGHT_MAX_WORDS:
        return False
    return not (item.endswith(".") and periods is False)


def _items_on_header_line(line: str, start: int, line_reason: Callable[[str], str | None]
                          ) -> tuple[int, bool | None, int | None]:
    """The highlights on a header line from ``start`` on: (items, whether they end with a
    period, ``tail``). The items are split at collapsed breaks; ``tail`` is where article
    text starts on the line when a part after the header is no highlight but a sentence
    (:func:`is_lead`), else None. "Story highlights Talks stall in Brussels  Ministers
    failed to agree on Monday." -> one item, then the lead kept; a header glued to a lead
    of more than :data:`HIGHLIGHT_MAX_WORDS` words keeps all of it but the header."""
    parts = [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", line[start:])]
    if not parts:
        return 0, None, None
    items = 0
    periods: bool | None = None
    for offset, part in parts:
        ends = (items >= HIGHLIGHTS_MAX_ITEMS or not _is_item(part, periods)) if items \
            else len(part.split()) > HIGHLIGHT_MAX_WORDS
        if ends:
            if is_lead(line[start + offset:], line_reason):
                return items, periods, start + offset
            # Not a sentence either: the rest of the line is one more highlight.
            return max(items, 1), parts[0][1].endswith("."), None
        items += 1
        if periods is None:
            periods = part.endswith(".")
    return items, periods, None


def embeds(lines: Sequence[str]) -> list[Block]:
    """Embedded posts spread over two lines (see the module docstring); posts on one
    line are the ``embed`` line rules' business."""
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        signature = EMBED_SIGNATURE.match(line)
        if signature and signature.end() == len(line):
            # "— Name (@handle) March 3, 2019" alone: the post is the line before.
            before = _next_content(lines, i, -1)
            if (before is not None and len(lines[before]) <= TWEET_MAX_CHARS
                    and "(@" not in lines[before]):
                blocks.append(Block(before, i, "embed"))
            continue
        if _NAMED_EMBED.match(line) and len(line) <= TWEET_MAX_CHARS + _NAME_MAX_CHARS:
            after = _next_content(lines, i)
            last = i
            if (after is not None and len(lines[after]) <= TWEET_MAX_CHARS
                    and TWEET_LINK.search(lines[after]) and "(@" not in lines[after]):
                last = after
            blocks.append(Block(i, last, "embed"))
    return blocks


def find_blocks(lines: Sequence[str], line_reason: Callable[[str], str | None]) -> list[Block]:
    """Galleries, highlights and two-line embeds, sorted, none overlapping an earlier
    one (galleries first: their captions may quote a tweet)."""
    taken: set[int] = set()
    kept: list[Block] = []
    for block in (*galleries(lines), *highlights(lines, line_reason), *embeds(lines)):
        span = set(range(block.first, block.last + 1))
        if span & taken:
            continue
        taken |= span
        kept.append(block)
    return sorted(kept, key=lambda b: b.first)
