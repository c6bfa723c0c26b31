"""Attribution frames read off the dependency parse: cue, speaker, addressee, channel, content.

A frame is built for every token whose lemma is a cue in the lexicon (a dict lookup per token)
and for every "according to X". The frame knows nothing about quotation marks; the assembler
(:mod:`communique.quotes.extract`) matches frames with quoted passages.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from communique.quotes.lexicon import CueEntry, Lexicon, lexicon

_SUBJECTS = frozenset({"nsubj", "csubj"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})
# Dependents that are not part of a speaker's mention: "Gabuev, director of ...", "who ...".
_NOT_MENTION = frozenset({"appos", "relcl", "acl", "punct", "advcl", "parataxis", "cc", "conj"})
_RELATIVE = frozenset({"who", "which", "that"})
_PRONOUNS = frozenset({
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me",
})
_MEDIA_HINT = frozenset({
    "News", "Times", "Post", "Journal", "Press", "Daily", "Herald", "Tribune", "Gazette",
    "Agency", "Radio", "TV", "Television", "Magazine", "Telegraph", "Chronicle", "Network",
})
_NATIONALITY_TAGS = frozenset({"NORP"})
# Longest outlet name in outlets.txt ("South China Morning Post"): n-grams longer than this
# are never looked up, which keeps outlet tests linear in the phrase length.
_MAX_OUTLET_WORDS = 5
# Cues whose "to" phrase is not the person spoken to ("added a correction to the piece").
_NO_RECIPIENT = frozenset({"add", "continue", "point", "call", "respond", "reply", "answer"})


@dataclass
class Mention:
    """A span of the document standing for a speaker, addressee or channel."""

    start: int
    end: int
    text: str
    head: tuple[int, int]
    pronoun: bool = False


@dataclass
class Channel:
    """The medium of a statement: ``name`` ("CCTV", "statement") and the phrase's ``text``."""

    name: str
    text: str
    start: int
    end: int


@dataclass
class Frame:
    """One cue with its arguments, before it is matched with quotation marks."""

    cue: Token
    cue_text: str
    cue_end: int
    lemma: str
    entry: CueEntry | None
    speaker: Mention | None
    addressee: Mention | None
    channel: Channel | None
    content: tuple[int, int] | None
    according: bool = False

    @property
    def cls(self) -> str:
        """``speech`` or ``belief``."""
        return self.entry.cls if self.entry is not None else "speech"


