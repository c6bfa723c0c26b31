"""Assemble quotes: match quoted passages with cue frames, resolve speakers, emit plain dicts.

Order of decisions for each quoted passage (see ``_attach``):

0. a short capitalised title after "on", "in", "at" or a possessive is skipped (CNN's "State
   of the Union"); a passage signed with a dash and a name ('"..." ― Maria Olsen') is that
   name's (:mod:`communique.quotes.nocue`);
1. a frame whose reported clause overlaps the passage ("Xi told Lavrov that China attached
   "great importance" ...") — a *mixed* quote when the clause has words outside the marks;
2. the nearest speech cue in the sentence holding the passage's end (cue after: ``"...," he
   said``) or start (cue before, colon style: ``He said: "..."``); a cue glued to the marks
   ("Issa continued, "Yes.""); a short cue sentence the parser split off right after the
   closing mark; a speech cue in the sentence before when it ends in a colon or dash (also
   across a paragraph break);
3. a name right before a colon or dash (``Lavrov: "..."``); a cue-less clause ending in a colon
   ("Trump went even further: "...""), or a bare subject and verb closing the quotation's
   sentence (""...," Hannity started.") — their subject speaks;
4. no cue: a short sentence naming someone right before the passage ("Bystrom agreed. "..."")
   gives its speaker; otherwise a passage that fills its sentence is more of the previous
   statement when only the cue clause separates them in the same paragraph (``"A," he said.
   "B."``: one quote, two parts), else a quote of its own with the previous quote's speaker when
   that quote is in the same or the previous paragraph; short passages with no cue are scare
   quotes or titles and are dropped, and so are repaired (unbalanced) passages with no cue.

Frames that no passage claimed become *indirect* (speech) or *belief* quotes when they have a
reported clause and a speaker, unless they sit inside another attribution's content (outermost
clause first). Last, paragraphs introduced by a short name and a colon (headline "Trump: ..."
and transcript "FALLIN: ..." conventions) are statements of that name.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Token

from communique.quotes.bylines import byline_speakers
from communique.quotes.cues import (
    Frame,
    Mention,
    frames_for_sentence,
    token_quoted_set,
)
from communique.quotes.docindex import (
    MIXED_MIN_OUTSIDE,
    DocIndex,
    passage_words,
    words,
    words_outside,
)
from communique.quotes.fragments import argument_phrase
from communique.quotes.lexicon import lexicon
from communique.quotes.marks import QuoteMarks, find_quote_marks
from communique.quotes.nocue import (
    colon_clause,
    dash_signature,
    intro_sentence,
    is_title,
    signature_inside,
    tail_clause,
)
from communique.quotes.parenthetical import aside_statement, reporter_resumes
from communique.quotes.records import SPEAKER_CARRY_PARAGRAPHS, Attribution, emit

_WORD = re.compile(r"\w+")
# A cue-less quoted passage is kept only when it fills at least this share of its sentence's
# characters and has at least this many words: "Russia is now locking itself into vassalage to
# China." passes, a scare-quoted "support" or a programme's name does not.
_FILL_SHARE = 0.6
_MIN_CUELESS_WORDS = 4
# A dateline opening a paragraph: "WASHINGTON (AP) —", "LONDON, Dec. 8 (UPI) —".
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'-]{2,40}(?:,[^\n(—–]{1,30})?(?:\s*\([^)\n]{1,30}\))?"
                       r"\s*[—–-]")
# "as to" and "when it comes to" mean "about": they go on with the statement ("doesn't
# "know the answer" as to why ...", "a "significant difference," when it comes to ...").
_TRAILER = re.compile(r"\s*(?:[(—–]|(?:as(?!\s+to\b)|while|which|when(?!\s+it\s+comes\b)|"
                      r"referring|saying|adding|citing|even(?=\s+(?:as|though|if|when|while|"
                      r"after|before|so)\b))\b)")
_ASIDE = re.compile(r"\s+-{1,2}\s|\s*[—–―]|,\s+(?:which|where|who|whom|whose)\b|"
                    r",\s+an?\s+(?:[a-z-]+\s+){0,2}?[a-z-]+\s+(?:that|which)\b")
_BARE_NAME = re.compile(r"^\s*((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*)\s*[:—–]\s*$")
# A passage opening the sentence after an attributed quotation continues it from this many
# words on; shorter ones are labels ("Trump"-style scare quotes) until measured otherwise.
_OPENING_WORDS = 4
_RELATIVE_OBJECTS = frozenset({"what", "which", "whom", "who", "that"})
_NEAR_OBJECT_WORDS = 4
# At most this many tokens of the cue's own phrases between a cue and the quotation it
# introduces with a comma or colon.
_CUE_PHRASE_TOKENS = 10
_WORD_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your|this|these|those)\s*$",
                          re.IGNORECASE)
_HEADLINE_LEAD_CHARS = 60
# A sentence of at most this many tokens right after a closing mark can be the quotation's
# cue clause split off by the parser ("Rubio said." / "said Marco Rubio, a senator.").
_CUE_CLAUSE_TOKENS = 12
_CUE_CLAUSE_EARLY = 6
# The preposition left before a relative clause's "which" ("..., to which ...").
_STRANDED_PREPOSITION = re.compile(r"[\s,]*\b(?:to|at|in|of|for|on|with|by)\s*$")
# Particles and adverbs that may stand between a cue and a quotation glued to it.
_PARTICLES = re.compile(r"\b(?:back|out|up|in|on|again|then|also|simply|only)\b", re.IGNORECASE)


def extract_quotes(doc: Doc) -> list[dict[str, Any]]:
    """All attributed statements of ``doc`` as ``communique/1`` quote dicts, in text order."""
    lex = lexicon()
    structure: dict[str, Any] = doc._.communique_structure or {}
    headings = [(int(h["start"]), int(h["end"])) for h in structure.get("headings", [])]
    index = DocIndex(doc)
    marks = find_quote_marks(index.text, headings)
    inside = sorted(part for q in marks for part in q.parts)
    quoted = token_quoted_set(doc, inside)
    dateline = _dateline(index.text, structure)
    frames_by_sent: list[list[Frame]] = []
    for sent in index.sents:
        if any(s < sent.end_char and sent.start_char < e for s, e in headings):
            frames_by_sent.append([])
            continue
        frames = frames_for_sentence(sent, lex, quoted)
        for frame in frames:
            if frame.speaker is not None and dateline is not None:
                frame.speaker = _after_dateline(doc, frame.speaker, dateline)
        frames_by_sent.append(frames)
    attributions = [a for a in _attach(doc, marks, frames_by_sent, index, headings)
                    if not _author_voice(a, inside)]
    entities: list[dict[str, Any]] | None = doc._.communique_entities
    return emit(doc, attributions, entities, index)


# Speakers that, outside quotation marks, are the author or the reader: "I know we've all
# become inured to Trump's insults", "You can imagine how much the French are going to
# enjoy that", "This suggests that Moon is cleared". The author's own words are no
# statement of a source (protocol, docs/annotation/speakers.md, ruling 11).
_AUTHOR_WORDS = frozenset({"i", "we", "you", "me", "us", "this"})


def _author_voice(attribution: Attribution, inside: list[tuple[int, int]]) -> bool:
    """True when an indirect statement's speaker is a first- or second-person pronoun (or
    "this") written outside every quotation: the article's own voice."""
    mention = attribution.speaker
    if attribution.kind not in ("indirect", "belief") or mention is None or \
            mention.refers is not None or mention.text.strip().lower() not in _AUTHOR_WORDS:
        return False  # "“I am not shy,” I said." quotes the author's own past words
    return not any(s <= mention.start < e for s, e in inside)


