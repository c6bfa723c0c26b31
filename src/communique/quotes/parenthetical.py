"""The statement around a quotation whose cue clause is a parenthetical inside the sentence.

``Particularly in lower-wage parts of the state, he said, "we don't know what the answer will
be" on how many jobs might be eliminated``, ``"Only you, Dinesh," she said, would use the
occasion ...``, ``The rejection of the treaty signals "the beginning of the end" for the EU,
said Geert Wilders``: the speaker and cue sit between commas (or end the sentence), and what
is attributed is the rest of the sentence, of which the quotation marks hold only a part.
PolNeAR annotates that rest as the content, in one or two pieces around the cue clause.

The same holds with no quotation marks at all (``Loyalty, he noted, has long been a core
tenet of the party``, ``As the mayor has pointed out, that is ...``): such a sentence is an
indirect statement, kept only with a speech cue of the main clause, a third-person speaker and
a clause on the far side of a mid-sentence cue clause. PolNeAR train (840 docs): all-
attribution recall 0.5285 -> 0.5334 with precision 0.7975 -> 0.7977.

The cue clause is read from the frame (cue, speaker, addressee, channel) and widened to the
commas around it; the parser's tree is not trusted here, because it hangs such sentences on
the cue in many different ways. What follows the clause is left out when it is the cue's own
participle ("..., he said, adding that ...") or an "according to" phrase, and what precedes it
when it is a scene-setting clause ("When asked ..., Trump said, ...").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from communique.quotes.clauses import agrees_with_statement
from communique.quotes.cues import Frame
from communique.quotes.docindex import MIXED_MIN_OUTSIDE, DocIndex, words_outside
from communique.quotes.marks import CLOSING_TOKENS, QuoteMarks

# How far past the last word of the speaker, cue, addressee and channel the comma closing the
# cue clause may be ("the members wrote Thursday, ..."); further on, the cue is not a
# parenthetical but the verb of a sentence that goes on.
_CLAUSE_TAIL_TOKENS = 4
# Fewest words of a statement with no quotation ("Loyalty, he noted, has long been ...").
_MIN_UNQUOTED_WORDS = 4
# A cue's own arguments: with one after it, the cue says its own thing.
_ARGUMENTS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd"})
# Openers of a scene-setting clause before the cue clause, which is the reporter's, not the
# speaker's ("When asked about ..., Trump said, ..."; "Speaking in Harlem, Clinton said, ...").
_SETTING_OPENERS = frozenset({"when", "while", "as", "after", "before", "since", "once", "if",
                              "although", "though", "because", "during", "asked"})
# Words that carry the statement on after the cue clause ("..., the members wrote, that the
# department "may have ..."", "..., he said, and "everyone started running."").
_LINKS = frozenset({"that", "to"})
# Prepositions of a cue's time, place and medium adjuncts, which belong to its clause ("noted
# in an op-ed"); arguments ("referred to her by a nickname") do not make a parenthetical.
_CUE_ADJUNCT_PREPS = frozenset({"in", "on", "at", "during", "over"})
# Tags of a finite verb or auxiliary: "that is ...", "the candidate has earned ...".
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CONJUNCTIONS = frozenset({"and", "but", "or", "so"})
# Marks that end a lead-in before the statement ("... its identity: "France is ...," he
# claimed"; "members ("I want my dues back," wrote ...").
_BREAKS = frozenset({",", ":", ";", "(", "—", "–", "--"})


def cue_clause(doc: Doc, frame: Frame) -> tuple[int, int]:
    """First and last token index of the cue with its speaker (and the speaker's
    appositions), addressee and channel."""
    lo = hi = frame.cue.i
    for mention in (frame.speaker, frame.addressee, frame.channel):
        if mention is None:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        lo, hi = min(lo, span.start), max(hi, span.end - 1)
    if frame.speaker is not None:
        head = doc.char_span(*frame.speaker.head, alignment_mode="expand")
        if head is not None and len(head):
            # "said Jack Mozloom, a spokesman for ...": the speaker's appositions and relative
            # clauses belong to the cue clause.
            hi = max(hi, head.root.right_edge.i)
    return lo, hi


def _reports(frame: Frame) -> bool:
    """Whether a cue with no quotation can report the sentence around it: a speech cue of
    the main clause with a third-person speaker (not "who knows", "you know", "the crowd
    applauded, which ..."). PolNeAR train: without this test, two in three of these
    statements matched no gold attribution."""
    if frame.cls != "speech" or frame.speaker is None:
        return False
    if frame.cue.dep_ in {"relcl", "acl", "xcomp", "conj", "pcomp", "amod", "csubj"}:
        return False
    if frame.cue.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ == "as"
                                             for c in frame.cue.children):
        return False  # "As the mayor has pointed out, ..." reports; "When he said ..." not
    return frame.speaker.text.lower() not in {"who", "which", "that", "you", "i", "we"}


def _is_comma_edge(doc: Doc, i: int) -> bool:
    """Whether token ``i`` ends the text before a parenthetical: a comma, or a closing
    quotation mark right after a comma (""...," she said")."""
    t = doc[i]
    if t.text == ",":
        return True
    return t.text in CLOSING_TOKENS and i > 0 and doc[i - 1].text == ","


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character span of tokens ``start``..``end`` without edge punctuation other than
    quotation marks, or None when no word is left."""
    while start < end and (doc[start].is_space or (
            doc[start].is_punct and doc[start].text not in "\"“‘'")):
        start += 1
    while end > start and (doc[end - 1].is_space or (
            doc[end - 1].is_punct and doc[end - 1].text not in "\"”’'")):
        end -= 1
    if end <= start or not any(t.is_alpha or t.like_num for t in doc[start:end]):
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _opens(doc: Doc, t: Token) -> bool:
    """Whether token ``t`` is an opening quotation mark (a straight one is followed by text,
    not by a space: ""Morning Joe," adding" closes)."""
    if t.text == "“":
        return True
    # Doc.text joins every token: read the neighbour instead.
    return t.text == '"' and not t.whitespace_ and t.i + 1 < len(doc) and \
        not doc[t.i + 1].is_space


def _with_quote_state(tokens: Span) -> Iterator[tuple[Token, bool]]:
    """Each token that is not a double quotation mark, with whether it lies inside one
    (a straight mark toggles, a curly one opens or closes)."""
    inside = False
    for t in tokens:
        if t.text in "\"“”":
            inside = not inside if t.text == '"' else t.text == "“"
        else:
            yield t, inside


def _has_verb(tokens: Span, *, outside_quotes: bool) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} and not (outside_quotes and inside)
               for t, inside in _with_quote_state(tokens))


