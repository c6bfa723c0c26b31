"""Who did what to whom, from one spaCy dependency parse.

Actors: the subject (with its conjuncts: "China and Russia"), the ``by`` agent of a passive,
the subject inherited along ``xcomp`` chains ("agreed to strengthen"), conjoined verbs ("met
X and thanked Y") and participles ("..., accusing the West"), the noun a relative clause
modifies ("officials who met ..."), and for noun triggers the possessor or modifier
("Moscow's invasion", "Russian strikes") or the subject of the verb that governs them
("held talks with", "wrapped up a visit to").

Recipients: direct and indirect objects, then prepositional objects ("met with", "visit
to", "sanctions on", "warned ... against"); the preposition named by the matched pattern
comes first. Passive subjects are recipients.
"""

from __future__ import annotations

from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "dative"})
# Prepositions that introduce the other party of an interaction.
RECIPIENT_PREPS = ("with", "to", "against", "on", "toward", "towards", "into", "upon", "at",
                   "from", "over")
NOUN_RECIPIENT_PREPS = ("with", "to", "against", "on", "of", "into", "between", "toward",
                        "towards")
# Object-control verbs: in "urged China to wield", the object is the xcomp's subject.
OBJECT_CONTROL = frozenset({
    "urge", "ask", "tell", "call", "press", "persuade", "force", "order", "encourage",
    "invite", "request", "allow", "help", "push", "pressure", "warn", "instruct", "advise",
})
# Verbs a noun trigger borrows its actor from ("held talks", "paid a visit").
_NOUN_GOVERNORS = frozenset({"dobj", "pobj", "attr", "appos", "conj"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_FINITE = frozenset({"VBD", "VBP", "VBZ"})


def expand(token: Token) -> list[Token]:
    """``token`` and its coordinated nominal conjuncts ("China and Russia")."""
    out = [token]
    for conj in token.conjuncts:
        if conj.pos_ in _NOMINAL and conj not in out:
            out.append(conj)
    # "U.S. and Soviet negotiators", "Russian and Chinese diplomats": coordinated
    # modifiers name one party each.
    for child in token.lefts:
        if child.dep_ in ("nmod", "amod", "compound") and any(
                c.dep_ == "conj" for c in child.children):
            out.extend(t for t in (child, *child.conjuncts) if t not in out)
    return out


def _child(token: Token, deps: frozenset[str]) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def _agent(token: Token) -> list[Token]:
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            pobj = _child(child, frozenset({"pobj"}))
            if pobj is not None:
                return expand(pobj)
    return []


# Participles whose passive form describes what the subject does or stands for.
ADJECTIVAL_PASSIVES = frozenset({"oppose", "engage", "commit", "determine", "prepare",
                                 "involve", "dedicate", "resolve"})


def is_passive(verb: Token) -> bool:
    """True for "was sanctioned by", "were invited to"."""
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The grammatical actor(s) of a verbal trigger, following control and coordination."""
    if depth > 4:
        return []
    if is_passive(verb):
        agent = _agent(verb)
        if agent:
            return agent
        if verb.lemma_.lower() in ADJECTIVAL_PASSIVES:
            # "Israel is opposed to ...", "forces were engaged in ...": a state of the
            # grammatical subject, which is the doer.
            subj = _child(verb, PASSIVE_SUBJECTS)
            if subj is not None:
                return expand(subj)
    subj = _child(verb, SUBJECTS)
    if subj is not None:
        if subj.lower_ in _RELATIVE and verb.dep_ == "relcl" and verb.head.pos_ in _NOMINAL:
            return expand(verb.head)  # "Yellen, who wrapped up a visit"
        return expand(subj)
    head = verb.head
    if head.i == verb.i:
        return []
    # Purpose clauses ("staged rallies to demand reforms", "telephoned X to discuss") share
    # the main clause's subject.
    purpose = verb.dep_ == "advcl" and (verb.tag_ in ("VBG", "VBN", "TO") or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))
    if verb.dep_ == "xcomp" or purpose:
        obj = _child(head, OBJECTS)
        if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL and obj is not None:
            return expand(obj)
        passive_subject = _child(head, PASSIVE_SUBJECTS)
        if verb.dep_ == "xcomp" and passive_subject is not None and not is_passive(verb) \
                and passive_subject.lower_ not in _RELATIVE:
            # "The minister was forced to resign", "envoys were set to meet", "a militant
            # is seen threatening": the passive head's subject does the complement's act
            # (never the head's "by" agent, who forced or saw it). A passive complement
            # ("civilians are thought to have been killed") keeps its subject a patient.
            return expand(passive_subject)
        if head.pos_ in ("VERB", "AUX"):
            return subjects(head, depth + 1)
        if head.pos_ == "ADJ" and head.head.i != head.i:  # "stands ready to strengthen"
            return subjects(head.head, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        found = _misparsed_subject(verb) or subjects(head, depth + 1)
        finite = verb.tag_ in _FINITE or (verb.tag_ == "VB" and not any(
            c.dep_ == "aux" for c in verb.children))
        if not found and finite and head.head.i != head.i:
            # "officials warned Beijing against providing aid ... and urge China": the
            # parser hangs "urge" on "providing"; the finite verb shares the main subject.
            found = subjects(governing_verb(head.head), depth + 1)
        return found
    if verb.dep_ in ("relcl", "acl"):
        infinitive = any(c.lower_ == "to" for c in verb.children)
        if infinitive and (head.pos_ not in _NOMINAL or head.dep_ in ("attr", "pobj")):
            # "Xi was among the first to send congratulations": the clause's subject.
            return subjects(governing_verb(head), depth + 1)
        if head.pos_ in _NOMINAL:
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and not misparsed_main(verb):
                # "organisations targeted by hackers", "a poll conducted by X": the noun is
                # the patient; the doer is the "by" agent or unknown.
                return _agent(verb)
            return expand(head)
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        # "resorted to throwing stones", "guilty of violating": the gerund's doer is the
        # clause subject -- unless the preposition follows an object ("accused X of
        # violating"), where the act is only alleged: no doer is returned then.
        governor = head.head
        if governor.pos_ in ("VERB", "AUX", "ADJ") and _child(governor, OBJECTS) is None:
            return subjects(governing_verb(governor), depth + 1)
        return []
    return _misparsed_subject(verb)


# Subordinators the small model sometimes parses as prepositions: "as Moscow's top diplomat
# met Xi" comes out as prep "as" + pobj "diplomat", leaving "met" without a subject.
_SUBORDINATORS = frozenset({"as", "while", "after", "before", "since", "until", "when"})


def has_own_subject(verb: Token) -> bool:
    """True when ``verb`` has a subject of its own (parsed, or recovered after "as")."""
    return _child(verb, SUBJECTS | PASSIVE_SUBJECTS) is not None or bool(
        _misparsed_subject(verb))


def _misparsed_subject(verb: Token) -> list[Token]:
    i = verb.i - 1
    doc = verb.doc
    if verb.is_sent_start:
        return []
    while i > 0 and doc[i].pos_ in ("ADV", "AUX", "PART") and not doc[i].is_sent_start:
        i -= 1
    noun = doc[i]
    if noun.pos_ in _NOMINAL and noun.dep_ == "pobj" and noun.head.lower_ in _SUBORDINATORS:
        return expand(noun)
    return []


_SPEECH_HEADS = frozenset({"say", "tell", "report", "add", "state", "announce", "claim"})


def misparsed_main(tok: Token) -> bool:
    """True when a participle parsed as modifying a noun is the sentence's main verb.

    The small model reads "Doctors from two aid groups donated ..." with the noun as
    root, and "Youths resorted to throwing stones ..., officials said" with the subject
    hanging on the final speech verb.
    """
    head = tok.head
    root = head
    while root.head.i != root.i:
        root = root.head
    if root.pos_ in ("NOUN", "PROPN") and tok.i > head.i:
        return True
    if tok.tag_ in ("VBD", "VBZ", "VBP") and root.pos_ not in ("VERB", "AUX"):
        # "In a fiery speech Wednesday, Egypt's military chief called for ...": rooted on
        # the preposition, the only finite verb hangs on its subject as a clause.
        return True
    if head.dep_ == "advcl" and head.pos_ in ("NOUN", "PROPN") and tok.i > head.i and any(
            c.dep_ in ("advmod", "mark") and c.i < head.i for c in head.children):
        # "The deal collapsed when the envoy, a veteran diplomat, walked out": the
        # subordinate clause is rooted on its subject, its verb hangs on it as a modifier.
        return True
    governor = head.head
    if head.dep_ == "nsubj" and governor.lemma_.lower() in _SPEECH_HEADS and governor.i > tok.i:
        end = max(t.i for t in tok.subtree)
        between = tok.doc[end + 1: governor.i]
        return any(t.text == "," for t in between)
    return False


def speech_subjects(verb: Token) -> list[Token]:
    """Subject of the speech verb whose complement holds ``verb`` ("X said they would")."""
    current = verb
    for _ in range(4):
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in _SPEECH:
            subj = _child(current.head, SUBJECTS)
            return expand(subj) if subj is not None else []
        # "said the US must be ready to mediate": through the adjective's complement too.
        if current.head.i == current.i or current.dep_ not in ("xcomp", "conj", "ccomp",
                                                               "acomp"):
            return []
        current = current.head
    return []


_SPEECH = frozenset({"say", "tell", "add", "state", "announce", "declare", "write", "note",
                     "insist", "stress", "confirm", "agree", "pledge", "vow", "promise",
                     "remind", "conclude", "warn", "argue", "reiterate", "demand"})


# Means of talking that a verb's party can hang on ("spoke by phone with X").
_CHANNEL_NOUNS = frozenset({"phone", "telephone", "call", "videoconference", "video",
                            "link", "hotline"})


def verb_recipients(verb: Token, preferred: tuple[str, ...] = ()) -> list[Token]:
    """Objects of a verbal trigger: passive subject, dobj/dative, then prepositional objects."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in _NOMINAL and \
            not misparsed_main(verb):
        return expand(verb.head)  # "the organisations targeted": the patient
    if is_passive(verb) and verb.lemma_.lower() not in ADJECTIVAL_PASSIVES:
        subj = _child(verb, PASSIVE_SUBJECTS)
        if subj is not None:
            return expand(subj)
    found: list[Token] = []
    obj = _child(verb, OBJECTS)
    if obj is not None:
        found.extend(expand(obj))
    for prep in _prep_children(verb, preferred or RECIPIENT_PREPS):
        pobj = _child(prep, frozenset({"pobj"})) or _orphan_object(prep)
        if pobj is not None:
            found.extend(t for t in expand(pobj) if t not in found)
    for prep in verb.children:
        # "spoke by phone with Arseniy Yatsenyuk", "talked over the telephone to Putin": the
        # party hangs on the channel noun.
        channel = _child(prep, frozenset({"pobj"})) if prep.dep_ == "prep" else None
        if channel is None or channel.lemma_.lower() not in _CHANNEL_NOUNS:
            continue
        for inner in _prep_children(channel, ("with", "to")):
            pobj = _child(inner, frozenset({"pobj"}))
            if pobj is not None:
                found.extend(t for t in expand(pobj) if t not in found)
    if obj is not None:
        # "held talks with Xi", "paid a visit to China", "rejected calls by X", "shelled
        # positions of the security forces": the party sits on the object noun.
        for prep in _prep_children(obj, preferred or OBJECT_NOUN_PREPS):
            pobj = _child(prep, frozenset({"pobj"}))
            if pobj is not None:
                found.extend(t for t in expand(pobj) if t not in found)
        # "welcomed Reagan's statement", "protested Assad's failure": the possessor of the
        # object is the party the act is aimed at (after any prepositional party).
        poss = _child(obj, frozenset({"poss"}))
        if poss is not None and poss.pos_ in ("PROPN", "NOUN"):
            found.extend(t for t in expand(poss) if t not in found)
        if obj.lemma_.lower() in _CLAIMED_NOUNS:
            # "claimed responsibility for the bombing of a mosque": the claimed act's
            # target is the claim's.
            for prep in _prep_children(obj, ("for",)) + _prep_children(verb, ("for",)):
                act = _child(prep, frozenset({"pobj"}))
                if act is not None:
                    found.extend(t for t in noun_recipients(act) if t not in found)
    return found


# Objects through which a group claims an act as its own.
_CLAIMED_NOUNS = frozenset({"responsibility", "credit"})


_ORPHAN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "appos"})