def _after_dateline(doc: Doc, mention: Mention, dateline: tuple[int, int]) -> Mention | None:
    """A speaker mention clear of the dateline. "WASHINGTON (AP) — Trump said ...": the parser
    may take the place for the subject (no speaker then) or fold the dateline into the
    subject phrase ("RENO, Nev. (AP) — Republican presidential hopeful Donald Trump says"),
    which keeps the words after it."""
    if not (mention.start < dateline[1] and dateline[0] < mention.end):
        return mention
    rest = doc.char_span(dateline[1], mention.end, alignment_mode="contract")
    named = [t for t in rest or () if not (t.is_punct or t.is_space)]
    if not named:
        return None
    kept = doc[named[0].i : named[-1].i + 1]
    head = mention.head if mention.head[0] >= dateline[1] else (
        kept[-1].idx, kept[-1].idx + len(kept[-1].text))
    return Mention(kept.start_char, kept.end_char, kept.text, head, mention.pronoun,
                   mention.refers)


def _dateline(text: str, structure: dict[str, Any]) -> tuple[int, int] | None:
    """The dateline span: from cleaning when it found one, else an "PLACE (AGENCY) —" opening."""
    given = structure.get("dateline")
    if given:
        return int(given["start"]), int(given["end"])
    match = _DATELINE.search(text)
    return (match.start(), match.end()) if match else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _char_span(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1].text)