def _right_kind(doc: Doc, sent: Span, after: int) -> str | None:
    """How the text after the cue clause goes on with the statement: ``quote`` (another
    quotation), ``joined`` (a conjunction and a quotation), ``link`` ("that"/"to"
    continuing the sentence), ``verb`` (the verb of a
    subject before the cue clause: "..., she said, would use ..."), or None when it is the
    reporter's ("..., he said, adding ...", "..., she said, before ...", "..., Maddow said,
    another reference to ...", "..., but he said ..." with a cue of its own)."""
    rest = [t for t in doc[after : sent.end] if not (t.is_space or (
        t.is_punct and not _opens(doc, t)))]
    if not rest:
        return None
    first = rest[0]
    if _opens(doc, first):
        return "quote"
    if first.lower_ in _LINKS:
        return "link"
    if first.lower_ in _CONJUNCTIONS:
        # "..., he said, and "everyone started running."": only a quotation carries on.
        return "joined" if len(rest) > 1 and _opens(doc, rest[1]) else None
    if first.pos_ == "ADV" and len(rest) > 1:
        first = rest[1]  # "..., Xi said, now have ..."
    if first.pos_ in {"VERB", "AUX"} and first.tag_ != "VBG":
        return "verb"
    return None


def _adjunct_follows(doc: Doc, comma: int, sent: Span) -> bool:
    """Whether a prepositional or subordinate adjunct follows the comma after a cue clause
    ("The recovery will stay slow, forecasters say, despite the housing market"): the
    phrase goes on with the statement before the cue clause."""
    nxt = doc[comma + 1] if comma + 1 < sent.end else None
    return nxt is not None and nxt.pos_ in {"ADP", "SCONJ"} and nxt.dep_ in {"prep", "mark"} \
        and nxt.lower_ not in {"that", "if", "whether", "of"}


def _opens_clause(rest: Span) -> bool:
    """Whether ``rest`` is a clause of its own: a subject, then its finite verb."""
    first = next((t for t in rest if not t.is_punct and not t.is_space), None)
    if first is None or first.pos_ not in {"DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM"}:
        return False
    return any(t.dep_ in {"nsubj", "nsubjpass"} and (
        t.head.tag_ in _FINITE or any(a.dep_ in {"aux", "auxpass"} and a.tag_ in _FINITE
                                      for a in t.head.children))
        for t in rest)


def _right_part(doc: Doc, frame: Frame, sent: Span, after: int,
                kind: str) -> tuple[int, int] | None:
    """The text after the cue clause, up to a verb coordinated with the cue ("..., wrote
    X, "...," and shared a link"). The verb the text opens with (``kind`` "verb") is the
    statement's own, even where the parser coordinated it with the cue ("These workers, the
    manager explained earlier in the hearing, were "well-paid"")."""
    end = sent.end
    opening = next((t.i for t in doc[after : sent.end] if t.pos_ in {"VERB", "AUX"}), None) \
        if kind == "verb" else None
    for t in doc[after : sent.end]:
        if t.i == opening:
            continue
        if t.head.i == frame.cue.i and t.dep_ in {"conj", "cc", "advcl", "parataxis"}:
            end = t.i
            break
    return _trimmed(doc, after, end)