def _orphan_object(prep: Token) -> Token | None:
    """The noun right after a preposition the parser left without an object.

    "granted asylum to five army officers holed up in ...": the small model makes
    "officers" the subject of "holed" and leaves "to" empty.
    """
    doc = prep.doc
    for tok in doc[prep.i + 1: min(len(doc), prep.i + 7)]:
        if tok.is_sent_start or tok.pos_ in ("VERB", "AUX", "ADP", "PUNCT"):
            return None
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in _ORPHAN_DEPS:
            return tok
    return None


# Prepositions on an object noun that introduce the other party.
OBJECT_NOUN_PREPS = ("with", "to", "on", "against", "by", "from", "of", "for", "between")


def deferred_recipients(verb: Token, depth: int = 0) -> list[Token]:
    """Parties named in the trigger's complement when it has none of its own.

    "threatened to cut off electricity to X", "promised to continue military aid to X":
    the xcomp's objects; "demanded that the US cancel ...": the ccomp's subject.
    """
    if depth > 2:
        return []
    for child in verb.children:
        if child.dep_ == "xcomp":
            found = verb_recipients(child) or deferred_recipients(child, depth + 1)
            if found:
                return found
        if child.dep_ == "ccomp":
            subj = _child(child, SUBJECTS | PASSIVE_SUBJECTS)
            if subj is not None:
                return expand(subj)
    for child in verb.children:
        # "threatened to strike unless Israel rescinded ...": the party a condition is put
        # to is the target of the threat or demand.
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("unless", "if")
                                         for c in child.children):
            subj = _child(child, SUBJECTS | PASSIVE_SUBJECTS)
            if subj is not None:
                return expand(subj)
    return []


