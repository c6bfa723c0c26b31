"""Group mentions into entities and fill each entity's name, kind, country, sector, code, role.

People cluster by name (full name, then bare first or last name, which covers both "Lavrov"
and Chinese surname-first "Xi"); a name-less descriptor ("The Russian minister") joins the
person whose country and role fit, nearest first; other actors cluster by knowledge-base
entry or by country + sector ("Moscow", "the Kremlin" and "Russian officials" are all RUS GOV).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from communique.actors.codes import sector_of_code
from communique.actors.kb import ActorKB, normalise
from communique.actors.mentions import Mention, span_chars

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Descriptor role -> words one of which the named person's role must contain to match.
ROLE_FITS: dict[str, tuple[str, ...]] = {
    "top diplomat": ("foreign minister", "secretary of state", "foreign secretary", "diplomat",
                     "foreign affairs", "ambassador", "envoy"),
    "diplomat": ("foreign minister", "secretary of state", "foreign secretary", "diplomat",
                 "ambassador", "envoy"),
    "minister": ("minister",),
    "president": ("president",),
    "leader": ("president", "prime minister", "premier", "leader", "chancellor", "king"),
    "secretary": ("secretary",),
}


@dataclass
class Cluster:
    """One real-world actor and its mentions."""

    index: int
    kind: str | None
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    names: list[list[str]] = field(default_factory=list)


def _role_fits(descriptor_role: str, person_role: str | None) -> bool:
    want = normalise(descriptor_role).removeprefix("former ")
    have = normalise(person_role or "")
    if not have:
        return False
    fits = ROLE_FITS.get(want, (want,))
    return any(f in have for f in fits)


def _name_tokens(m: Mention) -> list[str]:
    """Name words, with hyphenated parts joined ("David-Wilp", "Trump-Merkel" stay whole so
    that a "Trump-Merkel meeting" never merges Trump with Merkel)."""
    words: list[str] = []
    glue = False
    for w in m.person_name:
        if w in ("-", "‐", "–") and words:
            words[-1] += "-"
            glue = True
            continue
        if glue:
            words[-1] += w
            glue = False
        elif w[:1].isalnum():
            words.append(w)
    return words


def cluster_mentions(mentions: list[Mention], kb: ActorKB,
                     date: str | None = None) -> list[Cluster]:
    """Assign ``cluster`` to every non-pronoun mention; returns the clusters."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[Any, ...], Cluster] = {}

    def new(kind: str | None, key: tuple[Any, ...] | None = None) -> Cluster:
        c = Cluster(len(clusters), kind)
        clusters.append(c)
        if key is not None:
            by_key[key] = c
        return c

    def join(c: Cluster, m: Mention) -> None:
        m.cluster = c.index
        c.mentions.append(m)
        c.gender = c.gender or m.gender

    people = [m for m in mentions if m.kind == "person" and m.person_name]
    # Pass 1: full names (two or more words).
    for m in people:
        words = _name_tokens(m)
        if len(words) < 2:
            continue
        target = None
        for c in clusters:
            if any(_contains(n, words) or _contains(words, n) for n in c.names):
                target = c
                break
        if target is None:
            target = new("person")
        target.names.append(words)
        join(target, m)
    # Pass 2: single names join the person with that first or last name, most recent first.
    for m in people:
        words = _name_tokens(m)
        if len(words) != 1:
            continue
        word = words[0]
        candidates = [c for c in clusters if c.kind == "person" and any(
            len(n) >= 2 and (n[0] == word or n[-1] == word) for n in c.names)]
        if candidates:
            join(_nearest(candidates, m), m)
            continue
        key = ("single", word)
        join(by_key.get(key) or new("person", key), m)
    # Everything else but person descriptors and pronouns.
    named_orgs: dict[str, Cluster] = {}
    for m in mentions:
        if m.cluster >= 0 or m.type == "pronoun" or (m.kind == "person"):
            continue
        person = _surname_as_organisation(m, clusters, by_key)
        if person is not None:
            join(person, m)
            continue
        expanded = _acronym_owner(m, named_orgs)
        if expanded is not None:
            join(expanded, m)
            continue
        cluster = by_key.get(_key(m)) or new(m.kind, _key(m))
        join(cluster, m)
        if m.kind == "organisation" and m.type == "name" and m.person_name:
            named_orgs.setdefault(normalise(m.person_name[0]), cluster)
    # Descriptors that precede a name ("Chinese state broadcaster" CCTV) join that name.
    at = {m.start: m for m in mentions if m.cluster >= 0}
    for m in mentions:
        owner = at.get(m.attach_to) if m.attach_to is not None else None
        if owner is not None and owner is not m:
            if m.cluster >= 0:
                clusters[m.cluster].mentions.remove(m)
            join(clusters[owner.cluster], m)
            if owner.country is None:
                owner.country = m.country
    # Person descriptors and name-less titles.
    by_start = {m.start: m for m in mentions if m.type in ("name", "title") and m.cluster >= 0}
    for m in mentions:
        if m.cluster >= 0 or m.type == "pronoun":
            continue
        named = by_start.get(m.appositive) if m.appositive is not None else None
        if named is not None:
            join(clusters[named.cluster], m)
            continue
        target = None if m.fresh else _descriptor_target(m, clusters, kb, date)
        join(target or new("person"), m)
    return clusters


