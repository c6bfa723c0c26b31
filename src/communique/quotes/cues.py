"""Attribution frames read off the dependency parse: cue, speaker, addressee, channel, content.

A frame is built for every token whose lemma is a cue in the lexicon (a dict lookup per token)
and for every "according to X". The frame knows nothing about quotation marks; the assembler
(:mod:`communique.quotes.extract`) matches frames with quoted passages.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from communique.quotes.arguments import (
    appositive_in_clause,
    misparsed_complement,
    named_antecedent,
    point_of_view,
    put_it,
    quoted_argument,
    quoted_predicate,
    trim_right,
    used_wording,
)
from communique.quotes.clauses import (
    SUBJECTS,
    clause_span,
    clip,
    reported_content,
    speech_cue,
)
from communique.quotes.lexicon import CueEntry, Lexicon, lexicon

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
    "Reporter",
})
# Place and nationality words name no medium ("a Philadelphia radio station", "Russian news
# agencies"): the channel name falls back to the noun phrase.
_NATIONALITY_TAGS = frozenset({"NORP", "GPE", "LOC"})
# Longest outlet name in outlets.txt ("South China Morning Post"): n-grams longer than this
# are never looked up, which keeps outlet tests linear in the phrase length.
_MAX_OUTLET_WORDS = 5
# Cues whose "to" phrase is not the person spoken to ("added a correction to the piece").
# Light verbs whose subject owns a cue noun object ("made the claim that", "voiced fears that").
_SUPPORT_VERBS = frozenset({"make", "issue", "voice", "express", "offer", "raise", "repeat",
                            "reiterate", "share", "deliver", "post", "send", "put"})
# How far back from a cue the closing mark of its quotation may lie when the speaker is read
# off the words between them (a name with a short apposition).
_NAME_WINDOW = 16
# Dependency labels of a verb inside another clause (a relative, complement or adverbial one).
_EMBEDDED = frozenset({"relcl", "acl", "ccomp", "xcomp", "pcomp", "advcl", "csubj", "amod"})
_NO_RECIPIENT = frozenset({"add", "continue", "point", "call", "respond", "reply", "answer",
                           "refer"})


@dataclass
class Mention:
    """A span of the document standing for a speaker, addressee or channel."""

    start: int
    end: int
    text: str
    head: tuple[int, int]
    pronoun: bool = False
    # What a relative pronoun stands for ("an architect who said"): names it in the output.
    refers: Mention | None = None

    @classmethod
    def of_span(cls, span: Span) -> Mention:
        """The whole ``span``, with its last token as head (a name or title ends in it)."""
        last = span[-1]
        return cls(span.start_char, span.end_char, span.text,
                   (last.idx, last.idx + len(last.text)))


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

    @classmethod
    def of_word(cls, cue: Token, lemma: str, speaker: Mention | None, *,
                entry: CueEntry | None = None,
                content: tuple[int, int] | None = None) -> Frame:
        """A frame whose cue is the one word ``cue``, with no addressee or channel."""
        return cls(cue=cue, cue_text=cue.text, cue_end=cue.idx + len(cue.text), lemma=lemma,
                   entry=entry, speaker=speaker, addressee=None, channel=None,
                   content=content)


def _mention_left(head: Token) -> int:
    """First token of the noun phrase headed by ``head``: its modifiers, not a punctuation
    mark or space, nor what ``_NOT_MENTION`` leaves out."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in _NOT_MENTION:
            continue
        left = min(left, child.left_edge.i)
    doc = head.doc
    while left < head.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return left


