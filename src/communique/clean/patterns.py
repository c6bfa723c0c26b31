"""Patterns that identify boilerplate lines in news text.

Sources: the seed article's Moscow Times appeal and the boilerplate seen in the
AllSides sample (``../shared/data/news/allsides-sample.jsonl``). Each rule is a general
phrasing used across many outlets, never one article's sentence.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# (reason, pattern) pairs applied to one stripped line; the first match wins.
LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("advertisement", _rx(r"^(advertisement|advertising|sponsored( content)?|ad|story continues below( this)? (advertisement|ad))\s*[:.]?$")),
    ("newsletter", _rx(r"^(sign up|subscribe)\b.{0,120}\b(newsletter|email|inbox|updates|alerts)\b")),
    ("newsletter", _rx(r"\b(get|receive) (our|the) .{0,40}newsletter\b")),
    ("share", _rx(r"^(share|tweet|email|print|pin|follow)( this)?( (article|story|page|post))?( on (facebook|twitter|x|linkedin|whatsapp|reddit))?\s*[:.]?$")),
    ("share", _rx(r"^(follow|like) us on (facebook|twitter|x|instagram|telegram|youtube)\b")),
    ("share", _rx(r"^(share|comment)s?\s*\d*\s*$")),
    ("read-more", _rx(r"^(read more|related|recommended|more from|see also|watch|click here|related coverage|also read|read also|related stories|related articles)\b\s*[:>\-–—|]")),
    ("read-more", _rx(r"^(read more|related stories|related articles|recommended|more stories)\s*\.?$")),
    ("read-more", _rx(r"^click here\b.{0,120}$")),
    ("photo-credit", _rx(r"^(\(?photo|image|picture|video|file photo)( credit)?\s*(:|by\b).{0,150}$")),
    ("photo-credit", _rx(r"^.{0,200}\((AP|AFP|Reuters|Getty Images|EPA|Bloomberg)( Photo)?(/[^)]{1,80})?\)\s*$")),
    ("photo-credit", _rx(r"^(image copyright|image caption|getty images|ap photo|afp photo|reuters/)\b.{0,150}$")),
    ("appeal", _rx(r"^remind me later\.?$")),
    ("appeal", _rx(r"^(support|donate to) (independent|our|quality) journalism\b.{0,120}$")),
    ("appeal", _rx(r"^(please )?(consider )?(donate|subscribe|become a (member|subscriber|supporter))\b.{0,80}$")),
    ("copyright", _rx(r"^(©|\(c\)|copyright)\s*\d{4}\b.{0,200}$")),
    ("copyright", _rx(r"^all rights reserved\.?$")),
    ("copyright", _rx(r"\bmay not be (published|reproduced), broadcast, rewritten,? or redistributed\b")),
]

# A line that opens a trailing appeal block.
BLOCK_STARTS: list[re.Pattern[str]] = [
    _rx(r"^a message from\b.{0,80}:?$"),
    _rx(r"^dear (readers?|friends?|subscribers?),?$"),
    _rx(r"^(support|help|fund) (our|independent|the) (journalism|reporting|work)\b"),
    _rx(r"^(we|you) (need|rely on) (your|readers'?) (help|support)\b"),
    _rx(r"^(before you go|one more thing|thank you for reading)\b"),
]

# Vocabulary counted in a candidate block (distinct cues, not occurrences).
BLOCK_WORDS: list[re.Pattern[str]] = [_rx(p) for p in (
    r"\bdonat(e|ion|ions)\b", r"\bsupport (us|our)\b", r"\byour support\b", r"\bmonthly\b",
    r"\bcontribution\b", r"\bindependent journalism\b", r"\bsubscri(be|ption)\b",
    r"\bremind me later\b", r"\bdear readers?\b", r"\bthank you\b", r"\bmake a (gift|difference)\b",
    r"\bour (work|journalists|staff|reporting)\b", r"\bjust \$\d", r"\bwe need your help\b",
    r"\bmakes? a (significant|world of) (impact|difference)\b", r"\bstanding with us\b",
)]