def _acronym_owner(m: Mention, named: dict[str, Cluster]) -> Cluster | None:
    """The organisation an acronym was introduced for: "the Chinese Communist Party (CCP)
    ... the CCP" (the acronym's mention carries the expanded name, but the full name's
    cluster was keyed by its country and sector)."""
    if m.kind != "organisation" or m.type != "name" or m.country is not None or \
            m.sector is not None or len(m.person_name) != 1:
        return None
    return named.get(normalise(m.person_name[0]))


def _surname_as_organisation(m: Mention, clusters: list[Cluster],
                             by_key: dict[tuple[Any, ...], Cluster]) -> Cluster | None:
    """The person a one-word "organisation" name stands for, when the parser mislabelled
    a surname.

    "Trump also closed the Russian consulate": the small model often tags a sentence-initial
    surname ORG; with "President Trump" named in the same article, and nothing in the
    knowledge base by that name, the word is that person (the nearest one if several
    share it). An organisation the knowledge base knows, or one with a sector or country
    of its own ("Hamas", "Boeing"), is left alone.
    """
    if m.kind != "organisation" or m.type != "name" or m.entry is not None or \
            m.sector is not None or m.country is not None or len(m.person_name) != 1:
        return None
    word = m.person_name[0]
    if " " in word:
        return None
    candidates = [c for c in clusters if c.kind == "person" and any(
        len(n) >= 2 and n[-1] == word for n in c.names)]
    if candidates:
        return _nearest(candidates, m)
    return by_key.get(("single", word))  # "President Trump" ... "Trump also closed"


def _key(m: Mention) -> tuple[Any, ...]:
    entry = m.entry
    if entry is not None and entry.category in ("igo", "media", "group", "dictionary"):
        return ("entry", entry.name, entry.code)
    if m.kind == "group" and m.type == "name" and m.person_name:
        return ("place", normalise(m.person_name[0]))  # a city's civilians, per city
    if m.kind == "organisation" and m.sector is None and m.person_name:
        return ("org", normalise(m.person_name[0]))
    if m.country and m.sector:
        return ("cs", m.country, m.sector)
    if m.country and m.type == "demonym":
        return ("people", m.country)
    if m.country:
        return ("country", m.country)
    return ("text", m.start)


