"""Trigger candidates of one sentence, and the ledger of filters that drop them.

A candidate is a token the lexicon codes (verbs and event nouns). Control chains hand an
event to its complement ("agreed to strengthen" is the strengthening, announced); the
ledger ``CANDIDATE_FILTERS`` then drops triggers that are not events a report is about
(background, the content of another coded act, other senses). Every dropped candidate
keeps the name of the rule that dropped it, which ``explain`` prints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from communique.events import modality, roles, salience, senses
from communique.events.cameo import lookup, reject_code
from communique.events.evaluation import naming_polarity
from communique.events.lexicon import Lexicon, Match
from communique.events.verbdict import Sense
from communique.rules import Ledger

# "failed to reach agreement" reports a rejection as much as "refused to" does.
REFUSAL_HEADS = frozenset({"refuse", "decline", "reject", "renege", "fail"})
_TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Heads whose "of"/"with"/"for" clause is an allegation ("suspected of blowing up").
_ALLEGATION_HEADS = frozenset({"suspect", "accuse", "charge", "convict", "indict", "blame",
                               "arrest", "jail", "sentence", "detain", "try", "acquit"})


@dataclass
class Candidate:
    """A trigger token with its lexicon match, before roles are resolved."""

    token: Token
    match: Match
    intent: bool = False
    refused: bool = False
    suppressed: bool = False
    # Set by the salience filters (background, content, wrong sense): conjuncts follow it.
    filtered: bool = False
    notes: list[str] = field(default_factory=list)
    # Why the candidate was dropped: a rule name (for ``explain``).
    reason: str | None = None

    def drop(self, reason: str, filtered: bool = True) -> None:
        """Suppress the candidate, keeping the first reason given."""
        self.suppressed = True
        self.filtered = self.filtered or filtered
        if self.reason is None:
            self.reason = reason


@dataclass(frozen=True)
class Sentence:
    """What a filter may look at besides its candidate: the other candidates."""

    by_token: dict[int, Candidate]
    count: int


Filter = Callable[[Candidate, Sentence], bool]
CANDIDATE_FILTERS: Ledger[Filter] = Ledger(
    "candidate_filters",
    "Coded triggers that are not events a report is about; the first rule that holds "
    "drops the candidate.")


def plover_of(cand: Candidate) -> str | None:
    """The PLOVER type of a candidate's code (None for CAMEO 01x statements)."""
    row = lookup(cand.match.code)
    return row.plover if row is not None else None


def triggers(sent: Span, lexicon: Lexicon, keep_unmapped: bool = False) -> list[Candidate]:
    """Tokens of ``sent`` the lexicon codes; codes without a PLOVER type only when asked."""
    found: list[Candidate] = []
    for token in sent:
        if token.pos_ not in _TRIGGER_POS or (token.is_stop and token.pos_ != "VERB"):
            continue
        if token.pos_ == "VERB" and token.dep_ in _MODIFIER_DEPS:
            continue  # "the ruling party", "war-torn Mozambique": participles as adjectives
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and \
                token.nbor(1).lower_ == "to":
            continue  # "according to X" attributes, it does not accord
        match = lexicon.match(token) or naming_match(token)
        if match is None:
            continue
        row = lookup(match.code)
        if (row is None or row.plover is None) and not keep_unmapped:
            continue  # CAMEO 01x statements have no PLOVER type: never an event
        found.append(Candidate(token, match))
    return found


def naming_match(token: Token) -> Match | None:
    """A naming verb with no pattern of its own that judges its object by an evaluative
    word: "Merkel called the decision absurd" is criticism (111), "labeled the deal a
    triumph" praise (051) (the code rule ``evaluative-naming`` keeps the code); "called the
    meeting for Monday" names nothing and is no candidate."""
    polarity = naming_polarity(token) if token.pos_ == "VERB" else None
    if polarity is None:
        return None
    code = "111" if polarity == "neg" else "051"
    sense = Sense(token.lemma_.lower(), None, code, False, False, "NAMING",
                  origin="evaluative.tsv")
    return Match(code, False, None, None, sense)


