"""Argument shapes that make a word a cue, or a quotation its statement, outside the lexicons.

A verb the cue lexicon does not list still reports words when it puts a quoted predicate on its
object ("admires Putin as a "strong leader""), and an idiom can be a cue ("as X put it"); a cue
noun's statement can be a quotation in its argument or modifier ("his call for "a total ban"").
Read from the dependency parse only.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.quotes.lexicon import CueEntry


def trim_right(doc: Doc, right: int) -> int:
    """Index of the last token at or before ``right`` that is no space or punctuation other
    than a closing quotation mark (a phrase keeps its closing mark, not its comma)."""
    while right > 0 and ((doc[right].is_punct and doc[right].text not in "\"”’'")
                         or doc[right].is_space):
        right -= 1
    return right


def put_it(verb: Token) -> CueEntry | None:
    """The idiom "X put it" ("As Vulture put it, "..."", "as one aide put it, the campaign
    ..."): a speech cue made of a verb that is none on its own. PolNeAR train (840 docs):
    +3 quoted attributions, none lost."""
    if verb.lemma_.lower() != "put" or not any(c.dep_ == "dobj" and c.lower_ == "it"
                                                for c in verb.children):
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ not in {"it", "this", "that"}
               for c in verb.children):
        return None  # "to put it bluntly" is the reporter's
    return CueEntry("put", "speech", frozenset({"needclause"}))


# Nouns naming a stretch of words ("used the phrase "radical Islamic terrorism"").
_WORDING_NOUNS = frozenset({"phrase", "term", "word", "expression", "label", "slogan",
                            "moniker", "nickname", "epithet", "catchphrase"})
# Verbs that put such words in the subject's mouth.
_WORDING_VERBS = frozenset({"use", "coin", "invoke", "employ", "adopt", "utter"})


def used_wording(verb: Token, quoted: set[int]) -> CueEntry | None:
    """A speech cue for "X used the phrase "...""/"coined the term "..."": the quotation
    the wording noun names is the subject's own words, though "use" reports nothing alone."""
    if verb.lemma_.lower() not in _WORDING_VERBS or not quoted:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in _WORDING_NOUNS or \
            not any(t.i in quoted for t in obj.subtree):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    return CueEntry(verb.lemma_.lower(), "speech", frozenset({"wording", "needclause"}))


# Holders of a view named in "To X, ...": names, third-person pronouns, indefinite groups.
_VIEW_HOLDER_WORDS = frozenset({"him", "her", "them", "many", "some", "others", "most"})
# Nouns of "In X's view, ...".
_VIEW_NOUNS = frozenset({"view", "eyes", "eye", "mind", "opinion", "estimation", "judgment",
                         "assessment", "reckoning"})
# Words that may stand before "To X," in its sentence ("But to many, ...", "because to her,").
_VIEW_LEADS = frozenset({"CCONJ", "SCONJ", "ADV", "PUNCT", "SPACE"})


def point_of_view(to: Token) -> tuple[Token, tuple[int, int]] | None:
    """(holder, token range of the view) for "To Sharp, Trump is the "kind-hearted" man who
    ...", "To many, Santilli is a provocateur", "In Ash's view, the change would ...": a
    sentence-initial "to" phrase naming a person, or an "in" phrase with a view noun and its
    possessor, set off by a comma, makes the rest of the clause that person's view, as
    "according to" makes it their statement. PolNeAR train: 7 of 8 "To X," sentences carry
    a gold attribution to the person named, 4 of 5 "In X's view,"; "For X, ..." does not
    (12 of 30). With this rule: 11 new statements, all matched."""
    if to.lower_ not in {"to", "in"} or to.dep_ != "prep" or \
            to.head.pos_ not in {"VERB", "AUX"} or to.head.i < to.i:
        return None
    holder = next((c for c in to.children if c.dep_ == "pobj"), None)
    if holder is None:
        return None
    phrase_end = holder.right_edge.i
    if to.lower_ == "in":
        # "In Ash's view, ...", "In their eyes, ...": the possessor holds the view.
        if holder.lemma_.lower() not in _VIEW_NOUNS:
            return None
        holder = next((c for c in holder.children if c.dep_ == "poss"), None)
        if holder is None or holder.lower_ in {"my", "our", "your", "its"}:
            return None
    elif not (holder.pos_ == "PROPN" or holder.lower_ in _VIEW_HOLDER_WORDS):
        return None
    doc, sent = to.doc, to.sent
    comma = phrase_end + 1
    if comma >= sent.end - 1 or doc[comma].text != ",":
        return None
    before = doc[to.i - 1] if to.i > sent.start else None
    opens_clause = before is not None and before.dep_ == "mark" and before.head.i == to.head.i
    if not opens_clause and not all(t.pos_ in _VIEW_LEADS for t in doc[sent.start : to.i]):
        return None  # "... because to her, ..." opens the clause it qualifies
    end = trim_right(doc, min(sent.end - 1, to.head.right_edge.i)) + 1
    view = doc[comma + 1 : end]
    if len(view) < 3 or not any(t.pos_ in {"VERB", "AUX"} for t in view):
        return None
    return holder, (comma + 1, end)


def quoted_predicate(verb: Token, quoted: set[int]) -> Token | None:
    """The quoted predicate a verb puts on its object ("admires Putin as a "strong leader"",
    "rated 32% of claims as "false"", "deemed him "well qualified""), or ``None``.

    Whatever the verb, a quotation in that slot is the subject's characterisation of the
    object, which PolNeAR annotates as an attribution with the object and the predicate as
    its content. PolNeAR train (840 docs): quoted recall 0.8940 -> 0.8971, all-attribution
    recall 0.5334 -> 0.5342, precision 0.7977 -> 0.7976; with the subject of a coordinated
    verb ("examined the charge and rated it "True""), quoted recall 0.8983.
    """
    obj = characterised(verb)
    if obj is None:
        return None
    for child in list(verb.rights) + list(obj.rights):
        predicate = (child.dep_ == "prep" and child.lower_ == "as") or \
            (child.dep_ == "oprd" and child.head.i == verb.i)
        if predicate and child.i > obj.i and any(t.i in quoted for t in child.subtree):
            return child
    return None


def characterised(verb: Token) -> Token | None:
    """The object a verb characterises: its direct object, or the object of the preposition
    before an "as" phrase ("referred to Rubio as ...", "has gone after Trump as ...")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None:
        return obj
    as_at = next((c.i for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    if as_at is None:
        return None
    preps = [c for c in verb.rights if c.dep_ == "prep" and c.i < as_at and c.lower_ != "as"]
    if not preps:
        return None
    return next((g for g in preps[-1].children if g.dep_ == "pobj"), None)


def quoted_argument(noun: Token, quoted: set[int]) -> tuple[int, int] | None:
    """Token range of the quotation a cue noun takes as its argument ("call for "a total and
    complete ban" on ...", "warning of "dire consequences"") or wears as a modifier
    (""if you like your plan, you can keep it" promise") or as the predicate of a copula
    ("X's slogan is "...""), or ``None``. PolNeAR train (840 docs), with "call" as a cue
    noun: +3 quoted attributions, none lost; with the copula and "slogan"-like nouns, +2."""
    if not quoted:
        return None
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i and child.lower_ in {"for", "of", "about",
                                                                           "on", "against"}:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and any(t.i in quoted for t in obj.subtree):
                return obj.left_edge.i, trim_right(noun.doc, obj.right_edge.i) + 1
        if child.i < noun.i and child.dep_ in {"compound", "amod", "nmod"} and \
                any(t.i in quoted for t in child.subtree) and \
                all(t.i in quoted or t.is_punct for t in child.subtree):
            return child.left_edge.i, child.right_edge.i + 1
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        # "Clinton's campaign slogan is "I'm with her."": the quoted predicate of the copula.
        attr = next((c for c in noun.head.children if c.i > noun.i and c.dep_ in
                     {"attr", "ccomp", "acomp"}), None)
        if attr is not None and any(t.i in quoted for t in attr.subtree):
            return attr.left_edge.i, trim_right(noun.doc, attr.right_edge.i) + 1
    return None


def misparsed_complement(verb: Token) -> Token | None:
    """A "that"-clause the parser hung on the cue's object as a relative clause ("groused to
    a crowd in Georgia that CNN "doesn't treat me properly"", "told the board that ..."):
    the "that" is its complementizer, not a relative pronoun (the clause has its own
    subject), so the clause is what the verb reports."""
    for child in verb.rights:
        if child.dep_ not in {"dobj", "dative", "prep"}:
            continue
        for t in child.subtree:
            if t.dep_ == "relcl" and t.i > child.i and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in t.children) and \
                    has_own_subject(t):
                return t
    return None


def has_own_subject(verb: Token) -> bool:
    """Whether a verb has a subject of its own (active, passive or expletive "there")."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


# Entity types that can speak: a relative clause of speech after one of them is its own.
_SPEAKING_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def named_antecedent(noun: Token, relative: Token) -> Token:
    """The noun a non-restrictive relative "which" or "who" stands for: the name right
    before its comma when the parser hung the clause on a common noun further back
    ("files from the Defense Ministry, which said the files were old": the ministry, not
    the files), else ``noun``."""
    before = relative.doc[relative.i - 1] if relative.i > 0 else None
    if before is None or before.text != "," or before.i == 0 or noun.pos_ != "NOUN":
        return noun
    name = relative.doc[before.i - 1]
    if name.i <= noun.i or name.pos_ != "PROPN" or name.ent_type_ not in _SPEAKING_ENTITIES:
        return noun
    return name


def appositive_in_clause(verb: Token) -> Token | None:
    """The speaker the parser hung on the fronted clause as an appositive ("Iran is offering
    a new framework to investors, Ali Rezai, a director at the oil company, said Saturday"
    makes "Ali Rezai" an appositive of "investors"): for a cue with no subject whose clause
    comes before it, a proper-noun appositive inside that clause whose phrase ends right
    before the cue (after a comma), or ``None``."""
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    doc = verb.doc
    if clause is None or verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    token = doc[verb.i - 2]
    while token.i != token.head.i and token.dep_ != "appos" and token.i != clause.i:
        token = token.head
    while token.dep_ == "appos" and token.head.dep_ == "appos":
        token = token.head  # "Ali Rezai, a director at the company": the name, not the role
    if token.dep_ != "appos" or token.pos_ != "PROPN" or \
            not clause.left_edge.i < token.i < verb.i:
        return None
    end = token.right_edge.i
    if doc[end].is_punct:
        end -= 1
    first = token.left_edge.i
    if first < 1 or doc[first - 1].text != "," or (end + 1 != verb.i - 1 and not (
            end + 2 == verb.i - 1 and doc[end + 1].is_punct)):
        return None
    return token
