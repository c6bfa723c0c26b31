"""Which coded triggers are events a report is about: the precision filters.

Measured on the PLOVER GSR (one gold event per sentence) and the non-political sample of
``scripts/events_false_positives.py``: background clauses ("refugees fleeing", "a curfew
that was imposed"), the content of another coded act ("rallied to demand"), cancelled or
projected noun events ("lifted the embargo", "an offer of talks"), objects of the wrong
class ("met the regulations", "released a poll"), questions, and news media as doers of
material acts. Each filter is general; none names an evaluation sentence.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span, Token

from communique.actors.mentions import HELD_PLACES
from communique.events.cameo import lookup
from communique.events.roles import misparsed_main

# PLOVER types whose events always have another party (see _code_candidate).
_DYADIC_TYPES = frozenset({"CONSULT", "COOPERATE", "SUPPORT", "AID", "REQUEST", "CONCEDE",
                           "SANCTION"})


def dyadic(code: str) -> bool:
    row = lookup(code)
    return row is not None and row.plover in _DYADIC_TYPES


# Sectors that cannot impose state coercion or sanctions (arrests, bans, curfews,
# expulsions): "students punish ...", "protesters exclude us", "hackers stole ...".
_PRIVATE_SECTORS = frozenset({"CVL", "EDU", "BUS", "MED", "LAB", "HLH", "REF", "CRM", "REL",
                              "AGR", "ENV", "SPT"})


def _sector(ref: dict[str, Any]) -> str:
    sector = ref.get("sector")
    if sector:
        return str(sector)
    code = str(ref.get("code") or "")
    return code[3:6] if len(code) >= 6 else ""


def _media(ref: dict[str, Any]) -> bool:
    """News media: the actors component writes sector "JRN" with a "...MED" code (its
    sector "MED" is medical: "Swiss doctors" are CHEHLH, and they do hand over aid)."""
    code = str(ref.get("code") or "")
    return _sector(ref) == "JRN" or code[3:6] == "MED" or (
        _sector(ref) == "MED" and code[3:6] != "HLH" and len(code) >= 6)


def interview(code: str, recipients: list[dict[str, Any]]) -> bool:
    """True for a meeting or talk whose only other parties are news media: "spoke with
    NPR's Linda Wertheimer", "met Fox News anchor Bret Baier" is an interview, not a
    consultation between political actors."""
    return code.startswith("04") and bool(recipients) and all(_media(r) for r in recipients)


def plausible_actors(actors: list[dict[str, Any]], code: str, token: Token | None = None
                     ) -> list[dict[str, Any]]:
    """Drop actors that cannot do the act: news media as doers of material acts ("Reuters
    ... shot", "the Post released": outlets report), and private parties as doers of
    state coercion or sanctions. Verbal acts (accusing, demanding) keep every actor."""
    row = lookup(code)
    if row is None or row.quad in (1, 3):
        return actors
    kept = [a for a in actors if not _media(a)]
    if code[:2] in ("16", "17") and not _place_taken(code, token):
        # blockades (19x) by farmers or protesters stay
        kept = [a for a in kept if _sector(a) not in _PRIVATE_SECTORS]
    return kept


def _place_taken(code: str, token: Token | None) -> bool:
    """A seizure of a held place ("protesters seized several government buildings"): anyone
    can take one by force, unlike an arrest or a confiscation."""
    return token is not None and code.startswith("171") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in HELD_PLACES for c in token.children)


# Verbs whose object must be a party (a person, group or named entity): "met the
# regulations", "released a poll", "attended a fashion show", "hosted a podcast".
_PARTY_OBJECT_VERBS = frozenset({"meet", "release", "attend", "free", "defend", "host"})
# Proper names that are no party: events, works, products, laws ("hosts the Irish Open").
_NON_PARTY_LABELS = frozenset({"EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE"})
_PARTY_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
# Common nouns for people and groups (the object of "released 12 prisoners").
_PEOPLE_NOUNS = frozenset({
    "prisoner", "hostage", "detainee", "captive", "people", "person", "civilian", "soldier",
    "official", "leader", "activist", "journalist", "protester", "protestor", "delegation",
    "minister", "president", "counterpart", "envoy", "ambassador", "diplomat", "inmate",
    "man", "woman", "child", "citizen", "national", "member", "student", "worker", "refugee",
    "migrant", "opposition", "rebel", "militant", "fighter", "troop", "dissident", "suspect",
    "crew", "sailor", "pilot", "team", "mission", "group", "representative", "head", "chief",
})


# Property a state seizes and releases ("released the impounded tanker", "freed the
# frozen assets"); other released things (polls, reports, albums) are no event.
_SEIZED_PROPERTY = frozenset({
    "ship", "vessel", "boat", "tanker", "trawler", "aircraft", "plane", "helicopter", "asset",
    "fund", "property", "cargo", "shipment", "body", "remains",
})


# Entertainment one attends or hosts ("attended a London Fashion Week show", tuning sample
# seed 12): no meeting of parties, whoever owns the show.
_LEISURE = frozenset({
    "show", "concert", "match", "game", "premiere", "festival", "wedding", "gala",
    "exhibition", "race", "tournament", "screening", "performance",
})


# Gatherings one attends, and claims one meets ("meet demands" is a concession).
_GATHERINGS = frozenset({
    "meeting", "summit", "talk", "conference", "ceremony", "funeral", "inauguration",
    "session", "negotiation", "forum", "parade", "rally", "demand", "condition", "request",
})


def party_object(tok: Token) -> bool:
    """False when a party-object verb's direct object is a thing, not a party."""
    if tok.lemma_.lower() not in _PARTY_OBJECT_VERBS:
        return True
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        # Passive: "after the report was released" has the thing as passive subject.
        obj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if obj is None:
        return True
    if obj.ent_type_ in _NON_PARTY_LABELS or obj.lemma_.lower() in _LEISURE:
        return False
    if _quoted_title(obj):
        return False  # "released a “Strategic Approach to China”": a document's title
    if obj.ent_type_ in _PARTY_LABELS or obj.pos_ in ("PROPN", "PRON", "NUM"):
        return True
    if obj.lemma_.lower() in _PEOPLE_NOUNS or obj.lemma_.lower() in _GATHERINGS:
        return True
    if tok.lemma_.lower() in ("release", "free") and obj.lemma_.lower() in _SEIZED_PROPERTY:
        return True  # "released an impounded ship": CAMEO 0842, return or release property
    # "Israel's decision", "the right of Russian troops": a party owns the object.
    owners = [c for c in obj.children if c.dep_ in ("compound", "poss")]
    owners += [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj"]
    return any(o.ent_type_ in _PARTY_LABELS or o.pos_ == "PROPN" or any(
        c.ent_type_ in _PARTY_LABELS for c in o.children if c.dep_ in ("compound", "amod"))
        for o in owners)


# Counts of a toll ("thousands", "some 130,000 people") and the long conflicts they sum.
_MANY_WORDS = frozenset({"hundreds", "thousands", "tens", "millions", "dozens", "scores"})
_LONG_CONFLICTS = frozenset({"war", "conflict", "fighting", "violence", "crisis", "uprising",
                             "insurgency", "unrest", "revolution", "campaign", "occupation"})


def aggregate_toll(tok: Token) -> bool:
    """True for an agentless passive toll over a whole conflict: "Some 130,000 people have
    been killed in the Syrian civil war", "thousands have died since the uprising began"."""
    if tok.lemma_.lower() not in ("kill", "die", "wound", "injure", "displace") or any(
            c.dep_ == "agent" for c in tok.children):
        return False
    subject = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is None or not _many(subject):
        return False
    spans = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in ("in", "during",
                                                                         "since", "over")]
    spans += [c for c in tok.children if c.dep_ == "advcl"]
    return any(t.lemma_.lower() in _LONG_CONFLICTS for p in spans for t in p.subtree)


def _many(subject: Token) -> bool:
    """A subject counting many people: "thousands", "some 130,000 people"."""
    if subject.lower_ in _MANY_WORDS:
        return True
    for c in subject.subtree:
        if c.like_num and c.i < subject.i + 1:
            digits = c.text.replace(",", "")
            if (digits.isdigit() and int(digits) >= 1000) or c.lower_ in _MANY_WORDS:
                return True
    return False


def _quoted_title(obj: Token) -> bool:
    """True for a capitalised object named inside quotation marks: a title, not a party."""
    doc = obj.doc
    first = obj.left_edge.i
    while first < obj.i and doc[first].dep_ == "det":
        first += 1
    if doc[first].text in _OPENING_QUOTES:
        first += 1
    elif not (first > 0 and doc[first - 1].text in _OPENING_QUOTES):
        return False
    return first <= obj.i and doc[first].text[:1].isupper()


_OPENING_QUOTES = frozenset({'"', "“", "‘"})


def question(sent: Span) -> bool:
    """True for a question ("Did America vote to ...?"): it reports no event."""
    last = sent[-1]
    while last.i > sent.start and (last.is_space or last.text in ('"', "'", "”", "’", ")")):
        last = last.doc[last.i - 1]
    return last.text == "?"


def content_clause(tok: Token, code: str) -> bool:
    """True for a purpose infinitive ("to demand") or a verbal-act participle ("demanding")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True
    # Material acts in a participle are reported outcomes ("opened fire, killing two"): kept.
    return tok.tag_ == "VBG" and code[:2] < "14"


# Nouns whose participial modifier is the act itself ("issued a statement condemning X").
_DOCUMENT_NOUNS = frozenset({
    "statement", "declaration", "letter", "communique", "communiqué", "resolution", "message",
    "speech", "note", "report", "petition", "appeal", "editorial", "announcement", "memo",
    "memorandum", "tweet", "lawsuit", "complaint",
})
# Verbs whose noun object is ended, refused or only projected ("lifted the embargo",
# "stopped negotiations", "rejected an offer of talks"): the noun is no event that happened.
# When such a verb is coded itself, the existing object rule already covers the noun.
_CANCELLING_GOVERNORS = frozenset({
    "lift", "end", "stop", "halt", "suspend", "reject", "refuse", "oppose", "cancel",
    "postpone", "ease", "avoid", "prevent", "deny", "block", "abandon", "drop", "scrap",
    "resist", "delay", "freeze", "rule", "shelve", "call", "break", "fear", "risk",
})
# Nouns naming an unrealised act: a trigger in their "of/for/to" phrase did not happen
# ("an offer of talks", "plans for a visit", "a request for aid", "the threat of sanctions").
_PROJECTING_NOUNS = frozenset({
    "offer", "proposal", "plan", "call", "request", "demand", "bid", "idea", "prospect",
    "possibility", "hope", "chance", "threat", "risk", "fear", "invitation", "willingness",
    "readiness", "refusal", "need", "push", "appeal", "effort", "attempt", "blackout",
})


_PROJECTING_PREPS = frozenset({"of", "for", "to", "on"})


def background(tok: Token) -> bool:
    """Triggers that describe a participant or a past state rather than report an act.

    Measured on the PLOVER GSR (one gold event per sentence): before this filter, 4 of 27
    events in noun-modifying clauses ("refugees fleeing", "curfew imposed after ...",
    "a request to interrogate") and 2 of 11 in relative clauses had the gold type.
    """
    head = tok.head
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON") and not misparsed_main(tok):
        # "issued a declaration demanding ...": the declaration's act is the event; "an
        # attempt to assassinate X" reports the (failed) act itself.
        if head.lemma_.lower() == "attempt":
            return False
        if any(c.dep_ == "nsubj" for c in tok.children):
            # A noun's complement clause ("its demand that Serbia release ...", "reports
            # that troops shelled ...") states the content: coded like any clause.
            return False
        return not (tok.tag_ == "VBG" and head.lemma_.lower() in _DOCUMENT_NOUNS)
    if tok.dep_ == "relcl" and any(
            c.dep_ in ("auxpass", "nsubjpass") or (c.dep_ == "aux" and c.lemma_ == "have")
            for c in tok.children):
        # "a curfew that was imposed six months ago", "whom they had taken hostage",
        # "where 28 people have been killed": background states, not the reported act.
        return True
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in _CANCELLING_GOVERNORS:
            return True
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _PROJECTING_PREPS \
                and head.head.lemma_.lower() in _PROJECTING_NOUNS and head.head.pos_ == "NOUN":
            return True
    return False


# Subordinators of time, cause and condition: their clause frames another act.
_CIRCUMSTANTIAL = frozenset({"after", "before", "until", "unless", "since", "as", "while",
                             "when", "once", "if", "because", "whereas", "though",
                             "although"})


def circumstantial(tok: Token) -> bool:
    """True for an adverbial clause opened by a subordinator of time, cause or condition.

    On the PLOVER GSR every such clause event next to another coded act ("resigned as the
    opposition threatened to storm ...", "expelled inspectors after U.S. officials
    alleged ...") had a type other than the sentence's event.
    """
    return any(c.dep_ == "mark" and c.lower_ in _CIRCUMSTANTIAL for c in tok.children)


def content_head(code: str) -> bool:
    """True for acts whose clausal complement is their content (demands, threats,
    accusations): "demanded that X withdraw" is one REQUEST, not a RETREAT too."""
    row = lookup(code)
    return row is not None and row.plover in ("REQUEST", "THREATEN", "ACCUSE")


# Speech-like verbs that code as acts only when they name a party or announce something:
# "cautioned that no deadline had been set", "insisted unrest reflected ..." are
# statements; "warned Beijing against ...", "warned it would retaliate" are threats.
_STATEMENT_VERBS = frozenset({"warn", "caution", "insist", "stress", "maintain"})
_ANNOUNCING_AUX = frozenset({"will", "would", "could", "may", "might", "must", "should",
                             "shall", "'ll", "wo"})


def statement_sense(tok: Token) -> bool:
    """False when a speech-like trigger only reports a statement of fact."""
    if tok.lemma_.lower() not in _STATEMENT_VERBS:
        return True
    if any(c.dep_ in ("dobj", "dative", "prep", "xcomp") for c in tok.children):
        return True
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    if not clauses:
        return True
    return any(a.dep_ == "aux" and a.lower_ in _ANNOUNCING_AUX
               for clause in clauses for a in clause.children)


# "declined to comment", "refused to say": a refusal to speak is no rejection of anything.
_REFUSERS = frozenset({"refuse", "decline", "reject"})
_SPEAKING = frozenset({"comment", "say", "speculate", "elaborate", "confirm", "disclose",
                       "respond", "answer", "discuss", "specify", "reveal", "name"})


def declined_comment(tok: Token) -> bool:
    """True for "declined to comment" and its kind (measured: PLOVER GSR, CAMEO examples)."""
    return tok.lemma_.lower() in _REFUSERS and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in _SPEAKING for c in tok.children)


# Verbs that are no act without a complement: "economic power declined", "when it comes
# to politics".
_NEED_COMPLEMENT = frozenset({"decline", "refuse"})


def idiom_or_bare(tok: Token) -> bool:
    """True for "when it comes to ..." and complement-less "declined"/"refused"."""
    lemma = tok.lemma_.lower()
    if lemma == "come" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in tok.children):
        return True
    if lemma == "decline" and tok.pos_ == "VERB":
        # "U.S. economic power declined in 2008", "shares declined by 5%": to decrease. A
        # refusal names what is refused ("declined to", "declined the offer").
        return not any(c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass", "auxpass")
                       for c in tok.children)
    if lemma in _NEED_COMPLEMENT and tok.pos_ == "VERB":
        return not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "nsubjpass", "auxpass")
                       for c in tok.children)
    if lemma == "agree" and tok.pos_ == "VERB":
        # "many Americans agree with Trump", "couldn't agree more": an opinion. An
        # agreement names what is agreed ("agreed to", "agreed on", "agreed that").
        return not any(c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass") or (
            c.dep_ in ("prep", "prt") and c.lower_ in ("on", "to", "upon", "over"))
            or (c.dep_ == "prep" and c.lower_ == "in" and any(
                p.lemma_.lower() == "principle" for p in c.children))
            for c in tok.children)
        # "agree with this critique in theory": opinion; "agreed in principle": agreement.
    if lemma == "demonstrate":
        # "demonstrated restraint", "demonstrated that ...": to show, not to protest.
        return any(c.dep_ in ("dobj", "ccomp") for c in tok.children)
    return False


_OPEN_MODALS = frozenset({"will", "would", "could", "can", "should", "might", "may"})


def indirect_question(tok: Token) -> bool:
    """True inside a "whether" clause ("whether oil companies will agree ... remains
    unclear", "would not comment on whether ...") or a "how to" infinitive ("they need to
    learn how to engage with it"): an open question reports no event."""
    current = tok
    for _ in range(5):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in current.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children) and any(
                c.dep_ == "advmod" and c.lower_ in ("how", "whether", "when", "where")
                for c in current.children):
            return True  # "how to engage with it", "when to strike": an open question
        if current.dep_ != "ROOT" and any(
                c.dep_ == "advmod" and c.lower_ in ("how", "whether") for c in current.children
        ) and any(c.dep_ == "aux" and c.lower_ in _OPEN_MODALS for c in current.children):
            return True  # "questions over how Israel will negotiate with the man"
        if current.dep_ not in ("xcomp", "conj", "ccomp", "csubj", "advcl", "pcomp") or \
                current.head.i == current.i:
            return False
        current = current.head
    return False


# Sectors whose "attacks" are armed; a person of any other sector attacks with words.
_ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "COP", "SPY", "UAF", "CRM"})
# Men and women of the forces, as the object of "attack": hit in the street, not criticised
# ("protesters attacked the police"; criticism names the body: "Trump attacked the FBI").
_FORCE_NOUNS = frozenset({"police", "policeman", "policemen", "officer", "soldier", "troop",
                          "guard", "patrol", "peacekeeper", "gendarme", "militiaman"})
