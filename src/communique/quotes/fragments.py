"""The statement around a quoted fragment inside a cue's object or complement phrase.

``Ryan lamented the "disheartened" state of the campaign``, ``Trump criticised Khan for making
"very rude statements"``, ``calling him, among other things, "a failed candidate"``: the
quotation marks hold a few of the speaker's words, but what is attributed is the whole phrase
the cue verb takes as its argument (PolNeAR annotates that phrase as the content). The phrase is
read off the dependency parse alone, with no list of verbs: the fragment's head must descend
from the cue through one of the cue's argument children (object, complement, predicate,
preposition), and the content runs from the first argument after the cue to the end of the
argument run holding the fragment. The caller decides whether the result is a *mixed* quote
(enough words outside the marks) or stays *direct*.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from communique.quotes.arguments import misparsed_complement
from communique.quotes.lexicon import ADJUNCT_PREPS, lexicon
from communique.quotes.marks import CLOSING_TOKENS, OPENING_TOKENS

# Children of a cue verb that carry what was said: objects, complements, predicates and
# prepositional arguments ("criticised Khan for ...", "described Rubio as ...").
_ARGUMENT_DEPS = frozenset({"dobj", "dative", "oprd", "ccomp", "xcomp", "prep", "attr",
                            "acomp"})
# Subordinators of time clauses, which set the scene rather than report (the same words open
# the reporter's trailers cut off in ``extract._TRAILER``).
_SETTING_MARKS = frozenset({"after", "before", "when", "while", "as", "since", "until", "once"})


def _is_argument(child: Token) -> bool:
    return child.dep_ in _ARGUMENT_DEPS and not (
        child.dep_ == "prep" and child.lower_ in ADJUNCT_PREPS)


def _argument_child(cue: Token, doc: Doc, start: int, end: int) -> Token | None:
    """The child of ``cue`` whose subtree holds the fragment ``[start, end)`` (characters), or
    ``None`` when the fragment does not hang on the cue through an argument after it."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0 or span.start <= cue.i:
        return None
    roots = [t for t in span if t.head.i == t.i or not span.start <= t.head.i < span.end]
    found: Token | None = None
    for root in roots:
        if root.is_punct or root.is_space:
            continue
        child = root
        while child.head.i != cue.i:
            if child.head.i == child.i:
                return None  # the fragment's tree does not pass through the cue
            child = child.head
        if found is not None and child.i != found.i:
            return None  # pieces of the fragment hang on different arguments
        found = child
    if found is None or found.i <= cue.i or not _is_argument(found) or found.dep_ == "ccomp":
        # A complement clause is the frame's reported clause already (``clauses.clause_span``
        # stops it at a second statement: "says he'd ... and tells the crowd ...").
        return None
    return found


def before_adjunct(doc: Doc, lo: int, right: int) -> int:
    """End (exclusive) of a characterisation ``lo``..``right`` at its last closing quotation
    mark when only a time, place or medium phrase follows the mark: in "described Clinton as
    a "disgrace" Wednesday on The Laura Ingraham Show" and "called Palin a "clown" on his
    radio show" the phrase is the reporter's (the parser hangs it on the quoted noun).
    PolNeAR train (840 docs): +1 quoted attribution and none lost; the same cut after any
    place phrase lost as many as it gained ("called it "the pearl" on the Silk Road")."""
    # Any quotation mark counts: "called the KKK "abhorrent“ in a tweet Sunday" closes with
    # an opening curly mark.
    close = next((i for i in range(right, lo, -1)
                  if doc[i].text in CLOSING_TOKENS or doc[i].text in OPENING_TOKENS), None)
    if close is None or close == right:
        return right + 1
    after = next((t for t in doc[close + 1 : right + 1] if not t.is_punct), None)
    if after is None:
        return right + 1
    if after.ent_type_ in {"DATE", "TIME"}:
        return close + 1
    if after.dep_ == "prep" and after.lower_ in ADJUNCT_PREPS:
        # Only a time or a medium: "... "an historic step forward" in global efforts to ..."
        # and "... "the pearl" on the Silk Road ..." go on with the predicate.
        if after.lower_ == "during":
            return close + 1  # always a time: "... "crazy system" during a campaign stop"
        obj = next((g for g in after.children if g.dep_ == "pobj"), None)
        if obj is not None and (obj.ent_type_ in {"DATE", "TIME"} or
                                obj.lemma_.lower() in lexicon().channel_nouns):
            return close + 1
    return right + 1


