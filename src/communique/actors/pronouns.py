"""Deterministic pronoun resolution for actor clusters.

Rules, in order (each measured on the seed article and AllSides sentences; see tests):

1. A pronoun that is the subject of a speech verb outside quotation marks ("he added",
   "it added") continues the most recent speaker: the last actor that was the subject of a
   speech verb or the source of "according to", outside quotes.
2. A pronoun inside a relative clause on a noun with a person possessor ("Putin's
   re-election, in which he was unchallenged") refers to that possessor.
3. Otherwise the nearest preceding subject in the same sentence, then the most recent
   subject in the previous two sentences, then the most recent compatible mention.

Gender is known from honorifics, gendered titles and earlier pronouns; a cluster is never
given a pronoun of the other gender. "it"/"its" go to organisations and countries, "they" to
groups; expletive "it" ("it is important to") and object "it" are left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.actors.mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from communique.actors.cluster import Cluster

MASC = frozenset({"he", "him", "his", "himself"})
FEM = frozenset({"she", "her", "hers", "herself"})
NEUT = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
SPEECH_LEMMAS = frozenset({"say", "add", "tell", "state", "announce", "warn", "note",
                           "declare", "write", "claim", "insist", "stress", "report", "argue",
                           "explain", "reply", "respond", "continue"})
WINDOW_SENTENCES = 3


def _gender(word: str) -> str | None:
    if word in MASC:
        return "m"
    if word in FEM:
        return "f"
    return None


def _is_speaker(doc: Doc, m: Mention) -> bool:
    root = doc[m.start : m.end].root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in SPEECH_LEMMAS:
        return True
    return (root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.i > 0
            and doc[root.head.i - 1].lower_ == "according")


def _compatible(word: str, c: Cluster) -> bool:
    if word in NEUT:
        return c.kind in ("organisation", "country")
    if word in PLURAL:
        # Collective actors with a role ("officials", "rebels"), not a bare demonym: "they"
        # after "Merkel and Trump" must not become "the Germans".
        return c.kind == "group" and any(m.sector and m.type != "demonym" for m in c.mentions)
    if c.kind != "person":
        return False
    want = _gender(word)
    return c.gender is None or want is None or c.gender == want


def _relative_possessor(token: Token, starts: dict[int, Mention]) -> Mention | None:
    node = token
    for _ in range(8):
        if node.dep_ == "relcl":
            for child in node.head.children:
                if child.dep_ == "poss" and child.i in starts:
                    return starts[child.i]
            return None
        if node.head is node:
            return None
        node = node.head
    return None


_OBJECT_FORMS = frozenset({"him", "her", "them", "it"})


_ARGUMENT_PREPS = frozenset({"with", "to", "against", "from", "at", "on", "about"})


def _clause_subject_clusters(token: Token, starts: dict[int, Mention]) -> set[int]:
    """Clusters of the subject of the clause whose object the pronoun is: "Biden phoned
    Yanukovych and urged him to pull back": "him" cannot be Biden (an object pronoun never
    refers to its own clause's subject; that would be "himself")."""
    if token.dep_ in ("dobj", "dative", "iobj") and token.head.pos_ == "VERB":
        verb = token.head
    elif (token.dep_ == "pobj" and token.head.lower_ in _ARGUMENT_PREPS
          and token.head.head.pos_ == "VERB"):
        # "the U.S. ambassador met with him", "Obama spoke to her": an argument's
        # preposition binds the same way ("met with himself" would be the subject). A place
        # preposition does not: "she saw a snake near her".
        verb = token.head.head
    else:
        return set()
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    while not subjects and verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return {starts[t.i].cluster for s in subjects for t in s.subtree
            if t.i in starts and starts[t.i].cluster >= 0}


def _previous_topic(word: str, history: list[Mention], clusters: list[Cluster],
                    sent_index: list[int], here: int) -> Mention | None:
    """The last person named as a subject outside quotes in the previous sentence."""
    for m in reversed(history):
        if sent_index[m.start] < here - 1:
            return None
        if (sent_index[m.start] == here - 1 and m.subject and m.type != "pronoun"
                and not m.in_quote and m.kind == "person" and m.cluster >= 0
                and _compatible(word, clusters[m.cluster])):
            return m
    return None