def mention_of(head: Token, conjuncts: bool = False) -> Mention:
    """The noun phrase headed by ``head`` without appositions or relative clauses; with
    ``conjuncts``, coordinated names are kept ("China and Russia said")."""
    left = _mention_left(head)
    right = head.i
    for child in head.rights:
        if child.dep_ in {"prep", "compound", "flat", "case", "poss"} or (
            conjuncts and child.dep_ in {"cc", "conj"}
        ):
            right = max(right, child.right_edge.i)
    doc = head.doc
    while right > head.i and (doc[right].is_punct or doc[right].is_space or (
            doc[right].dep_ == "case" and right == head.right_edge.i)):
        right -= 1  # "Podliska's claim that ...": the owner is "Podliska"
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
            gram = " ".join(words[i : i + n])
            if gram in lex.outlets or (gram.isupper() and gram.lower() in lex.outlets_lower):
                return True  # "POLITICO" is "Politico" in capitals
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
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if len(subjects) > 1 and subjects[-1].i > verb.i > subjects[0].i:
        # "The rejection of the deal signals "...," said Anna Berg": a subject after the cue
        # is the inverted speaker; the one before is the statement the parser broke up.
        return subjects[-1]
    if subjects:
        return subjects[0]
    if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        owner = _issuer(verb.head)
        if owner is not None:
            return owner  # "Black Lives Matter issued a statement saying ..."
        return verb.head  # "protesters chanting ...", "a sign reading ..."
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and before is not None and before.dep_ == "pobj" and \
            before.head.lower_ == "of" and before.pos_ in {"PROPN", "PRON"}:
        # "footage of Trump saying ...", "a clip of McCain saying ...": the participle
        # describes the person the phrase shows, wherever the parser hung it. No change on
        # PolNeAR train (its parses hang these on the name already); on the AllSides sample
        # it names 3 speakers, all right by hand-check (a common noun there, "the week",
        # "her term", was wrong, hence names and pronouns only).
        return before
    reporting = verb.head.head if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" else None
    if reporting is not None and speech_cue(verb) and speech_cue(reporting):
        # "tweeted that the deal was "a disgrace" and encouraged voters to ...": a speech
        # cue the parser coordinated with the reported clause's verb is the reporter going
        # on, with the reporting cue's subject, not the clause's.
        return _subject(reporting)
    # Climb a short chain of governing verbs and prepositions: "began by saying",
    # "emailed supporters saying", "went on to say", "said ... and added".
    # "is fond of saying", "was quick to say": the adjective's copula has the speaker.
    node = verb
    for _ in range(3):
        if node.dep_ not in {"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"} or \
                node.head is node:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.lemma_.lower() in {"quote", "cite"}:
            quoted = next((c for c in node.children if c.dep_ == "dobj"), None)
            if quoted is not None:
                # "Reuters quoted the minister as saying", "Interfax cited a spokeswoman as
                # saying": the one quoted speaks; the agency only relays.
                return quoted
        if node.pos_ in {"VERB", "AUX"}:
            for child in node.children:
                if child.dep_ in SUBJECTS or (child.dep_ == "nsubjpass"
                                               and node.lemma_.lower() == "quote"):
                    return child  # "X was quoted as saying"
    return None


def _speaker_mention(subject: Token) -> Mention:
    """The speaker's local mention; a relative pronoun refers to its antecedent's name."""
    mention = mention_of(subject, conjuncts=True)
    antecedent = _antecedent(subject)
    if antecedent is not None:
        # Up to the noun itself: "a staffer at the city hall" is a staffer, not the hall.
        mention.refers = Mention.of_span(
            antecedent.doc[_mention_left(antecedent) : antecedent.i + 1])
    return mention