def mention_of(head: Token, conjuncts: bool = False) -> Mention:
    """The noun phrase headed by ``head`` without appositions or relative clauses; with
    ``conjuncts``, coordinated names are kept ("China and Russia said")."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in _NOT_MENTION:
            continue
        left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in {"prep", "compound", "flat", "case", "poss"} or (
            conjuncts and child.dep_ in {"cc", "conj"}
        ):
            right = max(right, child.right_edge.i)
    doc = head.doc
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > head.i and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    span = doc[left : right + 1]
    return Mention(
        start=span.start_char, end=span.end_char, text=span.text,
        head=(head.idx, head.idx + len(head.text)),
        pronoun=head.lower_ in _PRONOUNS and left == right,
    )


def is_outlet(span: Span, lex: Lexicon) -> bool:
    """Whether a noun phrase names a news organisation or platform ("AFP", "CNN", "Fox News")."""
    words = [t.text for t in span if not t.is_punct]
    text = " ".join(words)
    for n in range(min(len(words), _MAX_OUTLET_WORDS), 0, -1):
        for i in range(len(words) - n + 1):
            if " ".join(words[i : i + n]) in lex.outlets:
                return True
    if any(t.lemma_.lower() in lex.channel_nouns and t.pos_ == "NOUN" for t in span):
        return True
    return any(w in _MEDIA_HINT for w in words[1:]) and text[:1].isupper()


def _outlet_in(span: Span, lex: Lexicon) -> Span | None:
    """The longest known outlet name inside ``span`` ("MSNBC" in "MSNBC's Mika Brzezinski")."""
    tokens = [t for t in span if not t.is_punct]
    for n in range(min(len(tokens), _MAX_OUTLET_WORDS), 0, -1):
        for i in range(len(tokens) - n + 1):
            piece = tokens[i : i + n]
            if " ".join(t.text for t in piece) in lex.outlets:
                return span.doc[piece[0].i : piece[-1].i + 1]
    return None


def channel_name(span: Span, lex: Lexicon | None = None) -> str:
    """The name part of a channel phrase: a known outlet in it, else its proper nouns ("CCTV"
    in "state broadcaster CCTV")."""
    if lex is not None:
        outlet = _outlet_in(span, lex)
        if outlet is not None:
            return outlet.text
    best: list[Token] = []
    run: list[Token] = []
    for token in span:
        owner = token.dep_ == "poss" or (token.i + 1 < len(token.doc)
                                         and token.doc[token.i + 1].dep_ == "case")
        if token.pos_ == "PROPN" and not owner and token.ent_type_ not in _NATIONALITY_TAGS:
            run.append(token)
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    if best:
        return span.doc[best[0].i : best[-1].i + 1].text
    words = [t for t in span if t.dep_ not in {"det", "poss", "case"} and not t.is_punct]
    if not words:
        return span.text
    return span.doc[words[0].i : words[-1].i + 1].text


def _subject(verb: Token) -> Token | None:
    """The subject of a cue verb, borrowed from the governing verb for conjuncts and
    participles ("..., adding that", "went on to say"), or the antecedent of a relative."""
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return verb.head
            return child
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head  # "protesters chanting ...", "a statement saying ..."
    # Climb a short chain of governing verbs and prepositions: "began by saying",
    # "emailed supporters saying", "went on to say", "said ... and added".
    node = verb
    for _ in range(3):
        if node.dep_ not in {"conj", "xcomp", "advcl", "pcomp", "prep"} or node.head is node:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            for child in node.children:
                if child.dep_ in _SUBJECTS:
                    return child
    return None


def _clause_span(token: Token) -> tuple[int, int]:
    """Token range of a complement clause without its leading "that"/"whether" or punctuation."""
    left, right = token.left_edge.i, token.right_edge.i
    doc = token.doc
    while left < right and ((doc[left].dep_ == "mark" and doc[left].lower_ in {"that", "whether",
                                                                              "if"})
                            or doc[left].is_punct or doc[left].is_space):
        left += 1
    cues = lexicon().cues
    for t in doc[left + 1 : right + 1]:
        # "... "very charming" and called his standing ...", "..., adding that ...": a second
        # cue sharing the subject starts a new statement, not more of this one.
        if t.dep_ in {"conj", "advcl"} and t.pos_ == "VERB" and t.lemma_.lower() in cues and \
                not any(c.dep_ in _SUBJECTS for c in t.children):
            right = t.left_edge.i - 1
            break
    while right > left and ((doc[right].is_punct and doc[right].text not in "\"”’'")
                            or doc[right].is_space or doc[right].dep_ == "cc"):
        right -= 1
    return left, right + 1


def _trim_right(doc: Doc, right: int) -> int:
    while right > 0 and ((doc[right].is_punct and doc[right].text not in "\"”’'")
                         or doc[right].is_space):
        right -= 1
    return right


def _clip(content: tuple[int, int], verb: Token, subject: Token | None) -> tuple[int, int] | None:
    """Keep a reported clause clear of its own cue and speaker (parse errors put the speaker
    inside the clause: ""Yes, I support Ted Cruz," Brent Bozell III, founder of ..., said")."""
    lo, hi = content
    block_lo, block_hi = verb.i, verb.i
    if subject is not None:
        block_lo = min(block_lo, subject.left_edge.i)
        block_hi = max(block_hi, subject.right_edge.i)
    if block_hi < lo or block_lo >= hi:
        return content
    left = (lo, min(hi, block_lo))
    right = (max(lo, block_hi + 1), hi)
    best = max(left, right, key=lambda r: r[1] - r[0])
    return best if best[1] - best[0] >= 2 else None


def _content(verb: Token, entry: CueEntry) -> tuple[int, int] | None:
    for child in verb.children:
        if child.dep_ == "ccomp":
            return _clause_span(child)
    if "tocomp" in entry.flags:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return _clause_span(child)
    if "accuse" in entry.flags:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
                for grand in child.children:
                    if grand.dep_ in {"pcomp", "pobj"}:
                        return _clause_span(grand)
    if "oprd" in entry.flags:
        # "called the plan "a disaster"", "described Rubio as "a bright leader"": the object
        # with its predicate.
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            right = max((c.right_edge.i for c in verb.rights
                         if c.dep_ in {"dobj", "oprd", "ccomp", "xcomp", "prep", "attr"}
                         and (c.dep_ != "prep" or c.lower_ == "as")),
                        default=obj.right_edge.i)
            if right < obj.left_edge.i:
                return None
            return obj.left_edge.i, _trim_right(verb.doc, right) + 1
    if "dobj" in entry.flags:
        for child in verb.children:
            if child.dep_ == "dobj":
                return _clause_span(child)
    return None


def _preposition_channel(verb: Token, lex: Lexicon) -> Channel | None:
    """ "in a statement", "in an interview with CNN", "on Twitter", "wrote in Foreign Policy"."""
    for child in verb.children:
        if child.dep_ != "prep" or child.lower_ not in {"in", "on", "to"}:
            continue
        pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
        if pobj is None:
            continue
        span = verb.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
        if child.lower_ == "to" and not is_outlet(span, lex):
            continue
        if not is_outlet(span, lex):
            continue
        phrase = verb.doc[child.i : pobj.right_edge.i + 1]
        name_span = span
        # "in an interview with CNN": the outlet after "with" names the channel.
        for grand in pobj.children:
            if grand.dep_ == "prep" and grand.lower_ == "with":
                inner = next((g for g in grand.children if g.dep_ == "pobj"), None)
                if inner is not None:
                    inner_span = verb.doc[inner.left_edge.i : inner.right_edge.i + 1]
                    if is_outlet(inner_span, lex):
                        name_span = inner_span
                    else:
                        name_span = verb.doc[pobj.left_edge.i : pobj.i + 1]
        if name_span is span:
            name_span = verb.doc[pobj.left_edge.i : pobj.i + 1]
        return Channel(channel_name(name_span, lex), phrase.text, phrase.start_char,
                       phrase.end_char)
    return None


def _according(token: Token, lex: Lexicon) -> tuple[Span, Span] | None:
    """("according to" phrase, its object) when ``token`` is "according" followed by "to"."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return None
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return None
    obj = token.doc[pobj.left_edge.i : pobj.right_edge.i + 1]
    return token.doc[token.i : pobj.right_edge.i + 1], obj