def _contains(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _nearest(candidates: list[Cluster], m: Mention) -> Cluster:
    """The candidate mentioned most recently before ``m``, else the first after it."""
    def last_before(c: Cluster) -> int:
        starts = [x.start for x in c.mentions if x.start < m.start]
        return max(starts) if starts else -1

    before = [c for c in candidates if last_before(c) >= 0]
    if before:
        return max(before, key=last_before)
    return min(candidates, key=lambda c: min(x.start for x in c.mentions))


def _person_facts(c: Cluster) -> Mention | None:
    """The person's titled mention that says most: the first one naming a country, else
    the first one ("Prime Minister Shehbaz Sharif" first, "Pakistan's Prime Minister
    Shehbaz Sharif" later: Pakistani, not the country the article is set in)."""
    titled = [m for m in c.mentions if m.role is not None and m.type in ("title", "name")]
    return next((m for m in titled if m.country), titled[0] if titled else None)


def _descriptor_target(m: Mention, clusters: list[Cluster], kb: ActorKB,
                       date: str | None) -> Cluster | None:
    """The named person a descriptor refers to: same country, fitting role, nearest before;
    a later one only when the descriptor names a country ("Moscow's top diplomat" opens an
    article before "Lavrov" is named)."""
    candidates = []
    for c in clusters:
        if c.kind != "person" or not (c.names or any(x.type == "title" for x in c.mentions)):
            continue
        facts = _person_facts(c)
        country = facts.country if facts else None
        role = facts.role if facts else None
        if country is None or role is None:
            held = next((h for n in c.names if (h := kb.leader(" ".join(n), date))), None)
            if held is not None:
                country, role = country or held.country, role or held.role
        if m.country and country and m.country != country:
            continue
        if m.country and not country:
            continue
        if m.role and not _role_fits(m.role, role):
            continue
        if not m.country and min(x.start for x in c.mentions) > m.start:
            continue
        candidates.append(c)
    return _nearest(candidates, m) if candidates else None


def _counterpart_roles(clusters: list[Cluster]) -> None:
    """ "his Chinese counterpart Wang Yi": Wang holds the same office as the possessor."""
    all_facts = [(m, c) for c in clusters for m in c.mentions
                 if m.role and m.role != "Counterpart" and m.type in ("title", "name")]
    for c in clusters:
        for m in c.mentions:
            if m.role not in ("counterpart", "Counterpart"):
                continue
            before = [x for x, xc in all_facts if x.start < m.start and xc is not c]
            owner = next((x for xc in clusters for x in xc.mentions
                          if x.type == "pronoun" and x.end == m.start), None)
            if owner is not None:
                owned = [x for x, xc in all_facts if xc.index == owner.cluster]
                before = owned or before
            if before:
                source = max(before, key=lambda x: x.start)
                m.role, m.sector, m.agent = source.role, source.sector, source.agent
            else:
                m.role = "Counterpart"


def _text(doc: Doc, m: Mention) -> str:
    return doc[m.start : m.end].text


def _proper_name(doc: Doc, m: Mention) -> str:
    if m.kind == "person" and m.person_name:
        return " ".join(_name_tokens(m)) or " ".join(m.person_name)
    if m.entry is not None and (m.entry.category == "country" or (
            m.entry.category == "capital" and m.type == "name")):
        return m.entry.name
    if m.entry is not None and m.entry.category in ("igo", "media", "group", "seat",
                                                   "dictionary"):
        return m.entry.name
    text = _text(doc, m)
    return text[4:] if text.lower().startswith("the ") else text


NON_STATE_PREFIX = {"UNO": "IGOUNO", "EUR": "IGOEUR"}


def _code(country: str | None, agent: str | None, kb: ActorKB) -> str | None:
    """Stacked CAMEO-style code: country (or IGOUNO/IGOEUR for the UN and EU) + agent."""
    if country is None:
        return None
    return NON_STATE_PREFIX.get(country, country) + (agent or "")


def build_entities(doc: Doc, mentions: list[Mention], kb: ActorKB, date: str | None,
                   article_id: str | None, clusters: list[Cluster] | None = None,
                   text: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entity dicts (interface format) and the learned person facts of one document."""
    if clusters is None:
        clusters = cluster_mentions(mentions, kb)
    _counterpart_roles(clusters)
    entities: list[dict[str, Any]] = []
    learned: list[dict[str, Any]] = []
    if text is None:
        text = doc.text  # Doc.text rebuilds the string on every access: read it once
    sentence_country = _single_country_sentences(doc, mentions)
    doc_countries = frozenset(m.country for m in mentions
                              if m.country and m.kind != "person" and m.type != "pronoun")
    setting = setting_country(doc, mentions)
    ordered = sorted((c for c in clusters if c.mentions),
                     key=lambda c: min(m.start for m in c.mentions))
    for number, c in enumerate(ordered, start=1):
        c.mentions.sort(key=lambda m: m.start)
        entity = _entity(doc, text, c, kb, date, f"E{number}", sentence_country,
                         doc_countries, setting)
        entities.append(entity)
        facts = _person_facts(c)
        if c.kind == "person" and facts is not None and c.names and facts.evidence:
            start, end = facts.evidence[0]
            learned.append({
                "name": entity["name"], "country": entity["country"],
                "sector": entity["sector"], "code": entity["code"], "role": entity["role"],
                "date": date, "article_id": article_id,
                "aliases": sorted({" ".join(n) for n in c.names} | {n[-1] for n in c.names}
                                  | {n[0] for n in c.names}),
                "evidence": {"start": start, "end": end, "text": text[start:end]},
            })
    return entities, learned


_REGIONS = frozenset({"UNO", "EUR", "IGO", "NGO", "WST", "IMG", "MNC", "ISM"})
# Titles often held abroad or by outsiders of the country a story is about (an ambassador
# in Tripoli, a group's leader, a foreign ministry's spokeswoman): never given the setting.
_ABROAD_ROLES = frozenset({"ambassador", "envoy", "diplomat", "leader", "spokesman",
                           "spokeswoman", "spokesperson", "general", "commander", "official"})
# The party-and-state tag after a U.S. legislator's name: " (D-N.Y.)", ", R-Ky.,", " (R-AZ)".
_US_PARTY_STATE = re.compile(r",? \(?[DRI]-[A-Z][A-Za-z.]{1,12}\)?[,.) ]")


def setting_country(doc: Doc, mentions: list[Mention]) -> tuple[str, tuple[int, int]] | None:
    """The country an article is about, with the span of its first mention: the country
    named (by name, capital, demonym or a country-coded body) in at least three places and
    in at least two in five of all country-named places, ahead of every other; None when
    no country dominates."""
    counts: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    for m in mentions:
        if m.type == "pronoun" or m.kind == "person" or m.inferred:
            continue
        country = m.country
        if country is None or len(country) != 3 or country in _REGIONS:
            continue
        counts[country] = counts.get(country, 0) + 1
        first.setdefault(country, span_chars(doc, m.start, m.end))
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    if n < 3 or n * 5 < sum(counts.values()) * 2 or (len(ranked) > 1 and ranked[1][1] == n):
        return None
    return top, first[top]


def _single_country_sentences(doc: Doc, mentions: list[Mention],
                              ) -> dict[int, tuple[str, tuple[int, int]]]:
    """Token index -> (country, evidence span) for tokens whose sentence names exactly one
    country (by name, capital, demonym or a country-coded descriptor)."""
    by_sentence: dict[int, dict[str, tuple[int, int]]] = {}
    starts: dict[int, int] = {}
    for m in mentions:
        if m.type == "pronoun" or m.kind == "person":
            continue
        country = m.country
        if country is None or len(country) != 3 or country in _REGIONS:
            continue
        sent_start = doc[m.start].sent.start
        by_sentence.setdefault(sent_start, {}).setdefault(country, span_chars(doc, m.start,
                                                                               m.end))
    out: dict[int, tuple[str, tuple[int, int]]] = {}
    for m in mentions:
        if m.kind != "person" or m.type == "pronoun":
            continue
        sent_start = starts.setdefault(m.start, doc[m.start].sent.start)
        found = by_sentence.get(sent_start, {})
        if len(found) == 1:
            out[m.start] = next(iter(found.items()))
    return out


def _dictionary_facts(kb: ActorKB, dict_code: str, sector: str | None, code: str | None,
                      ) -> tuple[str, str | None, str | None]:
    """Country, sector and code of a person from a dated dictionary code (a user dictionary
    entry or a Phoenix-listed person): the country always comes from the code; the sector and
    the stacked code only when the text gave no title of its own (the text wins)."""
    country = kb.country_code(dict_code[:3])
    if sector is None:
        return country, sector_of_code(dict_code), country + dict_code[3:]
    return country, sector, code


def _entity(doc: Doc, text: str, c: Cluster, kb: ActorKB, date: str | None,
            eid: str, sentence_country: dict[int, tuple[str, tuple[int, int]]] | None = None,
            doc_countries: frozenset[str] = frozenset(),
            setting: tuple[str, tuple[int, int]] | None = None) -> dict[str, Any]:
    named = [m for m in c.mentions if m.type in ("name", "title", "metonym", "demonym")]
    name_source = named or c.mentions
    name = max((_proper_name(doc, m) for m in name_source), key=len)
    if all(m.type in ("demonym", "descriptor", "pronoun") for m in c.mentions):
        # "Indian health officials said": the demonym and the role noun after it are one
        # name, not "Indian".
        starts = {m.start: m for m in c.mentions if m.type == "descriptor"}
        joined = [doc[m.start : starts[m.end].end].text for m in c.mentions
                  if m.type == "demonym" and m.end in starts]
        if joined:
            name = max(joined, key=len)
    listed = next((m.entry.name for m in c.mentions if m.entry is not None and
                   m.entry.category in ("igo", "media", "group", "dictionary")), None)
    if listed is not None:  # "Chinese state broadcaster CCTV" is CCTV
        name = listed
    kind = c.mentions[0].kind or "organisation"
    country_name = next((m.entry.name for m in c.mentions if m.type == "name"
                         and m.entry is not None and m.entry.category == "country"), None)
    if kind == "country" and country_name is not None:
        # A country named outright is called by its name, not by the longest place merged
        # into it ("India", not "Srinagar" from "the outskirts of Srinagar").
        name = country_name
    facts = _person_facts(c) if c.kind == "person" else None
    country = sector = agent = role = None
    code = None
    weak: str | None = None  # the country came from a weak source (learned facts override)
    evidence: list[tuple[int, int]] = []
    if facts is not None:
        country, sector, agent, role = facts.country, facts.sector, facts.agent, facts.role
        evidence = list(facts.evidence)
    else:
        source = next((m for m in c.mentions if m.type != "pronoun" and (m.country or m.entry)),
                      None)
        if source is not None:
            country, sector, agent, role = source.country, source.sector, source.agent, source.role
            evidence = list(source.evidence)
            if source.entry is not None:
                code = source.entry.code_on(date)
                if source.entry.category == "dictionary" and code:
                    country = kb.country_code(code[:3])
                    sector = sector_of_code(code)
                    code = country + code[3:]
                if source.type == "metonym" or source.entry.category == "capital":
                    code = _code(country, agent or sector, kb)
                evidence = evidence or [span_chars(doc, source.start, source.end)]
    if c.kind == "person" and (country is None or sector is None):
        for words in sorted(c.names, key=len, reverse=True) + [
                [m.person_name[0]] for m in c.mentions if len(m.person_name) == 1][:1]:
            held = kb.leader(" ".join(words), date)
            if held is not None and country in (None, held.country):
                # The text's own title ("former President") wins over the curated office,
                # unless it names that very office: "Chief Executive" is a company title,
                # but the curated Chief Executive of a territory governs it.
                country = country or held.country
                if sector is None or (role is not None and role.lower() == held.role.lower()):
                    sector, agent, role = held.sector, "GOV", role or held.role
                break
    if c.kind == "person" and country is None:
        for words in [*sorted(c.names, key=len, reverse=True), [name.split()[-1]]]:
            entry = kb.lookup(" ".join(words))
            dict_code = entry.code_on(date) if entry is not None and (
                entry.category == "dictionary") else None
            if dict_code:
                country, sector, code = _dictionary_facts(kb, dict_code, sector, code)
                evidence.append(span_chars(doc, c.mentions[0].start, c.mentions[0].end))
                break
    if c.kind == "person" and country is None:
        # The Phoenix dictionary people (dated; stale after 2014): full names first, then a
        # bare surname that only one office holder of the article's date bears.
        names = [" ".join(w) for w in sorted(c.names, key=len, reverse=True)]
        names += [m.person_name[0] for m in c.mentions if len(m.person_name) == 1][:1]
        for full in names:
            dict_hit = kb.person_code(full, date, doc_countries)
            if dict_hit is None:
                continue
            country, sector, code = _dictionary_facts(kb, dict_hit[0], sector, code)
            weak = "dictionary"
            evidence.append(span_chars(doc, c.mentions[0].start, c.mentions[0].end))
            break
    if c.kind == "person" and country is None:
        # A curated person's country does not end with the office: "National Security
        # Adviser Mike Flynn" in an article after he resigned is still American (the text's
        # title gives the sector; only the country is taken, from any office on record).
        for words in sorted(c.names, key=len, reverse=True) + [
                [m.person_name[0]] for m in c.mentions if len(m.person_name) == 1][:1]:
            offices = kb.leaders.get(normalise(" ".join(words)), [])
            if len({o.country for o in offices}) == 1:
                country = offices[0].country
                evidence.append(span_chars(doc, c.mentions[0].start, c.mentions[0].end))
                break
    if c.kind == "person" and country is None:
        # A Phoenix-listed full name whose codes all name one country, none applying on the
        # article's date (or the date is a placeholder such as the PLOVER gold's 2000-01-01):
        # nationality outlasts the office, so the country holds; the sector comes only from
        # the text's own title. Bare surnames are not used here: they need the date.
        for words in sorted(c.names, key=len, reverse=True):
            if len(words) < 2:
                continue
            people = kb.people.get(normalise(" ".join(words)), [])
            countries = {kb.country_code(d.code[:3]) for p in people for d in p.codes}
            if len(countries) == 1:
                country = countries.pop()
                weak = "dictionary"
                evidence.append(span_chars(doc, c.mentions[0].start, c.mentions[0].end))
                break
    if (c.kind == "person" and country is None and sentence_country
            and sector in ("GOV", "MIL", "LEG", "JUD", "COP", "ELI", "OPP", "PTY", "REB")):
        # A titled person with no country of their own ("President Abdelaziz Bouteflika",
        # "opposition leader X"): offices and domestic political roles belong to a country;
        # when their sentence names exactly one, it is the best evidence. Other people's
        # nationalities do not count: "President Francois Mitterand gave a warm welcome to
        # South African leader F.W. de Klerk" would make Mitterrand South African.
        found = sentence_country.get(facts.start if facts else c.mentions[0].start)
        if found is not None:
            country = found[0]
            weak = "sentence"
            evidence.append(found[1])
    if c.kind == "person" and country is None:
        for m in c.mentions:
            start, end = span_chars(doc, m.start, m.end)
            tag = _US_PARTY_STATE.match(text, end) if m.type == "name" else None
            if tag is not None:
                # "Charles Schumer (D-N.Y.)", "Hal Rogers, R-Ky.,": the U.S. party-and-state
                # tag of a member of Congress.
                country, sector, agent = "USA", sector or "LEG", agent or "LEG"
                evidence.append((start, tag.end() - 1))
                break
    if (c.kind == "person" and country is None and setting is not None
            and sector in ("GOV", "LEG", "JUD", "COP")
            and not _ABROAD_ROLES & set((role or "").lower().split())):
        # "Gov. Andrew Cuomo", "Senate Minority Leader Charles Schumer" in an article about
        # one country, their sentence naming none: an office holder of the country the
        # article is about (a weaker inference, replaced by anything learned).
        country = setting[0]
        weak = "setting"
        evidence.append(setting[1])
    if code is None:
        code = _code(country, agent or sector if country else None, kb)
    mentions = []
    for m in c.mentions:
        start, end = span_chars(doc, m.start, m.end)
        mentions.append({"start": start, "end": end, "text": text[start:end], "type": m.type})
    entity: dict[str, Any] = {
        "id": eid, "name": name, "kind": kind, "country": country, "sector": sector,
        "code": code, "role": role, "mentions": mentions,
        "evidence": [{"start": s, "end": e, "text": text[s:e]} for s, e in evidence],
    }
    if weak is not None and country is not None:
        # Stale dictionary (Phoenix, 2014) or the sentence's only country: the corpus step
        # (learning.apply_learned) may replace it with a fact learned from the corpus.
        entity["country_source"] = weak
    return entity
