"""Facts learned across articles, and the corpus-level step that applies them.

Per-article extraction never reads this: an article's entities depend only on its own text,
the shipped knowledge base and user dictionaries. After ingest, the store (or
``communique resolve``) runs :func:`apply_learned`, which is deterministic: facts are
gathered from every document first, then applied, so processing order cannot matter.

A fact is a person introduced with a title or apposition ("Treasury Secretary Janet
Yellen"): name, country, sector, role and the publication dates it was seen. A later bare
"Yellen" resolves to it only when the article's date is within :data:`MAX_GAP_DAYS` of a
date the role was seen: an old role is not applied to a date far from when it was seen.
Curated knowledge-base entries always win; a learned fact that disagrees with one is kept
but reported in ``conflicts`` instead of being applied silently.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from communique.actors.kb import ActorKB, load_leaders_kb, normalise
from communique.errors import DataFileError

# Two years: long enough to cover an official's typical reporting period, short enough that
# a minister's title from one government is not stamped on the next.
MAX_GAP_DAYS = 730


@dataclass
class Fact:
    """One (person, role, country) and every date and article it was seen in."""

    name: str
    country: str | None
    sector: str | None
    code: str | None
    role: str | None
    aliases: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    def gap_days(self, when: str | None) -> int | None:
        """Days between ``when`` and the nearest date this fact was seen (None if unknown)."""
        if when is None or not self.dates:
            return None
        try:
            target = Date.fromisoformat(when[:10])
            return min(abs((Date.fromisoformat(d[:10]) - target).days) for d in self.dates)
        except ValueError:
            return None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _key(fact: dict[str, Any]) -> tuple[str, str, str]:
    return (normalise(str(fact["name"])), str(fact.get("country")), str(fact.get("role")))


class KnowledgeBase:
    """Accumulates learned person facts with dates; JSON round-trips for the store."""

    def __init__(self) -> None:
        self.facts: dict[tuple[str, str, str], Fact] = {}
        # Normalised alias -> keys of the facts that carry it. ``lookup`` runs once per
        # uncoded person in the corpus: a scan of every fact there made the corpus step
        # quadratic (a third of its time on 200 articles, growing with the corpus).
        self._by_alias: dict[str, set[tuple[str, str, str]]] = {}

    def _index(self, key: tuple[str, str, str], fact: Fact) -> None:
        for alias in fact.aliases:
            self._by_alias.setdefault(normalise(alias), set()).add(key)

    def add(self, fact: dict[str, Any]) -> None:
        """Record one learned fact (the dicts in ``doc._.communique_learned``)."""
        if not fact.get("name") or not (fact.get("country") or fact.get("role")):
            return
        key = _key(fact)
        known = self.facts.get(key)
        if known is None:
            known = Fact(str(fact["name"]), fact.get("country"), fact.get("sector"),
                         fact.get("code"), fact.get("role"))
            self.facts[key] = known
        for alias in [fact["name"], *fact.get("aliases", [])]:
            if alias not in known.aliases:
                known.aliases.append(alias)
        when = fact.get("date")
        if when and when not in known.dates:
            known.dates.append(when)
        article = fact.get("article_id")
        if article and article not in known.articles:
            known.articles.append(article)
        known.dates.sort()
        known.aliases.sort()
        known.articles.sort()
        self._index(key, known)

    def add_document(self, document: dict[str, Any]) -> None:
        """Record the facts a ``communique/1`` document's entities establish."""
        for fact in facts_from_document(document):
            self.add(fact)

    def lookup(self, name: str, when: str | None) -> Fact | None:
        """The fact for ``name`` (full name or surname) seen within MAX_GAP_DAYS of ``when``.

        Ties break on the nearest date, then the most sightings, then the name, so the
        answer never depends on insertion order. Ambiguous surnames (two different people
        both near the date) return None.
        """
        key = normalise(name)
        candidates = []
        # Sorted keys: a tie below (same name, dates and sightings) breaks the same way
        # whatever order the facts were learned in.
        for fact in (self.facts[k] for k in sorted(self._by_alias.get(key, ()))):
            gap = fact.gap_days(when)
            if gap is None or gap > MAX_GAP_DAYS:
                continue
            candidates.append((gap, -len(fact.dates), fact.name, fact))
        if not candidates:
            return None
        candidates.sort(key=lambda c: c[:3])
        people = {normalise(c[3].name) for c in candidates}
        if len(people) > 1 and len(key.split()) == 1:
            return None  # "Biden" near two learned Bidens: do not guess
        return candidates[0][3]

    def to_json(self) -> str:
        """Serialise (sorted, stable) for storage."""
        facts = sorted(self.facts.values(), key=lambda f: (normalise(f.name), str(f.role)))
        return json.dumps({"version": 1, "facts": [f.to_dict() for f in facts]},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> KnowledgeBase:
        """Inverse of :meth:`to_json`; DataFileError when the text is not such a dump."""
        try:
            data = json.loads(text)
            kb = cls()
            for raw in data["facts"]:
                fact = Fact(**raw)
                kb.facts[_key(raw)] = fact
                kb._index(_key(raw), fact)
        except (ValueError, KeyError, TypeError) as exc:
            raise DataFileError(f"learned knowledge base: not a valid dump ({exc})") from exc
        return kb


def facts_from_document(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Learned facts from a document's entities: people whose role came from the text."""
    article = document.get("article") or {}
    when = article.get("published")
    found = []
    for entity in document.get("entities") or []:
        if entity.get("kind") != "person" or not entity.get("role") or entity.get("learned"):
            continue
        if not any(m.get("type") == "title" for m in entity.get("mentions", [])) and not (
                entity.get("evidence")):
            continue
        words = str(entity["name"]).split()
        found.append({
            "name": entity["name"], "country": entity.get("country"),
            "sector": entity.get("sector"), "code": entity.get("code"),
            "role": entity.get("role"), "date": when, "article_id": article.get("id"),
            "aliases": sorted({entity["name"], words[0], words[-1]}) if len(words) > 1 else [],
        })
    return found


def apply_learned(documents: Iterable[dict[str, Any]], kb: KnowledgeBase | None = None,
                  curated: ActorKB | None = None) -> tuple[list[dict[str, Any]],
                                                           list[dict[str, Any]]]:
    """Resolve uncoded people in ``documents`` with facts learned from the whole corpus.

    Returns (new documents, conflicts). Facts from every document are gathered before any is
    applied. An entity already coded by the text or a curated entry is never changed (one
    coded only by the Phoenix-derived dictionary or the sentence's only country, marked
    ``country_source``, is: learned facts take precedence over those); when
    a learned fact disagrees with the curated entry for that name, the disagreement goes to
    ``conflicts`` and the curated entry stands.
    """
    # Only top-level entity fields change below: copy those dicts, share the rest (a deep
    # copy of every document was a fifth of the corpus step's time).
    documents = [{**d, "entities": [dict(e) for e in d.get("entities") or []]}
                 for d in documents]
    kb = kb if kb is not None else KnowledgeBase()
    curated = curated if curated is not None else load_leaders_kb()
    for document in documents:
        kb.add_document(document)
    conflicts: list[dict[str, Any]] = []
    for document in documents:
        when = (document.get("article") or {}).get("published")
        for entity in document.get("entities") or []:
            weak = entity.get("country_source") in ("dictionary", "sentence")
            if entity.get("kind") != "person" or (entity.get("country") and not weak):
                continue  # coded by the text or a curated entry: never changed
            fact = kb.lookup(str(entity["name"]), when)
            if fact is None:
                continue
            held = curated.leader(str(entity["name"]), when) or curated.leader(fact.name, when)
            if held is not None and (held.country != fact.country):
                conflicts.append({"article": (document.get("article") or {}).get("id"),
                                  "entity": entity["id"], "learned": fact.to_dict(),
                                  "curated": held.source})
                continue
            entity.update(country=fact.country, sector=fact.sector, code=fact.code,
                          role=fact.role)
            entity.pop("country_source", None)  # learned facts beat the stale dictionary
            entity["learned"] = {"name": fact.name, "dates": list(fact.dates),
                                 "articles": list(fact.articles)}
    return documents, conflicts