def _left_start(doc: Doc, sent: Span, before: int) -> int | None:
    """Where the text before the cue clause starts: after the last comma, colon, dash or
    bracket outside quotation marks ("Bound together by ..., the two nations, Xi said,
    ..."); None when it is a scene-setting clause ("When asked ..., Trump said", "Although
    ..., Lopez said", "Asked about ..., she said")."""
    start = sent.start
    for t, inside in _with_quote_state(doc[sent.start : before - 1]):
        if not inside and t.text in _BREAKS:
            start = t.i + 1
    lead = [t for t in doc[start:before] if not t.is_punct and not t.is_space]
    if not lead:
        return None
    first = lead[1] if lead[0].pos_ == "ADV" and len(lead) > 1 else lead[0]
    if first.lower_ in _SETTING_OPENERS or first.tag_ in {"WRB", "VBG", "VBN"} or (
            first.pos_ == "SCONJ" and first.lower_ != "that"):
        return None
    return start


def aside_statement(doc: Doc, frame: Frame, quotes: Sequence[QuoteMarks],
                    index: DocIndex) -> list[tuple[int, int]] | None:
    """The statement as character parts when ``frame``'s cue clause is a parenthetical in
    the sentence of its quotations and that sentence says more than the quotations do;
    otherwise None (the quotation is the statement, or another rule decides)."""
    sent = index.sents[index.sentence(frame.cue.idx)]
    if any(q.open_at < sent.start_char for q in quotes):
        return None
    # ""... climate change, Axelrod said. "This is not just a cosmetic item."": passages in
    # the sentences after the cue's, which continue the statement, stay parts of their own.
    later = [q for q in quotes if q.end > sent.end_char]
    quoted = bool(quotes)
    quotes = [q for q in quotes if q.end <= sent.end_char]
    if (quoted and not quotes) or any(q.open_at < sent.end_char for q in later):
        return None
    if not quoted and not _reports(frame):
        return None
    lo, hi = cue_clause(doc, frame)
    if lo > sent.start and doc[lo - 1].lower_ == "as" and (
            lo - 1 == sent.start or _is_comma_edge(doc, lo - 2) or doc[lo - 2].text in _BREAKS
            or (lo - 2 == sent.start and doc[sent.start].lower_ in _CONJUNCTIONS)):
        # "As Ryan has pointed out, that's ...", "But as the tabloid noted, ..." (the
        # conjunction is the reporter's too), "... -- as the campaign noted -- ..."
        lo = sent.start if lo - 2 == sent.start else lo - 1
    elif lo <= sent.start or not (_is_comma_edge(doc, lo - 1) or (
            not quoted and doc[lo - 1].text in _BREAKS)):
        return None  # the cue clause opens the sentence: it governs what follows
    end = hi + 1
    for child in frame.cue.rights:
        # "As the tabloid noted in an op-ed Thursday, ...": the cue's own adjuncts belong to
        # the cue clause, however long, as long as no comma, quotation or verb falls inside
        # them ("Blige sings to Clinton before asking her, "..."" is the reporter's). With
        # "But as ..." and finite auxiliaries in ``_opens_clause``, PolNeAR train (840 docs):
        # all-attribution recall 0.5342 -> 0.5353, +2 quoted, precision unchanged.
        inside = doc[end : child.right_edge.i + 1]
        adjunct = child.dep_ in {"npadvmod", "advmod"} or (
            child.dep_ == "prep" and child.lower_ in _CUE_ADJUNCT_PREPS)
        if adjunct and child.i >= end and not any(
                t.text == "," or t.text in "\"“”" or t.pos_ in {"VERB", "AUX"} for t in inside):
            end = child.right_edge.i + 1
    limit = min(sent.end, end + _CLAUSE_TAIL_TOKENS + 1)
    while end < limit and doc[end].text != "," and not (
            doc[end].is_punct and doc[end].text in ".?!;:"):
        if doc[end].text in "\"“”" or doc[end].pos_ == "VERB":
            # A quotation right after the cue (the cue governs it), or a verb of the
            # reporter's ("Blige sings to Clinton before asking her, "..."")
            return None
        end += 1
    rest = [t for t in doc[end : sent.end] if not t.is_space]
    if end >= limit and rest and not all(t.is_punct for t in rest):
        return None
    for q in quotes:
        if doc[lo].idx <= q.open_at < doc[end - 1].idx + len(doc[end - 1].text):
            return None  # a quotation inside the cue clause
    kind = _right_kind(doc, sent, end) if doc[end : end + 1].text == "," else None
    if kind is None and not quoted and doc[end : end + 1].text == "," and \
            _opens_clause(doc[end + 1 : sent.end]):
        kind = "clause"  # "At times last year, people said, the river rose ..."
    left: tuple[int, int] | None = None
    start = _left_start(doc, sent, lo)
    # "..., Nefzi said, adding, "..."": a participle cue's clause is not what came before it.
    if start is not None and frame.cue.tag_ != "VBG":
        lead = doc[start : lo - 1]
        if kind == "verb" and _has_verb(lead, outside_quotes=False):
            kind = None  # the subject before the cue clause has its verb already
        if not (kind == "quote" and _has_verb(lead, outside_quotes=True)):
            # "He laughed and said, "We'll see."": a clause before a cue that a quotation
            # follows is the reporter's.
            left = _trimmed(doc, start, lo)
    right = _right_part(doc, frame, sent, end, kind) if kind is not None else None
    if right is None and not quoted and doc[end : end + 1].text == "," and \
            _adjunct_follows(doc, end, sent):
        right = _trimmed(doc, end + 1, sent.end)  # "..., despite the housing market."
    parts = [p for p in (left, right) if p is not None]
    if not parts:
        return None
    if not quoted and right is None and (
            doc[end : end + 1].text == "," or left is None
            or not _has_verb(doc[start or sent.start : lo], outside_quotes=False)
            or any(c.dep_ in _ARGUMENTS and c.i > frame.cue.i for c in frame.cue.children)):
        # Without quotation marks, a cue clause inside the sentence needs the statement to
        # go on after it ("At times last year, people said, ..." is no statement), and one
        # at the end needs a clause before it and nothing said after it ("In something of
        # a valedictory, he told the story of ...").
        return None
    if any(not any(s <= q.open_at + 1 and q.end <= e + 1 for s, e in parts) for q in quotes):
        return None  # a quotation would fall outside the statement
    blanks = [part for q in quotes for part in q.parts]
    if len(parts) == 2:
        blanks.append((parts[0][1], parts[1][0]))  # the cue clause between the two parts
    outside = words_outside(index.text, parts[0][0], parts[-1][1], blanks)
    if outside < (MIXED_MIN_OUTSIDE if quoted else _MIN_UNQUOTED_WORDS):
        return None
    return parts + [part for q in later for part in q.parts]


