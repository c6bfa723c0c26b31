"""Who speaks through a document: the issuer of "the report", "the statement", "the letter".

News attributes findings to documents: "House Republicans on Friday issued a new report that
says ...", then "The report also faults her ...", "the report concludes". The document is
how its issuer speaks (speakers protocol, ruling 5: a document's statement is its issuing
organisation's), so the quote's speaker is the issuer when the text names one: in the
document's own phrase ("the report by Republicans on the committee", "the Pentagon's
statement") or as the subject of the verb that issued it ("X issued/released a report"),
for that sentence and for later bare mentions of the same document noun.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from communique.quotes.cues import Mention, mention_of

# Nouns for documents that speak for whoever issued them.
DOCUMENT_NOUNS = frozenset({
    "report", "statement", "letter", "memo", "memorandum", "study", "review", "document",
    "filing", "complaint", "lawsuit", "assessment", "audit", "analysis", "communique",
    "communiqué", "declaration", "resolution", "indictment", "ruling", "order",
})
# Head nouns of bodies that issue documents ("a Senate intelligence committee report").
_BODIES = frozenset({"committee", "ministry", "department", "agency", "commission", "court",
                     "office", "council", "government", "panel", "board", "bureau"})
# Verbs by which someone issues a document.
ISSUING_VERBS = frozenset({"issue", "release", "publish", "file", "send", "write", "unveil",
                           "present", "produce", "submit", "circulate", "put"})


@dataclass(frozen=True)
class Issuance:
    """A document noun (lemma ``noun``) at token ``at``, issued by ``issuer`` when the text
    says so; a document introduced without a named issuer has none."""

    noun: str
    issuer: Token | None
    at: int


def _issuer_in_phrase(noun: Token) -> Token | None:
    """"the report by X", "a statement from X" -> X; "X's report" -> X; "a Senate
    committee report" -> the committee (a compound naming an organisation)."""
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    compounds = [c for c in noun.lefts if c.dep_ == "compound"]
    if compounds and any(t.ent_type_ == "ORG" or t.lemma_.lower() in _BODIES
                         for t in compounds[-1].subtree):
        return compounds[-1]  # not a topic: "the Benghazi report"
    return None


def issuances(doc: Doc) -> list[Issuance]:
    """Every document noun of ``doc`` in text order, with its issuer where the text names
    one in the noun's phrase or as the subject of the verb that issued it."""
    found: list[Issuance] = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in DOCUMENT_NOUNS:
            continue
        issuer = _issuer_in_phrase(token)
        verb = token.head
        if issuer is None and token.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS:
            issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if issuer is not None and issuer.pos_ not in ("PROPN", "NOUN"):
            issuer = None
        found.append(Issuance(token.lemma_.lower(), issuer, token.i))
    return found


# Determiners that point back to a document already introduced ("the report concludes").
_DEFINITE = frozenset({"the", "this", "that", "its", "their"})


def document_issuer(doc: Doc, mention: Mention, issued: list[Issuance]) -> Mention | None:
    """The issuer of the document a speaker mention names, or None: the issuer the
    mention's own phrase or verb names, else, for a definite "the report", the issuer of
    the last document of that kind introduced before it ("another report", "other
    reviews" and "a study" are new documents)."""
    named = mention.refers or mention
    span = doc.char_span(*named.head, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    noun = head.lemma_.lower()
    if head.pos_ != "NOUN" or noun not in DOCUMENT_NOUNS:
        return None
    own = next((i for i in issued if i.at == head.i), None)
    if own is not None and own.issuer is not None:
        return mention_of(own.issuer)
    determiner = next((c.lower_ for c in head.children if c.dep_ in ("det", "poss")), None)
    if determiner not in _DEFINITE:
        return None
    before = [i for i in issued if i.noun == noun and i.at < head.i]
    if not before or before[-1].issuer is None:
        return None
    return mention_of(before[-1].issuer)