def frames_for_sentence(sent: Span, lex: Lexicon, quoted: set[int]) -> list[Frame]:
    """Every attribution frame whose cue is in ``sent`` and outside quotation marks.

    ``quoted`` holds indexes of tokens inside quotation marks (cues there are the quoted
    speaker's own words, not attributions by the article).
    """
    frames: list[Frame] = []
    according: list[tuple[Frame, bool]] = []
    for token in sent:
        if token.i in quoted:
            continue
        acc = _according(token, lex)
        if acc is not None:
            phrase, obj = acc
            outlet = is_outlet(obj, lex)
            channel = (Channel(channel_name(obj, lex), phrase.text, phrase.start_char,
                               phrase.end_char) if outlet else None)
            according.append((Frame(
                cue=token, cue_text=token.doc[token.i : token.i + 2].text,
                cue_end=phrase[1].idx + 2, lemma="according to", entry=None,
                speaker=mention_of(obj.root), addressee=None, channel=channel,
                content=_according_content(sent, phrase), according=True,
            ), outlet))
            continue
        entry = lex.cues.get(token.lemma_.lower())
        if entry is None or token.pos_ != "VERB" or (
            token.i >= 2 and token.doc[token.i - 1].text in {"-", "<"}
        ):
            continue  # "so-called", "self-described"; "<tweet ...>" markup left in a text
        frame = _verb_frame(token, entry, lex)
        if frame is not None:
            frames.append(frame)
    for acc_frame, outlet in according:
        if any(f.cls == "speech" for f in frames):
            # "Lavrov told Xi, according to Russian news agencies": the outlet is the channel.
            if outlet:
                for frame in frames:
                    if frame.channel is None:
                        frame.channel = acc_frame.channel
        else:
            frames.append(acc_frame)
    return frames