def reporter_resumes(doc: Doc, offset: int, cue: Token | None = None) -> bool:
    """Whether the words after a quotation closed by a comma (ending at ``offset``) are the
    reporter's rather than more of the statement: a participle ("... "fringe candidate,"
    making air quotes"), a verb coordinated with the cue ("... "to disqualify Trump," but
    conceded ..."), or a noun phrase (an apposition, "... "radical Islam," another moment
    ...", or the attribution itself, ""Cruz," Beck joked"). Subordinate clauses,
    prepositions, pronoun subjects and "that" carry the statement on ("... "negotiable," but
    only minor details ...", "... "futile," because ...").

    PolNeAR train (840 docs): ending every such quotation there lost 13 quoted attributions
    and gained 13; this test keeps 12 of the gains and avoids 9 of the losses. Reading a
    participle's attachment (given the ``cue``) gained 2 more and lost none.
    """
    rest = [t for t in doc[_token_at(doc, offset) :][:3] if not t.is_punct and not t.is_space]
    if not rest:
        return True
    first = rest[0]
    if first.tag_ == "VBG":
        # "... "the best of both worlds," giving states more power": a participle the parse
        # hangs on a verb of the reported clause goes on with it ("called Cruz the "ultimate
        # hypocrite," linking to a story" hangs it on the noun, wrongly).
        head = first.head
        return cue is None or not (head.i != cue.i and head.i > cue.i and cue.is_ancestor(head)
                                   and head.pos_ in {"VERB", "AUX"})
    if first.lower_ in _CONJUNCTIONS:
        # "told ... "way off," and have been unreliable": a present verb after a past cue
        # agrees with the statement's subject, not the speaker.
        return len(rest) > 1 and rest[1].pos_ in {"VERB", "AUX"} and not (
            cue is not None and agrees_with_statement(cue, rest[1].tag_))
    return first.pos_ in {"DET", "NOUN", "PROPN", "ADJ", "NUM"}


def _token_at(doc: Doc, offset: int) -> int:
    """Index of the first token starting at or after character ``offset``."""
    if not len(doc) or offset > doc[-1].idx:
        return len(doc)
    last = doc[-1].idx + len(doc[-1].text)
    span = doc.char_span(offset, last, alignment_mode="expand")
    return span.start if span is not None else len(doc)
