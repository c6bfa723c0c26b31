"""How the lexicon's CAMEO code becomes the event's code: the ledger of recodings.

The lexicon codes a trigger in isolation; the sentence then decides: an "attack" by a
politician on a bill is criticism, drills held jointly are military cooperation, "refused
to lift" is a rejection, "agreed to set up" an agreement, "X said Sudan must return" a
demand. Each rule reads and updates one ``Coding``; they run in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from communique.events import modality, salience
from communique.events.cameo import demand_code, intent_code, reject_code
from communique.events.candidates import Candidate
from communique.events.evaluation import naming_polarity
from communique.events.implicit import CONDITION_MARKS
from communique.events.parties import Parties
from communique.rules import Ledger

# Verbs whose own event is an announced commitment: "agreed on a pact" is PLOVER AGREE.
SELF_INTENT = frozenset({"agree", "pledge", "promise", "vow", "commit", "undertake"})
# Heads whose complement is agreed to: without an express-intent code of its own the
# complement codes as the generic intent to cooperate (030), not as the act itself.
AGREEMENT_HEADS = frozenset({"agree", "commit", "undertake"})
_JOINT = frozenset({"joint", "combined", "bilateral", "trilateral", "multinational"})
_THREAT_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
_MODALS = frozenset({"may", "might", "could", "will", "would", "'ll"})


@dataclass
class Coding:
    """The code and modality of one event while the recoding rules run."""

    cand: Candidate
    parties: Parties
    reciprocal: bool
    demand: list[dict[str, object]] | None
    code: str
    intent: bool
    negated: bool
    rejected: bool = False
    applied: tuple[str, ...] = ()


def initial_coding(cand: Candidate, parties: Parties, reciprocal: bool,
                   demand: list[dict[str, object]] | None) -> Coding:
    """The lexicon's code with the trigger's own intent and negation."""
    tok = cand.token
    intent = cand.intent or modality.intent(tok) or tok.lemma_.lower() in SELF_INTENT
    return Coding(cand, parties, reciprocal, demand, cand.match.code, intent,
                  modality.negated(tok))


CodeRule = Callable[[Coding], bool]
CODE_RULES: Ledger[CodeRule] = Ledger(
    "code_rules", "How the sentence changes the lexicon's CAMEO code; every rule whose "
                  "condition holds applies, in order.")


def recode(coding: Coding) -> Coding:
    """Apply every recoding rule in order; the names of those that applied are kept."""
    for rule in CODE_RULES:
        if rule.func(coding):
            coding.applied = (*coding.applied, rule.name)
    return coding


@CODE_RULES.rule("evaluative-naming", example="Ms. Nielsen called Democrats cowardly")
def _evaluative_naming(c: Coding) -> bool:
    """Calling a party (or its act) by an evaluative word criticises it (111) or praises
    it (051); it is no appeal."""
    polarity = naming_polarity(c.cand.token)
    if polarity is None:
        return False
    c.code = "111" if polarity == "neg" else "051"
    return True


@CODE_RULES.rule("verbal-attack", example="Trump's attacks on NATO")
def _verbal_attack(c: Coding) -> bool:
    """An "attack" by politicians on a person, body or bill is criticism (CAMEO 111)."""
    if not salience.verbal_attack(c.cand.token, c.parties.actors, c.code):
        return False
    c.code = "111"
    return True


@CODE_RULES.rule("armed-attack",
                 example="Pro-Russian separatists attacked government positions")
def _armed_attack(c: Coding) -> bool:
    """An "attack" on a held place or on men of the forces is force, whatever a pattern
    on the object's modifier says ("ATTACK * GOVERNMENT" is criticism of a government,
    not of its positions)."""
    if c.code[:2] != "11" or not salience.physical_attack(c.cand.token):
        return False
    c.code = "190"
    return True


@CODE_RULES.rule("joint-drills", example="French and Egyptian warships launched war games")
def _joint_drills(c: Coding) -> bool:
    """Drills held together are military cooperation (CAMEO 062), not a show of force."""
    if c.code[:2] != "15" or not (c.reciprocal or _joint(c.cand)):
        return False
    c.code = "062"
    return True


@CODE_RULES.rule("conditional-threat",
                 example="may halt mediation efforts if cooperation founders")
def _conditional_threat(c: Coding) -> bool:
    """A modal act of force under a condition is a threat: announced, not done."""
    tok = c.cand.token
    if c.code[:2] not in _THREAT_ROOTS:
        return False
    modal = any(ch.dep_ == "aux" and ch.lower_ in _MODALS for ch in tok.children)
    conditioned = any(
        ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                   for m in ch.children) for ch in tok.children)
    if not (modal and conditioned):
        return False
    c.intent = True
    return True


@CODE_RULES.rule("refusal", example="refused to lift the blockade")
def _refusal(c: Coding) -> bool:
    """A refused or negated promise is a rejection of what was refused, not a negated act."""
    if not (c.cand.refused or (c.negated and c.intent and reject_code(c.code))):
        return False
    c.code = reject_code(c.code) or c.code
    c.intent = c.negated = False
    c.rejected = True
    return True


@CODE_RULES.rule("announced-intent", example="agreed to set up an inquiry")
def _announced_intent(c: Coding) -> bool:
    """An announced act takes the CAMEO express-intent code (03x) of what is announced;
    after an agreement head without one of its own, the generic intent to cooperate."""
    if c.rejected or not c.intent or c.demand is not None:
        return False
    fallback = c.code
    tok = c.cand.token
    if c.code[:2] in _THREAT_ROOTS and _under_way(tok):
        # "Western countries are preparing to tighten sanctions": an act being readied is
        # reported as planned (the act itself, with intent), not threatened.
        return False
    if c.cand.intent and tok.head.lemma_.lower() in AGREEMENT_HEADS:
        fallback = "030"
    c.code = intent_code(c.code) or fallback
    return True


@CODE_RULES.rule("demand", example="X said Sudan must return the helicopter")
def _demand(c: Coding) -> bool:
    """An obligation put on someone else is the speaker's demand of it (CAMEO 10x)."""
    if c.demand is None:
        return False
    c.code = demand_code(c.code)
    c.intent = False
    return True


def _under_way(tok: Token) -> bool:
    """True when the act is the complement of a progressive "be preparing to"."""
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() == "prepare" and head.tag_ == "VBG" \
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)


def _joint(cand: Candidate) -> bool:
    """True when the trigger or its object is "joint" ("launched joint exercises")."""
    tok = cand.token
    nodes = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
    return any(c.dep_ == "amod" and c.lemma_.lower() in _JOINT
               for node in nodes for c in node.children)
