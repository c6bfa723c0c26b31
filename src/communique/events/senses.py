"""Word-sense filters for triggers that have common non-political senses.

Measured on the non-political sample of ``scripts/events_false_positives.py`` (seeds 6 and
7): most remaining false events were figurative uses of conflict and cooperation verbs with
a thing as subject ("an aid ban threatening their existence", "the changes target older
teachers"), generic subjects ("too many people give them money"), private trips ("his
medical treatment trip to the US"), naming ("then called FACES") and acts someone is only
afraid or unwilling to do ("afraid to offend Trump"). Each rule is general English usage;
none names an evaluation sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Token

# Verbs whose political sense needs an agent that can act: with a thing as subject they
# are figurative ("the ban threatens their existence", "the rules target teachers",
# "the storm hit Florida", "the scandal threatens to overshadow the summit").
AMBIGUOUS_VERBS = frozenset({
    "target", "threaten", "attack", "hit", "strike", "hurt", "harm", "undermine", "defy",
    "challenge", "punish", "offend", "support", "help", "boost", "back", "benefit", "damage",
    "endanger", "jeopardize", "jeopardise", "overshadow", "dominate", "welcome", "embrace",
    "reject", "resist", "fight", "battle", "block", "invade", "aid", "assist", "beat",
    "signal", "destroy",
})

# Subject heads that can act although they are common nouns: people, organisations, armed
# forces, and weapons or attacks standing for their users ("the missiles hit ...",
# "Israel's assault on Gaza has killed ...").
_AGENT_NOUNS = frozenset({
    "people", "person", "man", "woman", "official", "leader", "minister", "president",
    "government", "administration", "authority", "regime", "ministry", "department",
    "agency", "army", "military", "force", "troop", "soldier", "police", "officer", "militant",
    "rebel", "fighter", "insurgent", "group", "party", "country", "nation", "state", "court",
    "judge", "parliament", "congress", "senate", "lawmaker", "legislator", "council",
    "committee", "union", "protester", "protestor", "activist", "demonstrator", "student",
    "worker", "company", "firm", "bank", "board", "body", "organisation", "organization",
    "coalition", "alliance", "bloc", "delegation", "envoy", "diplomat", "spokesman",
    "spokeswoman", "spokesperson", "candidate", "senator", "governor", "mayor", "prosecutor",
    "navy", "jet", "aircraft", "plane", "warplane", "drone", "missile", "rocket", "bomb",
    "artillery", "tank", "ship", "warship", "gunman", "attacker", "assailant", "bomber",
    "terrorist", "unit", "battalion", "brigade", "division", "squad", "guard", "attack",
    "strike", "airstrike", "assault", "shelling", "bombing", "raid", "offensive", "fire",
    "gunfire", "operation", "mob", "crowd", "villager", "resident", "citizen", "voter",
    "member", "supporter", "opponent", "critic", "team", "side", "staff", "cabinet",
    "ally", "neighbour", "neighbor", "power", "superpower", "kingdom", "republic",
    "monarchy", "junta", "faction", "movement", "network", "cell", "gang", "cartel",
})
_AGENT_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE"})
_RELATIVES = frozenset({"that", "which", "who"})
_PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who", "it", "that",
                                "which", "this"})


def _covered(tok: Token, entities: Sequence[dict[str, Any]]) -> bool:
    """True when an entity mention covers the token itself (not only a modifier of it)."""
    for entity in entities:
        for mention in entity.get("mentions", ()):
            if int(mention["start"]) <= tok.idx < int(mention["end"]):
                return True
    return False


def _subject(tok: Token) -> Token | None:
    """The grammatical subject head of a verb trigger (an acl's noun for participles)."""
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is not None and subject.lower_ in _RELATIVES and tok.dep_ == "relcl":
        subject = tok.head  # "models that threaten Beijing's messaging": the antecedent
    if subject is None and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
        # "the changes lower morale ... and unfairly target older teachers"
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    if subject is None and tok.dep_ == "acl" and tok.tag_ == "VBG":
        subject = tok.head  # "an aid ban threatening ..."
    if subject is None and tok.dep_ == "xcomp":
        # "threatens to overshadow": the controller's subject.
        subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return subject


def _agent_noun(tok: Token, depth: int = 0) -> bool:
    """An agent noun, or a quantity of one ("hundreds of thousands of people")."""
    if tok.lemma_.lower() in _AGENT_NOUNS or tok.lower_ in _AGENT_NOUNS:
        return True
    if depth >= 3:
        return False
    return any(_agent_noun(p, depth + 1) or p.pos_ == "PROPN" or p.ent_type_ in _AGENT_LABELS
               for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
               for p in c.children if p.dep_ == "pobj")


def inanimate_subject(tok: Token, entities: Sequence[dict[str, Any]]) -> bool:
    """True when a sense-ambiguous verb has a thing, not a party, as its subject.

    The subject counts as a party when an entity mention covers its head, when it is a
    name, a personal pronoun or an agent noun (people, organisations, forces, weapons).
    "Israel's aid ban threatens ..." has only a possessor party: figurative.
    """
    lemma = tok.lemma_.lower()
    if lemma not in AMBIGUOUS_VERBS and not (
            tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "threaten"):
        return False
    if tok.pos_ != "VERB":
        return False
    subject = _subject(tok)
    if subject is None:
        return False
    if subject.pos_ in ("PROPN", "NUM") or subject.ent_type_ in _AGENT_LABELS:
        return False
    if subject.pos_ == "PRON" or subject.lower_ in _PERSONAL_PRONOUNS:
        return False
    if _agent_noun(subject):
        return False
    if subject.dep_ == "csubj":
        return True  # "That Xi announced the targets signals ...": a fact, not a party
    if subject.dep_ != "nsubj" and subject.pos_ != "NOUN":
        return False
    return not _covered(subject, entities)


# Pronouns and quantified nouns that name nobody in particular: "too many people give ...",
# "anyone who attacks ...", "some voters say they will ...".
_GENERIC_HEADS = frozenset({"anyone", "anybody", "everyone", "everybody", "someone",
                            "somebody", "nobody", "whoever", "one"})
_GENERIC_QUANTIFIERS = frozenset({"many", "some", "most", "few", "several", "any", "every",
                                  "all", "more", "no"})
_GENERIC_NOUNS = frozenset({"people", "person", "americans", "voter", "consumer", "fan",
                            "viewer", "user", "customer", "reader", "parent", "adult", "kid",
                            "player", "shopper", "investor"})


def generic_subject(tok: Token) -> bool:
    """True when the subject is generic ("anyone", "too many people", "some fans"): such
    clauses describe habits or opinions, not one reported act."""
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ in _GENERIC_HEADS:
        return True
    if subject.lemma_.lower() not in _GENERIC_NOUNS and subject.lower_ not in _GENERIC_NOUNS:
        return False
    if any(c.dep_ == "prep" for c in subject.children):
        return False  # "many people in Gaza", "some members of the union": a party
    return any(c.dep_ in ("amod", "det") and c.lower_ in _GENERIC_QUANTIFIERS
               for c in subject.children)


# Adjectives whose infinitive names an act not done: "afraid to offend", "unwilling to
# meet", "reluctant to criticise", "too scared to attack", "premature to blame anyone".
_RELUCTANT = frozenset({"afraid", "unwilling", "reluctant", "hesitant", "loath", "loth",
                        "scared", "frightened", "fearful", "unable", "powerless", "wary",
                        "careful", "slow", "premature", "hard", "difficult",
                        "impossible"})


def reluctant(tok: Token) -> bool:
    """True for the complement of an adjective of fear or reluctance."""
    return tok.dep_ == "xcomp" and tok.head.pos_ == "ADJ" and \
        tok.head.lemma_.lower() in _RELUCTANT


# Purposes that make a trip or visit private: "medical trip", "golf trip", "holiday visit".
_PRIVATE_PURPOSES = frozenset({
    "medical", "treatment", "private", "personal", "family", "holiday", "vacation",
    "shopping", "school", "field", "road", "golf", "fishing", "camping", "ski", "skiing",
    "honeymoon", "study", "leisure", "weekend", "day", "boat", "bus", "train", "hospital",
    "birthday", "wedding", "sightseeing", "pilgrimage", "recruiting", "scouting", "tourist",
    "club", "band", "concert", "book", "promotional", "press", "media", "fan",
})
_TRIP_NOUNS = frozenset({"visit", "trip", "tour", "travel", "journey", "vacation", "holiday"})


def private_trip(tok: Token) -> bool:
    """True for a visit or trip noun whose modifier names a private purpose."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in _TRIP_NOUNS:
        return False
    modifiers = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
    modifiers += [g for c in modifiers for g in c.children if g.dep_ in ("amod", "compound")]
    return any(m.lemma_.lower() in _PRIVATE_PURPOSES for m in modifiers)


# Idioms of a conflict verb with a fixed object: "to kill time", "beat expectations".
_IDIOM_OBJECTS = {"kill": frozenset({"time"}),
                  "beat": frozenset({"expectation", "estimate", "forecast", "odds", "record"})}


def idiom_object(tok: Token) -> bool:
    """True for a conflict verb in an idiom with a fixed object ("to kill time")."""
    objects = _IDIOM_OBJECTS.get(tok.lemma_.lower())
    return objects is not None and any(
        c.dep_ == "dobj" and c.lemma_.lower() in objects for c in tok.children)


def naming(tok: Token) -> bool:
    """True for "call" as naming ("then called FACES", "what he called a farce")."""
    if tok.lemma_.lower() != "call":
        return False
    # "called Thursday on Arabs to unite" is an appeal with a date misparsed as oprd.
    return any(c.dep_ == "oprd" and c.ent_type_ not in ("DATE", "TIME")
               for c in tok.children)


# What reporters contribute to: "X and The Associated Press contributed to this report".
_REPORTING = frozenset({"report", "story", "article", "reporting", "coverage", "piece"})


def byline(tok: Token) -> bool:
    """True for the byline formula "contributed to this report"."""
    return tok.lemma_.lower() == "contribute" and any(
        p.lemma_.lower() in _REPORTING for c in tok.children
        if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj")
