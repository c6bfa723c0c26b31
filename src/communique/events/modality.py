"""Modality of an event trigger: negation, intent, hypothetical, reported.

``historical`` depends on the resolved date and is set by the coder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from communique.events.roles import has_own_subject

FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "’ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "must", "ought"})
# Heads whose xcomp is an announced plan rather than a fact: "plans to", "vowed to".
# "decided to" is not one: "the Supreme Court decided to allow X to run" reports the act
# as taken (PLOVER GSR: CONCEDE, not AGREE; type F1 0.799 -> 0.803 when it was removed).
INTENT_HEADS = frozenset({
    "agree", "plan", "vow", "pledge", "promise", "intend", "aim", "offer", "seek",
    "want", "hope", "prepare", "expect", "ready", "willing", "determined", "commit", "resolve",
    "propose", "wish", "schedule", "swear", "prepared",
})
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "state", "claim", "announce", "declare", "report", "write",
    "note", "insist", "argue", "assert", "stress", "allege", "confirm", "explain",
})
CONDITIONALS = frozenset({"if", "unless", "whether"})
POLITE_HEADS = frozenset({"like", "love"})
NEGATORS = frozenset({"not", "n't", "never", "no"})


def _purpose(token: Token) -> bool:
    """A purpose infinitive ("willing to send material to help defend X"): what an
    intended act is for is intended too."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                         for c in token.children)


def _chain(token: Token) -> list[Token]:
    """The trigger and the heads it is an open complement of ("did not agree to meet")."""
    chain = [token]
    current = token
    if token.pos_ in ("NOUN", "PROPN"):
        # "will not engage in talks", "refused to hold a summit": an event noun takes the
        # modality of the verb it is the object of.
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if token.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "AUX") and head.i != token.i:
            current = head
            chain.append(current)
    while (current.dep_ in ("xcomp", "conj") or _purpose(current)) and \
            current.head.i != current.i:
        if current.dep_ == "conj" and has_own_subject(current):
            break
        current = current.head
        chain.append(current)
        if len(chain) > 4:
            break
    if current.pos_ == "ADJ" and current.head.i != current.i:  # "ready to", "willing to"
        chain.append(current.head)
    return chain


def negated(token: Token) -> bool:
    """True when the trigger or a head of its control chain is negated."""
    for item in _chain(token):
        for child in item.children:
            if child.dep_ == "neg" or (
                    child.lower_ in NEGATORS and child.dep_ in ("det", "advmod")):
                return True
    return False


def intent(token: Token) -> bool:
    """Future or announced plan: "will meet", "would strengthen", "plans to visit"."""
    chain = _chain(token)
    for item in chain:
        if item.lemma_.lower() in POLITE_HEADS:
            continue  # "would like to express" is a courtesy, not a plan
        for child in item.children:
            if child.dep_ in ("aux", "auxpass") and (
                    child.lower_ in FUTURE_AUX or child.lemma_.lower() in ("will", "would")):
                return True  # "'d" counts only when the lemmatiser reads it as "would"
        if item.i != token.i and item.lemma_.lower() in INTENT_HEADS:
            return True
    # "is going to", "is to meet"
    return token.dep_ == "xcomp" and token.head.lemma_.lower() == "go" and any(
        c.dep_ == "aux" for c in token.head.children)


def hypothetical(token: Token) -> bool:
    """Conditional or modal: "if ...", "could", "might", "should"."""
    for item in _chain(token):
        for child in item.children:
            if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX:
                return True
    for item in _chain(token):
        # "If the talks fail, Poland will impose ...": the condition hangs on the trigger.
        for child in item.children:
            if child.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in child.children):
                return True
    current = token
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in current.children):
            return True
        if current.head.i == current.i:
            break
        current = current.head
    return False


def quote_for(start: int, end: int, quotes: Sequence[dict[str, Any]] | None) -> str | None:
    """Id of the quote whose content contains ``[start, end)``, else ``None``."""
    for quote in quotes or ():
        spans = quote.get("parts") or [quote]
        for part in spans:
            try:
                if int(part["start"]) <= start and end <= int(part["end"]):
                    return str(quote.get("id")) if quote.get("id") is not None else None
            except (KeyError, TypeError, ValueError):
                continue
    return None


def according_to(sent: Span) -> bool:
    """True when the sentence attributes its content with "according to"."""
    return any(t.lower_ == "according" and t.i + 1 < sent.end and t.nbor(1).lower_ == "to"
               for t in sent)


def attributed(token: Token, according: bool = False) -> bool:
    """True when the trigger sits in the complement of a speech verb or the sentence is
    attributed with "according to" (``according``, computed once per sentence)."""
    current = token
    for _ in range(6):
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in SPEECH_VERBS:
            return True
        if current.dep_ == "conj" and has_own_subject(current):
            break
        if current.head.i == current.i:
            break
        current = current.head
    return according