def _verb_frame(token: Token, entry: CueEntry, lex: Lexicon) -> Frame | None:
    """The frame of one cue verb, or ``None`` for passives and particle-less "point"."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children):
        return None
    out = next((c for c in token.children if c.dep_ == "prt" or c.lower_ == "out"), None)
    if entry.lemma == "point" and (out is None or out.lower_ != "out"):
        return None
    subject = _subject(token)
    content = _content(token, entry)
    if content is not None:
        content = _clip(content, token, subject)
    addressee: Mention | None = None
    channel = _preposition_channel(token, lex)
    for child in token.children:
        if child.dep_ in _OBJECTS and "addressee" in entry.flags:
            span = token.doc[child.left_edge.i : child.right_edge.i + 1]
            if child.pos_ == "PROPN" and is_outlet(span, lex):
                name_span = token.doc[child.left_edge.i : child.i + 1]
                channel = channel or Channel(
                    channel_name(name_span, lex), token.doc[token.i : child.i + 1].text,
                    token.idx, child.idx + len(child.text))
                outlet = _outlet_in(name_span, lex)
                if outlet is not None and outlet.end <= child.i:
                    # "told Fox News' Bill O'Reilly": the outlet is the channel, the host
                    # the addressee.
                    first = outlet.end
                    while first < child.i and (token.doc[first].dep_ == "case"
                                               or token.doc[first].is_punct):
                        first += 1
                    host = token.doc[first : child.i + 1]
                    addressee = Mention(host.start_char, host.end_char, host.text,
                                        (child.idx, child.idx + len(child.text)))
            else:
                addressee = mention_of(child)
        elif child.dep_ == "prep" and child.lower_ == "to" and addressee is None and \
                entry.lemma not in _NO_RECIPIENT:
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and channel is None:
                addressee = mention_of(pobj)
    cue_end = token.idx + len(token.text)
    cue_text = token.text
    if entry.lemma == "point" and out is not None:
        cue_end = out.idx + len(out.text)
        cue_text = token.doc[token.i : out.i + 1].text
    return Frame(
        cue=token, cue_text=cue_text, cue_end=cue_end, lemma=entry.lemma, entry=entry,
        speaker=mention_of(subject, conjuncts=True) if subject is not None else None,
        addressee=addressee, channel=channel, content=content,
    )


def _according_content(sent: Span, phrase: Span) -> tuple[int, int] | None:
    """The rest of the sentence around "according to X": before or after it, the longer."""
    doc = sent.doc
    before = (sent.start, phrase.start)
    after = (phrase.end, sent.end)
    lo, hi = max((before, after), key=lambda r: r[1] - r[0])
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    return (lo, hi) if hi - lo >= 3 else None


def token_quoted_set(doc: Doc, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of tokens lying inside any of the character ``spans`` (sorted, disjoint).

    Uses spaCy's own offset lookup per span instead of a walk over every token.
    """
    out: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None:
            out.update(range(span.start, span.end))
    return out
