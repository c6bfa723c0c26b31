"""In-document actor resolution: mentions -> clusters -> ``communique_entities`` dicts.

Order of work (each step one pass over the document):

1. knowledge-base names (countries, capitals, seats of power, IGOs, media, groups) and the
   model's named entities (PERSON, ORG, NORP) become mentions;
2. people get their title and country from the words before the name ("Russian Foreign
   Minister Sergei Lavrov") or an apposition after it ("Wang Yi, China's foreign minister");
3. descriptors without a name ("The Russian minister", "Moscow's top diplomat", "U.S.
   officials") and pronouns are found;
4. person names cluster by full name and surname; descriptors join the person whose country
   and role fit; pronouns follow a deterministic heuristic (gender, quote-speaker continuity,
   subject preference, recency); everything else clusters by its code.

The result depends only on the article, the shipped knowledge base and user dictionaries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import SENT_START

from communique.actors.cities import collect_cities, is_dateline, misread_place, place_mention
from communique.actors.cluster import NON_STATE_PREFIX, build_entities, cluster_mentions
from communique.actors.context import STATE_SECTORS, context_country, owner_country
from communique.actors.ethnic import collect_ethnic, country_after
from communique.actors.kb import ActorKB, KBEntry, load_kb, normalise
from communique.actors.mentions import (
    HELD_PLACES,
    PAST_QUALIFIERS,
    Mention,
    attitude_prefix,
    country_before,
    is_actor_use,
    kb_matches,
    place_as_civilians,
    quote_mask,
    span_chars,
    title_before,
)
from communique.actors.orgs import body_before, collect_orgs, demonym_named_orgs, member_of
from communique.actors.pronouns import resolve_pronouns
from communique.nlp.doctext import remember_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
              "dr": None, "dr.": None, "sir": "m", "lord": "m", "lady": "f"}
# Honorifics that only ever precede a person's name (not "Dr" of "Dr Pepper", "Sir" of a ship).
_PERSON_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms."})
GENDERED_ROLES = {"king": "m", "queen": "f", "spokesman": "m", "spokeswoman": "f",
                  "congressman": "m", "congresswoman": "f", "businessman": "m"}
# Lower-case particles inside personal names ("Omar Hassan al-Bashir", "Luiz Inacio da Silva").
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "do", "dos", "du", "van",
                            "von", "der", "den", "la", "le", "di", "del", "ben", "abu", "y"})
SPEECH_VERBS = frozenset({"say", "add", "tell", "state", "announce", "warn", "note", "declare",
                          "write", "claim", "insist", "accuse", "urge", "stress", "report"})


class _Builder:
    """Collects mentions for one document; tokens used by a mention are marked taken."""

    def __init__(self, doc: Doc, kb: ActorKB) -> None:
        self.doc = doc
        self.kb = kb
        self.mentions: list[Mention] = []
        self.acronyms: dict[str, str] = {}  # short form -> organisation name, from "(ABC)"
        self.taken = [False] * len(doc)
        # Token objects are built on every iteration of a Doc: build them once.
        self.tokens: list[Token] = list(doc)
        self.text = "".join([t.text_with_ws for t in self.tokens])
        remember_text(doc, self.text)
        self.quotes = quote_mask(doc)
        # Sentence of every token, from the sentence-start array (iterating ``doc.sents``
        # and every token of each cost as much as the rest of this set-up).
        is_start = doc.to_array([SENT_START]) == 1
        if len(doc):
            is_start[0] = True
        firsts = is_start.nonzero()[0]
        index = numpy.cumsum(is_start) - 1
        self.sent_index: list[int] = index.tolist()
        self.sent_start: list[int] = firsts[index].tolist()
        ends = [*firsts[1:].tolist(), len(doc)] if len(doc) else []
        self.sent_bounds: list[tuple[int, int]] = list(zip(firsts.tolist(), ends, strict=True))

    def phrase(self, start: int, end: int) -> str:
        """Text of tokens [start, end) without building a Span (hot loops)."""
        last = self.tokens[end - 1]
        return self.text[self.tokens[start].idx : last.idx + len(last.text)]

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def steal(self, start: int, end: int) -> bool:
        """Free [start, end) if only whole place-name mentions occupy it ("Moscow's top
        diplomat" absorbs "Moscow"); False when something else is there."""
        inside = [m for m in self.mentions if m.start < end and m.end > start]
        if any(m.start < start or m.end > end or (m.kind not in ("country", None) and
               m.type not in ("metonym", "demonym")) for m in inside):
            return False
        for m in inside:
            self.mentions.remove(m)
            for i in range(m.start, m.end):
                self.taken[i] = False
        return True

    def add(self, mention: Mention) -> Mention:
        for i in range(mention.start, mention.end):
            self.taken[i] = True
        root = self.doc[mention.start : mention.end].root
        mention.subject = root.dep_ in ("nsubj", "nsubjpass")
        mention.in_quote = self.quotes[mention.start]
        self.mentions.append(mention)
        return mention


def _entry_mention(b: _Builder, start: int, end: int, entry: KBEntry) -> Mention | None:
    doc = b.doc
    span = doc[start:end]
    if entry.category == "capital":
        if is_dateline(b, start, end):
            return Mention(start, end, "name", "country", entry, country=entry.country)
        if place_as_civilians(span):
            return place_mention(b, start, end, entry.country)
        if is_actor_use(span):
            return Mention(start, end, "metonym", "country", entry, country=entry.country,
                           sector="GOV", agent="GOV")
        return Mention(start, end, "name", "country", entry, country=entry.country)
    if entry.category == "region":
        if place_as_civilians(span):
            return place_mention(b, start, end, entry.country)
        return Mention(start, end, "name", "country", entry, country=entry.country)
    if entry.category == "seat":
        return Mention(start, end, "metonym", "organisation", entry, country=entry.country,
                       sector=entry.sector, agent=(entry.code or "")[3:] or None)
    if entry.category == "country":
        return Mention(start, end, "name", "country", entry, country=entry.country)
    return Mention(start, end, "name", entry.kind, entry, country=entry.country,
                   sector=entry.sector)


MULTINATIONAL = frozenset({"international", "multinational", "regional", "multilateral"})
# Civilian property a demonym may qualify ("Palestinian homes"): PLOVER codes it as the
# civilians it belongs to (CVL).
# Farms (AGR), shops and "oil properties" (BUS) are left out: they are not the civilians'.
CIVIL_PROPERTY = frozenset({"home", "house", "village", "neighborhood", "neighbourhood",
                            "dwelling", "residence"})
STATE_OWNED = frozenset({"official", "state-run", "state-owned", "government-run",
                         "government-owned", "state-controlled", "government-controlled"})


def _group_after(b: _Builder, start: int, end: int, iso: str, ev: tuple[int, int]) -> bool:
    """A country word followed by a collective role ("U.S. officials", "Chinese state
    broadcaster CCTV"): adds a descriptor mention and returns True."""
    doc, kb = b.doc, b.kb
    best: tuple[int, Any] | None = None
    # The role may follow directly ("U.S. officials", "Khartoum government") or after up to
    # two qualifiers ("Chinese state broadcaster", "Nicaragua's Sandinista government").
    j = end
    while j <= end + 2 and j < len(doc):
        for k in range(1, kb.max_role_words + 1):
            if j + k > len(doc):
                break
            role = kb.roles.get(normalise(b.phrase(j, j + k)))
            if role is not None and role.kind in ("group", "organisation") and (
                    role.phrase not in ("embassy", "consulate")):
                # An embassy in a capital belongs to another country: not coded from the city.
                best = (j + k, role)
        if best is not None:
            break
        token = doc[j]
        if not (token.lower_ in ("state", "top", "senior", "security", "ruling", "'s", "’s",
                                 "-", "led", "backed") or
                token.ent_type_ == "NORP" or (token.pos_ == "ADJ" and token.text.islower())):
            break
        j += 1
    if best is None:
        return False
    stop, role = best
    if not b.free(start, stop) or doc[stop - 1].pos_ not in ("NOUN", "PROPN"):
        return False
    sector, agent = role.sector, role.agent
    if role.sector == "JRN" and start > 0 and doc[start - 1].lower_ in STATE_OWNED and (
            b.free(start - 1, start)):
        # "an official Syrian newspaper", "state-run Iranian television": state media are
        # the government speaking (GOV, CAMEO GOVMED), like "state media" itself.
        start -= 1
        sector, agent = "GOV", "GOVMED"
    if stop < len(doc) and doc[stop].ent_type_ == "PERSON":
        return False  # a title before a name: handled with the person
    mention = Mention(start, stop, "descriptor", "group" if role.kind == "group" else
                      "organisation", country=iso, sector=sector, agent=agent,
                      role=role.role, role_kind=role.kind)
    mention.evidence.append(ev)
    # "Chinese state broadcaster CCTV": the descriptor belongs to the named outlet after it.
    if stop < len(doc) and doc[stop].pos_ == "PROPN":
        mention.attach_to = stop
        mention.type = "title"
    b.add(mention)
    return True


def _collect_names(b: _Builder) -> None:
    doc, kb = b.doc, b.kb
    ent_at: dict[int, Any] = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_at[i] = ent
    for start, end, entry in kb_matches(doc, kb, b.tokens, b.text):
        hit = ent_at.get(start)
        if hit is not None and entry.category in ("country", "capital") and (
            hit.label_ in ("PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT")
            and (hit.start < start or hit.end > end)
            and not (end < len(doc) and doc[end].text in ("'s", "’s"))
            and kb.lookup(hit.text) is None
        ):
            continue  # "Carnegie Russia Eurasia Center" is not Russia
        if not b.free(start, end):
            continue
        if entry.category in ("country", "capital", "igo", "region") and not (
                attitude_prefix(b.tokens[start])) and _group_after(
                b, start, end, entry.country or "", span_chars(doc, start, end)):
            continue  # also "NATO peacekeeping troops", "United Nations military personnel"
        head_role = _coordinated_role(b, doc[end - 1]) if entry.category == "country" else None
        if head_role is not None:  # "US and British forces": the shared noun codes "US"
            m = Mention(start, end, "demonym", "group", country=entry.country,
                        sector=head_role.sector, agent=head_role.agent, role=head_role.role,
                        role_kind=head_role.kind)
            m.evidence.append(span_chars(doc, start, end))
            b.add(m)
            continue
        mention = _entry_mention(b, start, end, entry)
        if mention is not None:
            b.add(mention)
    # Demonyms and country adjectives before collective nouns ("Russian officials").
    named_orgs = demonym_named_orgs(b)
    for token in b.tokens:
        if b.taken[token.i] or not token.text[:1].isupper() or token.i in named_orgs:
            continue
        width = 1
        iso = None
        if token.i + 1 < len(doc) and not b.taken[token.i + 1]:
            iso = kb.demonyms.get(normalise(b.phrase(token.i, token.i + 2)))  # "Sri Lankan"
            width = 2 if iso else 1
        iso = iso or kb.demonyms.get(token.text) or kb.demonyms.get(normalise(token.text))
        if iso is None and token.ent_type_ != "PERSON" and (fixed := kb.correct(token.text)):
            iso = kb.demonyms.get(fixed)  # a misspelt demonym ("Phillipine")
        if iso is None or attitude_prefix(token):
            continue  # "anti-American protesters" are not American
        stop = token.i + width
        ev = span_chars(doc, token.i, stop)
        if token.i > 0 and doc[token.i - 1].lower_ == "ethnic":
            # "ethnic Albanians in south Serbia": CAMEO codes an ethnic group by the country
            # it lives in, the one other country its sentence names (else no country).
            sent = b.sent_start[token.i]
            others = {m.country for m in b.mentions if m.kind == "country" and m.country
                      and m.country != iso and b.sent_start[m.start] == sent}
            iso = others.pop() if len(others) == 1 else None
            if iso is None:
                continue
        if _group_after(b, token.i, stop, iso, ev):
            continue
        head_role = _coordinated_role(b, doc[stop - 1]) or _shared_role_after(b, stop)
        if head_role is not None:
            # "Hungarian and Romanian officials": the shared head noun codes each demonym.
            m = Mention(token.i, stop, "demonym", "group", country=iso,
                        sector=head_role.sector, agent=head_role.agent, role=head_role.role,
                        role_kind=head_role.kind)
            m.evidence.append(ev)
            b.add(m)
            continue
        # Any other demonym still says which country is involved ("Hungarian and Romanian
        # officials"); a plural demonym noun used on its own ("Libyans", "the Palestinians")
        # is the country's people: PLOVER's civilians (CVL).
        plural = token.tag_ in ("NNPS", "NNS") and token.dep_ not in ("amod", "compound")
        # "demolished Palestinian homes": the people's property stands for the people.
        owned = token.dep_ in ("amod", "compound") and token.head.lemma_ in CIVIL_PROPERTY
        civil = plural or owned
        m = Mention(token.i, stop, "demonym", "group", country=iso,
                    sector="CVL" if civil else None, agent="CVL" if civil else None)
        m.evidence.append(ev)
        b.add(m)


def _shared_role_after(b: _Builder, stop: int) -> Any:
    """The collective role a demonym shares with the next one, read from the words when the
    parse does not link them ("Sierra Leonean and Liberian refugees", parsed with "Leonean"
    as a noun): "and"/"or", a demonym of one or two words, then a group role noun."""
    tokens, kb = b.tokens, b.kb
    if stop + 2 >= len(tokens) or tokens[stop].lower_ not in ("and", "or"):
        return None
    j = stop + 1
    if kb.demonyms.get(normalise(b.phrase(j, j + 2))) and j + 2 < len(tokens):
        j += 2  # "and South Korean troops"
    elif kb.demonyms.get(tokens[j].text) or kb.demonyms.get(tokens[j].lower_):
        j += 1
    else:
        return None
    best = None
    for k in range(1, kb.max_role_words + 1):
        if j + k > len(tokens):
            break
        role = kb.roles.get(normalise(b.phrase(j, j + k)))
        if role is not None and role.kind == "group":
            best = role
    return best


def _coordinated_role(b: _Builder, token: Token) -> Any:
    """The collective role noun a demonym modifies through coordination ("Hungarian and
    Romanian officials" -> officials), or None."""
    node = token
    for _ in range(4):
        if node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
            continue
        break
    if node.dep_ not in ("amod", "compound", "nmod") or node.head.i <= node.i:
        return None
    head = node.head
    role = b.kb.roles.get(head.lower_) or b.kb.roles.get(normalise(head.lemma_))
    if role is None or role.kind == "person":
        return None
    return role


def _person_title(b: _Builder, m: Mention) -> None:
    """Fill role, country and evidence of a person mention from the words around it."""
    doc, kb = b.doc, b.kb
    floor = b.sent_start[m.start]
    role, role_start, past = title_before(doc, m.start, kb, floor)
    start = m.start
    if role is not None and role.kind == "person" and b.free(role_start, m.start):
        start = role_start
        m.role = ("former " if past else "") + role.role
        m.sector = "ELI" if past and role.sector == "GOV" else role.sector
        m.agent = "ELI" if past and role.sector == "GOV" else role.agent
        m.country = role.country
        m.gender = GENDERED_ROLES.get(role.phrase)
        m.role_kind = "person"
        while start > floor and doc[start - 1].lower_.strip("-") in ("former", "ex", "then",
                                                                    "acting", "late", "deputy",
                                                                    "assistant", "associate"):
            start -= 1
        iso, cstart = country_before(doc, start, kb, floor)
        if iso is not None and b.free(cstart, start):
            m.country = iso
            start = cstart
        elif iso is None:
            body = body_before(b, start, floor)  # "FBI Deputy Director Andrew McCabe"
            if body is not None:
                member_of(m, body[0], NON_STATE_PREFIX)
                start = body[1]
                if start > floor and doc[start - 1].lower_.strip("-") in PAST_QUALIFIERS:
                    start -= 1  # "former FBI Deputy Director": no longer holds the office
                    m.role = "former " + role.role
                    m.sector = m.agent = "ELI"
        if role.phrase == "counterpart" and start > floor and doc[start - 1].tag_ == "PRP$":
            m.role = "counterpart"
        _of_country(b, m)
        m.evidence.append(span_chars(doc, start, m.end))
        for i in range(start, m.start):
            b.taken[i] = True
        m.start = start
        m.type = "title"
    if m.role is None:
        _apposition(b, m)


def _of_country(b: _Builder, m: Mention) -> None:
    """ "King Hassan of Morocco", "President Dos Santos of Angola": "of" + country after."""
    doc = b.doc
    if m.country is not None or m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
        return
    for k in (2, 1, 3):
        entry = b.kb.lookup(doc[m.end + 1 : m.end + 1 + k].text)
        if entry is not None and entry.category == "country":
            m.country = entry.country
            return


# Head nouns of bodies that are not the state: their presidents and directors hold no
# government office.
NON_STATE_BODIES = frozenset({
    "corporation", "company", "foundation", "university", "college", "institute", "center",
    "centre", "firm", "school", "hospital", "museum", "club", "league", "association",
    "newspaper", "network", "studio", "charity", "society",
})


def _apposition(b: _Builder, m: Mention) -> None:
    """ "Alexander Gabuev, director of the Carnegie Center," / "Wang Yi, China's foreign
    minister": the appositive noun phrase names the role."""
    doc, kb = b.doc, b.kb
    name_root = doc[m.start : m.end].root
    for child in name_root.children:
        if child.dep_ != "appos" or child.i < m.end:
            continue
        lefts = [t for t in child.lefts]
        first = lefts[0].i if lefts else child.i
        role = None
        for s in range(first, child.i + 1):
            role = kb.roles.get(normalise(doc[s : child.i + 1].text))
            if role is not None:
                break
        if role is None or role.kind != "person":
            return
        past = any(t.lower_ in ("former", "ex") for t in lefts)
        m.role = ("former " if past else "") + role.role
        m.sector = "ELI" if past and role.sector == "GOV" else role.sector
        m.agent = "ELI" if past and role.sector == "GOV" else role.agent
        m.country = role.country
        for t in lefts:
            iso = kb.demonyms.get(t.text) or kb.demonyms.get(normalise(t.text))
            if iso is None and t.dep_ == "poss":
                entry = kb.lookup(t.text)
                iso = entry.country if entry and entry.category in ("country", "capital") else None
            if iso is not None and t.text[:1].isupper():
                m.country = iso
        end = child.right_edge.i + 1
        for t in doc[child.i : end]:
            if t.dep_ == "pobj" and t.head.lower_ == "of":
                entry = kb.lookup(doc[t.left_edge.i : t.i + 1].text) or kb.lookup(t.text)
                if entry is not None and m.country is None and entry.country:
                    m.country = entry.country
                    if entry.category in ("igo", "media"):
                        m.sector = entry.sector or m.sector
                elif entry is None and t.lemma_.lower() in NON_STATE_BODIES:
                    # "Louise Richardson, president of the Carnegie Corporation": the head of
                    # a company, foundation or university holds no state office.
                    m.sector = m.agent = None
        m.evidence.append(span_chars(doc, child.left_edge.i, end))
        m.role_kind = "person"
        return


def _collect_people(b: _Builder) -> None:
    doc = b.doc
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not (ent.label_ == "ORG" and _person_like(b, ent)):
            continue
        start, end = ent.start, ent.end
        while end > start and doc[end - 1].text in ("'s", "’s", "'"):
            end -= 1
        if (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
                and not doc[end].whitespace_ and doc[end + 1].is_alpha):
            end += 2  # the model often cuts "Moon Jae-in" after "Jae"
        gender = None
        while start < end and (doc[start].lower_ in HONORIFICS or
                               b.kb.roles.get(doc[start].lower_) is not None):
            gender = HONORIFICS.get(doc[start].lower_, gender)
            start += 1
        if start >= end or not b.free(start, end) or misread_place(b, ent):
            continue
        known = b.kb.lookup(doc[start:end].text)
        if (known is not None and known.curated) or normalise(b.phrase(start, end)) in (
                b.kb.demonyms) or all(normalise(t.text) in b.kb.demonyms or
                                      normalise(t.text) in b.kb.ethnic for t in doc[start:end]):
            continue  # "Sri Lanka", "Benin", "Ugandan" tagged PERSON by the small model
        words = [t.text for t in doc[start:end]]
        if not all(w[:1].isupper() or (i > 0 and w.lower() in NAME_PARTICLES)
                   for i, w in enumerate(words)
                   if w[:1].isalpha() and (i == 0 or words[i - 1] != "-")):
            continue
        if gender is None and len(words) >= 2:
            # "Hillary Clinton ... he told the crowd": "he" is not Clinton.
            gender = b.kb.given_gender.get(words[0])
        m = Mention(start, end, "name", "person", person_name=words, gender=gender)
        b.add(m)
        _person_title(b, m)  # a title inside the entity span ("King Abdullah") is found too


def _person_like(b: _Builder, ent: Any) -> bool:
    """An ORG entity that is really a person: a person title right before it ("Vice-President
    Moody Awori", tagged ORG by the small model) or a name the dictionary people list."""
    if b.kb.people.get(normalise(ent.text)) and b.kb.lookup(ent.text) is None:
        return True
    before = b.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if (before in _PERSON_HONORIFICS or ent[0].lower_ in _PERSON_HONORIFICS) and \
            ent[-1].text[:1].isupper():
        return True  # "Mr Pence", "Ms Ardern" tagged ORG: an honorific names a person
    if (len(ent) == 2 and ent[0].text in b.kb.given_gender and ent[1].text[:1].isupper()
            and b.kb.lookup(ent.text) is None):
        return True  # "Nikki Haley": a given name and a surname, whatever the tagger said
    role, _, _ = title_before(b.doc, ent.start, b.kb, b.sent_start[ent.start])
    return (role is not None and role.kind == "person" and len(ent) >= 2
            and all(t.text[:1].isupper() for t in ent))


def _state_body(role: Any, determiner: bool, doc: Doc, start: int) -> bool:
    """"The army has threatened to turn its guns on protesters", "the military called for
    calm": a state institution named with "the" and no country is the one of the country
    the context gives (as for "police" and "rebels"); "an army" is not."""
    return (role.kind == "organisation" and role.sector in STATE_SECTORS and determiner
            and doc[start - 1].lower_ == "the")


def _held_place(doc: Doc, i: int) -> bool:
    """Token ``i`` ends a noun phrase naming a place or vehicle someone holds."""
    token = doc[i]
    return (token.pos_ == "NOUN" and token.lemma_.lower() in HELD_PLACES
            and (i + 1 >= len(doc) or doc[i + 1].pos_ not in ("NOUN", "PROPN")))


def _earlier_administration(b: _Builder, i: int) -> tuple[str | None, tuple[int, int]]:
    """The country of the latest administration named with its own country or leader
    before token ``i`` ("the Trump administration", "the U.S. administration")."""
    for m in reversed(b.mentions):
        if m.start < i and m.country in b.kb.iso3 and not m.inferred and \
                normalise(m.role or "") == "administration":
            return m.country, span_chars(b.doc, m.start, m.end)
    return None, (0, 0)


def _collect_descriptors(b: _Builder) -> None:
    """Role nouns without a name: "The Russian minister", "Moscow's top diplomat"."""
    doc, kb = b.doc, b.kb
    for token in b.tokens:
        i = token.i
        if b.taken[i] or token.lower_ not in kb.role_first_words:
            continue
        best = None
        for k in range(1, kb.max_role_words + 1):
            if i + k > len(doc):
                break
            role = kb.roles.get(normalise(b.phrase(i, i + k)))
            if role is not None:
                best = (i + k, role)
        if best is None:
            continue
        stop, role = best
        head = doc[stop - 1]
        if head.pos_ not in ("NOUN", "PROPN") or not b.free(i, stop):
            continue
        if stop < len(doc) and (doc[stop].ent_type_ in ("PERSON", "ORG") or
                                doc[stop].pos_ in ("NOUN", "PROPN")) and not (
                role.kind != "person" and _held_place(doc, stop)):
            continue  # part of a longer noun ("minister Wang", "police chief")
        floor = b.sent_start[i]
        governs = role.phrase in ("administration", "government", "regime", "cabinet")
        if (governs or (role.kind == "group" and role.sector in ("GOV", "MIL"))) and i > floor:
            # "the Trump administration", "the Assad regime": the government of the country
            # the named leader led (any curated office of that person, whatever the date);
            # "top Trump advisers", "Assad's forces": that country's officials or forces.
            at = i - 1 if doc[i - 1].text in ("'s", "’s") else i
            owner = next((m for m in b.mentions if m.end == at and m.kind == "person"), None)
            held = None
            if owner is not None:
                name = normalise(" ".join(owner.person_name))
                held = next(iter(kb.leaders.get(name, ())), None)
            owner_iso = held.country if held is not None else None
            if owner is not None and owner_iso is None:
                # Not curated: the Phoenix-listed person ("the Bush administration" in a
                # 1990s story). Whatever office the date gives the person (ELI after it),
                # the administration named after them is their country's government.
                date = (doc._.communique_structure or {}).get("published")
                hit = kb.person_code(" ".join(owner.person_name), date)
                owner_iso = kb.country_code(hit[0][:3]) if hit is not None else None
                owner_iso = owner_iso if owner_iso in kb.iso3 else None
            if owner_iso is not None:
                m = Mention(i, stop, "descriptor", "organisation" if governs else "group",
                            country=owner_iso, sector="GOV" if governs else role.sector,
                            agent="GOV" if governs else role.agent, role=role.role,
                            role_kind=role.kind)
                m.evidence.append(span_chars(doc, owner.start if owner else i, stop))
                b.add(m)
                continue
        j = i
        past = False
        while j > floor and doc[j - 1].lower_.strip("-") in ("former", "ex", "top", "senior",
                                                            "then", "new", "chief"):
            past = past or doc[j - 1].lower_.strip("-") in ("former", "ex")
            j -= 1
        iso, cstart = country_before(doc, j, kb, floor)
        start = cstart if iso is not None and b.steal(cstart, j) else j
        if iso is None and role.country:
            iso = role.country
        determiner = start > floor and doc[start - 1].lower_ in ("the", "his", "her", "its",
                                                                "their", "a", "an")
        if role.kind == "person":
            if iso is None and stop < len(doc) and doc[stop].lower_ in ("of", "from"):
                # "the president of Armenia", "the king of Jordan": the title's own country;
                # "a missionary from Calgary": where the person comes from.
                iso, _ = country_after(b, stop)
            if iso is None and not determiner:
                continue
            # "A French minister" introduces someone new: an entity of its own, never
            # linked to a named person.
            fresh = start > floor and doc[start - 1].lower_ in ("a", "an", "another")
            if fresh and iso is None:
                continue
            if determiner and doc[start - 1].lower_ == "the":
                start -= 1
            m = Mention(start, stop, "descriptor", "person", country=iso,
                        sector="ELI" if past and role.sector == "GOV" else role.sector,
                        agent=role.agent, role=("former " if past else "") + role.role,
                        role_kind="person")
            m.gender = GENDERED_ROLES.get(role.phrase)
            m.fresh = fresh
        else:
            if iso is None:
                inferred = False
                iso, where = owner_country(b, stop - 1) if role.sector == "MIL" else (None, (0, 0))
                if iso is None:
                    iso, where = country_after(b, stop)
                if iso is None and role.sector == "MIL" and i > floor and (
                        doc[i - 1].lower_ in MULTINATIONAL):
                    # "a regional peacekeeping force", "multinational troops": forces of
                    # several states are an intergovernmental actor (CAMEO IGO).
                    iso, where = "IGO", span_chars(doc, i - 1, stop)
                holder = stop < len(doc) and _held_place(doc, stop)
                if iso is None and role.phrase == "administration":
                    # "the Obama administration ... the administration plans to deny licences
                    # for items that could help Russia's army": a bare "administration" is
                    # the one the article named before, not its sentence's country.
                    iso, where = _earlier_administration(b, i)
                if iso is None and (role.kind == "group" or governs or holder
                                    or _state_body(role, determiner, doc, start)) and not (
                        start > floor and ((doc[start - 1].lower_ in ("a", "an")
                                            and not holder) or b.taken[start - 1])):
                    # (not after a coded phrase: "Afghan rebel | leaders" is one actor)
                    # "police fired", "the rebels said": the country of the context.
                    iso, where = context_country(b, i)
                    inferred = iso is not None
                if iso is not None:
                    # The phrase keeps its own modifiers ("Moslem fundamentalist
                    # demonstrators", "armed rebels") so a lookup of any part finds it.
                    left = i
                    while (left > floor and not b.taken[left - 1]
                           and doc[left - 1].dep_ in ("amod", "compound")
                           and left <= doc[left - 1].head.i < stop):
                        left -= 1
                    m = Mention(left, stop, "descriptor", "group" if role.kind == "group"
                                else "organisation", country=iso, sector=role.sector,
                                agent=role.agent, role=role.role, role_kind=role.kind)
                    m.evidence.append(where)
                    m.inferred = inferred
                    b.add(m)
                continue
            if determiner and doc[start - 1].lower_ == "the":
                start -= 1
            m = Mention(start, stop, "descriptor", "group" if role.kind == "group" else
                        "organisation", country=iso, sector=role.sector, agent=role.agent,
                        role=role.role, role_kind=role.kind)
        if iso is not None:
            m.evidence.append(span_chars(doc, start, stop))
        b.add(m)
    # Documents that speak: "the readout said ... it added".
    for token in b.tokens:
        if (not b.taken[token.i] and token.lower_ in ("readout", "statement", "communique",
                                                      "communiqué")
                and token.dep_ == "nsubj" and token.head.lemma_ in SPEECH_VERBS):
            start = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == "the" else token.i
            b.add(Mention(start, token.i + 1, "descriptor", "organisation",
                          person_name=[token.text]))


def collect_mentions(doc: Doc, kb: ActorKB) -> list[Mention]:
    """Every actor mention in ``doc``, sorted by position (pronouns not yet resolved)."""
    return _collect(_Builder(doc, kb))


def _collect(b: _Builder) -> list[Mention]:
    _collect_people(b)
    _collect_names(b)
    collect_cities(b)
    collect_ethnic(b)
    collect_orgs(b)
    _collect_descriptors(b)
    _collect_surnames(b)
    _collect_short_forms(b)
    b.mentions.sort(key=lambda m: m.start)
    _link_appositive_names(b)
    return b.mentions


def _link_appositive_names(b: _Builder) -> None:
    """Mark a person descriptor whose apposition is a person's name ("Another senator
    backing the filibuster, Sen. Mike Lee, went to the floor"): the two are one person."""
    names = {i: m for m in b.mentions if m.kind == "person" and m.type in ("name", "title")
             for i in range(m.start, m.end)}
    for m in b.mentions:
        if m.type != "descriptor" or m.kind != "person":
            continue
        root = b.doc[m.start : m.end].root
        # The small model often parses such an apposition as a second subject of the verb.
        later_subjects = [t for t in root.head.children if t.dep_ == root.dep_ == "nsubj"
                          and t.i > root.i and b.doc[t.left_edge.i - 1].text == ","]
        for child in [*root.children, *later_subjects]:
            if (child.dep_ == "appos" or child in later_subjects) and child.i in names:
                m.appositive = names[child.i].start
                break
        else:
            # "U.S. ambassador to the United Nations Nikki Haley said": the parser folds
            # the name into the title's "to" phrase; a name that closes the phrase is the
            # person the title describes.
            last = names.get(root.right_edge.i)
            if (last is not None and last.start > root.i and last.end == root.right_edge.i + 1
                    and any(c.dep_ == "prep" for c in root.children)):
                m.appositive = last.start


def _collect_short_forms(b: _Builder) -> None:
    """Organisation short forms introduced in parentheses, used later on their own."""
    if not b.acronyms:
        return
    for token in b.tokens:
        name = b.acronyms.get(token.text)
        if name is None or b.taken[token.i]:
            continue
        m = Mention(token.i, token.i + 1, "name", "organisation", person_name=[name])
        b.add(m)


def _collect_surnames(b: _Builder) -> None:
    """Bare surnames the model did not tag as PERSON ("Lavrov told Xi")."""
    pieces = {p for m in b.mentions if m.kind == "person" and len(m.person_name) >= 2
              for p in (m.person_name[0], m.person_name[-1])}
    for token in b.tokens:
        if b.taken[token.i] or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        # A name seen in full earlier, or the surname of a curated office holder ("Blinken")
        # that the small model did not tag as a person.
        if token.text in pieces or (" " not in token.lower_ and token.lower_ in b.kb.leaders
                                    and b.kb.lookup(token.text) is None):
            m = Mention(token.i, token.i + 1, "name", "person", person_name=[token.text])
            b.add(m)


def resolve_doc(doc: Doc, kb: ActorKB | None = None) -> tuple[list[dict[str, Any]],
                                                               list[dict[str, Any]]]:
    """Entities (``communique_entities``) and learned person facts for one parsed document."""
    kb = kb if kb is not None else load_kb()
    builder = _Builder(doc, kb)
    mentions = _collect(builder)
    structure: dict[str, Any] = doc._.communique_structure or {}
    date = structure.get("published")
    clusters = cluster_mentions(mentions, kb, date)
    resolve_pronouns(doc, mentions, clusters, builder.tokens, builder.quotes,
                     builder.sent_index, builder.sent_bounds)
    return build_entities(doc, mentions, kb, date, structure.get("article_id"), clusters,
                          builder.text)
