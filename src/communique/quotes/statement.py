"""Whether an attribution reports a statement: the ``act`` of each quote record.

Every attribution the extractor finds is kept (the PolNeAR suite counts beliefs and stances
as attributions too), but only statements are someone's reported words. ``act`` says which:

- ``statement``: words said, written or posted, with their content given;
- ``belief``: a belief, perception or attitude ("insiders think", "Iran supports Assad");
- ``stance``: a speech act whose words are not reported, only its target or topic ("defended
  his record", "talked about the economy");
- ``unasserted``: speech that is negated or only possible ("did not say", "may argue", "a
  resolution to condemn the attack").

The decision is a cascade of small named rules, tried in order; the first that answers
decides, and an attribution no rule claims is a statement.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from communique.quotes.arguments import characterised, misparsed_complement
from communique.quotes.cues import Frame
from communique.rules import Ledger

STATEMENT = "statement"
ACTS = ("statement", "belief", "stance", "unasserted")
# Modal auxiliaries that make speech only possible ("critics may argue", "he could say").
_MODALS = frozenset({"would", "could", "can", "may", "might", "should", "must", "'d"})
# Nouns of documents and findings that report what their authors found: "the review found
# that ..." is the review's statement, not a belief.
_FINDING_SUBJECTS = frozenset({
    "report", "review", "study", "survey", "investigation", "inquiry", "audit", "analysis",
    "poll", "probe", "assessment", "panel", "committee", "commission", "court", "judge",
    "research", "researcher", "data", "paper", "memo", "document", "filing", "complaint",
})
_FINDING_CUES = frozenset({"find", "conclude", "determine", "show", "rule"})

ActRule = Callable[[str, Frame | None, bool], str | None]
ACTS_LEDGER: Ledger[ActRule] = Ledger(
    "statement_acts", "What a quote record reports (its `act`): the first rule that answers "
                      "decides; a record no rule claims is a statement.")


def _impersonal_copula(verb: Token) -> bool:
    """Whether ``verb`` is a copula with an impersonal "it" and an adjective ("it is worth
    ...", "it is important ...")."""
    return verb.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lower_ == "it"
                                        for c in verb.children) and \
        any(c.dep_ == "acomp" for c in verb.children)


@ACTS_LEDGER.rule("no-cue",
                  example="According to the ministry, forty people were killed.")