def resolve_pronouns(doc: Doc, mentions: list[Mention], clusters: list[Cluster],
                     tokens: list[Token], quotes: list[bool], sent_index: list[int],
                     sent_bounds: list[tuple[int, int]]) -> None:
    """Add pronoun mentions to ``mentions`` (and clusters) in place, left to right.

    ``tokens``, ``quotes`` and the sentence tables are computed once by the caller.
    """
    taken = [False] * len(doc)
    for m in mentions:
        for i in range(m.start, m.end):
            taken[i] = True
    ordered = sorted(mentions, key=lambda m: m.start)
    pointer = 0
    history: list[Mention] = []  # mentions before the current token, in order
    speakers: list[Mention] = []
    added: list[Mention] = []
    starts: dict[int, Mention] = {}
    for token in tokens:
        while pointer < len(ordered) and ordered[pointer].start <= token.i:
            m = ordered[pointer]
            history.append(m)
            starts.update({i: m for i in range(m.start, m.end)})
            if not m.in_quote and _is_speaker(doc, m):
                speakers.append(m)
            pointer += 1
        word = token.lower_
        if taken[token.i] or token.tag_ not in ("PRP", "PRP$") or not (
                word in MASC or word in FEM or word in NEUT or word in PLURAL):
            continue
        if word in NEUT and (token.dep_ not in ("nsubj", "nsubjpass", "poss")
                             or token.head.lemma_ == "be"
                             or token.head.lower_ in ("'s", "’s", "is", "was")):
            continue
        in_quote = quotes[token.i]
        if in_quote and word in NEUT:
            continue
        here = sent_index[token.i]
        target = None
        speech = (token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in SPEECH_LEMMAS
                  and not in_quote)
        if speech:
            target = next((m for m in reversed(speakers)
                           if m.cluster >= 0 and _compatible(word, clusters[m.cluster])
                           and here - sent_index[m.start] <= WINDOW_SENTENCES + 2), None)
            topic = _previous_topic(word, history, clusters, sent_index, here)
            if topic is not None and (target is None or topic.start > target.start):
                # "... Cruz said. Another senator, Sen. Mike Lee, went to the floor. He
                # argued ...": a person who became the topic after the last speaker is
                # the one now speaking.
                target = topic
        if target is None:
            owner = _relative_possessor(token, starts)
            if owner is not None and owner.cluster >= 0 and _compatible(
                    word, clusters[owner.cluster]):
                target = owner
        if target is None and token.tag_ == "PRP$" and token.head.dep_ == "pobj":
            # "For his part, Xi told Lavrov", "During a gaggle onboard his plane ..., Pompeo
            # explained": a possessive in an opening adverbial phrase, with no candidate
            # earlier in the sentence, looks ahead to the subject of the main verb.
            sent_start, sent_end = sent_bounds[sent_index[token.i]]
            root = token.head
            while root.head.i != root.i:
                root = root.head
            earlier = [m for m in history if m.start >= sent_start and m.cluster >= 0
                       and _compatible(word, clusters[m.cluster])]
            if token.i < root.i and not earlier:
                ahead = [m for m in ordered[pointer:] if m.end <= sent_end
                         and m.subject and m.cluster >= 0
                         and doc[m.start : m.end].root.head.i == root.i
                         and _compatible(word, clusters[m.cluster])]
                target = ahead[0] if ahead else None
        quoted_speakers: set[int] = set()
        if in_quote and word not in NEUT:
            # "She's not emotional," Beyer said: a third-person pronoun inside a quotation
            # is not its speaker (the speaker says "I").
            quoted_speakers = {m.cluster for m in speakers
                               if abs(sent_index[m.start] - here) <= 1}
            quoted_speakers |= {m.cluster for m in ordered[pointer:]
                                if sent_index[m.start] == here and _is_speaker(doc, m)}
        bound = _clause_subject_clusters(token, starts) if word in _OBJECT_FORMS else set()
        if target is None:
            recent_history = []
            for m in reversed(history):  # bounded by the sentence window, not the document
                if here - sent_index[m.start] > WINDOW_SENTENCES:
                    break
                recent_history.append(m)
            recent_history.reverse()
            pool = [m for m in recent_history
                    if m.cluster >= 0 and here - sent_index[m.start] <= WINDOW_SENTENCES
                    and (in_quote or not m.in_quote) and m.end <= token.i
                    and _compatible(word, clusters[m.cluster])
                    and m.cluster not in quoted_speakers and m.cluster not in bound]
            same = [m for m in pool if sent_index[m.start] == here and m.subject]
            if word in NEUT and token.tag_ == "PRP$":
                # Salience for "it"/"its": the most recent subject OR possessor of the
                # sentence, not the first subject. "China holds the upper hand ... with
                # Russia, with its sway growing as Moscow's isolation deepens following its
                # invasion": the first "its" is China (Russia is only an object), the second
                # Moscow (a possessor closer than China). A subject "it" continues the last
                # subject: "The ministry said it froze the loan over Ukraine's debts; it
                # blamed the West" is the ministry twice.
                same = [m for m in pool if sent_index[m.start] == here and (
                    m.subject or doc[m.start : m.end].root.dep_ == "poss")] or same
            # "On Iran, a country that Trump has criticized ... for its nuclear deal": an
            # organisation or country named earlier in the same sentence beats older subjects.
            near = [m for m in pool if sent_index[m.start] == here] if word in NEUT else []
            recent = [m for m in pool if here - sent_index[m.start] <= 2 and m.subject]
            choices = same or near or recent or pool
            target = choices[-1] if choices else None
        if target is None:
            continue
        c = clusters[target.cluster]
        p = Mention(token.i, token.i + 1, "pronoun", c.kind, pronoun=word, in_quote=in_quote,
                    subject=token.dep_ in ("nsubj", "nsubjpass"))
        p.cluster = c.index
        c.mentions.append(p)
        c.gender = c.gender or _gender(word)
        added.append(p)
        history.append(p)
        if speech:
            speakers.append(p)
    mentions.extend(added)
