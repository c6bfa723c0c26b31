"""The country an agent noun without one belongs to, from its context.

"Police fired tear gas", "the rebels said", "students marched": CAMEO/PLOVER code such
agents with the country the story is about. Evidence, in order:

1. the country its sentence names most often (names, capitals, demonyms, coded descriptors,
   people titled with a country; places the sentence is set in count double; a tie gives
   nothing);
2. the dateline ("KABUL, Afghanistan —");
3. the article's dominant country: named at least twice and more often than any other.

Measured on the PLOVER gold records and the AllSides cases (see the actors suite); the
country found is recorded as the mention's evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from communique.actors.cities import city_lookup
from communique.actors.kb import normalise
from communique.actors.mentions import LOCATIVE_PREPS, span_chars

if TYPE_CHECKING:
    from communique.actors.resolve import _Builder


def _counts(b: _Builder, sentence: int | None, skip: str | None
            ) -> tuple[dict[str, int], dict[str, tuple[int, int]]]:
    counts: dict[str, int] = {}
    where: dict[str, tuple[int, int]] = {}
    for m in b.mentions:
        country = m.country
        if (not country or country == skip or country not in b.kb.iso3
                or m.kind not in ("country", "group", "organisation", "person")):
            continue  # a person counts by a country in the text ("Algerian President X")
        if m.inferred:
            continue  # its country came from this same context: no evidence of its own
        if sentence is not None and m.entry is not None and m.entry.category == "media":
            # In a sentence, the agency reporting ("officials told The Associated Press ...
            # the rebels") says where the story is published, not where its agents are; over
            # the whole article the outlets named still say which country it is about
            # (measured: dropping them there lost three hand-checked U.S. cases).
            continue
        if sentence is not None and b.sent_start[m.start] != sentence:
            continue
        if sentence is not None and normalise(m.role or "") in EMBASSIES:
            # "protesters marched to the US Embassy": an embassy stands abroad, so it says
            # nothing about where the sentence's agents are from.
            continue
        # The scene of the sentence ("protesters marched through London to the US Embassy")
        # counts double: agents are most often where the sentence places them.
        root = b.tokens[m.end - 1]
        scene = root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS
        counts[country] = counts.get(country, 0) + (2 if scene else 1)
        where.setdefault(country, span_chars(b.doc, m.start, m.end))
    return counts, where


def _top(counts: dict[str, int], minimum: int) -> str | None:
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < minimum or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=lambda c: counts[c])


def sentence_country(b: _Builder, i: int, skip: str | None = None
                     ) -> tuple[str | None, tuple[int, int]]:
    """The country token ``i``'s sentence names most often (``skip`` excluded)."""
    counts, where = _counts(b, b.sent_start[i], skip)
    best = _top(counts, 1)
    return best, where.get(best, (0, 0)) if best else (0, 0)


# Sectors of a state's own institutions: "the army", "the interior ministry", "parliament".
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "LEG", "JUD", "COP"})
EMBASSIES = frozenset({"embassy", "embassies", "consulate", "consulates"})
OWNING_VERBS = frozenset({"have", "deploy", "send", "station", "keep", "withdraw", "maintain",
                          "dispatch", "pull", "base"})


def owner_country(b: _Builder, i: int) -> tuple[str | None, tuple[int, int]]:
    """The country of the actor that has, sends or deploys the agent noun at token ``i``:
    "The Pentagon has about 2,200 troops in Syria" -> USA (the subject of the owning verb),
    not the place after the noun. None when no coded subject owns it."""
    token = b.tokens[i]
    if token.dep_ != "dobj" or token.head.lemma_ not in OWNING_VERBS:
        return None, (0, 0)
    subjects = [t for t in token.head.children if t.dep_ == "nsubj"]
    for m in b.mentions:
        if m.country in b.kb.iso3 and any(m.start <= t.i < m.end for t in subjects):
            return m.country, span_chars(b.doc, m.start, m.end)
    return None, (0, 0)


def context_country(b: _Builder, i: int) -> tuple[str | None, tuple[int, int]]:
    """Sentence, then dateline, then the article's dominant country (see module doc)."""
    best, where = sentence_country(b, i)
    if best is not None:
        return best, where
    structure: dict[str, Any] = b.doc._.communique_structure or {}
    dateline = structure.get("dateline")
    if dateline and dateline.get("text"):
        for piece in str(dateline["text"]).replace("—", ",").replace("–", ",").split(","):
            entry = b.kb.lookup(piece.strip().title()) or b.kb.lookup(piece.strip())
            if entry is not None and entry.country in b.kb.iso3:
                return entry.country, (int(dateline["start"]), int(dateline["end"]))
            cities = city_lookup(b.kb, piece)
            if cities:
                return cities[0], (int(dateline["start"]), int(dateline["end"]))
    totals, spans = _counts(b, None, None)
    best = _top(totals, 2)
    return best, spans.get(best, (0, 0)) if best else (0, 0)