def resolve_control(cand: Candidate, by_token: dict[int, Candidate],
                    refusal_heads: frozenset[str]) -> None:
    """Hand an event to the complement of an intent or refusal head.

    "agreed to strengthen", "plans to visit": the complement is the event, announced, and
    the head is no event of its own; "refused to meet" is one REJECT coded from what was
    refused; "urged China to wield" makes the complement the request's content.
    """
    tok = cand.token
    head = tok.head
    if tok.dep_ == "xcomp" and head.i != tok.i:
        control = head.head if head.pos_ == "ADJ" else head
        if head.lemma_.lower() in refusal_heads and reject_code(cand.match.code):
            cand.refused = True
            if head.i in by_token:
                by_token[head.i].drop("refusal-head", filtered=False)
        elif head.lemma_.lower() in modality.INTENT_HEADS or \
                control.lemma_.lower() in modality.INTENT_HEADS:
            cand.intent = True
            if head.i in by_token:
                by_token[head.i].drop("intent-head", filtered=False)
        elif head.i in by_token:
            cand.drop("content-of-coded-verb")
    elif tok.pos_ in ("NOUN", "PROPN"):
        _noun_control(cand, by_token, refusal_heads)


def _noun_control(cand: Candidate, by_token: dict[int, Candidate],
                  refusal_heads: frozenset[str]) -> None:
    """An event noun under an announced or refused act takes that modality: "promised to
    continue military aid" is a promise of aid (one AGREE event), "refused to commit to any
    direct assistance" a refusal of aid (one REJECT event)."""
    verb = cand.token
    for _ in range(2):
        if verb.dep_ in ("dobj", "pobj", "prep"):
            verb = verb.head
    if verb.pos_ != "VERB" or verb.i in by_token or verb.dep_ != "xcomp":
        return
    head = verb.head
    lemma = head.lemma_.lower()
    if lemma in refusal_heads and reject_code(cand.match.code):
        cand.refused = True
        reason = "refusal-head"
    elif lemma in modality.INTENT_HEADS:
        cand.intent = True
        reason = "intent-head"
    else:
        return
    if head.i in by_token:
        by_token[head.i].drop(reason, filtered=False)


# Verbs that bring about the act their object names: the object's code is the event.
ORDERING_HEADS = frozenset({"order", "approve", "authorize", "authorise", "announce",
                            "unveil", "decree", "mandate"})


def hand_to_ordered_act(cand: Candidate, by_token: dict[int, Candidate]) -> None:
    """An act ordered, approved or announced is coded as that act on the ordering verb.

    "Trump ordered the suspension of aid payments" is a SANCTION (the suspension), not AID
    (a pattern on "aid") nor a demand; "Russia orders a cut in US diplomatic staff" cuts
    relations. The verb keeps its subject and objects as the parties; the noun's code
    replaces the verb's, and the noun is then covered by the verb."""
    tok = cand.token
    if tok.pos_ != "NOUN" or tok.dep_ != "dobj" or cand.suppressed:
        return
    head = by_token.get(tok.head.i)
    if head is None or head.suppressed or tok.head.lemma_.lower() not in ORDERING_HEADS:
        return
    if plover_of(cand) in (None, plover_of(head)):
        return
    head.match = cand.match


def cover_nouns(cand: Candidate, by_token: dict[int, Candidate], nested: bool) -> None:
    """Drop an event noun a coded verb (or, with ``nested``, an outer coded noun) covers.

    "held talks", "wrapped up a visit": the verb's own pattern covers the noun; "opposed
    to French mediation in peace negotiations with Syria": the inner noun is content.
    """
    tok = cand.token
    if tok.pos_ not in ("NOUN", "PROPN"):
        return
    current = tok
    for step in range(4):
        if current.dep_ not in ("dobj", "pobj", "prep", "attr", "nsubjpass", "compound"):
            return
        current = current.head
        if current.i in by_token and (current.pos_ == "VERB" or (
                step >= 1 and current.pos_ == "NOUN" and nested)):
            cand.drop("covered-by-coded-word", filtered=False)
            return