def _antecedent(subject: Token) -> Token | None:
    """The noun a relative "who" or "which" left as a subject stands for ("an architect who
    said ...", "a staffer at the State Department who told his subordinates never to speak
    of ..."), when the parser did not make its clause a relative one: the noun right before
    it (or before a comma after it), or ``None``."""
    if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
        # "McConnell, now the Senate majority leader, who in 2010 said ...": the noun the
        # relative clause hangs on, or the name an appositive describes.
        noun = subject.head.head
        while noun.dep_ == "appos" and noun.head.pos_ in {"NOUN", "PROPN"}:
            noun = noun.head
        return named_antecedent(noun, subject)
    if subject.lower_ not in {"who", "which"} or subject.i == 0:
        return None
    before = subject.doc[subject.i - 1]
    if before.text == "," and before.i > 0:
        before = subject.doc[before.i - 1]
    if before.pos_ in {"NOUN", "PROPN"}:
        while before.dep_ in {"compound", "flat"} and before.head.i > before.i:
            before = before.head
        # "a tech staffer at the State Department who told ...": the phrase's head noun.
        while before.dep_ == "pobj" and before.head.dep_ == "prep" and \
                before.head.head.pos_ in {"NOUN", "PROPN"}:
            before = before.head.head
        return before
    return None


def _issuer(noun: Token) -> Token | None:
    """The subject that issued a medium: "X issued a statement saying", "X released an ad
    calling", "X sent out a press release saying" — the speaker, the noun being the channel."""
    if noun.lemma_.lower() not in lexicon().channel_nouns or noun.dep_ != "dobj" or \
            noun.head.pos_ != "VERB":
        return None
    return next((c for c in noun.head.children if c.dep_ == "nsubj"), None)


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


# "To X, ...": the holder's view, a belief that claims no quotation it does not contain.
_VIEW = CueEntry("to", "belief", frozenset({"needclause"}))


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
    end = pobj.right_edge.i
    sent = token.sent
    last = max((t.i for t in sent if not (t.is_punct or t.is_space)), default=sent.end - 1)
    if end >= last and not any(t.is_alpha for t in token.doc[sent.start : token.i]):
        # "According to farm-state senator Joan Ellis, the plan smacks of "panic"": a phrase
        # opening the sentence and running to its end swallowed the statement (the parser
        # made it an apposition); the statement starts after the last comma. The end is the
        # last word, not the last token: a paragraph break or closing quote mark may follow.
        commas = [t.i for t in token.doc[pobj.i + 1 : end] if t.text == ","]
        if commas and end - commas[-1] >= 3:
            end = commas[-1] - 1
    obj = token.doc[pobj.left_edge.i : end + 1]
    return token.doc[token.i : end + 1], obj


def _relays_as_saying(verb: Token) -> bool:
    """True for "cited/quoted X as saying": the speech cue is "saying", X its speaker."""
    return verb.lemma_.lower() in {"cite", "quote"} and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(
            g.lemma_.lower() in {"say", "tell", "state", "write"} for g in c.children)
        for c in verb.children)


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
        view = point_of_view(token)
        if view is not None:
            holder, content = view
            lemma = "to" if token.lower_ == "to" else "in view"
            frames.append(Frame.of_word(token, lemma, mention_of(holder), entry=_VIEW,
                                        content=content))
            continue
        if token.pos_ == "ADJ":
            adjective_entry = lex.adjective_cues.get(token.lemma_.lower())
            adjective_frame = (_adjective_frame(token, adjective_entry)
                               if adjective_entry is not None else None)
            if adjective_frame is not None:
                frames.append(adjective_frame)
            continue
        if token.pos_ == "NOUN":
            noun_entry = lex.noun_cues.get(token.lemma_.lower())
            noun_frame = (_noun_frame(token, noun_entry, quoted) if noun_entry is not None
                          else None)
            if noun_frame is not None:
                frames.append(noun_frame)
            continue
        entry = lex.cues.get(token.lemma_.lower()) or used_wording(token, quoted) or \
            _quoting_verb(token, quoted) or put_it(token)
        if entry is None or token.pos_ != "VERB" or (
            token.i >= 2 and token.doc[token.i - 1].text in {"-", "<"}
        ):
            continue  # "so-called", "self-described"; "<tweet ...>" markup left in a text
        if _relays_as_saying(token):
            continue  # "Interfax cited a spokeswoman as saying ...": "saying" is the cue
        frame = _verb_frame(token, entry, lex, quoted)
        if frame is not None:
            frames.append(frame)
    for acc_frame, outlet in according:
        # A speech cue embedded in the statement ("According to X, it appears that ... a tweet
        # Labott posted ...") does not make "according to" a mere channel. PolNeAR train (840
        # docs): +5 quoted attributions, all-attribution recall 0.5360 -> 0.5376.
        # A cue that reports nothing and may not claim a quotation near it ("Carter spoke
        # with his counterpart "to discuss ...," according to a readout") leaves the
        # statement to "according to".
        if any(f.cls == "speech" and f.cue.dep_ not in _EMBEDDED and (
                f.content is not None or f.entry is None or "needclause" not in f.entry.flags)
               for f in frames):
            # "Lavrov told Xi, according to Russian news agencies": the outlet is the channel.
            if outlet:
                for frame in frames:
                    if frame.channel is None:
                        frame.channel = acc_frame.channel
        else:
            frames.append(acc_frame)
    return frames


