"""Where a cue's reported clause starts and ends, read off the dependency parse.

A complement clause without its "that", stopped at a second statement or a time phrase that
dates the telling; a noun object with the complements after it; the object with its predicate
for characterising verbs; and the clip that keeps a clause clear of its own cue and speaker.
Used by the frame builder (:mod:`communique.quotes.cues`).
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.quotes.arguments import (
    characterised,
    has_own_subject,
    misparsed_complement,
    trim_right,
)
from communique.quotes.fragments import before_adjunct
from communique.quotes.lexicon import ADJUNCT_PREPS, CueEntry, lexicon
from communique.quotes.marks import CLOSING_TOKENS, OPENING_TOKENS

# Dependency labels of a clause's subject (the speaker, for a cue verb).
SUBJECTS = frozenset({"nsubj", "csubj"})


def clause_span(token: Token) -> tuple[int, int]:
    """Token range of a complement clause without its leading "that"/"whether" or punctuation."""
    left, right = token.left_edge.i, token.right_edge.i
    doc = token.doc
    # Only the clause's own complementizer goes: in "said that if the council refuses, "we
    # will ..."" the "if" belongs to the conditional inside the statement.
    while left < right and ((doc[left].dep_ == "mark" and doc[left].lower_ in {"that", "whether",
                                                                              "if"}
                             and (doc[left].head.i == token.i or doc[left].lower_ == "that"))
                            or doc[left].is_punct or doc[left].is_space):
        left += 1
    left = _after_time(token, left, right)
    governing = token.head.tag_
    for t in doc[left + 1 : right + 1]:
        # "... "very charming" and called his standing ...", "..., adding that ...", "..., and
        # more than 4 in 10 said ...": a second speech cue in the governing verb's form (or a
        # participle) starts a new statement. A base form after a modal belongs to the clause
        # ("says he'd sit Putin down and tell him ..."), and so does a belief verb ("said she
        # was tired ... and wanted a candidate who ...").
        if speech_cue(t) and (
            (t.dep_ == "advcl" and t.tag_ == "VBG")
            or (t.dep_ == "conj" and (t.tag_ == governing or any(
                a.dep_ in {"aux", "auxpass"} and a.tag_ == governing for a in t.children)))
        ):
            right = t.left_edge.i - 1
            break
    while right > left and ((doc[right].is_punct and doc[right].text not in "\"”’'")
                            or doc[right].is_space or doc[right].dep_ == "cc"):
        right -= 1
    return left, right + 1


def speech_cue(verb: Token) -> bool:
    """Whether a verb is a speech cue of the lexicon ("say", "urge"), not a belief one."""
    entry = lexicon().cues.get(verb.lemma_.lower())
    return verb.pos_ == "VERB" and entry is not None and entry.cls == "speech"


def _after_time(head: Token, left: int, right: int) -> int:
    """First token of a reported clause after the time phrase the parser hung on it when the
    clause follows its cue with no "that": in "told African-Americans this weekend he would
    consider ..." and "said Tuesday his actions are ..." the time dates the telling ("said
    that this weekend he ..." keeps it). The clause's subject must come right after it."""
    if left != head.left_edge.i or head.head.i >= left:
        return left
    for child in head.lefts:
        if child.left_edge.i == left and child.dep_ in {"npadvmod", "advmod", "prep"} and \
                child.ent_type_ in {"DATE", "TIME"}:
            subject = next((c for c in head.lefts if c.dep_ in SUBJECTS), None)
            if subject is not None and subject.left_edge.i == child.right_edge.i + 1:
                return subject.left_edge.i
    return left