def _prep_children(token: Token, preps: tuple[str, ...]) -> list[Token]:
    ordered: list[Token] = []
    for word in preps:
        for child in token.children:
            if child.dep_ in ("prep", "dative", "prt") and child.lower_ == word:
                ordered.append(child)
    return ordered


def noun_actors(noun: Token) -> list[Token]:
    """Actor(s) of a noun trigger: possessor, nominal modifier, ``by``-phrase or governor."""
    for child in noun.children:
        if child.dep_ == "poss":
            return expand(child)
    agent = _agent(noun)
    if agent:
        return agent
    modifiers = [c for c in noun.children
                 if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
                 and (c.ent_type_ in ("GPE", "NORP", "ORG") or c.pos_ == "PROPN")]
    if modifiers:
        return modifiers
    # Climb to the verb that governs the noun ("held talks", "on the tail end of a visit";
    # "undertook a mediation mission": a compound hangs on the noun the verb governs).
    current = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else noun
    for _ in range(4):
        if current.dep_ not in _NOUN_GOVERNORS and current.dep_ != "prep":
            break
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            if current.lemma_.lower() in _RECEIVING_GOVERNORS:
                return []  # "the UN considers any allegations against it": the target
            return subjects(current)
    return []


# Verbs whose subject receives or handles the noun's act rather than doing it: "faced
# sanctions", "considers allegations", "investigated the attack", "survived an attack".
_RECEIVING_GOVERNORS = frozenset({
    "consider", "face", "receive", "investigate", "examine", "review", "address", "hear",
    "survive", "suffer", "endure", "dismiss", "probe", "weather", "withstand", "escape",
    # Comment and comparison: "compared the detention of children to ...", "condemned the
    # attack", "decried the shooting" -- the speaker is not the doer of the act named.
    "compare", "condemn", "denounce", "decry", "criticize", "criticise", "praise", "welcome",
    "describe", "mention", "cite", "question", "recall", "remember", "blame", "deplore",
    "discuss", "debate", "mourn", "commemorate", "liken",
})


