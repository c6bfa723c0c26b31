"""The period (day, ISO week, month) a merged event falls in, from its date at whatever
resolution the text gave it: one function for every table and chart that counts events
per period (``communique dyad --by``, ``Corpus.dyad``, the dashboard and dyad charts of
``communique.store.timeline``), so a month-dated event ("in March") is counted in its
month everywhere or nowhere.

The date of a merged event is ``corpus_events.date`` (a day) when there is one, else the
representative mention's stored period (``events.date_value``: ``2024-03``, ``2024-W10``
or ``2024``) with its resolution. :func:`event_period` maps such a pair onto a period:

- a day falls in its day, its ISO week and its month;
- a week falls in itself and in the month of its Monday, but in no day;
- a month falls in itself only (not in a day nor a week: it spans several);
- a year, an unparsable value or no date falls in no period.
"""

from __future__ import annotations

from datetime import date

# Date resolutions coarser than a day: the stored value is a period ("2014-03").
PERIOD_RESOLUTIONS = ("week", "month", "year")

# What rows of a per-period table can count: ``communique dyad --by``.
PERIODS = ("day", "week", "month")


def period_start(value: str, resolution: str) -> str | None:
    """First day of a stored period value: ``2014-W10`` -> the Monday of that ISO week,
    ``2014-03`` -> 2014-03-01, ``2014`` -> 2014-01-01; None when it does not parse."""
    try:
        if resolution == "week":
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week), 1).isoformat()
        if resolution == "month":
            year, month = value.split("-")[:2]
            return date(int(year), int(month), 1).isoformat()
        if resolution == "year":
            return date(int(value[:4]), 1, 1).isoformat()
    except ValueError:
        return None
    return None


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_period(value: str | None, resolution: str | None, by: str = "month") -> str | None:
    """The period of kind ``by`` (day ``2024-03-05``, ISO week ``2024-W10``, month
    ``2024-03``) an event dated ``value`` at ``resolution`` falls in, or ``None`` when its
    date is coarser than ``by`` or missing (see the module docstring).

    A value of ten characters or more is a day whatever resolution is stored beside it
    (the merged event's day with resolution ``publication``, say).
    """
    if by not in PERIODS:
        raise ValueError(f"a period is one of {', '.join(PERIODS)}, not {by!r}")
    if not value:
        return None
    if len(value) >= 10 or resolution not in PERIOD_RESOLUTIONS:
        day = _day(value) if len(value) >= 10 else None
        if day is None:
            # Not a day: a bare "2024-03" with no resolution stored is still a month.
            return _month_value(value) if by == "month" else None
        if by == "day":
            return day.isoformat()
        if by == "week":
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"
        return day.strftime("%Y-%m")
    if resolution == "week" and by != "day":
        start = period_start(value, "week")
        if start is None:
            return None
        if by == "month":
            return start[:7]
        year, week, _ = date.fromisoformat(start).isocalendar()
        return f"{year}-W{week:02d}"
    if resolution == "month" and by == "month":
        return _month_value(value)
    return None


def _month_value(value: str) -> str | None:
    month = value[:7]
    if len(month) == 7 and month[4] == "-" and month[:4].isdigit() and month[5:].isdigit() \
            and 1 <= int(month[5:]) <= 12:
        return month
    return None


def month_of(value: str | None, resolution: str | None) -> str | None:
    """The month (``YYYY-MM``) an event date falls in: :func:`event_period` by month."""
    return event_period(value, resolution, "month")