def _quoting_verb(verb: Token, quoted: set[int]) -> CueEntry | None:
    """An entry for a verb outside the cue lexicon whose clause complement holds a quotation
    ("Trump groused to a crowd that CNN "doesn't treat me properly"", "Hewlett sniped that
    Fiorina was "learning on the job""): the quotation marks show the clause reports words,
    so the verb is read as a speech cue with no flags.

    The subject must be a noun or pronoun, so that impersonal verbs ("it seems that ...") stay
    out. PolNeAR train (840 docs): with "that"-clauses, quoted recall 0.8896 -> 0.8915; with
    every complement clause after the verb, 0.8931, all-attribution recall 0.5274 -> 0.5284
    and precision 0.7976 -> 0.7974. The same test on nouns outside the noun lexicon found
    nothing more.
    """
    if verb.pos_ != "VERB" or not quoted:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = _subject(verb)  # "Politifact examined the charge and rated it "True.""
    if subject is None or not _holds_view(subject):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None) \
        or misparsed_complement(verb)
    if clause is not None and any(t.i in quoted for t in clause.subtree):
        return CueEntry(verb.lemma_.lower(), "speech", frozenset({"needclause"}))
    predicate = quoted_predicate(verb, quoted)
    if predicate is not None:
        return CueEntry(verb.lemma_.lower(), "speech", frozenset({"oprd", "needclause"}))
    return None


def _holds_view(subject: Token) -> bool:
    """Whether a subject can be the speaker of words a verb or adjective outside the cue
    lexicon reports: a noun phrase, not an impersonal "it"/"this"/"that" ("it seems that
    ...")."""
    return _nominal(subject) and subject.lower_ not in {"it", "this", "that"}


def _nominal(subject: Token) -> bool:
    """Whether a subject is a noun phrase: a noun, name or pronoun, a quantifier ("Many",
    "Two of them"), or a capitalised word the tagger took for a verb or interjection
    (sentence-initial "Trump" is tagged VB in 8 PolNeAR train subjects)."""
    if subject.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}:
        return True
    if subject.pos_ == "ADJ":
        return subject.tag_ in {"JJ", "JJS"} and subject.lower_ in {"many", "most", "several",
                                                                    "few", "some", "both"}
    return subject.pos_ in {"VERB", "INTJ"} and subject.text[:1].isupper() and \
        subject.tag_ != "VBG"


