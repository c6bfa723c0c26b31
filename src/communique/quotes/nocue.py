"""Attributions without a cue verb: a clause and a colon, a bare closing clause, a short
sentence naming the next speaker; and titles that are never quotations.

Each rule returns a :class:`~communique.quotes.cues.Frame` whose cue is the clause's verb and
whose speaker is its subject, so the assembler treats it like any other frame.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from communique.quotes.cues import Frame, Mention, mention_of
from communique.quotes.docindex import DocIndex, passage_words, words
from communique.quotes.marks import QuoteMarks

_TITLE_WORDS = 5
_TITLE_LEAD = re.compile(r"(?:\b(?:on|in|at)|\w['’]s)\s*$")
# A quotation attributed by a cue-less rule (a clause and a colon, a bare closing clause, a
# dash signature, a signed pull quote) needs this many words: shorter ones are labels and
# titles ("titled: "Scam.""). PolNeAR train (840 docs): 2 rather than 3 words, for all four
# rules at once, gained a two-word slogan ("had one message: "Dump Trump."") and lost nothing.
_MIN_PASSAGE_WORDS = 2
# A clause closing a quotation's sentence without a cue verb ("Hannity started.") is its
# attribution when it has at most this many words.
_TAIL_WORDS = 5
# A sentence introducing the next quotation by its speaker's name ("Bystrom agreed.").
_INTRO_WORDS = 10
# A signature after the closing mark: '"..." ― Sonya Herridge', '"..." — Jim Smith, Ohio.'
# (``[^\S\n]`` is a space or tab or a no-break space, common in pasted web text.)
_SIGNATURE = re.compile(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*((?:[A-Z][\w.'’-]*[^\S\n]?){1,5})\s*"
                        r"(?:[,.(\n]|$)")
# ... or on a line of its own after the quotation's paragraph ('"..."\n\n- Bernie Sanders.').
_SIGNATURE_LINE = re.compile(r"[^\S\n]*\n\s*[―—–-]{1,2}[^\S\n]*((?:[A-Z][\w.'’-]*[^\S\n]?){1,5})"
                             r"[^\S\n]*\.?[^\S\n]*(?:\n|$)")
# ... or on the last line inside the marks of a pull quote, with at most this many words.
_SIGNATURE_LINE_WORDS = 12
_QUOTE_TOKENS = frozenset({'"', "“", "”", "‘", "’", "''", "``"})


def is_title(q: QuoteMarks, text: str) -> bool:
    """A programme, book or slogan title after "on", "in", "at" or a possessive (CNN's "State
    of the Union", aired on "New Day."): capitalised, at most ``_TITLE_WORDS`` words."""
    body = " ".join(text[s:e] for s, e in q.parts)
    if not body[:1].isupper() or words(body) > _TITLE_WORDS:
        return False
    return bool(_TITLE_LEAD.search(text, max(0, q.open_at - 8), q.open_at))


def colon_clause(doc: Doc, q: QuoteMarks, index: DocIndex) -> Frame | None:
    """A clause with no cue verb that introduces the quotation with a colon: "Trump went even
    further: "..."", "She then addressed the supporters again: "..."", "The headline reads:
    "..."" (PolNeAR train annotates the colon itself as the cue 28 times). The clause's
    subject is the speaker; the verb stands as the cue."""
    lead = index.text[: q.open_at].rstrip()
    if not lead.endswith(":") or passage_words(index.text, q.parts) < \
            _MIN_PASSAGE_WORDS:
        return None
    colon = doc.char_span(len(lead) - 1, len(lead), alignment_mode="expand")
    if colon is None:
        return None
    verb = colon[0].head
    if verb.i > colon[0].i and colon[0].i > 0:
        # The parser hung the colon on the quotation: climb from the word before the colon
        # to the root of the clause left of it ("... was conclusive in its findings:").
        verb = doc[colon[0].i - 1]
        for _ in range(8):
            if verb.head is verb or verb.head.i >= colon[0].i:
                break
            verb = verb.head
    for _ in range(3):  # "responded pointedly, with a smile:": the colon hangs on "smile"
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or not (verb.i < colon[0].i):
        return None
    subject: Token | None = None
    node = verb
    for _ in range(3):  # "leaned in and boomed:": the subject of the first conjunct
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None or node.dep_ not in {"conj", "dep"} or \
                node.head.pos_ not in {"VERB", "AUX"}:
            break
        node = node.head
    if subject is None or subject.lower_ in {"there", "here"} or subject.i > colon[0].i:
        return None
    return Frame.of_word(verb, verb.lemma_.lower(), mention_of(subject, conjuncts=True))


def intro_sentence(doc: Doc, q: QuoteMarks, index: DocIndex) -> Frame | None:
    """A short sentence naming someone right before a cue-less quotation in the same
    paragraph ("Iowa State University's Dianne Bystrom agreed. "..."", "Franson Reneus, 18,
    disagrees. "...""): the named subject is the speaker."""
    s0 = index.sentence(q.open_at)
    if s0 == 0:
        return None
    prev = index.sents[s0 - 1]
    between = index.text[prev.end_char : q.open_at]
    if between.strip() or "\n" in between or index.paragraph(prev.start_char) != \
            index.paragraph(q.open_at):
        return None
    kept = [t for t in prev if not (t.is_punct or t.is_space)]
    if not kept or len(kept) > _INTRO_WORDS or any(t.text in _QUOTE_TOKENS for t in prev):
        return None
    verb = prev.root
    if verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN":
        return None
    return Frame.of_word(verb, verb.lemma_.lower(), mention_of(subject))


def tail_clause(doc: Doc, q: QuoteMarks, index: DocIndex) -> Frame | None:
    """A bare subject-and-verb clause closing the quotation's sentence with no cue verb
    (""...," Hannity started.", ""...," he went on."): its subject is the speaker."""
    text = index.text
    if q.close_at is None or text[q.close_at - 1 : q.close_at] not in {",", "?", "!", "."}:
        return None  # only a statement closed as one: ""...," X started.", not a name
    if text[q.outer_end : q.outer_end + 1].isalnum():
        return None  # '..."Later the council ...': a new sentence run on to the mark
    stop = text.find(".", q.outer_end, q.outer_end + 60)
    if stop < 0 or "\n" in text[q.outer_end : stop] or \
            passage_words(text, q.parts) < _MIN_PASSAGE_WORDS:
        return None
    tail = doc.char_span(q.outer_end, stop, alignment_mode="contract")
    if tail is None:
        return None
    kept = [t for t in tail if not (t.is_punct or t.is_space)]
    if not kept or len(kept) > _TAIL_WORDS:
        return None
    verb = next((t for t in kept if t.pos_ == "VERB"), None)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i in
                    {w.i for w in kept} and c.pos_ in {"PROPN", "PRON", "NOUN"}), None)
    if subject is None or subject.i > verb.i or subject.lower_ in {"it", "this", "that"}:
        return None
    return Frame.of_word(verb, verb.lemma_.lower(), mention_of(subject))


