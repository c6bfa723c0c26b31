"""Minimal entity list used when the actors component has not run.

Why: the events component must be usable (and testable) on a pipeline without
``communique_actors``; then ``doc._.communique_entities`` is ``None``. This builds entities in
the interface's shape from spaCy's named entities, coded with the actors knowledge base when
it can be imported (country names, capitals, demonyms, role nouns such as "minister"). No
pronoun resolution: events whose only actor is a pronoun are not emitted in this mode.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
_SECTOR_WORDS = {
    "government": "GOV", "official": "GOV", "officials": "GOV", "minister": "GOV",
    "ministry": "GOV", "president": "GOV", "leader": "GOV", "diplomat": "GOV",
    "spokesman": "GOV", "spokeswoman": "GOV", "secretary": "GOV", "prime": "GOV",
    "army": "MIL", "military": "MIL", "troops": "MIL", "forces": "MIL", "soldiers": "MIL",
    "police": "COP", "rebels": "REB", "opposition": "OPP", "parliament": "LEG",
}


def _kb() -> Any:
    try:
        from communique.actors.kb import load_kb
    except ImportError:  # actors package not present: names stay uncoded
        return None
    try:
        return load_kb()
    except Exception:  # a half-built knowledge base must not stop event coding
        return None


_KB_CACHE: list[Any] = []


def _knowledge() -> Any:
    if not _KB_CACHE:
        _KB_CACHE.append(_kb())
    return _KB_CACHE[0]


def _country_of(kb: Any, text: str) -> tuple[str | None, str | None, str | None]:
    """(country, sector, code) for a name or demonym, using the actors KB when present."""
    if kb is None:
        return None, None, None
    entry = kb.lookup(text)
    if entry is not None:
        return entry.country, entry.sector, entry.code
    demonym = kb.demonyms.get(text) or kb.demonyms.get(text.lower())
    if demonym:
        return str(demonym), None, str(demonym)
    return None, None, None


def _context_words(ent: Span) -> list[str]:
    doc = ent.doc
    start = max(ent.sent.start, ent.start - 4)
    end = min(ent.sent.end, ent.end + 2)
    return [t.lower_ for t in doc[start:end] if t.i < ent.start or t.i >= ent.end]


def fallback_entities(doc: Doc) -> list[dict[str, Any]]:
    """Entities in the ``communique_entities`` shape, one per distinct named-entity text."""
    kb = _knowledge()
    by_name: dict[str, dict[str, Any]] = {}
    for ent in doc.ents:
        if ent.label_ not in _LABELS:
            continue
        text = ent.text.strip()
        if text.lower().startswith("the "):
            text = text[4:]
        country, sector, code = _country_of(kb, text)
        words = _context_words(ent)
        if country is None and ent.label_ in ("PERSON", "ORG"):
            # "Russian Foreign Minister Sergei Lavrov": a demonym just before the name.
            for tok in ent.doc[max(ent.sent.start, ent.start - 4):ent.start]:
                country, _, _ = _country_of(kb, tok.text)
                if country:
                    break
        if sector is None:
            sector = next((_SECTOR_WORDS[w] for w in words if w in _SECTOR_WORDS), None)
            if sector is None and ent.label_ == "GPE" and country:
                sector = "GOV"
        if country and code in (None, country) and sector:
            code = country + sector
        elif country and code is None:
            code = country
        entity = by_name.get(text.lower())
        mention = {"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                   "type": "demonym" if ent.label_ == "NORP" else "name"}
        if entity is None:
            entity = {
                "id": f"E{len(by_name) + 1}", "name": text,
                "kind": "country" if ent.label_ in ("GPE", "NORP") else
                ("person" if ent.label_ == "PERSON" else "organisation"),
                "country": country, "sector": sector, "code": code, "role": None,
                "mentions": [], "evidence": [],
            }
            by_name[text.lower()] = entity
        entity["mentions"].append(mention)
    return list(by_name.values())