def _verb_frame(token: Token, entry: CueEntry, lex: Lexicon,
                quoted: set[int] | None = None) -> Frame | None:
    """The frame of one cue verb, or ``None`` for passives and particle-less "point"."""
    quoted = quoted or set()
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children):
        return _passive_frame(token, entry)
    out = next((c for c in token.children if c.dep_ == "prt" or c.lower_ == "out"), None)
    if entry.lemma == "point" and (out is None or out.lower_ != "out"):
        return None
    subject = _subject(token)
    if subject is not None and subject.i in quoted:
        # ""Very good reporter, very good reporter this guy," Trump, the 2016 GOP
        # frontrunner ..., said": the parser took a word of the quotation for the subject.
        subject = None
    if subject is None:
        subject = _misparsed_subject(token)
    if subject is None:
        subject = _name_by_quote(token, quoted)
    content = reported_content(token, entry)
    if content is not None:
        content = clip(content, token, subject)
    addressee: Mention | None = None
    channel = _preposition_channel(token, lex)
    if channel is None and token.dep_ in {"acl", "relcl"} and subject is not None and \
            subject.i != token.head.i and _issuer(token.head) is not None:
        medium = token.doc[token.head.left_edge.i : token.head.i + 1]
        channel = Channel(channel_name(medium, lex), medium.text, medium.start_char,
                          medium.end_char)
    speech = entry.cls == "speech"  # a belief ("feel", "hope") is addressed to no one
    outlet_object: Token | None = None
    for child in token.children:
        if child.dep_ in _OBJECTS and "addressee" in entry.flags and \
                _recipient_object(token, child, lex):
            span = token.doc[child.left_edge.i : child.right_edge.i + 1]
            if channel is not None and outlet_object is not None and \
                    _after_possessive(outlet_object, child):
                # "told Fox News' The Kelly File" (a show) / "told Fox News' Bill O'Reilly"
                # (a host, parsed as a second object): a person is the addressee, anything
                # else is part of the channel.
                if _person_name(span):
                    addressee = mention_of(child)
                else:
                    channel.text = token.doc[token.i : child.i + 1].text
                    channel.end = child.idx + len(child.text)
                continue
            if (child.pos_ == "PROPN" and is_outlet(span, lex)) or \
                    child.lemma_.lower() in lex.channel_nouns:
                outlet_object = child
                name_span = token.doc[child.left_edge.i : child.i + 1]
                channel = channel or Channel(
                    channel_name(name_span, lex), token.doc[token.i : child.i + 1].text,
                    token.idx, child.idx + len(child.text))
                outlet = _outlet_in(name_span, lex)
                if outlet is not None and outlet.end <= child.i and \
                        _person_name(token.doc[outlet.end : child.i + 1]):
                    # "told Fox News' Bill O'Reilly": the outlet is the channel, the host
                    # the addressee.
                    first = outlet.end
                    while first < child.i and (token.doc[first].dep_ == "case"
                                               or token.doc[first].is_punct):
                        first += 1
                    host = token.doc[first : child.i + 1]
                    addressee = Mention.of_span(host)
            else:
                addressee = mention_of(child)
        elif child.dep_ == "prep" and child.lower_ == "to" and addressee is None and speech \
                and entry.lemma not in _NO_RECIPIENT:
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
        speaker=_speaker_mention(subject) if subject is not None else None,
        addressee=addressee, channel=channel, content=content,
    )


# Cues that open a sentence in the inverted order of news copy ("Said Smith, ...").
_INVERTED_CUES = frozenset({"said", "says", "added", "adds", "asked", "explained", "wrote"})