def _with_trailer(verb: Token, clause: Token, span: tuple[int, int]) -> tuple[int, int]:
    """A reported clause with the adverbial clause the parser hung on the cue after it
    ("told a town hall that waterboarding is "peanuts," compared to what ...", "said caucuses
    "are such an unknown" because ...") or a verb of the clause it cut loose as a second
    complement: PolNeAR's annotators and the reported-speech reading both keep it. A cue
    verb there starts a statement of its own and is left out."""
    lo, hi = span
    cues = lexicon().cues
    for child in verb.rights:
        if child.i <= clause.i or child.dep_ not in {"advcl", "conj", "ccomp"}:
            continue
        gap = verb.doc[hi : child.left_edge.i]
        if child.lemma_.lower() in cues or not all(t.is_punct or t.is_space or t.dep_ == "cc"
                                                   for t in gap):
            break
        if child.dep_ == "conj" and not _statement_verb(verb, child):
            break
        if child.dep_ == "ccomp" and (child.pos_ not in {"VERB", "AUX"} or
                                      has_own_subject(child)):
            # A second complement with no subject is the clause's own verb the parser cut
            # loose ("said the inquiry had nothing to do with ..., had started after ...").
            # One with a subject, or a noun phrase, is the reporter's sentence going on
            # ("..., a swipe at ...", "... and Obama expanded ..."). PolNeAR train: +1
            # quoted and +10 of all attributions matched, precision 0.8003 -> 0.8011.
            break
        hi = trim_right(verb.doc, child.right_edge.i) + 1
    return lo, hi


def _statement_verb(cue: Token, conj: Token) -> bool:
    """Whether a verb the parser coordinated with the cue is the reported clause's own
    ("told reporters that polls could be "way off," and have been unreliable"): it has no
    subject of its own and its finite form is not the cue's, so it agrees with the clause."""
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children):
        # "said the rule was fair, but that it needed work": a second "that" is a second
        # complement of the same cue, unless it reports on its own ("makes clear that ...,
        # and that he seems to feel ..."). PolNeAR train: +5 attributions matched, none lost.
        cues = lexicon().cues
        return not any(t.pos_ == "VERB" and t.lemma_.lower() in cues for t in conj.subtree)
    if has_own_subject(conj):
        return False
    finite = next((a.tag_ for a in conj.children if a.dep_ in {"aux", "auxpass"}), conj.tag_)
    return agrees_with_statement(cue, finite)


def agrees_with_statement(cue: Token, finite_tag: str) -> bool:
    """Whether a finite verb after a past-tense cue is in the present or a modal, so that it
    belongs to the reported clause, not to the reporter's narration in the cue's tense. Only
    the past-tense cue is read: a present cue ("says ... but conceded ...") mixes tenses in
    the reporter's own sentence."""
    return cue.tag_ == "VBD" and finite_tag in {"VBP", "VBZ", "MD"}


def clip(content: tuple[int, int], verb: Token, subject: Token | None) -> tuple[int, int] | None:
    """Keep a reported clause clear of its own cue and speaker (parse errors put the speaker
    inside the clause: ""Yes, I support Ted Cruz," Brent Bozell III, founder of ..., said")."""
    lo, hi = content
    block_lo, block_hi = verb.i, verb.i
    if subject is not None:
        if subject.left_edge.i <= verb.i <= subject.right_edge.i:
            # "Barkley, who said he typically votes ...": the cue sits in the speaker's own
            # relative clause; only the name itself is kept out of the content.
            block_lo = min(block_lo, subject.i)
            block_hi = max(block_hi, subject.i)
        else:
            block_lo = min(block_lo, subject.left_edge.i)
            block_hi = max(block_hi, subject.right_edge.i)
    if block_hi < lo or block_lo >= hi:
        return content
    left = (lo, min(hi, block_lo))
    right = (max(lo, block_hi + 1), hi)
    best = max(left, right, key=lambda r: r[1] - r[0])
    return best if best[1] - best[0] >= 2 else None


def _opens_quotation(clause: Token) -> bool:
    """Whether a clause starts at an opening quotation mark: ""A," Cruz said as the heckler
    yelled: "B"" keeps "A" as the fronted statement of "said"."""
    doc = clause.doc
    first = clause.left_edge.i
    window = doc[max(0, first - 1) : first + 1]
    return any(t.text in OPENING_TOKENS for t in window)