def follow_conjuncts(found: list[Candidate]) -> None:
    """A conjunct shares the fate of the clause it is coordinated with ("to protect them
    ... and prevent ...")."""
    by_token = {c.token.i: c for c in found}
    for cand in found:
        governor = by_token.get(cand.token.head.i)
        if cand.token.dep_ == "conj" and governor is not None and governor.filtered \
                and not roles.has_own_subject(cand.token):
            cand.drop("conjunct-of-dropped")


def apply_filters(found: list[Candidate]) -> None:
    """Run the filter ledger on every candidate; the first rule that holds drops it."""
    context = Sentence({c.token.i: c for c in found}, len(found))
    for cand in found:
        for rule in CANDIDATE_FILTERS:
            if rule.func(cand, context):
                cand.drop(rule.name)
                break


# --- the filter ledger, in order ---------------------------------------------------------

@CANDIDATE_FILTERS.rule("conjunct-of-content",
                        example="urging India to show restraint and engage in dialogue")
def _conjunct_of_content(cand: Candidate, sent: Sentence) -> bool:
    """A conjunct of a coded verb's complement is part of what is urged, like the
    complement it is coordinated with (intent and refusal heads excepted)."""
    tok = cand.token
    anchor = tok
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    return anchor is not tok and anchor.dep_ == "xcomp" and \
        anchor.head.i in sent.by_token and \
        anchor.head.lemma_.lower() not in modality.INTENT_HEADS | REFUSAL_HEADS and \
        not roles.has_own_subject(tok)


@CANDIDATE_FILTERS.rule("allegation",
                        example="nationals suspected by the West of blowing up a plane")
def _allegation(cand: Candidate, sent: Sentence) -> bool:
    """What someone is suspected, accused or charged of is an allegation, not an event."""
    tok = cand.token
    head = tok.head
    return tok.dep_ == "pcomp" and head.dep_ == "prep" and \
        head.head.lemma_.lower() in _ALLEGATION_HEADS


@CANDIDATE_FILTERS.rule("content-of-demanded-thing",
                        example="demanded an admission by Moscow that Soviet forces murdered")
def _content_of_object(cand: Candidate, sent: Sentence) -> bool:
    """A clause on the object of a demand or threat is the content of the demanded thing."""
    tok = cand.token
    head = tok.head
    return tok.dep_ in ("ccomp", "acl") and head.pos_ == "NOUN" and \
        head.dep_ in ("dobj", "pobj") and head.head.i in sent.by_token and \
        salience.content_head(sent.by_token[head.head.i].match.code)


@CANDIDATE_FILTERS.rule("describes-participant",
                        example="providing intelligence to Macedonia, which is preparing a "
                                "major offensive")
def _describes_participant_rule(cand: Candidate, sent: Sentence) -> bool:
    """A relative clause on another coded act's participant describes it; it is not a
    second reported event."""
    return describes_participant(cand.token, sent.by_token)


@CANDIDATE_FILTERS.rule("manner-of-protest",
                        example="rioted, setting fire to their mattresses")
def _manner_of_protest(cand: Candidate, sent: Sentence) -> bool:
    """A participle clause without a subject of its own under a protest tells how the
    protest went; it is not an assault."""
    tok = cand.token
    head = tok.head
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and head.i in sent.by_token and \
        plover_of(sent.by_token[head.i]) == "PROTEST" and not roles.has_own_subject(tok)


@CANDIDATE_FILTERS.rule("purpose-of-coded-act",
                        example="staged rallies to demand reforms")
def _purpose_of_coded_act(cand: Candidate, sent: Sentence) -> bool:
    """The purpose or manner of an act already coded is its content, not a second event."""
    tok = cand.token
    return tok.dep_ == "advcl" and _coded_governor(tok.head, sent.by_token) and \
        salience.content_clause(tok, cand.match.code)


# Verbs of trying and hoping: what they aim at is not asserted as done. ("hoping" is
# listed as a form: the small model lemmatises it to "hop".)
_ATTEMPT_VERBS = frozenset({"try", "attempt", "hope", "hoping", "seek", "aim", "strive",
                            "endeavor", "endeavour", "wish"})


@CANDIDATE_FILTERS.rule("aim-of-a-side-clause",
                        example="The White House, hoping to reduce tensions, said ...")