def _misparsed_subject(verb: Token) -> Token | None:
    """The speaker of a cue the parser left without a subject, next to a quotation.

    ``"...," Trump barked`` (the name taken as a compound of the verb) and ``"...," read one``
    / ``"...," said Smith`` (the inverted subject taken as an object): the name right before
    the cue, or the noun right after a cue that directly follows the closing mark.
    """
    doc = verb.doc
    if verb.i == verb.sent.start and verb.lower_ in _INVERTED_CUES:
        # "Said Venezuelan political scientist Maria Teresa Romero, a critic of Maduro's,
        # "..."": a sentence opening with the cue names its speaker right after it.
        for token in doc[verb.i + 1 : min(verb.i + 9, verb.sent.end)]:
            if token.is_punct:
                break
            if token.pos_ == "PROPN" and (token.i + 1 >= len(doc)
                                          or doc[token.i + 1].pos_ != "PROPN"):
                return token
    if verb.i > 0:
        prev = doc[verb.i - 1]
        if prev.pos_ == "PROPN" and prev.head.i == verb.i and prev.dep_ in {"compound", "npadvmod"}:
            return prev
    appositive = appositive_in_clause(verb)
    if appositive is not None:
        return appositive
    if verb.i > 1 and doc[verb.i - 1].is_punct and doc[verb.i - 1].text in "\"”’'":
        for child in verb.rights:
            if child.dep_ in {"dobj", "attr", "npadvmod", "nsubj"} and \
                    child.pos_ in {"PROPN", "NOUN", "NUM", "PRON"}:
                return child
            break
    return None


def _name_by_quote(verb: Token, quoted: set[int]) -> Token | None:
    """The name between a closing quotation mark and its cue (""...," Brent Bozell III,
    founder of ..., tells"), or right after the cue (""...," said Bolton"), for a cue left
    without a usable subject."""
    doc = verb.doc
    close: int | None = None
    for k in range(verb.i - 1, max(verb.i - _NAME_WINDOW, 0) - 1, -1):
        if k in quoted:
            close = k
            break
    if close is None:
        return None
    for t in doc[close + 1 : verb.i]:
        if t.i in quoted:
            return None
        if t.pos_ in {"PROPN", "PRON"} and t.lower_ not in _RELATIVE:
            while t.dep_ in {"compound", "flat"} and t.head.i > t.i and t.head.i < verb.i:
                t = t.head
            return t
    if any(not (t.is_punct or t.is_space) for t in doc[close + 1 : verb.i]):
        return None
    for t in doc[verb.i + 1 : min(verb.i + 4, len(doc))]:
        if t.pos_ == "PROPN":
            while t.dep_ in {"compound", "flat"} and t.head.i > t.i:
                t = t.head
            return t
    return None