def _pick_frame(doc: Doc, q: QuoteMarks, frames_by_sent: list[list[Frame]],
                index: DocIndex) -> tuple[Frame, str] | None:
    """The frame a passage belongs to and how it was found (``clause``, ``after``,
    ``before``, ``colon``), or ``None``."""
    s0, s1 = index.sentence(q.open_at), index.sentence(q.end - 1)
    candidates: list[Frame] = []
    for s in range(s0, s1 + 1):
        candidates.extend(frames_by_sent[s])
    # 0. a cue that introduces the passage with a colon, or from a relative clause right
    # before it, is its speaker's, however far an outer clause reaches ("She said that
    # experts ..., to which O'Malley interjected: "It's just not true."", "asked how likely
    # ..., to which 30 percent said "not very likely""); "said Americans will say "no""
    # stays the outer speaker's. PolNeAR train: +4 quoted attributions, one speaker fixed.
    for frame in candidates:
        gap = index.text[frame.cue_end : q.open_at].strip() if frame.cue_end <= q.open_at \
            else None
        if _governs(frame) and (gap == ":" or (
                gap in {",", ""} and frame.cue.dep_ == "relcl" and _usable(frame))):
            return frame, "before"
    # 1. the passage lies in a frame's reported clause; the outermost clause wins ("X agreed
    # to maintain "close exchanges", the readout said" belongs to the readout).
    governing: list[tuple[int, Frame]] = []
    for frame in candidates:
        if frame.content is None:
            continue
        c_start, c_end = _char_span(doc, frame.content)
        if _overlaps((c_start, c_end), (q.start, q.end)):
            governing.append((c_end - c_start, frame))
    if governing:
        return max(governing, key=lambda pair: pair[0])[1], "clause"
    # 2. nearest speech cue after the passage's end (same sentence) or before its start
    best: tuple[int, Frame, str] | None = None
    # ""... Bring the children!"Later the council confirmed": a word glued to a closing mark
    # that ends a sentence starts a new sentence the parser ran on; its cue is not this one's.
    run_on = index.text[q.end - 1 : q.end] in {".", "?", "!"} and \
        index.text[q.outer_end : q.outer_end + 1].isalnum()
    for frame in [] if run_on else frames_by_sent[s1]:
        if frame.cue.dep_ == "conj" and frame.cue.head.idx < q.open_at:
            continue  # "X called A "B" and proposed C": a second predicate, not the cue
        if frame.cue.idx >= q.outer_end and _usable(frame) and \
                "\n" not in index.text[q.outer_end : frame.cue.idx]:
            distance = frame.cue.idx - q.outer_end
            if best is None or distance < best[0]:
                best = (distance, frame, "after")
    for frame in frames_by_sent[s0]:
        if frame.cue_end > q.open_at or "\n" in index.text[frame.cue_end : q.open_at]:
            continue
        if _usable(frame) or _near_object(doc, frame, q) or (
                _governs(frame) and argument_phrase(frame.cue, [(q.start, q.end)]) is not None):
            distance = q.open_at - frame.cue_end
            if index.text[frame.cue_end : q.open_at].strip() in {",", ":"}:
                distance = -1  # "he replied, "..."": the introducing cue wins outright
            if best is None or distance < best[0]:
                best = (distance, frame, "before")
    if best is not None:
        return best[1], best[2]
    # 2b. a cue that needs a clause still takes a passage glued to it: "Issa continued, "Yes."",
    # ""Can you explain?" Boyle asked".
    for frame in frames_by_sent[s1] + frames_by_sent[s0]:
        if frame.according and frame.cue.idx >= q.outer_end and \
                not _WORD.search(index.text[q.outer_end : frame.cue.idx]):
            return frame, "glued"  # ""...," according to a transcript of the interview"
        if frame.according or frame.cls != "speech" or frame.speaker is None:
            continue
        if frame.cue.idx >= q.outer_end:
            gap = index.text[q.outer_end : frame.cue.idx]
        elif frame.cue_end <= q.open_at:
            gap = index.text[frame.cue_end : q.open_at]
        else:
            continue
        if frame.speaker is not None:
            gap = gap.replace(frame.speaker.text, " ")
        gap = _PARTICLES.sub(" ", gap)  # "Hillary shot back, "...""
        if not _WORD.search(gap) and "\n" not in gap:
            return frame, "glued"
        if frame.cue_end <= q.open_at and _cue_phrase_before(doc, frame, q, index.text):
            return frame, "glued"
    if s1 + 1 < len(index.sents):
        # ""... doesn't the media ask?" Rubio said.": the parser split the cue clause off.
        nxt = index.sents[s1 + 1]
        gap = index.text[q.outer_end : nxt.start_char]
        # A short sentence in the next paragraph, or one ending in a colon ("Cruz
        # continued:"), introduces the next quotation rather than closing this one.
        # A longer one still closes it when it runs on in lower case (""Power to the
        # people!" the group shouted from the street outside ...") and the cue comes early.
        short = len(nxt) <= _CUE_CLAUSE_TOKENS
        # (also after "!" or "?", which the parser takes for a sentence end: ""All the way!"
        # Dawson shouted, shorthand for ...").
        runs_on = nxt.text[:1].islower() or index.text[q.end - 1 : q.end] in {"!", "?"}
        if not gap.strip() and "\n" not in gap and (short or runs_on) and \
                nxt.text.rstrip()[-1:] not in {":", "—", "–"}:
            speech = [f for f in frames_by_sent[s1 + 1] if f.cls == "speech" and not f.according
                      and (short or f.cue.i - nxt.start < _CUE_CLAUSE_EARLY
                           or _only_speaker_before(f, nxt.start))]
            if speech:
                return speech[0], "after"
    if s0 > 0:
        prev = index.sents[s0 - 1]
        tail = prev.text.rstrip()
        between = index.text[prev.end_char : q.open_at].strip()
        if tail[-1:] in {":", "—", "–"} and not between:
            # Colon style, also across a paragraph break ("Breitbart News responded:").
            speech = [f for f in frames_by_sent[s0 - 1] if f.cls == "speech" and not f.according]
            if speech:
                return speech[-1], "colon"
    return None


def _only_speaker_before(frame: Frame, first: int) -> bool:
    """Whether nothing but the cue's subject phrase precedes the cue from token ``first`` on:
    ""Perpetual motion!" Rep. Glenn Thompson, R-Pa., said of the swirl ..." has a long name
    and title where ``_CUE_CLAUSE_EARLY`` counts tokens."""
    cue = frame.cue
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i != first:
        return False
    return all(t.is_punct or t.is_space or t.i <= subject.right_edge.i
               for t in cue.doc[first : cue.i])


def _cue_phrase_before(doc: Doc, frame: Frame, q: QuoteMarks, text: str) -> bool:
    """"Sanders asks at Western High School, "..."", "she told the crowd in Reno: "..."": only
    the cue's own phrases (its prepositions, time words, the person addressed) and a comma
    or colon stand between the cue and the opening mark."""
    gap_text = text[frame.cue_end : q.open_at]
    if "\n" in gap_text or gap_text.rstrip()[-1:] not in {",", ":"}:
        return False
    gap = doc.char_span(frame.cue_end, q.open_at, alignment_mode="contract")
    if gap is None or len(gap) > _CUE_PHRASE_TOKENS:
        return False
    cue = frame.cue
    return all(t.is_punct or t.is_space or (cue.is_ancestor(t) and t.pos_ not in {"VERB", "AUX"})
               for t in gap)


