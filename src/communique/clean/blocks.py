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

Every function takes the stripped lines (``""`` for a blank line) and returns
:class:`Block` objects indexing them; :mod:`communique.clean.boilerplate` turns them into
removals with raw offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from communique.clean.patterns import EMBED_SIGNATURE, TWEET_LINK

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


@dataclass(frozen=True)
class Block:
    """Lines ``first`` to ``last`` (inclusive, blank lines between included) removed with
    ``reason``. With ``lead`` set, only the first line's text from character ``lead`` on
    has ``reason``; what comes before it is removed as ``lead_reason``."""

    first: int
    last: int
    reason: str
    lead: int = 0
    lead_reason: str | None = None


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
        first_item = line[match.end():]
        last = i
        items = 1 if first_item else 0
        # Items end with a period only where the first one does (USA TODAY); on CNN a
        # line ending with a period is the article's first paragraph.
        periods: bool | None = first_item.endswith(".") if first_item else None
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