def _aim_of_side_clause(cand: Candidate, sent: Sentence) -> bool:
    """What a side clause aims at is no event: "The White House, hoping to reduce the
    tensions, said ...", "headed to the office to try to resolve the crisis". The act of a
    main clause that tries ("Russia sought to block the bid") stays, with intent."""
    tok = cand.token
    if tok.dep_ != "xcomp" or not {tok.head.lemma_.lower(), tok.head.lower_} & _ATTEMPT_VERBS:
        return False
    aim = tok.head
    if aim.dep_ in ("advcl", "acl") and (aim.tag_ == "VBG" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in aim.children)):
        return not roles.has_own_subject(aim)
    return False


# Modals of a danger foreseen, not an act promised ("could lose their jobs", "might be used").
_RISK_MODALS = frozenset({"could", "might", "may"})
_WARNING_LEMMAS = frozenset({"warn", "caution"})


@CANDIDATE_FILTERS.rule("warning-of-a-risk",
                        example="the speaker warned that thousands of workers could lose "
                                "their jobs")
def _warning_of_risk(cand: Candidate, sent: Sentence) -> bool:
    """A warning that something may happen, done by someone else, or advice to be careful,
    is a statement of concern, not a threat: "Rights activists warn that the initiative
    might be used to target critics", "Companies have been warning employees to be
    careful". A warning of the speaker's own act stays a threat ("Ankara warned Stockholm
    it would block the bid", "warned of retaliation", "warned Iran against any attack")."""
    tok = cand.token
    if tok.lemma_.lower() not in _WARNING_LEMMAS or tok.pos_ != "VERB":
        return False
    for clause in tok.children:
        if clause.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ in _RISK_MODALS
                                          for c in clause.children):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")),
                           None)
            if subject is not None and subject.pos_ != "PRON":
                return True  # someone else's possible act or a state of affairs
        if clause.dep_ in ("xcomp", "ccomp") and any(
                c.dep_ == "acomp" or (c.lemma_ == "be" and c.dep_ in ("auxpass", "ROOT"))
                for c in clause.children) and clause.lemma_.lower() in ("be", "stay",
                                                                      "remain"):
            return True  # "warning employees to be careful"
    return False


@CANDIDATE_FILTERS.rule("background", example="refugees fleeing the fighting")
def _background(cand: Candidate, sent: Sentence) -> bool:
    """A trigger that describes a participant or a past state rather than reports an act."""
    return salience.background(cand.token)


@CANDIDATE_FILTERS.rule("aggregate-toll",
                        example="Some 130,000 people have been killed in the civil war")
def _aggregate_toll(cand: Candidate, sent: Sentence) -> bool:
    """A war's running toll, with no doer, sums many acts: it reports no one event."""
    return salience.aggregate_toll(cand.token)


@CANDIDATE_FILTERS.rule("object-not-a-party", example="met the regulations")
def _object_not_a_party(cand: Candidate, sent: Sentence) -> bool:
    """A party-object verb whose direct object is a thing, not a party, is another sense."""
    return not salience.party_object(cand.token)


@CANDIDATE_FILTERS.rule("circumstance-of-another-act",
                        example="..., after U.S. officials alleged")
def _circumstance(cand: Candidate, sent: Sentence) -> bool:
    """A clause setting the time or condition of another coded act is background to it."""
    tok = cand.token
    if tok.head.lemma_.lower() in _SEQUENCE_VERBS:
        # "The raid comes a week after gunmen stormed the embassy": the earlier act is
        # reported in its own right, only dated by the later one.
        return False
    return tok.dep_ == "advcl" and salience.circumstantial(tok) and sent.count > 1


# Verbs that only place one event in time after another ("comes two days after").
_SEQUENCE_VERBS = frozenset({"come"})


@CANDIDATE_FILTERS.rule("content-of-demand",
                        example="demanded that Hamas renounce violence")
def _content_of_demand(cand: Candidate, sent: Sentence) -> bool:
    """What is demanded or threatened is the content of that act, not an event of its own."""
    tok = cand.token
    head = tok.head
    return tok.dep_ == "ccomp" and head.i in sent.by_token and \
        salience.content_head(sent.by_token[head.i].match.code)


