"""Normalise the many date spellings found in feeds and metadata to ISO ``YYYY-MM-DD``.

Only unambiguous spellings are accepted: ``04/09/2024`` could be 9 April (US) or
4 September (UK), so such a value yields ``None`` rather than a guess; the caller
then falls back to another source or to ``--published``.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from communique.errors import UsageError

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# Year first (ISO and its slash/dot variants), with or without a time after it.
_YEAR_FIRST = re.compile(r"^\s*(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^\s*(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})\s*$")
# "April 9, 2024", "Apr. 9 2024", "Tuesday, April 9th, 2024 10:00 AM".
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b")
# "9 April 2024", "9th of April, 2024".
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")
# "09.04.2024" is day-first wherever dots are used; "9/4/2024" is ambiguous (see above).
_NUMERIC = re.compile(r"^\s*(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})\b")
_ISO_USER = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Epoch values above this are milliseconds (1e11 s is the year 5138).
_EPOCH_MS = 1e11
# A publication date is evidence only between 1800 and a year from now: "99999999999999"
# (epoch milliseconds of the year 5138) or a typo'd "2204" is no date, not a fact to store.
_MIN_YEAR = 1800


def _max_year() -> int:
    return date.today().year + 1


def _make(year: int, month: int, day: int) -> str | None:
    if not _MIN_YEAR <= year <= _max_year():
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_epoch(value: float) -> str | None:
    if value > _EPOCH_MS:
        value = value / 1000
    try:
        day = datetime.fromtimestamp(float(value), tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return _make(day.year, day.month, day.day)


def _from_text(text: str) -> str | None:
    match = _YEAR_FIRST.match(text) or _COMPACT.match(text)
    if match:
        return _make(int(match["year"]), int(match["month"]), int(match["day"]))
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        match = pattern.search(text)
        if match and match["month"].lower() in _MONTHS:
            return _make(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))
    match = _NUMERIC.match(text)
    if match:
        a, b = int(match["a"]), int(match["b"])
        if match["sep"] == "." or a > 12:
            return _make(int(match["year"]), b, a)
        if b > 12:
            return _make(int(match["year"]), a, b)
        return None  # ambiguous day/month order
    if text.isdigit() and len(text) >= 9:
        return _from_epoch(float(text))
    try:
        day = parsedate_to_datetime(text).date()  # RFC 2822 (RSS, HTTP)
    except (TypeError, ValueError, IndexError):
        return None
    return _make(day.year, day.month, day.day)


def normalize_date(value: object) -> str | None:
    """Return ``value`` as an ISO date string, or ``None`` when it holds no usable date.

    Accepts ``date``/``datetime`` objects, epoch seconds or milliseconds, ISO dates and
    datetimes, ``YYYYMMDD``, English month-name dates, dotted day-first dates, RFC 2822
    dates; an empty string, an invalid or an ambiguous date gives ``None``.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, date):  # a datetime is a date too
        day = value.date() if isinstance(value, datetime) else value
        return _make(day.year, day.month, day.day)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = str(value).strip()
    if not text:
        return None
    return _from_text(text)


def parse_user_date(value: str) -> str:
    """Validate a ``--published`` value (``YYYY-MM-DD``) or raise :class:`UsageError`."""
    if _ISO_USER.match(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if _MIN_YEAR <= day.year <= _max_year():
                return day.isoformat()
            raise UsageError(f"--published must lie between {_MIN_YEAR} and "
                             f"{_max_year()}, got {value!r}")
    raise UsageError(f"--published must be a real date written YYYY-MM-DD, got {value!r}")