def reported_content(verb: Token, entry: CueEntry) -> tuple[int, int] | None:
    """Token range of what a cue verb reports, as its lexicon flags read it (a complement
    clause, a to-infinitive, the clause after "of"/"for", an object with its predicate, a
    noun object, a topic), or ``None`` when the parse gives none."""
    clauses = [child for child in verb.children if child.dep_ == "ccomp"]
    if not clauses:
        clauses = [c for c in [misparsed_complement(verb)] if c is not None]
    if clauses:
        # A complement after the cue is its reported clause; one before it is a fronted
        # quotation ("..., she said") only when nothing follows. With both, the one before is
        # the parser hanging the preceding sentence on the cue ("Clinton isn't rattled ... —
        # in fact, she said it "humanizes" her"), unless it opens with a quotation mark.
        # PolNeAR train, with the aside rule of quotes/extract.py: +22 quoted and +50 of all
        # attributions matched, precision 0.791 -> 0.794.
        after = [child for child in clauses if child.i > verb.i]
        child = clauses[0]
        if after and not (child.i < verb.i and _opens_quotation(child)):
            child = after[0]
        return _with_trailer(verb, child, clause_span(child))
    if "wording" in entry.flags:
        return _named_wording(verb)
    if "tocomp" in entry.flags:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return clause_span(child)
    if "accuse" in entry.flags:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
                for grand in child.children:
                    if grand.dep_ in {"pcomp", "pobj"}:
                        return clause_span(grand)
    if "oprd" in entry.flags:
        # "called the plan "a disaster"", "described Rubio as "a bright leader"": the object
        # with its predicate.
        obj = characterised(verb)
        if obj is not None:
            right = max((c.right_edge.i for c in verb.rights
                         if c.dep_ in {"dobj", "oprd", "ccomp", "xcomp", "prep", "attr"}
                         and (c.dep_ != "prep" or c.lower_ == "as")),
                        default=obj.right_edge.i)
            if right < obj.left_edge.i:
                return None
            return obj.left_edge.i, before_adjunct(verb.doc, obj.i, trim_right(verb.doc, right))
    if "dobj" in entry.flags:
        for child in verb.children:
            if child.dep_ == "dobj":
                return _object_span(verb, child)
    if "about" in entry.flags:
        # "asked about concerns that ...", "talked about the wall": the topic is the content.
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"about", "on", "of"}:
                for grand in child.children:
                    # "commented on the report", but "spoke ... on Tuesday" is a time.
                    if grand.dep_ in {"pcomp", "pobj"} and grand.ent_type_ not in {"DATE",
                                                                                  "TIME"}:
                        return clause_span(grand)
    return None


def _object_span(verb: Token, obj: Token) -> tuple[int, int]:
    """A noun object with the verb's complements after it ("praised the efforts of a donor
    to attack ...", "supported Crist against Rubio"); channel and time phrases, adverbial
    clauses and coordinated verbs end it (PolNeAR train: +0.6 points of recall)."""
    lo, hi = clause_span(obj)
    doc = verb.doc
    for child in verb.rights:
        if child.i <= obj.i or (child.dep_ == "cc" and child.pos_ == "CCONJ"):
            continue
        # A quoted noun the parser coordinated with the verb or took for a second object is
        # a second predicate on the object ("condemned the test as "provocative" and a
        # "grave threat" to ..."); an unquoted one may be a verb the tagger missed ("chides
        # Turkey and praises ...").
        nominal = child.dep_ in {"conj", "dobj"} and child.pos_ in {"NOUN", "PROPN", "ADJ"} \
            and any(t.text in OPENING_TOKENS for t in child.subtree)
        if (child.dep_ not in {"prep", "xcomp", "oprd", "dative"} and not nominal) or \
                child.lower_ in ADJUNCT_PREPS:
            break
        hi = trim_right(doc, child.right_edge.i) + 1
    return lo, before_adjunct(doc, lo, hi - 1)


def _named_wording(verb: Token) -> tuple[int, int] | None:
    """The quotation a wording object names ("used the phrase "radical Islamic terrorism""):
    from its opening mark to the next closing one."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    subtree = [t for t in obj.subtree if t.i > obj.i]
    opening = next((t.i for t in subtree if t.text in OPENING_TOKENS), None)
    if opening is None:
        return None
    # The closing mark may hang on the verb: it is looked for up to the token after the
    # object's last word.
    doc = verb.doc
    closing = next((i for i in range(opening + 2, min(obj.right_edge.i + 2, len(doc)))
                    if doc[i].text in CLOSING_TOKENS), None)
    return (opening + 1, closing) if closing is not None else None