def _near_object(doc: Doc, frame: Frame, q: QuoteMarks) -> bool:
    """A cue that needs a clause still takes a passage within its own object phrase: "called
    Wall Street bankers "fat cats"", "branded the plan "a disaster"" — at most
    ``_NEAR_OBJECT_WORDS`` words and no verb or clause punctuation between cue and mark."""
    if frame.according or frame.cls != "speech" or frame.speaker is None:
        return False
    gap = doc.char_span(frame.cue_end, q.open_at, alignment_mode="contract")
    if gap is None:
        return False
    kept = [t for t in gap if not t.is_space]
    return len(kept) <= _NEAR_OBJECT_WORDS and not any(
        t.pos_ in {"VERB", "AUX"} or t.text in {",", ";", ":", "—", "–", "."} for t in kept)


def _governs(frame: Frame) -> bool:
    """A speech cue with a speaker takes a passage the parse puts in its object phrase, however
    long the phrase ("praised the work of his "tireless" staff"), where ``_near_object``
    allows four words. PolNeAR train: +20 quoted attributions matched, precision up."""
    return not frame.according and frame.cls == "speech" and frame.speaker is not None


def _usable(frame: Frame) -> bool:
    """Whether a frame may claim a nearby quotation it does not govern in the parse."""
    if frame.according:
        return False
    entry = frame.entry
    return entry is not None and entry.cls == "speech" and "needclause" not in entry.flags


