"""Structure of clean text: title line, subheads (headings) and the dateline.

All three are found on the clean text with plain string rules (no NLP: cleaning runs
before spaCy and must stay cheap). Offsets of headings and the dateline index the
clean text.

Layout conventions seen in scraped bodies (seed article, AllSides sample): paragraphs
are lines, separated by one or two line breaks; the body may open with a title line,
bylines ("Kim Hjelmgaard" / "USA TODAY") and a dateline paragraph; subheads are short
lines between paragraphs, in Title Case, ALL CAPS, quoted (the Moscow Times style
'Vassalage to China') or sentence case without a verb ("More scrutiny under Obama").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from communique.article import Span

# ---------------------------------------------------------------------------- lines


@dataclass
class _Line:
    start: int  # offset of the stripped content in the text
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split()


def _content_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        out.append(_Line(start, start + len(stripped), stripped))
    return out


_SENTENCE_END = re.compile(r"[.!?…:;,]$")


def _is_paragraph(line: _Line) -> bool:
    """Body text: a long line, or a sentence-like line that ends with punctuation.

    Measured on the AllSides sample: subheads have at most 12 words; a one-line
    paragraph with fewer than 5 words is almost always a kicker or a label.
    """
    n = len(line.words)
    if n >= 13:
        return True
    end = line.text.rstrip("\"'”’)»")
    return n >= 5 and bool(_SENTENCE_END.search(end))


# ---------------------------------------------------------------------------- title

_BYLINE = re.compile(
    r"^(?:by|written by|reporting by|photos? by|posted by|from|contributing|contributed by|"
    r"additional reporting|editing by|source|sources|story highlights|updated|published)\b"
    r"|@|^(?:[A-Z][\w.'’-]+,? ){1,3}(?:and|&) (?:[A-Z][\w.'’-]+ ?){1,3}$",
    re.IGNORECASE,
)


def find_title(text: str) -> Span | None:
    """A leading short line with no final punctuation followed by body text is a title.

    Not when the text is a single line, nor for byline-like lines ("By ...", "A and
    B") or one- and two-word lines (names, outlet labels such as "USA TODAY").
    """
    lines = _content_lines(text)
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first.words) < 3 or len(first.words) > 30 or len(first.text) > 220:
        return None
    inner = first.text.strip("'‘’\"“”")
    if not inner or inner[-1] in ".!:;,…)" or _BYLINE.search(first.text):
        return None
    if _DATELINE.match(first.text) or _LIST_ITEM.match(first.text):
        return None
    if any(c in first.text for c in "|/@") or first.text.startswith(("KEY POINTS", "Series:")):
        return None
    # A sentence-case headline ("China says Beijing, US to lift tariff hikes") is short
    # and has no sentence break inside; a longer line is a standfirst or the lead
    # ("For the past month ... Is America going to war with Iran?").
    sentence_like = len(first.words) > 15 or inner.endswith("?") or re.search(r"[.?!] ", inner)
    if sentence_like and not _title_case(first.words):
        return None
    if not any(_is_paragraph(line) for line in lines[1:]):
        return None
    return Span(first.start, first.end, first.text)


# -------------------------------------------------------------------------- headings

_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►◦>]|\d{1,3}[.)]\s|[a-z][.)]\s|\(\w{1,3}\)\s)")
_QUOTES = "'‘’\"“”«»"
# Function words and finite-verb cues of a sentence. A sentence-case line with one of
# them is a sentence, not a subhead ("He said no", "Officials will meet").
_SENTENCE_CUES = frozenset({
    "i", "we", "he", "she", "they", "it", "you", "this", "these", "those", "there", "is",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "should", "may", "might", "must", "shall", "said", "says", "say", "do",
    "does", "did", "told", "tells", "asked", "wants", "wanted", "according"
})
_WH = frozenset({
    "what", "why", "how", "who", "where", "when", "which", "whose", "is", "are", "can",
    "does", "do", "should", "will"
})
_PERSONAL = frozenset({
    "i", "me", "my", "we", "us", "our", "you", "your"
})
_SMALL = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for",
    "from", "by", "with", "as", "vs", "vs.", "v.", "via", "per", "into", "over", "after",
    "before", "under", "about", "amid", "than"
})
# "Kyle Smith, National Review", "Chris Cillizza and Harry Enten, CNN".
_NAME_COMMA_OUTLET = re.compile(
    r"^[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|and|&))+, [A-Z][\w.'’ -]*$"
)
# Bare names ("Julian Zelizer") are left alone on purpose: in the AllSides sample they
# head each contributor's section of opinion round-ups as often as they are credits, and
# a name filter also rejected real Title-Case subheads ("Trade Dispute", "Unfair Practices").


def _title_case(words: list[str]) -> bool:
    """Every word capitalised except small function words ("Vassalage to China" counts)."""
    letters = [w for w in words if any(c.isalpha() for c in w)]
    if not letters:
        return False
    for w in letters:
        core = w.strip(_QUOTES + "()[],-–—")
        if not core or core.lower() in _SMALL:
            continue
        if not (core[0].isupper() or core[0].isdigit()):
            return False
    return True


def _is_heading(line: _Line) -> bool:
    text = line.text
    words = line.words
    if not words or len(words) > 12 or len(text) > 90 or not any(c.isalpha() for c in text):
        return False
    if _LIST_ITEM.match(text) or _BYLINE.search(text) or _NAME_COMMA_OUTLET.match(text):
        return False
    if any(c in text for c in "=+<>|{}[]/@"):  # data, markup, credits, handles
        return False
    quoted = text[0] in _QUOTES and text[-1] in _QUOTES
    inner = text.strip(_QUOTES).strip()
    if not inner or not (inner[0].isupper() or inner[0].isdigit()):
        return False
    if inner[-1] in ".!:;,…)" or inner.endswith(("...", "—", "-", "–")):
        return False
    lowered = [w.strip(_QUOTES + ",?").lower() for w in inner.split()]
    caps = inner.upper() == inner
    if inner.endswith("?"):
        # A question is a subhead when it is shouted or short and opens with a
        # question word ("What is Theresa May asking for?"); "But how much ...?" is not.
        # Questions put to the reader ("Which do you think ...?") are prose.
        personal = any(w in _PERSONAL for w in lowered)
        return caps or (len(words) <= 8 and lowered[0] in _WH and not personal)
    if caps:
        return len(words) >= 1 and sum(c.isalpha() for c in inner) >= 4
    if quoted and lowered[0] in _SENTENCE_CUES:
        return False
    if _title_case(inner.split()):
        return True
    # Sentence case: a short phrase with no finite-verb or pronoun cue.
    return len(words) <= 8 and not any(w in _SENTENCE_CUES for w in lowered)


def find_headings(text: str, title: Span | None = None) -> list[Span]:
    """Subheads: short non-sentence lines between body paragraphs.

    Only after the first body paragraph (before it come the title, kicker and
    bylines), and only when the next line is a paragraph again: a run of short lines
    is a list or a link block, not a heading.
    """
    lines = _content_lines(text)
    # A short line that recurs in the article is a speaker label ("Sean Illing" in an
    # interview transcript) or widget text, not a section title: subheads are unique.
    seen = Counter(line.text for line in lines)
    headings: list[Span] = []
    body_started = False
    for i, line in enumerate(lines):
        if title is not None and line.start == title.start:
            continue
        if not body_started:
            body_started = _is_paragraph(line)
            continue
        if i + 1 >= len(lines) or not _is_paragraph(lines[i + 1]):
            continue
        if not _is_paragraph(lines[i - 1]):
            continue
        if seen[line.text] > 1 or not _is_heading(line):
            continue
        headings.append(Span(line.start, line.end, line.text))
    return headings


# -------------------------------------------------------------------------- dateline

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_AGENCY_NAMES = (
    r"(?:AP|Reuters(?: Breakingviews)?|AFP|CNN|Xinhua|UPI|Bloomberg|CNSNews\.com|TASS|"
    r"Kyodo|Yonhap|dpa|ANI|PTI|IANS|NHK|Sputnik|RIA Novosti|Interfax|CNBC|AAP|JTA|RNS|"
    r"CBS News|ABC News|NBC News|Fox News|The Hill|VOA|WNS|BP|MarketWatch)"
)
_SEP = r"\s?(?:—|–|--|-)(?=\s|[A-Z\"“])"
_UP_WORD = r"[A-Z][A-Z.'’\-]+"
# Labels and acronyms that open sentences with a dash but are not places.
_NOT_PLACES = (
    "FILE|UPDATE|UPDATED|BREAKING|EXCLUSIVE|ANALYSIS|OPINION|EDITOR|NOTE|CORRECTION|WATCH|"
    "NATO|ISIS|ISIL|FBI|CIA|NSA|NASA|OPEC|GOP|DNC|RNC|EU|UN|US|USA|UK|WHO|IMF|CDC|DOJ|DHS|ICE|"
    "IRS|EPA|FDA|SEC|NRA|ACLU|AIPAC|OK|AND|BUT|THE|SO|YES|NO"
)
_UP_PLACE = rf"(?!(?:{_NOT_PLACES})\b)" rf"{_UP_WORD}(?:\s{_UP_WORD}){{0,3}}"
_REGION = r"(?:,\s(?:[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+\.?)?|[A-Z]\.\s?[A-Z]\.|[A-Z]{2,}))?"
_DATE = rf"(?:,?\s{_MONTH}\s\d{{1,2}})?"
_AGENCY_ANY = r"(?:\s?\((?:" + _AGENCY_NAMES + r"|[A-Z][\w.&'’]{1,20})\))?"
_DATELINE = re.compile(
    r"(?P<dl>"
    # "MEXICO CITY (AP) —", "LONDON, May 3 (Reuters) -", "COLUMBIA, S.C. —"
    rf"{_UP_PLACE}{_REGION}{_DATE}{_AGENCY_ANY}{_SEP}(?=\s*[A-Z0-9\"“‘'])"
    # "Washington (CNN)", "Des Moines, Iowa (CNN) -": mixed case needs a known agency.
    rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}}(?:,\s[A-Z][a-z.]+(?:\s[A-Z][a-z.]+)?)?{_DATE}"
    rf"\s?\({_AGENCY_NAMES}\)(?:{_SEP})?"
    # "(CNN) —" with no place.
    rf"|\({_AGENCY_NAMES}\)(?:{_SEP})?"
    r")"
)


def find_dateline(text: str, title: Span | None = None) -> Span | None:
    """The dateline opening the first body paragraph, if any.

    Looked for at the start of each line up to and including the first body paragraph
    (bylines and the title come before it).
    """
    for line in _content_lines(text):
        if title is not None and line.start == title.start:
            continue
        match = _DATELINE.match(line.text)
        if match:
            lead = match.group("dl").rstrip()
            return Span(line.start, line.start + len(lead), lead)
        if _is_paragraph(line):
            return None
    return None
