"""Ethnic and minority groups, coded by the country they live in (the CAMEO/PLOVER rule).

"Iraqi Kurds" -> IRQ, "Bosnian Serbs" -> BIH, "Albanians of southern Serbia" -> SRB,
"ethnic Albanians" in a sentence about Macedonia -> MKD, "Tamil civilian refugees" -> LKA
(home country, when the text names none). The group is civilians (CVL) unless a role noun
follows ("Hutu rebel group" -> REB). A plain demonym that is also a country's people
("Albanians" alone) keeps its demonym reading (ALB CVL): only "ethnic", a demonym before it
or a place after it make it an ethnic group living elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.actors.cities import city_lookup
from communique.actors.context import sentence_country
from communique.actors.kb import Role, normalise
from communique.actors.mentions import Mention, span_chars

if TYPE_CHECKING:
    from communique.actors.resolve import _Builder

DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                        "western", "central", "northeastern", "northwestern", "southeastern",
                        "southwestern", "northeast", "northwest", "southeast", "southwest"})
PLACE_PREPS = frozenset({"in", "of", "from", "throughout", "across"})
BASED = frozenset({"based", "stationed", "operating", "headquartered", "active"})
RELIGIOUS = frozenset({"christian", "muslim", "moslem", "sunni", "shiite", "shia", "jewish",
                       "catholic", "protestant", "hindu", "buddhist", "druze"})


def country_after(b: _Builder, stop: int) -> tuple[str | None, tuple[int, int]]:
    """A country or place named by "in/of/from (the) (southern) <place>" right after a group
    noun ("rebels in the Ivory Coast", "Albanians of southern Serbia")."""
    tokens = b.tokens
    if stop + 1 < len(tokens) and tokens[stop].lower_ in BASED and tokens[stop + 1].lower_ in (
            "in", "at"):
        stop += 1  # "a terror group based in Trinidad": where it is based
    if stop >= len(tokens) or tokens[stop].lower_ not in PLACE_PREPS:
        return None, (0, 0)
    j = stop + 1
    while j < len(tokens) and (tokens[j].lower_ == "the" or (
            tokens[j].ent_type_ == "NORP" and tokens[j].lower_ in RELIGIOUS)):
        j += 1  # "in Christian east Beirut": a religious quarter of the place
    named = j  # "in Northern Ireland": a direction word may open the place's own name
    while j < len(tokens) and tokens[j].lower_ in DIRECTIONS:
        j += 1
    k = j
    while k < len(tokens) and (tokens[k].like_num or tokens[k].lower_ in ("a", "an", "several")):
        k += 1
    if k < len(tokens) and tokens[stop].lower_ == "from" and tokens[k].text[:1].isupper():
        # "doctors from two American aid groups": the demonym of the group they come from.
        iso = b.kb.demonyms.get(normalise(tokens[k].text))
        if iso is not None:
            return iso, span_chars(b.doc, stop, k + 1)
    for at, width in ((named, 3), (named, 2), (j, 3), (j, 2), (j, 1)):
        if at + width > len(tokens):
            continue
        phrase = b.phrase(at, at + width)
        entry = b.kb.lookup(phrase)
        if entry is not None and entry.category in ("country", "capital", "region"):
            return entry.country, span_chars(b.doc, stop, at + width)
        cities = city_lookup(b.kb, phrase)
        if cities and tokens[at].ent_type_ in ("GPE", "LOC"):
            return cities[0], span_chars(b.doc, stop, at + width)
    return None, (0, 0)


def _role_at(b: _Builder, j: int) -> tuple[int, Role] | None:
    best = None
    for k in range(1, b.kb.max_role_words + 1):
        if j + k > len(b.tokens):
            break
        role = b.kb.roles.get(normalise(b.phrase(j, j + k)))
        if role is not None and role.kind != "person":
            best = (j + k, role)
    return best


def _group_role(b: _Builder, at: int) -> tuple[int, Role | None]:
    """The collective role noun heading the words after the group name: "Hutu rebel group"
    -> group (REB), "Tamil civilian refugees" -> refugees (a modifier that is itself a role,
    "civilian", gives way to the head noun after it), "Karen guerrilla" -> guerrilla."""
    first = _role_at(b, at)
    if at >= len(b.tokens):
        return at, None
    if first is None or b.tokens[first[0] - 1].dep_ in ("amod", "compound"):
        modifier = b.tokens[at]
        if first is not None or modifier.pos_ == "ADJ":
            second = _role_at(b, at + 1)
            if second is not None:
                return second
    return first if first is not None else (at, None)


def collect_ethnic(b: _Builder) -> None:
    """Add a mention for each ethnic-group phrase, coded by country of residence."""
    kb = b.kb
    if not kb.ethnic:
        return
    by_start = {m.start: m for m in b.mentions}
    for token in b.tokens:
        if not token.text[:1].isupper():
            continue
        found = kb.ethnic.get(normalise(token.text))
        if found is None:
            continue
        i = token.i
        own = by_start.get(i)
        if b.taken[i] and (own is None or own.end != i + 1 or own.type != "demonym"):
            continue
        is_demonym = normalise(token.text) in kb.demonyms
        start = i
        marker = False
        country: str | None = None
        evidence: tuple[int, int] | None = None
        before = by_start.get(i - 1) if i > 0 else None
        if i > 0 and b.tokens[i - 1].lower_ == "ethnic":
            marker, start = True, i - 1
        elif before is not None and before.end == i and before.type == "demonym" and (
                before.country):
            country, start = before.country, i - 1  # "Iraqi Kurds", "Bosnian Serbs"
            evidence = span_chars(b.doc, start, i + 1)
        stop, role = _group_role(b, i + 1)
        after, where = country_after(b, stop)
        if country is None and after is not None:
            country, evidence = after, where
        if is_demonym and not marker and start == i and (
                after is None or after == kb.demonyms.get(normalise(token.text))):
            continue  # "Albanians" alone: the demonym reading stands
        if country is None:
            # The country the sentence names most, not the group's own demonym country
            # ("Ethnic Albanians ... near Macedonia's border with Bulgaria, Macedonian
            # officials said" -> MKD); a tie gives none.
            country, _ = sentence_country(b, i, kb.demonyms.get(normalise(token.text)))
            if country is None and not marker:
                country = found[1]
        if country is None:
            continue
        for m in [m for m in b.mentions if m.start < stop and m.end > start]:
            if m.type not in ("demonym", "metonym") and m.kind not in ("country", "group"):
                break
        else:
            for m in [m for m in b.mentions if m.start < stop and m.end > start]:
                b.mentions.remove(m)
                for t in range(m.start, m.end):
                    b.taken[t] = False
            sector = role.sector if role is not None else "CVL"
            agent = role.agent if role is not None else "CVL"
            if sector in ("GOV", "PTY"):
                # An ethnic group's "leaders" or "politicians" hold no office or party post as
                # such: CAMEO/PLOVER code them as the community's elites ("Yoruba leaders" ->
                # NGAELI), not as the government or a party.
                sector = agent = "ELI"
            m = Mention(start, stop, "demonym", "group", country=country, sector=sector,
                        agent=agent, role=role.role if role is not None else None,
                        role_kind="group")
            m.evidence.append(evidence or span_chars(b.doc, start, stop))
            b.add(m)
            by_start[start] = m
