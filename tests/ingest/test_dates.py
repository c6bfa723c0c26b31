"""Date normalisation for metadata, and validation of --published."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from communique.errors import UsageError
from communique.ingest.dates import normalize_date, parse_user_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-04-09", "2024-04-09"),
        ("2024-04-09T23:30:00-05:00", "2024-04-09"),
        ("2024/4/9", "2024-04-09"),
        ("20240409", "2024-04-09"),
        ("April 9, 2024", "2024-04-09"),
        ("Apr. 9 2024", "2024-04-09"),
        ("Tuesday, April 9th, 2024 10:32 AM EDT", "2024-04-09"),
        ("Sept. 30, 2023", "2023-09-30"),
        ("9 April 2024", "2024-04-09"),
        ("9th of April, 2024", "2024-04-09"),
        ("09.04.2024", "2024-04-09"),
        ("25/12/2023", "2023-12-25"),
        ("12/25/2023", "2023-12-25"),
        ("Tue, 09 Apr 2024 10:00:00 GMT", "2024-04-09"),
        (1712620800, "2024-04-09"),
        (1712620800000, "2024-04-09"),
        ("1712620800", "2024-04-09"),
        (date(2024, 4, 9), "2024-04-09"),
        (datetime(2024, 4, 9, 22, 0), "2024-04-09"),
    ],
)
def test_normalize_date(value: object, expected: str) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "yesterday", "2024-02-30", "04/09/2024", "Smarch 9, 2024", True,
     "0001-01-01"],
)
def test_no_date(value: object) -> None:
    assert normalize_date(value) is None


def test_parse_user_date() -> None:
    assert parse_user_date("2024-04-09") == "2024-04-09"
    assert parse_user_date(" 2024-04-09 ") == "2024-04-09"


@pytest.mark.parametrize("value", ["2024-4-9", "09.04.2024", "2024-02-30", "20240409",
                                   "2024-W15-2", "tomorrow", ""])
def test_parse_user_date_rejects(value: str) -> None:
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        parse_user_date(value)


def test_dates_outside_1800_to_next_year_are_no_dates() -> None:
    assert normalize_date(99999999999999) is None  # the year 5138 in epoch milliseconds
    assert normalize_date("99999999999999") is None
    assert normalize_date(f"{date.today().year + 5}-01-01") is None
    assert normalize_date("1712620800") == "2024-04-09"
    with pytest.raises(UsageError, match="between"):
        parse_user_date("2999-01-01")