def argument_phrase(cue: Token, passages: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Character span of the cue's argument phrase holding every quoted passage, or ``None``.

    ``passages`` are the content spans (characters) of the quotation marks attributed to the
    cue. The phrase starts at the first argument child after the cue (so "criticised Khan for
    making "..."" keeps the object "Khan") and ends at the last argument child of the
    uninterrupted run after the fragment's own argument, plus an adverbial clause right after
    it ("... because ..."). A comma, a time or place phrase, a participle of another cue or a
    coordinated verb ends it ("..., saying ..." is a statement of its own)."""
    doc = cue.doc
    complement = misparsed_complement(cue)
    if complement is not None:
        lo, hi = doc[complement.left_edge.i].idx, doc[complement.right_edge.i].idx
        if all(lo <= start and end <= hi + 1 for start, end in passages):
            return None  # the quotation is in the verb's reported clause, not its object
    children: list[Token] = []
    for start, end in passages:
        child = _argument_child(cue, doc, start, end)
        if child is None:
            return None
        children.append(child)
    rights = [c for c in cue.rights if not c.is_space]
    first = min(children, key=lambda c: c.i)
    last = max(children, key=lambda c: c.i)
    # Leftmost argument before the fragment's: every right child up to it must be an argument
    # or punctuation ("calling him, among other things, "..."").
    lo_child = first
    for child in rights:
        if child.i >= first.i:
            break
        if _is_argument(child):
            lo_child = child
            break
    if any(not (_is_argument(c) or c.is_punct) for c in rights if lo_child.i <= c.i < first.i):
        lo_child = first
    hi_child = last
    cues = lexicon().cues
    for child in rights:
        if child.i <= last.i or child.text in CLOSING_TOKENS:
            continue
        if child.dep_ == "advcl" and child.lemma_.lower() not in cues and not any(
                m.dep_ == "mark" and m.lower_ in _SETTING_MARKS for m in child.children):
            # "called Horgos "a mistake" because so few people live there": the reason the
            # parser hangs on the cue is part of the statement (as in ``clauses._with_trailer``);
            # a participle of another cue ("..., saying ...") is a statement of its own, and
            # a time clause ("chanting "..." after the union failed to ...") the reporter's.
            hi_child = child
            break
        if not _is_argument(child) or child.lower_ in ADJUNCT_PREPS:
            break
        hi_child = child
    # "referred to Rubio as ...": the phrase starts at the object, not at its preposition.
    lo = lo_child.i + 1 if lo_child.dep_ == "prep" and lo_child.left_edge.i == lo_child.i \
        else lo_child.left_edge.i
    hi = before_adjunct(doc, lo, hi_child.right_edge.i) - 1
    marks_end = max(end for _, end in passages)
    for t in doc[lo : hi + 1]:
        if t.idx < marks_end:
            continue
        # "telling CNN that Trump is a "faker" and questioning how ...": a coordinated verb
        # after the quotation starts another predicate.
        if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}:
            hi = t.left_edge.i - 1
            break
    while hi > lo and ((doc[hi].is_punct and doc[hi].text not in CLOSING_TOKENS) or doc[hi].is_space
                       or doc[hi].dep_ == "cc"):
        hi -= 1
    while lo < hi and ((doc[lo].is_punct and doc[lo].text not in OPENING_TOKENS)
                       or doc[lo].is_space):
        lo += 1
    span = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    if any(start < span[0] or end > span[1] + 1 for start, end in passages):
        return None  # a cut fell inside the quotation: the parse is not to be trusted here
    return span