_HIT_OBJECTS = HELD_PLACES | _FORCE_NOUNS
_ARMED_WORDS = frozenset({"air", "drone", "missile", "rocket", "bomb", "suicide", "terror",
                          "terrorist", "military", "armed", "gun", "knife", "artillery"})


def verbal_attack(tok: Token, actors: list[dict[str, Any]], code: str) -> bool:
    """True when an "attack" by politicians is criticism ("Trump's repeated attacks on the
    organisation", "Munir's attacks on social media"), not an armed assault."""
    if tok.lemma_.lower() != "attack" or code[:2] not in ("18", "19", "20"):
        return False
    if not actors or any(_sector(a) in _ARMED_SECTORS or not a.get("sector") for a in actors):
        return False
    if physical_attack(tok):
        return False
    words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.children}
    words |= {t.lower_ for t in tok.head.children} if tok.dep_ != "ROOT" else set()
    return not words & _ARMED_WORDS


def physical_attack(tok: Token) -> bool:
    """True for an "attack" whose object is a held place ("protesters attacked police
    lines") or men of the forces ("attacked the police"): hit by force, not criticised
    (criticism names the body: "Trump attacked the FBI")."""
    if tok.lemma_.lower() != "attack":
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _HIT_OBJECTS for c in tok.children)


def without_clause(tok: Token) -> bool:
    """True for an act inside "without ...-ing" ("without having to ask"): it did not
    happen."""
    current = tok
    for _ in range(4):
        if current.dep_ == "pcomp" and current.head.lower_ == "without":
            return True
        if current.dep_ not in ("xcomp", "conj", "pcomp", "aux") or current.head.i == current.i:
            return False
        current = current.head
    return False