def _no_cue(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """Without a cue verb ("according to X, ...", a parenthetical "he noted") the statement
    stands as the extractor found it."""
    if frame is None or frame.according or frame.cue.pos_ not in {"VERB", "AUX"}:
        return STATEMENT if kind != "belief" else "belief"
    return None


@ACTS_LEDGER.rule("discourse-marker", example="That said, the vote was close.")
def _discourse_marker(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """"That said, the vote was close", "that being said": the phrase links the author's
    sentences; nobody said anything."""
    assert frame is not None
    cue = frame.cue
    subject = next((c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if frame.lemma == "say" and subject is not None and subject.lower_ in {"that", "this"} \
            and subject.i == cue.i - 1 and not _has_clause(cue) and \
            cue.i + 1 < len(cue.doc) and cue.doc[cue.i + 1].text == ",":
        return "unasserted"
    return None


@ACTS_LEDGER.rule("negated-speech",
                  example="The minister did not deny that talks had stalled.")
def _negated(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """"She did not call him a liar", "no one is denying that ...": negated speech reports
    nothing said."""
    assert frame is not None
    cue = frame.cue
    if any(c.dep_ == "neg" for c in cue.children):
        return "unasserted"
    subject = next((c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if (subject is not None and subject.lower_ in {"no", "nobody", "none", "neither"}) or (
            subject is not None and any(c.dep_ == "det" and c.lower_ == "no"
                                        for c in subject.children)):
        return "unasserted"
    return None


@ACTS_LEDGER.rule("possible-speech",
                  example="Critics may argue that the plan costs too much.")
def _possible(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """"Critics may argue that ...", "they can talk about changing the rules", "a resolution
    to condemn the attack", "it is worth noting that ...": speech under a modal, in a
    to-infinitive no finite cue governs, or in a gerund an adjective governs has not happened
    (or is the author's). With a quotation only the modal counts ("he went to the floor to
    say, "..."" did say it), and "would" then reports habit ("as he would later say, ...")."""
    assert frame is not None
    cue = frame.cue
    has_quotes = has_quotes or kind in {"direct", "mixed"}
    modals = _MODALS - {"would", "'d"} if has_quotes else _MODALS
    # A bare conjunct shares its head's modal ("we can support him and still say ...").
    heads = [cue, cue.head] if cue.dep_ == "conj" and cue.tag_ == "VB" else [cue]
    if any(c.dep_ == "aux" and c.lower_ in modals for h in heads for c in h.children):
        return "unasserted"
    if has_quotes:
        return None
    infinitive = cue.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO"
                                          for c in cue.children)
    if infinitive and cue.dep_ in {"acl", "advcl", "relcl", "csubj", "amod", "ROOT"}:
        return "unasserted"
    if infinitive and cue.dep_ == "xcomp" and (cue.head.pos_ in {"ADJ", "NOUN"}
                                               or cue.head.lemma_ == "be"):
        # "he is free to call anyone", "the right to say no", "it is important to note
        # that ...", "his defense will be to admit it"
        return "unasserted"
    if cue.dep_ == "amod" and cue.tag_ in {"VBN", "VBG"}:
        return "unasserted"  # "the law's stated purpose", "the proposed rules"
    governor = cue
    while governor.dep_ == "conj" and governor.head.i != governor.i:
        governor = governor.head
    if cue.tag_ == "VBG" and governor.dep_ in {"xcomp", "pcomp", "acomp"} and \
            governor.head.pos_ == "ADJ":
        return "unasserted"  # "it is worth noting that ..."
    if cue.tag_ == "VBG" and governor is not cue and _impersonal_copula(governor):
        return "unasserted"  # "it is worth stepping back and noting that ..."
    return None


@ACTS_LEDGER.rule("reported-wording", example="\"We will win,\" the governor said.")
def _quoted(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """A quotation is reported wording: '"We will win," she said' is a statement whatever
    its cue."""
    return STATEMENT if has_quotes or kind in {"direct", "mixed"} else None


@ACTS_LEDGER.rule("document-finding",
                  example="An internal review found that the agency ignored the warnings.")
def _finding(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """"The review found that the department should have done more": a document, body or
    court that finds, concludes or rules with a clause makes a statement, though "find" is a
    belief of a person."""
    assert frame is not None
    if frame.lemma not in _FINDING_CUES or not _has_clause(frame.cue):
        return None
    subject = next((c for c in frame.cue.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in _FINDING_SUBJECTS:
        return STATEMENT
    return None


@ACTS_LEDGER.rule("belief-cue",
                  example="Many farmers believe that the tariff will ruin them.")
def _belief(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """"Insiders think the deal is dead": a belief cue reports an attitude."""
    return "belief" if kind == "belief" or (frame is not None and frame.cls == "belief") \
        else None


@ACTS_LEDGER.rule("target-only", example="The senator defended the nominee on Tuesday.")
def _topic_only(kind: str, frame: Frame | None, has_quotes: bool) -> str | None:
    """"Lee went to the floor to defend his cause", "touted the letter", "talked about the
    refugee problem": a speech verb whose object is the target of the speech (lexicon flag
    ``target``) reports no words when nothing else gives content. A clause ("defended the
    plan, saying ..."), an "as" predicate ("defended Muslims as patriots") or an "of"/"for"
    reason ("praised him for his courage") gives it: a statement."""
    assert frame is not None
    if frame.entry is None or "target" not in frame.entry.flags or _has_clause(frame.cue):
        return None
    reasons = {"as", "for", "of"} if "accuse" in frame.entry.flags else {"as"}
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in reasons)
           for c in frame.cue.children):
        return None
    if "oprd" in frame.entry.flags and characterised(frame.cue) is not None:
        return None
    return "stance"


def _has_clause(cue: Token) -> bool:
    return any(c.dep_ == "ccomp" for c in cue.children) or misparsed_complement(cue) is not None




def act(kind: str, frame: Frame | None, has_quotes: bool) -> str:
    """The attribution's act (one of ``ACTS``), decided by the first rule that answers."""
    for rule in ACTS_LEDGER:
        decided = rule.func(kind, frame, has_quotes)
        if decided is not None:
            return decided
    return STATEMENT