def _bare_name(doc: Doc, q: QuoteMarks, index: DocIndex) -> tuple[Mention, tuple[int, int]] | None:
    """``Lavrov: "..."``, ``... surprise Republican pollster Daron Shaw: "..."`` — a name
    right before a colon or dash that opens the passage (no cue verb anywhere near)."""
    lead = index.text[: q.open_at].rstrip()
    if not lead or lead[-1] not in ":—–":
        return None
    cue_at = len(lead) - 1
    span = doc.char_span(cue_at, cue_at + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return None
    last = doc[span.start - 1]
    if last.pos_ != "PROPN" or "\n" in index.text[last.idx : q.open_at]:
        return _bare_line(doc, q, lead, cue_at, index)
    first = last
    while first.i > 0 and doc[first.i - 1].pos_ == "PROPN" and not doc[first.i - 1].is_punct:
        first = doc[first.i - 1]
    start, end = first.idx, last.idx + len(last.text)
    mention = Mention(start=start, end=end, text=index.text[start:end], head=(last.idx, end))
    return mention, (cue_at, cue_at + 1)


def _bare_line(doc: Doc, q: QuoteMarks, lead: str, cue_at: int,
               index: DocIndex) -> tuple[Mention, tuple[int, int]] | None:
    line_start = lead.rfind("\n") + 1
    match = _BARE_NAME.match(index.text[line_start : q.open_at])
    if match is None:
        return None
    start, end = line_start + match.start(1), line_start + match.end(1)
    mention = Mention(start=start, end=end, text=index.text[start:end], head=(start, end))
    return mention, (cue_at, cue_at + 1)


def _labelled_paragraphs(doc: Doc, index: DocIndex, attributions: list[Attribution],
                         headings: list[tuple[int, int]]) -> list[Attribution]:
    """Paragraphs introduced by a short name and a colon.

    ``Trump: Cruz Has a Long Way to Go.`` (the headline convention for "X says ...") becomes
    an indirect statement when nothing else was found in the line; a transcript line
    (``FALLIN: Well, I think ...``, the label in capitals) is the speaker's whole turn and
    replaces whatever was found inside it.
    """
    out = list(attributions)
    for lo, hi in index.paragraphs:
        colon = index.text.find(":", lo, min(hi, lo + _HEADLINE_LEAD_CHARS))
        if colon < 0 or any(s < hi and lo < e for s, e in headings):
            continue
        lead = doc.char_span(lo, colon, alignment_mode="contract")
        rest_start = colon + 1
        while rest_start < hi and index.text[rest_start].isspace():
            rest_start += 1
        rest_end = hi
        while rest_end > rest_start and index.text[rest_end - 1] in " .":
            rest_end -= 1
        if lead is None or len(lead) == 0 or len(lead) > 6 or words(
                index.text[rest_start:rest_end]) < 3:
            continue
        if not index.text[lo].isupper() or any(t.pos_ in {"VERB", "AUX"} for t in lead) or \
                not any(t.pos_ == "PROPN" or t.text.isupper() for t in lead):
            continue
        transcript = len(lead) <= 3 and all(t.text.isupper() for t in lead if t.is_alpha)
        inside = [a for a in out if a.parts[0][0] < hi and lo < a.parts[-1][1]]
        if inside and not transcript:
            continue
        out = [a for a in out if a not in inside]
        mention = Mention.of_span(lead)
        kind = "direct" if transcript else "indirect"
        out.append(Attribution(kind, [(rest_start, rest_end)], None, mention,
                                bare_cue=(colon, colon + 1)))
    return out


def _at_sentence_start(q: QuoteMarks, index: DocIndex) -> bool:
    """Whether nothing but space precedes the passage's opening mark in its sentence."""
    sent = index.sents[index.sentence(q.open_at)]
    return not index.text[sent.start_char : q.open_at].strip()


def _whole_sentence(q: QuoteMarks, index: DocIndex) -> bool:
    """Whether a passage opens its sentence and ends with the sentence's punctuation, however
    short ("Everybody sues, right?"); a fragment inside running text ("introducing Clinton as
    a "global leader ..."") is not."""
    return _at_sentence_start(q, index) and index.text[q.end - 1 : q.end] in {".", "?", "!"}


def _opens_sentence(q: QuoteMarks, index: DocIndex) -> bool:
    """Whether a passage of at least ``_OPENING_WORDS`` words opens its sentence, which goes
    on after it (""A," he said. "There have been some deniers, [but] 97 percent ... are in
    support" of the evidence ...": more of the statement, not a scare quote)."""
    return _at_sentence_start(q, index) and passage_words(index.text, q.parts) >= _OPENING_WORDS


def _fills_sentence(doc: Doc, q: QuoteMarks, index: DocIndex) -> bool:
    """Whether a passage is a statement of its own: it fills its sentence, or it is one or
    more whole sentences by its punctuation (it opens a sentence and ends in ".", "?" or "!"),
    which survives the parser running the sentence on ("...Hispanics!"Former ...")."""
    text = index.text
    if passage_words(text, q.parts) < _MIN_CUELESS_WORDS:
        return False
    lead = text[index.paragraphs[index.paragraph(q.open_at)][0] : q.open_at].rstrip()
    if (not lead or lead[-1] in ".?!:") and text[q.end - 1 : q.end] in {".", "?", "!"}:
        return True
    s0, s1 = index.sentence(q.open_at), index.sentence(q.end - 1)
    span_chars = index.sents[s1].end_char - index.sents[s0].start_char
    quoted = sum(e - s for s, e in q.parts)
    return span_chars > 0 and quoted / span_chars >= _FILL_SHARE and \
        passage_words(index.text, q.parts) >= _MIN_CUELESS_WORDS


_LEAD_SKIP = frozenset({"that", "and", "to", "on", "in", "at", "this", "week", "monday", "tuesday",
                        "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday",
                        "today", "also", "then", "later", "earlier", "he", "she", "they", "it"})


def _fragment_clause(doc: Doc, frame: Frame, q: QuoteMarks,
                     index: DocIndex) -> tuple[int, int] | None:
    """The reported clause around a quoted fragment the parse left unattached.

    ``Trump told a town hall that waterboarding is "peanuts," compared to ...``: when words
    other than the addressee, the channel, "that" and time words stand between the cue and the
    opening mark, the statement is the clause from the first of them to the end of the
    sentence, stopping at a coordinated verb of the cue ("and said ...").
    """
    cue = frame.cue
    sent = index.sents[index.sentence(q.open_at)]
    skip: set[int] = set()
    for mention in (frame.addressee, frame.channel):
        if mention is not None:
            skip.update(t.i for t in doc.char_span(mention.start, mention.end,
                                                   alignment_mode="expand") or ())
    lead = [t for t in doc[cue.i + 1 : sent.end] if t.idx < q.open_at and t.i not in skip
            and not t.is_punct and not t.is_space and t.lower_ not in _LEAD_SKIP
            and t.dep_ != "prt"]
    if len(lead) < 2 and not any(t.pos_ in {"VERB", "AUX"} for t in lead):
        return None  # one word is a clause only when it is its verb ("told X he was "...")
    start = lead[0].i
    # "tweeted in the early morning hours that Machado was "disgusting"": the clause starts
    # after a "that" followed by its subject, whatever adjunct the parser left before it.
    that = [t.i for t in doc[start : sent.end] if t.idx < q.open_at and t.lower_ == "that"
            and t.i + 1 < sent.end and doc[t.i + 1].pos_ in {"PROPN", "PRON", "DET", "NOUN"}
            and doc[t.i + 1].dep_ in {"nsubj", "nsubjpass", "det", "compound", "poss"}]
    if that:
        start = that[-1] + 1
    end = sent.end
    for t in doc[start : sent.end]:
        if t.idx > q.end and t.head.i == cue.i and t.dep_ in {"conj", "cc", "advcl",
                                                              "parataxis"}:
            end = t.i
            break
        if t.idx > q.end and t.lower_ == "according":
            end = t.i
            break
    while end > start + 1 and ((doc[end - 1].is_punct and doc[end - 1].text not in "\"”’'")
                               or doc[end - 1].is_space):
        end -= 1
    return start, end


def _continues(doc: Doc, last: Attribution, q: QuoteMarks, index: DocIndex) -> bool:
    """Whether ``q`` directly continues ``last`` in the same paragraph: nothing but the cue
    clause (speaker, cue, channel) lies between them."""
    prev = last.quotes[-1]
    if last.kind != "direct":
        return False
    if index.paragraph(prev.end - 1) != index.paragraph(q.open_at):
        # Across paragraphs the passage stays a quote of its own with the same speaker
        # (merging measured no better on PolNeAR train and blurs paragraph indexes).
        return False
    gap = index.text[prev.outer_end : q.open_at]
    frame = last.frame
    if frame is None or not (prev.outer_end <= frame.cue.idx < q.open_at):
        return not _WORD.search(gap)
    # The cue clause sits between the two passages and nothing else does: the first passage
    # ends in the cue's sentence and the second starts in it or right after it.
    s_cue = index.sentence(frame.cue.idx)
    if index.sentence(prev.end - 1) != s_cue:
        return False
    s_next = index.sentence(q.open_at)
    if s_next == s_cue:
        return True
    # Merged, not split: on PolNeAR train (300 articles) splitting ""A," he said. "B."" into two
    # quotes gained 8 matches for 255 unmatched predictions (precision 0.77 -> 0.73).
    return s_next == s_cue + 1 and not index.text[index.sents[s_cue].end_char : q.open_at].strip()


def _attach(doc: Doc, marks: list[QuoteMarks], frames_by_sent: list[list[Frame]],
            index: DocIndex, headings: list[tuple[int, int]]) -> list[Attribution]:
    by_frame: dict[int, Attribution] = {}
    out: list[Attribution] = []
    last: Attribution | None = None

    def direct(q: QuoteMarks, frame: Frame) -> Attribution:
        """A new direct quote of ``frame``'s speaker, kept in ``out``."""
        attribution = Attribution("direct", list(q.parts), frame, frame.speaker, [q])
        out.append(attribution)
        return attribution

    # Titles ("on "Meet the Press"") are never quotations, nor do they make a statement mixed.
    passages = [q for q in marks if not is_title(q, index.text)]
    for q in passages:
        signed = dash_signature(doc, q, index) or signature_inside(doc, q, index)
        if signed is not None:
            last = direct(q, signed)
            continue
        picked = _pick_frame(doc, q, frames_by_sent, index)
        if picked is not None and picked[1] == "before" and id(picked[0]) in by_frame and \
                _WORD_BEFORE.search(index.text, max(0, q.open_at - 12), q.open_at):
            # A cue that already has its quotation does not also take a title in a noun
            # phrase after it (""I think ...," she said, showing off the "Make America Great
            # Again" hat"): the passage is left to the cue-less rules.
            picked = None
        if picked is not None:
            frame, how = picked
            if how == "before" and frame.content is None:
                frame.content = _fragment_clause(doc, frame, q, index)
            key = id(frame)
            if key in by_frame:
                attribution = by_frame[key]
                attribution.add(q)
            else:
                attribution = Attribution("direct", list(q.parts), frame, frame.speaker, [q])
                by_frame[key] = attribution
                out.append(attribution)
            last = attribution
            continue
        bare = _bare_name(doc, q, index)
        if bare is not None:
            attribution = Attribution("direct", list(q.parts), None, bare[0], [q],
                                       bare_cue=bare[1])
            out.append(attribution)
            last = attribution
            continue
        colon = colon_clause(doc, q, index) or tail_clause(doc, q, index)
        if colon is not None:
            last = direct(q, colon)
            continue
        if last is not None and last.quotes and (q.repaired or _whole_sentence(q, index)
                                                 or _opens_sentence(q, index)) and \
                _continues(doc, last, q, index):
            # ""A," said Baron. "B ..." with B left open at the paragraph's end, ""They sue,"
            # he said. "Everybody sues, right?"" with B too short to stand alone: the
            # passage goes on with the statement just attributed.
            last.add(q)
            continue
        if q.repaired or not _fills_sentence(doc, q, index):
            continue  # scare quotes, names and titles; a repaired passage needs a cue
        intro = intro_sentence(doc, q, index)
        if intro is not None:
            last = direct(q, intro)
            continue
        if last is not None and last.quotes and _continues(doc, last, q, index):
            # ""A," he said. "B."": the second passage is more of the same statement.
            last.add(q)
            continue
        attribution = Attribution("direct", list(q.parts), None, None, [q])
        if last is not None and last.quotes and (
            index.paragraph(q.open_at) - index.paragraph(last.quotes[-1].open_at)
            <= SPEAKER_CARRY_PARAGRAPHS
        ):
            attribution.inherited = {"from": last}
        out.append(attribution)
        last = attribution
    used = set(by_frame)
    # Mixed quotes: the reported clause reaches beyond the quoted fragments.
    for attribution in out:
        governing = attribution.frame
        if governing is None:
            continue
        if attribution.kind == "direct" and attribution.quotes:
            around = aside_statement(doc, governing, attribution.quotes, index)
            if around is not None:
                # "Particularly in ..., he said, "we don't know ..." on how many ...": the cue
                # clause is a parenthetical and the rest of the sentence is the statement.
                # PolNeAR train (840 docs): quoted recall 0.8846 -> 0.8873, all-attribution
                # recall 0.5254 -> 0.5260, precision 0.7958 -> 0.7969 (quotes/parenthetical.py).
                attribution.kind = "mixed"
                attribution.parts = around
                continue
        content = _char_span(doc, governing.content) if governing.content is not None else None
        # "According to" has no argument phrase: its object is the speaker; "used the phrase
        # "..."" reports the quotation alone.
        phrase = None if governing.according or (
            governing.entry is not None and "wording" in governing.entry.flags) else \
            argument_phrase(governing.cue, [(q.start, q.end) for q in attribution.quotes])
        if phrase is not None and (content is None or (
                phrase[0] <= content[0] and content[1] <= phrase[1])):
            # A fragment inside the cue's object or complement phrase ("lamented the
            # "disheartened" state of the campaign"): the phrase is the statement. PolNeAR
            # train (840 docs), with ``_governs`` in ``_pick_frame``: quoted recall 0.8774 ->
            # 0.8846, all-attribution recall 0.5233 -> 0.5254, precision 0.7940 -> 0.7958
            # (quotes/fragments.py).
            content = phrase
            for q in attribution.quotes:
                if q.start < phrase[1] < q.outer_end:
                    content = (phrase[0], q.outer_end)  # keep the closing mark
        if content is None:
            continue
        c_start, c_end = content
        # A title or name quoted in the speaker's phrase ("The author of "Going Viral," ...,
        # said the days when ... are gone") is not part of a statement whose clause follows
        # the cue: it is dropped from it, unless it opens the sentence or the cue signs it
        # (""A," Sanders said, suggesting ..."). PolNeAR train: +2 quoted and +6 of all
        # attributions matched, precision 0.8011 -> 0.8019, speaker 0.9313 -> 0.9316.
        ahead = [q for q in attribution.quotes if q.outer_end <= governing.cue.idx]
        if ahead and c_start >= governing.cue_end and \
                ahead[0].open_at >= governing.cue.sent.start_char and \
                not _at_sentence_start(ahead[0], index) and \
                not _signed_before(doc, governing, ahead[-1], index):
            kept = [q for q in attribution.quotes if q not in ahead]
            attribution.quotes = kept
            attribution.parts = [p for q in kept for p in q.parts]
            if not kept:
                attribution.kind = _reported_kind([content], passages)
                attribution.parts = [content]
                continue
        last_q = max(attribution.quotes, key=lambda q: q.outer_end)
        if index.text[last_q.outer_end - 2 : last_q.outer_end - 1] == "," and (
                governing.cue.idx > last_q.start
                or reporter_resumes(doc, last_q.outer_end, governing.cue)):
            # ""We've had more successful conventions than this one," Texas delegate Bill
            # Eastland, wearing ..., said": a quotation closed by a comma ends the statement
            # when what follows is the attribution the parser folded into the clause, or the
            # reporter's own words; "... "negotiable," but only minor details ..." goes on.
            c_end = min(c_end, last_q.outer_end)
        first_q = min(attribution.quotes, key=lambda q: q.open_at)
        closed = index.text[first_q.outer_end - 2 : first_q.outer_end - 1] in {",", "?", "!"}
        if governing.cue.idx >= first_q.outer_end and closed and c_start <= first_q.start and \
                not _WORD.search(index.text[c_start : first_q.open_at]):
            # ""Absolutely not," Clinton responded, remarking that she is "looking ..."": a
            # quotation closed by a comma before its cue is a direct quote, whatever else the
            # parser hung on the cue.
            continue
        if c_start <= governing.cue.idx < c_end:
            # The parse hung the cue's own sentence on a clause that holds the cue
            # ("Asked about Sullivan, Feinstein said "..."", "Even people who endorsed the
            # plan sounded equivocal: Jane Harman called it "..."): a statement never holds
            # its own cue, so it starts at the quotation (or ends at it when the cue follows).
            if governing.cue.idx < first_q.open_at:
                c_start = max(c_start, first_q.start)
            else:
                c_end = min(c_end, last_q.outer_end)
        if governing.cue.idx >= first_q.outer_end and c_start < first_q.open_at and \
                index.text[c_start : first_q.open_at].rstrip().endswith(":"):
            # "Rhimes declared the need for ...: "Change the world ...," she said": the cue
            # after the quotation governs the quotation only; the clause before the colon is
            # the reporter's lead-in (the parser hangs the whole sentence on the cue).
            c_start = first_q.start
        if governing.cue.idx < first_q.open_at and c_start < first_q.open_at and \
                index.text[governing.cue_end : first_q.open_at].rstrip().endswith(":"):
            # "..., to which O'Malley interjected: "It's just not true."", "Rubio fired back:
            # "If they sue us ..."": a quotation the cue introduces with a colon is the
            # statement; what the parser hung before it is the reporter's.
            c_start = first_q.start
        if words_outside(index.text, c_start, c_end, attribution.parts) >= MIXED_MIN_OUTSIDE:
            start = min(c_start, min(s for s, _ in attribution.parts))
            end = max(c_end, max(e for _, e in attribution.parts))
            last_mark = max(q.outer_end for q in attribution.quotes)
            if last_mark < end and _TRAILER.match(index.text, last_mark) and \
                    not _preposition_as(doc, last_mark, end):
                # "he's "excited where we stand" as he faces ...": the statement ends with
                # the quotation; the trailing subordinate clause is the reporter's. "as
                # president" and "even in the first hour" are not clauses (PolNeAR train:
                # +3 quoted attributions matched, none lost).
                end = max(e for _, e in attribution.parts)
            elif last_mark < end:
                aside = _ASIDE.search(index.text, last_mark, end)
                if aside is not None:
                    # "said the trip was "absolutely" a worthwhile diversion ..., where he
                    # trails ...", "... "up-skill" workers - and he makes sure ...": a dash
                    # or a non-restrictive relative clause after the last quotation is the
                    # reporter's aside, not the statement (PolNeAR train: +16 quoted and
                    # +17 of all attributions matched, precision 0.793 -> 0.794). So is a
                    # noun phrase summing it up (", a charge that ...", ", a move that ...":
                    # +3 quoted matched, none lost).
                    end = aside.start()
            cue_at = governing.cue.idx
            if c_end <= cue_at < first_q.open_at or last_q.outer_end <= cue_at < c_start:
                # Clause and quotation lie on either side of the cue ("Even people who ...
                # sounded equivocal: Jane Harman called it "..."" with the clause before the
                # cue as its complement): a statement never holds its own cue; keep the
                # quotation alone.
                continue
            for q in attribution.quotes:
                if q.start < end < q.outer_end:
                    end = q.outer_end  # 'was "dead on arrival."': keep the closing mark
            attribution.kind = "mixed"
            attribution.parts = [(start, end)]
    for attribution in out:
        relative = _relative_object(attribution.frame)
        if relative is not None and attribution.quotes and relative.idx < min(
                start for start, _ in attribution.parts):
            # "which Trump had called a "disaster"", "whom he described as "volatile"": the
            # relative pronoun is the characterised object, so it opens the statement.
            # PolNeAR train: +4 quoted attributions matched, none lost.
            attribution.kind = "mixed"
            attribution.parts = [(relative.idx, relative.idx + len(relative.text)),
                                 *attribution.parts]
    # Indirect speech and beliefs: frames with a clause that no passage claimed.
    claimed = [p for a in out for p in a.parts]
    # Where a relative clause with its own cue starts, for statements it ends ("asked how
    # likely ..., to which 30 percent said "..."").
    relative_starts = sorted(doc[a.frame.cue.left_edge.i].idx for a in out
                             if a.frame is not None and a.frame.cue.dep_ == "relcl")
    for frames in frames_by_sent:
        # Outermost clause first: "X agreed to ..., the readout said" is the readout's.
        ordered = sorted(frames, key=lambda f: -(f.content[1] - f.content[0]) if f.content else 0)
        for frame in ordered:
            if id(frame) in used or frame.speaker is None:
                continue
            if frame.content is None:
                # "Loyalty, he noted, has long been ...": a parenthetical cue reports the
                # rest of its sentence (quotes/parenthetical.py).
                around = aside_statement(doc, frame, [], index)
                if around is None or any(_overlaps(p, c) for p in around for c in claimed):
                    continue
                out.append(Attribution(_reported_kind(around, passages), around, frame,
                                        frame.speaker))
                claimed.extend(around)
                continue
            span = _char_span(doc, frame.content)
            span = _before_relative(span, relative_starts, index.text, frame.cue.idx)
            if any(s <= frame.cue.idx < e or _overlaps(span, (s, e)) for s, e in claimed):
                continue
            kind = "belief" if frame.cls == "belief" else _reported_kind([span], passages)
            out.append(Attribution(kind, [span], frame, frame.speaker))
            claimed.append(span)
    out = _labelled_paragraphs(doc, index, out, headings)
    byline_speakers(doc, index, out)
    out.sort(key=lambda a: a.parts[0][0])
    return out


def _preposition_as(doc: Doc, after: int, end: int) -> bool:
    """Whether the trailer after a quotation is "as" the preposition ("could not "make deals"
    as president because ..."), which goes on with the statement, not "as" opening a clause
    of the reporter's ("... as he faces ...")."""
    span = doc.char_span(after, end, alignment_mode="contract")
    if span is None:
        return False
    word = next((t for t in span if not (t.is_punct or t.is_space)), None)
    if word is None or word.lower_ != "as" or word.dep_ != "prep":
        return False
    # The parser takes "as" for a preposition before a clause too ("... as Europe's crisis
    # again threatens ..."): a finite verb before the next punctuation makes it a clause.
    for t in doc[word.i + 1 : span.end]:
        if t.text in {",", ";", ":", ".", "—", "–"} or t.pos_ == "SCONJ" or t.dep_ == "mark":
            break  # "as president because so many lawmakers dislike him"
        if t.tag_ in {"VBZ", "VBD", "VBP", "MD"}:
            return False
    return True


def _relative_object(frame: Frame | None) -> Token | None:
    """The relative pronoun a characterising cue ("call", "describe ... as") takes as its
    object before it ("what he calls", "which Trump had called"), or ``None``."""
    if frame is None or frame.entry is None or "oprd" not in frame.entry.flags:
        return None
    return next((c for c in frame.cue.children if c.dep_ == "dobj" and c.i < frame.cue.i
                 and c.lower_ in _RELATIVE_OBJECTS), None)


def _signed_before(doc: Doc, frame: Frame, q: QuoteMarks, index: DocIndex) -> bool:
    """Whether ``q`` is a quotation the cue signs: closed by a comma, question or exclamation
    mark, with nothing but the speaker between it and the cue (""A," Sanders said, ...")."""
    if index.text[q.open_at : q.outer_end - 1].rstrip()[-1:] not in {",", "?", "!"}:
        return False
    # The passage lies in the cue's sentence, before the cue: only those tokens are looked at.
    after = next((t.i for t in doc[frame.cue.sent.start : frame.cue.i]
                  if t.idx >= q.outer_end and not t.is_space), frame.cue.i)
    return after >= frame.cue.i or _only_speaker_before(frame, after)


def _before_relative(span: tuple[int, int], starts: list[int], text: str,
                     cue_at: int) -> tuple[int, int]:
    """A reported clause cut before a relative clause inside it whose own cue claimed a
    quotation ("how likely she was to win, to which 30 percent said "..."" keeps "how likely
    she was to win"); unchanged when no such clause starts inside it after its cue. PolNeAR
    train: keeps the 4 outer statements that rule 0 of ``_pick_frame`` alone would drop."""
    for start in starts:
        if span[0] < start < span[1] and start > cue_at:
            # "..., to which ...": the relative clause may start at "which", after its
            # preposition.
            head = _STRANDED_PREPOSITION.sub("", text[span[0] : start].rstrip(" ,;:—–-"))
            if len(head) >= 3:
                return span[0], span[0] + len(head)
    return span


def _reported_kind(parts: list[tuple[int, int]], passages: list[QuoteMarks]) -> str:
    """``mixed`` when a reported statement no cue claimed a passage for still holds a
    quotation that is no title ("As the tabloid noted in an op-ed, the candidate "has
    surprisingly earned ..."); ``indirect`` otherwise."""
    for q in passages:
        if any(s <= q.start and q.end <= e for s, e in parts):
            return "mixed"
    return "indirect"
