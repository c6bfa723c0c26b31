"""Date resolution against the publication date (2024-04-09 was a Tuesday)."""

from __future__ import annotations

from datetime import date

import pytest

from communique.events.dates import last_day, parse_published, resolve

PUB = date(2024, 4, 9)


@pytest.mark.parametrize(
    ("text", "value", "resolution"),
    [
        ("Tuesday", "2024-04-09", "day"),
        ("on Monday", "2024-04-08", "day"),
        ("Friday", "2024-04-05", "day"),
        ("Tuesday afternoon", "2024-04-09", "day"),
        ("last week", "2024-W14", "week"),
        ("this week", "2024-W15", "week"),
        ("in October", "2023-10", "month"),
        ("April", "2024-04", "month"),
        ("last month", "2024-03", "month"),
        ("yesterday", "2024-04-08", "day"),
        ("March 5", "2024-03-05", "day"),
        ("5 May", "2023-05-05", "day"),
        ("April 5, 2021", "2021-04-05", "day"),
        ("2019", "2019", "year"),
        ("two weeks ago", "2024-W13", "week"),
    ],
)
def test_relative_and_absolute(text: str, value: str, resolution: str) -> None:
    got = resolve(text, PUB)
    assert (got["value"], got["resolution"]) == (value, resolution)
    assert got["text"] == text


def test_without_publication_date_relative_stays_unknown() -> None:
    assert resolve("Tuesday", None) == {"text": "Tuesday", "value": None,
                                        "resolution": "unknown"}
    assert resolve("April 5, 2021", None)["value"] == "2021-04-05"


def test_unresolvable_is_unknown() -> None:
    assert resolve("recent years", PUB)["resolution"] == "unknown"


def test_last_day_and_published() -> None:
    assert last_day("2023-10") == date(2023, 10, 31)
    assert last_day("2024-W14") == date(2024, 4, 7)
    assert last_day("2019") == date(2019, 12, 31)
    assert parse_published("2024-04-09T10:00:00Z") == PUB
    assert parse_published("yesterday") is None