def governed_noun(noun: Token) -> bool:
    """True when a noun trigger is the object of a verb ("launched an invasion"), or the
    purpose of a movement ("arrived in Beijing for talks", "return to Geneva for talk")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.dep_ == "prep":
        return noun.head.head.pos_ == "VERB"
    return noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB"


def noun_recipients(noun: Token, preferred: tuple[str, ...] = ()) -> list[Token]:
    """Prepositional parties of a noun trigger: "talks with", "visit to", "sanctions on"."""
    found: list[Token] = []
    # "a mediation mission between X and Y": the phrase hangs on the compound's head.
    owners = [noun, noun.head] if noun.dep_ == "compound" else [noun]
    for owner in owners:
        for prep in _prep_children(owner, preferred or NOUN_RECIPIENT_PREPS):
            pobj = _child(prep, frozenset({"pobj"}))
            if pobj is not None:
                found.extend(t for t in expand(pobj) if t not in found)
            if found:
                return found
    return found


def governing_verb(token: Token) -> Token:
    """The verb whose clause the trigger belongs to (itself for verbs)."""
    current = token
    for _ in range(5):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


# Subjects that oblige no one in particular: "No one in the United States should ever be
# targeted", "people should be free to ...", "we must remember".
_GENERIC_SUBJECTS = frozenset({"one", "nobody", "everyone", "everybody", "anyone",
                               "anybody", "someone", "somebody", "people", "person", "we",
                               "you", "i", "everything", "nothing", "world"})


def generic_subject(subject: Token) -> bool:
    """True for a subject that names nobody in particular (or the speaker's own side)."""
    if subject.lemma_.lower() in _GENERIC_SUBJECTS or subject.lower_ in _GENERIC_SUBJECTS:
        return True
    return any(c.dep_ == "det" and c.lower_ in ("no", "every", "any") for c in subject.children)