def _sense_rule(name: str, example: str, test: Callable[[Token], bool], what: str) -> None:
    def rule(cand: Candidate, sent: Sentence) -> bool:
        return test(cand.token)

    rule.__doc__ = what
    CANDIDATE_FILTERS.rule(name, example=example)(rule)


_SENSE_RULES: tuple[tuple[str, str, Callable[[Token], bool], str], ...] = (
    ("statement-of-fact", "the report showed that exports fell",
     lambda t: not salience.statement_sense(t),
     "A speech-like trigger that only reports a statement of fact is no event."),
    ("declined-comment", "a spokesman declined to comment",
     salience.declined_comment, "\"Declined to comment\" and its kind report nothing."),
    ("idiom-or-bare", "when it comes to trade",
     salience.idiom_or_bare,
     "\"When it comes to ...\" and complement-less \"declined\"/\"refused\" are no acts."),
    ("indirect-question", "whether oil companies will agree remains unclear",
     salience.indirect_question, "An act inside a \"whether\" clause is not asserted."),
    ("without-clause", "without having to ask",
     salience.without_clause, "An act inside \"without ...-ing\" did not happen."),
    ("generic-subject", "too many people protest", senses.generic_subject,
     "A generic subject (\"anyone\", \"some fans\") makes the act another sense."),
    ("reluctant", "afraid to confront", senses.reluctant,
     "The complement of an adjective of fear or reluctance is not done."),
    ("private-trip", "a family visit to Florida", senses.private_trip,
     "A visit or trip whose modifier names a private purpose is no consultation."),
    ("naming", "what he called a farce",
     lambda t: senses.naming(t) and naming_polarity(t) is None,
     "\"call\" as naming, with no judgement of a party, is not a call on someone."),
    ("byline", "contributed to this report", senses.byline,
     "The byline formula is no aid."),
    ("idiom-object", "to kill time", senses.idiom_object,
     "A conflict verb in an idiom with a fixed object is no assault."),
)
for _name, _example, _test, _what in _SENSE_RULES:
    _sense_rule(_name, _example, _test, _what)


def describes_participant(tok: Token, by_token: dict[int, Candidate]) -> bool:
    """True when the trigger sits in a relative clause whose antecedent (not a person) is
    the object of another coded trigger."""
    node = tok
    for _ in range(4):
        if node.dep_ == "acl" and any(c.dep_ in ("nsubj", "mark") for c in node.children):
            return False  # "its demands that the government grant ...": a content clause
        if node.dep_ == "relcl" and _where_clause(node):
            return False  # "Afghanistan, where militants attacked a base": an act there
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN"):
            antecedent = node.head
            if antecedent.ent_type_ == "PERSON" or antecedent.dep_ not in ("dobj", "pobj"):
                return False
            governor = antecedent.head
            if governor.dep_ == "prep":
                governor = governor.head
            return governor.i in by_token and governor.i != tok.i
        if node.dep_ not in ("xcomp", "advcl", "conj", "dobj", "pobj", "prep", "ccomp"):
            return False
        node = node.head
    return False


def _where_clause(clause: Token) -> bool:
    """True for a "where" relative clause with a subject of its own."""
    return any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children) and \
        any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP")
            for c in clause.children)


def _coded_governor(head: Token, by_token: dict[int, Candidate]) -> bool:
    """True when ``head`` is a coded trigger or governs one as its object ("began a hunger
    strike to demand ...": the purpose clause is the strike's content)."""
    return head.i in by_token or any(c.i in by_token for c in head.children
                                     if c.dep_ == "dobj")


def candidates(sent: Span, lexicon: Lexicon) -> list[Candidate]:
    """Every candidate of ``sent``, the dropped ones with their reason (for ``explain``)."""
    found = triggers(sent, lexicon)
    by_token = {c.token.i: c for c in found}
    for cand in found:
        resolve_control(cand, by_token, REFUSAL_HEADS)
    apply_filters(found)
    for cand in found:
        hand_to_ordered_act(cand, by_token)
    for cand in found:
        cover_nouns(cand, by_token, nested=True)
    follow_conjuncts(found)
    return found
