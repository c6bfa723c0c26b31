"""Bylines under block quotes: the round-up layout of opinion digests.

A digest quotes a column in one or more paragraphs and then names its author on a line of
its own, the name and the outlet separated by a comma::

    "The strike was a necessary answer to years of provocation. ..."

    Jane Doe, The Daily Ledger

The quotation paragraphs above such a byline have no cue; without this rule they took the
last speaker named earlier (another columnist, or the digest's "The right argues").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from communique.quotes.cues import Mention
from communique.quotes.docindex import DocIndex
from communique.quotes.records import Attribution

# A byline is a short line: a name (or "Editorial Board") and an outlet.
_MAX_BYLINE_TOKENS = 12
# Words of a photo credit or caption line ("Courtesy UC, Irvine"), which names no author.
_CREDITS = frozenset({"courtesy", "photo", "photograph", "image", "credit", "source", "via",
                      "file", "illustration", "video"})
_BOARDS = frozenset({"editorial board", "the editorial board", "editors", "the editors",
                     "editorial", "the editorial"})


def byline(doc: Doc, lo: int, hi: int) -> Span | None:
    """The speaker named by the paragraph ``lo``..``hi`` when it is a byline ("Jane Doe, The
    Daily Ledger"; "Editorial Board, The Daily Ledger" names the outlet), else ``None``."""
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None or not 3 <= len(span) <= _MAX_BYLINE_TOKENS:
        return None
    text = span.text.strip()
    if not text[:1].isupper() or text[-1:] in {".", "!", "?", "\"", "”", ":"}:
        return None
    commas = [t for t in span if t.text == ","]
    if len(commas) != 1 or any(t.pos_ in {"VERB", "AUX"} or t.text in "\"“”" for t in span):
        return None
    name = doc[span.start : commas[0].i]
    outlet = doc[commas[0].i + 1 : span.end]
    if not len(name) or not len(outlet) or not outlet[0].text[:1].isupper():
        return None
    if any(t.lower_ in _CREDITS for t in span):
        return None
    if name.text.lower() in _BOARDS:
        return outlet
    if not all(t.pos_ == "PROPN" or t.is_punct or t.text[:1].isupper() for t in name):
        return None
    return name


def byline_speakers(doc: Doc, index: DocIndex, attributions: list[Attribution]) -> None:
    """Give the cue-less quotation paragraphs right above each byline the byline's name as
    their speaker (in place), also when they would continue the statement before them.
    The run stops at a paragraph holding anything else: a cue, a statement with a speaker,
    or no quotation at all."""
    by_paragraph: dict[int, list[Attribution]] = {}
    for attribution in attributions:
        # A quotation running over several paragraphs is in each of them.
        first = index.paragraph(attribution.parts[0][0])
        last = index.paragraph(max(end for _, end in attribution.parts) - 1)
        for number in range(first, last + 1):
            by_paragraph.setdefault(number, []).append(attribution)
    for number, (lo, hi) in enumerate(index.paragraphs):
        if number == 0 or number in by_paragraph:
            continue
        name = byline(doc, lo, hi)
        if name is None:
            continue
        above = number - 1
        while above >= 0 and index.text[slice(*index.paragraphs[above])].strip() == "":
            above -= 1
        while above >= 0:
            found = by_paragraph.get(above, [])
            if not found or any(a.frame is not None or a.speaker is not None
                                or a.kind != "direct" for a in found):
                break
            for attribution in found:
                # The byline outranks the speaker the paragraph would inherit from the
                # cue before it ("The left argues ..." introducing the round-up).
                attribution.speaker = Mention.of_span(name)
                attribution.inherited = None
            above -= 1