def dash_signature(doc: Doc, q: QuoteMarks, index: DocIndex) -> Frame | None:
    """The dash style: a quotation followed by a dash and a name ('"..." ― Sonya Herridge'),
    as in reader comments, epigraphs and vox pops. The name is the speaker, the dash the cue."""
    lead = index.text[index.paragraphs[index.paragraph(q.open_at)][0] : q.open_at].rstrip()
    if lead and lead[-1] not in ".?!:":
        return None  # a fragment in running text ('insisted he was "..." --Byline.')
    match = _SIGNATURE.match(index.text, q.outer_end) or \
        _SIGNATURE_LINE.match(index.text, q.outer_end)
    if match is None or passage_words(index.text, q.parts) < _MIN_PASSAGE_WORDS:
        return None
    start, end = match.start(1), match.end(1)
    while end > start and index.text[end - 1].isspace():
        end -= 1
    if index.text[end - 1] == "." and index.text[end - 2 : end - 1].islower():
        end -= 1  # the sentence's full stop, not an initial ("Steve Quinlan.")
    name = doc.char_span(start, end, alignment_mode="expand")
    dash = doc.char_span(q.outer_end, start, alignment_mode="expand")
    if name is None or dash is None or not any(t.pos_ == "PROPN" for t in name):
        return None
    cue = next((t for t in dash if t.is_punct), dash[0])
    head = name[-1]
    return Frame.of_word(cue, cue.text, Mention(start, end, index.text[start:end],
                                                (head.idx, head.idx + len(head.text))))


def signature_inside(doc: Doc, q: QuoteMarks, index: DocIndex) -> Frame | None:
    """A pull quote signed on its own last line inside the marks ('"I worry that ... tax
    cuts.\nDean Baker, Center for Economic and Policy Research."'): the passage is left open
    at its paragraph's end, and the next line, closed by the mark, names the speaker (up to
    its first comma). That line must be short, hold a proper noun and no verb; the line break
    is the cue. PolNeAR train (840 docs): +4 quoted attributions, 3 of them with the right
    speaker."""
    text = index.text
    if q.close_at is not None:
        return None
    p = index.paragraph(q.end - 1)
    if p + 1 >= len(index.paragraphs):
        return None
    lo, hi = index.paragraphs[p + 1]
    line = text[lo:hi].rstrip()
    if line[-1:] not in {'"', "”"} or not line[:1].isupper():
        return None
    end = lo + len(line) - 1
    while end > lo and text[end - 1] in ". ":
        end -= 1
    span = doc.char_span(lo, end, alignment_mode="expand")
    if span is None or not len(span) or words(text[lo:end]) > _SIGNATURE_LINE_WORDS or \
            any(t.text in _QUOTE_TOKENS for t in span):
        return None
    if not any(t.pos_ == "PROPN" for t in span) or any(t.pos_ in {"VERB", "AUX"} for t in span):
        return None
    if passage_words(text, q.parts) < _MIN_PASSAGE_WORDS:
        return None
    comma = text.find(",", lo, end)
    name = doc.char_span(lo, comma if comma > 0 else end, alignment_mode="expand")
    cue = doc.char_span(q.end, lo, alignment_mode="expand")
    if name is None or not len(name) or cue is None or not len(cue):
        return None
    return Frame.of_word(cue[-1], "signature", Mention.of_span(name))
