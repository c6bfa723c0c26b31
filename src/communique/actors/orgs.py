"""Organisation names in a document: their country, sector, and international bodies.

Split from :mod:`communique.actors.resolve` (one concern per module): the model's ORG/FAC
spans that no knowledge-base name claimed become organisation mentions here, and organisation
names that open with a demonym ("Palestinian Islamic Jihad") are kept whole.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.actors.cities import city_lookup
from communique.actors.context import STATE_SECTORS, context_country
from communique.actors.kb import KBEntry, normalise
from communique.actors.mentions import Mention, country_before, country_of_word, span_chars

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from communique.actors.resolve import _Builder


def demonym_named_orgs(b: _Builder) -> frozenset[int]:
    """Tokens where an organisation's proper name opens with a demonym ("Palestinian Islamic
    Jihad", "Nigerian Union of Teachers"): the whole name is one organisation of that country
    (coded in :func:`collect_orgs`), not the demonym plus whatever noun follows it. Only
    names whose every other content word is capitalised: "Russian officials" stays a group."""
    starts: set[int] = set()
    for ent in b.doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        first = ent.start + (1 if b.tokens[ent.start].lower_ == "the" else 0)
        if any(b.taken[first : ent.end]):
            continue  # "Iranian Revolutionary Guards": a listed name inside, the demonym stays
        rest = [t for t in b.tokens[first + 1 : ent.end] if t.is_alpha]
        if rest and all(t.text[:1].isupper() or t.lower_ in ("of", "and", "for", "the")
                        for t in rest) and rest[-1].text[:1].isupper():
            starts.add(first)
    return frozenset(starts)


def _person_pieces(b: _Builder) -> set[str]:
    pieces: set[str] = set()
    for m in b.mentions:
        if m.kind == "person" and len(m.person_name) >= 2:
            pieces.update(m.person_name)
    return pieces


def collect_orgs(b: _Builder) -> None:
    """Organisation names the model tags (ORG, FAC) that no earlier step claimed: sector from
    a role noun ending the name or a keyword in it, country from a demonym, country, capital
    or city opening it (or a country modifier before it), else an international scope."""
    doc, kb = b.doc, b.kb
    pieces = _person_pieces(b)
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "FAC") or not b.free(ent.start, ent.end):
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ == "the" or not doc[start].text[:1].isupper()
                               or doc[start].pos_ in ("ADV", "ADP")
                               or doc[start].lower_ in ("earlier", "later", "meanwhile")):
            start += 1
        if all(t.text in pieces or t.text in ("'s", "’s") for t in doc[start:end]):
            continue  # a surname the model took for an organisation ("Wang said")
        while end > start and doc[end - 1].text in ("'s", "’s"):
            end -= 1
        if start >= end:
            continue
        span = doc[start:end]
        role = None
        for k in range(min(3, end - start), 0, -1):
            role = kb.roles.get(normalise(doc[end - k : end].text))
            if role is not None and role.kind != "person":
                break
            role = None
        sector = role.sector if role else None
        agent = role.agent if role else None
        if role is None:
            for t in b.tokens[start:end]:
                keyword = ORG_KEYWORDS.get(t.lower_)
                if keyword is not None:
                    sector = agent = keyword
                    break
        # Country: a demonym or country opening the name ("Rwandan Patriotic Front"), else a
        # modifier before it ("Russia's Prosecutor General's Office"); never a country word
        # in the middle ("Carnegie Russia Eurasia Center" is not Russian).
        iso, used = country_of_word(b.tokens[start], kb)
        if iso is None and start + 1 < end:
            iso, used = country_of_word(b.tokens[start + 1], kb)
            iso = iso if used == 2 else None
        for i in range(start + 1, end):
            if iso is None and b.tokens[i].text in ("'s", "’s"):  # "Israel's Cabinet"
                iso, _ = country_of_word(b.tokens[i], kb)
        if iso is None and end - start >= 2:
            # A capital or one-country city opening the name: "Baghdad University", "Moscow
            # State University", "Tehran Times" (the place the institution belongs to).
            first = kb.lookup(b.tokens[start].text)
            cities = city_lookup(kb, b.tokens[start].text)
            if first is not None and first.category == "capital":
                iso = first.country
            elif first is None and len(cities) == 1 and b.tokens[start].text[:1].isupper():
                iso = cities[0]
        if iso is None and end - start >= 3 and b.tokens[end - 2].lower_ == "of":
            entry = kb.lookup(b.tokens[end - 1].text)  # "... Independence of Angola"
            iso = entry.country if entry is not None and entry.category == "country" else None
        if iso is None:
            iso, cstart = country_before(doc, start, kb, b.sent_start[start])
            if iso is not None and cstart >= start - 3 and b.steal(cstart, start):
                start = cstart
            else:
                iso = None
        if iso is None:
            iso = international_body([t.lower_ for t in b.tokens[start:end]])
        where = span_chars(doc, start, end)
        inferred = False
        if (iso is None and sector in STATE_SECTORS and start > 0
                and (doc[start - 1].lower_ == "the" or _modifies_a_noun(doc, start, end))):
            # "the Interior Ministry banned the rally", "the Commerce Department targeted
            # 13 companies", "broke into an Interior Ministry unit": a state body named
            # without its country belongs to the one the context gives, as "the army" does.
            iso, where = context_country(b, start)
            inferred = iso is not None
        m = Mention(start, end, "name", "organisation", country=iso, sector=sector,
                    agent=agent, role=role.role if role else None)
        m.inferred = inferred
        if iso is not None:
            m.evidence.append(where)
        m.person_name = [b.acronyms.get(span.text, span.text)]
        b.add(m)
        if (end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")"
                and doc[end + 1].text.isupper() and len(doc[end + 1].text) >= 2):
            b.acronyms[doc[end + 1].text] = span.text  # "Ceasefire Violations Committee (CFVC)"


def _modifies_a_noun(doc: Doc, start: int, end: int) -> bool:
    """ "an Interior Ministry unit", "a Defense Department official": the name is a
    modifier, so the body itself is still the definite one."""
    return end < len(doc) and doc[end].pos_ == "NOUN" and \
        doc[end - 1].dep_ == "compound" and doc[start - 1].lower_ in ("a", "an")


# An organisation the knowledge base does not list, with no country of its own, whose name
# says it spans countries ("International Labor Office", "Association of African Jurists",
# "Third World Water Forum"): an intergovernmental body when its name is that of an agency,
# bank or court, else a non-governmental one (CAMEO IGO / NGO).
# The scope word must open the name or follow its "of" ("Association of African Jurists"):
# deeper inside it is usually a domestic body's field ("Center for Strategic and
# International Studies", "Service Employees International Union", both American). Unions
# and leagues are left out: "International Ladies' Garment Workers Union" is a U.S. union,
# "African Champions League" a football competition.
SCOPE_WORDS = frozenset({"international", "world", "global", "african", "arab", "asian",
                         "european", "regional", "americas", "inter-american", "pan-african"})
IGO_BODIES = frozenset({"organization", "organisation", "office", "agency", "bank",
                        "tribunal", "court"})
NGO_BODIES = frozenset({"association", "federation", "forum", "foundation", "society",
                        "network", "institute", "council", "committee", "alliance",
                        "watch", "group", "centre", "center", "fund", "movement"})


def international_body(words: list[str]) -> str | None:
    """IGO or NGO for an unlisted organisation name (lower-case words) that names an
    international scope and an institution type, else None (see SCOPE_WORDS)."""
    scoped = [w for i, w in enumerate(words)
              if i < 2 or (words[i - 1] == "of" and i - 1 <= 2)]
    if not any(w in SCOPE_WORDS for w in scoped):
        return None
    if any(w in IGO_BODIES for w in words):
        return "IGO"
    if any(w in NGO_BODIES for w in words):
        return "NGO"
    return None


# Words inside an organisation's name that give its sector when its last words are not a
# known role ("Islamic Salvation *Front*", "Social Democratic *Party*").
ORG_KEYWORDS: dict[str, str] = {
    "party": "PTY", "front": "REB", "liberation": "REB", "tigers": "REB", "brigades": "REB",
    "militia": "REB", "insurgency": "REB", "university": "EDU", "school": "EDU",
    "college": "EDU", "court": "JUD", "tribunal": "JUD", "parliament": "LEG",
    "assembly": "LEG", "congress": "LEG", "ministry": "GOV", "commission": "GOV",
    "police": "COP", "union": "LAB", "church": "REL", "mosque": "REL", "bank": "BUS",
    "corporation": "BUS", "army": "MIL", "navy": "MIL", "jihad": "REB", "mujahideen": "REB",
}


# Categories of knowledge-base entries whose name can stand before a title as the body the
# title holder works for ("FBI Director", "Hamas leader", "NATO Secretary General").
_EMPLOYER_CATEGORIES = frozenset({"igo", "seat", "group", "media"})


def body_before(b: _Builder, end: int, floor: int) -> tuple[KBEntry, int] | None:
    """The organisation named right before a title, and its first token, else None.

    "FBI Deputy Director Andrew McCabe", "Hamas leader Ismail Haniyeh", "Arab League
    Secretary General Chadli Klibi": the title holder belongs to that body, so takes its
    country and code, and outside international bodies its sector, not the title's generic
    one ("director" alone is a film or company director)."""
    for k in range(min(4, end - floor), 0, -1):
        entry = b.kb.lookup(b.phrase(end - k, end))
        if (entry is not None and entry.category in _EMPLOYER_CATEGORIES and entry.country
                and entry.kind in ("organisation", "group") and b.free(end - k, end)):
            return entry, end - k
    return None


def member_of(m: Mention, entry: KBEntry, prefixes: dict[str, str]) -> None:
    """Give a title holder the facts of the body named before the title (see
    :func:`body_before`): its country, the rest of its code as agent ("Hamas" PSEREBHMS ->
    country PSE, agent REBHMS) and, for a national body, its sector."""
    m.country = entry.country
    if entry.category != "igo":  # in an international body the title says the office held
        m.sector = entry.sector or m.sector
    prefix = prefixes.get(entry.country or "", entry.country or "")
    code = entry.code or ""
    if code.startswith(prefix) and len(code) > len(prefix):
        m.agent = code[len(prefix):]
