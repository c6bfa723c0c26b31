"""Offline geocoding of event places: which of the places a name can mean is meant.

A name has candidates (:func:`communique.events.gazetteer.lookup`): "Birmingham" is a city
in England and one in Alabama, "Georgia" a country and a U.S. state, "White House" a venue
in Washington and an alternate name of Casablanca. Population alone picks the wrong one
whenever the article is about the smaller place, so the ``gazetteer`` ledger ranks them by
the countries of the article (:class:`Preference`): the countries of the event's parties,
the dateline's and the setting's country, then the countries the article names, most
often named first. Each rule either picks a candidate or passes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from communique.events.gazetteer import Candidate, Place, lookup
from communique.rules import Ledger

__all__ = ["GAZETTEER", "Place", "Preference", "choose", "geocode"]

# A national capital abroad beats a same-name place of the article's countries when it is
# this many times larger ("Paris" in a story about Texas is still Paris, France).
CAPITAL_RATIO = 10
# A city at least this large beats a same-name state of its country ("New York").
MAJOR_CITY = 1_000_000


@dataclass(frozen=True)
class Preference:
    """The countries of an article, by how strongly they say where a place is.

    ``parties``: the countries of the event's actors and recipients; ``home``: the
    dateline's and the setting's country; ``named``: every country the article names, the
    most often named first."""

    parties: tuple[str, ...] = ()
    home: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    # What the text itself puts the place in: "Parkland, Florida" (a state or country).
    within: Candidate | None = None

    def order(self) -> tuple[str, ...]:
        """Every country, most telling first, each once."""
        return tuple(dict.fromkeys((*self.parties, *self.home, *self.named)))


Ranker = Callable[[Sequence[Candidate], Preference], "Candidate | None"]

GAZETTEER: Ledger[Ranker] = Ledger(
    "gazetteer", "Which of the places a name can mean an event location is; the first rule "
                 "that picks one wins (the article's countries: the event's parties, the "
                 "dateline and setting, then the countries it names).")


def _size(candidate: Candidate) -> tuple[bool, bool, bool, bool, int]:
    """Sort key among same-name places of one tier: a national capital, a city of a
    million, a state, a place by its own name, then population."""
    return (candidate.capital, candidate.population >= MAJOR_CITY, candidate.kind == "state",
            candidate.primary, candidate.population)


@GAZETTEER.rule("qualified", example="a shooting in Parkland, Florida")
def _qualified(found: Sequence[Candidate], prefer: Preference) -> Candidate | None:
    """A name followed by its state or country ("Parkland, Florida"; "Valencia,
    Venezuela") means the place inside it."""
    within = prefer.within
    if within is None or within.place.country is None:
        return None
    inside = [c for c in found if c.place.country == within.place.country
              and (within.kind != "state" or c.admin1 == within.admin1)]
    return max(inside, key=_size) if inside else None


@GAZETTEER.rule("venue", example="Trump hosted Merkel at the White House")
def _venue(found: Sequence[Candidate], prefer: Preference) -> Candidate | None:
    """A curated venue (``data/places/venues.tsv``) is meant before any same-name place:
    the White House is in Washington, although Casablanca is also called "White House"."""
    return next((c for c in found if c.kind == "venue"), None)


@GAZETTEER.rule("home-state", example="Clinton held a rally in Georgia (a story set in the US)")
def _home_state(found: Sequence[Candidate], prefer: Preference) -> Candidate | None:
    """A state or region of the article's home country (dateline or setting) beats a
    same-name country that is not itself home or a party to the event."""
    inside = [c for c in found if c.kind in ("state", "region")
              and c.place.country in prefer.home]
    abroad = [c for c in found if c.kind == "country" and c.place.country not in prefer.home
              and c.place.country not in prefer.parties]
    return inside[0] if inside and abroad else None


@GAZETTEER.rule("named-country", example="protests in Jordan")
def _named_country(found: Sequence[Candidate], prefer: Preference) -> Candidate | None:
    """A country, territory or curated region by name beats same-name towns (Jordan,
    Minnesota; Lebanon, Pennsylvania)."""
    return next((c for c in found if c.kind in ("country", "region")), None)


def _in_article(found: Sequence[Candidate], prefer: Preference) -> list[Candidate]:
    """The candidates in the most telling article country that has any."""
    for country in prefer.order():
        inside = [c for c in found if c.place.country == country]
        if inside:
            return inside
    return []


@GAZETTEER.rule("foreign-capital", example="Trump will travel to Paris (a story about Texas)")
def _foreign_capital(found: Sequence[Candidate], prefer: Preference) -> Candidate | None:
    """A national capital beats the same-name places of the article's countries when it
    is at least ten times as large as each (Paris, France over Paris, Texas)."""
    inside = _in_article(found, prefer)
    if not inside:
        return None
    for capital in sorted((c for c in found if c.capital and c not in inside),
                          key=lambda c: -c.population):
        if all(capital.population >= CAPITAL_RATIO * c.population for c in inside):
            return capital
    return None


@GAZETTEER.rule("article-country", example="a rally in Birmingham (a story set in Alabama)")
def _article_country(found: Sequence[Candidate], prefer: Preference) -> Candidate | None:
    """A place in a country of the article beats a larger same-name place abroad: of the
    most telling country that has one, its capital, a city of a million, a state, a place
    by its own name, then the most populous."""
    inside = _in_article(found, prefer)
    return max(inside, key=_size) if inside else None


@GAZETTEER.rule("most-populous", example="an attack in Hama")
def _most_populous(found: Sequence[Candidate], prefer: Preference) -> Candidate | None:
    """Otherwise a capital, a city of a million, a state, a place by its own name, then
    the most populous."""
    return max(found, key=_size) if found else None


def choose(found: Sequence[Candidate], prefer: Preference | None = None) -> Candidate | None:
    """The candidate the ``gazetteer`` ledger picks (None when there is none)."""
    prefer = prefer or Preference()
    for rule in GAZETTEER:
        picked = rule.func(found, prefer)
        if picked is not None:
            return picked
    return None


def geocode(text: str, prefer: Preference | None = None) -> Place | None:
    """Resolve a place name (``"Brussels"``, ``"the Gaza Strip"``) to a :class:`Place`,
    ranking same-name places by the article's countries (``prefer``)."""
    picked = choose(lookup(text), prefer)
    return None if picked is None else picked.place