def _adjective_frame(adjective: Token, entry: CueEntry) -> Frame | None:
    """A predicate adjective with a clause: "Trump is confident that he will win", "aides
    were worried the vote would slip", "she was adamant that ..."; the copula's subject holds
    the belief. ``None`` without a clause or a noun subject."""
    if adjective.pos_ == "VERB":
        holder = adjective  # the participle read as a passive verb
    elif adjective.dep_ == "acomp" and adjective.head.lemma_.lower() not in lexicon().cues:
        holder = adjective.head  # "feels confident that ..." is the verb's to report
    else:
        return None
    # The clause hangs on the adjective, or on the copula after it ("was adamant that ...").
    clause = next((c for c in adjective.children if c.dep_ == "ccomp"), None) or next(
        (c for c in holder.children if c.dep_ == "ccomp" and c.i > adjective.i), None)
    if clause is None and "tocomp" in entry.flags:
        clause = next((c for c in adjective.children if c.dep_ == "xcomp"), None)
    if clause is None:
        return None
    subject = next((c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or not _holds_view(subject):
        return None
    content = clip(clause_span(clause), adjective, subject)
    if content is None:
        return None
    return Frame.of_word(adjective, entry.lemma, _speaker_mention(subject), entry=entry,
                         content=content)


def _noun_frame(noun: Token, entry: CueEntry, quoted: set[int] | None = None) -> Frame | None:
    """A cue noun with a "that"-clause and an owner: "Clinton's claim that ...", "the warning
    by officials that ...", "Trump made the argument that ..."; or with a quotation as its
    argument or modifier ("his call for "a total and complete ban" on ...", "Obama's "if you
    like your plan, you can keep it" promise"); ``None`` without either."""
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "appos"}
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        # "Rubio's catch phrase ... was that Crist "would say ..."", "The senator's answer was
        # that ...": the statement is the predicate clause of the copula.
        clause = next((c for c in noun.head.children if c.i > noun.i and c.dep_ in
                       {"ccomp", "attr", "advcl"} and any(
                           g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None and "tocomp" in entry.flags:
        # "his promise to be "neutral" in negotiations", "her pledge to ...": the infinitive
        # is what was promised.
        clause = next((c for c in noun.children if c.dep_ in {"acl", "relcl"} and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    argument = quoted_argument(noun, quoted or set()) if clause is None else None
    if clause is None and argument is None:
        return None
    owner: Token | None = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}),
                  None)
        owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _SUPPORT_VERBS:
        owner = _subject(noun.head)  # "Trump made the claim that ..."
    if owner is None or owner.pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    if argument is not None:
        content: tuple[int, int] | None = argument
    else:
        assert clause is not None
        content = clip(clause_span(clause), noun, owner)
    if content is None:
        return None
    return Frame.of_word(noun, entry.lemma, mention_of(owner, conjuncts=True), entry=entry,
                         content=content)


def _passive_frame(verb: Token, entry: CueEntry) -> Frame | None:
    """A passive cue with its agent: "the move was first reported by Politico", "the plan,
    announced by the White House, ...": the agent speaks, the subject (or the clause) is
    what was said. Agentless passives ("it was announced") stay unattributed."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
    if by is None:
        # "Aides were worried the vote would slip": a participle the parser read as a passive
        # is the adjective of the adjective lexicon.
        adjective = lexicon().adjective_cues.get(verb.lower_)
        return _adjective_frame(verb, adjective) if adjective is not None else None
    content: tuple[int, int] | None = None
    ccomp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if ccomp is not None:
        content = clause_span(ccomp)
    elif subj is not None and "dobj" in entry.flags and subj.pos_ in {"NOUN", "PROPN"}:
        content = clause_span(subj)
    if content is None:
        return None
    return Frame.of_word(verb, entry.lemma, mention_of(by, conjuncts=True), entry=entry,
                         content=content)


def _after_possessive(owner: Token, obj: Token) -> bool:
    """Whether ``obj``'s phrase starts right after ``owner`` and its possessive mark."""
    k = owner.i + 1
    while k < obj.left_edge.i and (owner.doc[k].dep_ == "case" or owner.doc[k].is_punct):
        k += 1
    return k == obj.left_edge.i and k > owner.i + 1


def _person_name(span: Span) -> bool:
    """A person's name: tagged PERSON by the model and no determiner ("Bill O'Reilly", not
    "The Kelly File" or "a Philadelphia radio station")."""
    words = [t for t in span if not t.is_punct and t.dep_ != "case"]
    return bool(words) and all(t.dep_ != "det" for t in words) and \
        any(t.ent_type_ == "PERSON" for t in words)


def _recipient_object(verb: Token, obj: Token, lex: Lexicon) -> bool:
    """Whether a cue's noun object is the one spoken to (or the medium spoken through).

    "told Xi", "warned officials that", "urged Congress to act", "told a radio station" are;
    the thing promised or announced is not ("promised a border wall"): besides "tell", an
    object counts when the verb also has a reported clause, or the object is a person, group,
    pronoun or medium.
    """
    if verb.lemma_.lower() == "tell" or obj.dep_ in {"dative", "iobj"}:
        return True
    if any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
        return True
    return obj.pos_ in {"PROPN", "PRON"} or obj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} \
        or obj.lemma_.lower() in lex.channel_nouns


def _according_content(sent: Span, phrase: Span) -> tuple[int, int] | None:
    """The rest of the sentence around "according to X": before or after it, the longer."""
    doc = sent.doc
    before = (sent.start, phrase.start)
    after = (phrase.end, sent.end)
    lo, hi = max((before, after), key=lambda r: r[1] - r[0])
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    hi = trim_right(doc, hi - 1) + 1  # a closing quotation mark stays, as everywhere else
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
