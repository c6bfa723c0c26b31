"""Resolve date expressions ("Tuesday", "last week", "in October", "April 5") to ISO values.

Relative expressions are resolved against the article's publication date, as wire copy
means them: a bare weekday is the most recent such day on or before publication ("said
Tuesday" in a Tuesday story is that day), a bare month the most recent such month that is
not after the publication month. Values: a day ``YYYY-MM-DD``, an ISO week ``YYYY-Www``, a
month ``YYYY-MM`` or a year ``YYYY``. Without a publication date only absolute expressions
resolve; others keep their text with resolution ``unknown``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word[:4] if word.startswith("sept") else word[:3]) if len(word) <= 4 \
        else None


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_published(value: str | None) -> date | None:
    """``YYYY-MM-DD`` (or a longer ISO timestamp) -> date; anything else -> None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve(text: str, published: date | None) -> dict[str, Any]:
    """``{"text", "value", "resolution"}`` for a date expression."""
    value, resolution = _resolve(text.strip().lower(), published)
    if value is None:
        resolution = "unknown"
    return {"text": text.strip(), "value": value, "resolution": resolution}


def _resolve(t: str, pub: date | None) -> tuple[str | None, str]:
    t = re.sub(r"^(on|in|at|since|during|by|from|until|of)\s+", "", t)
    t = re.sub(r"\s+(morning|afternoon|evening|night)$", "", t)
    # Absolute forms first: they need no publication date.
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return _safe_day(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
    m = re.fullmatch(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", t) or None
    if m:
        month = _month(m.group(1))
        if month:
            return _safe_day(int(m.group(3)), month, int(m.group(2))), "day"
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})", t)
    if m:
        month = _month(m.group(2))
        if month:
            return _safe_day(int(m.group(3)), month, int(m.group(1))), "day"
    m = re.fullmatch(_MONTH_RE + r",?\s+(\d{4})", t)
    if m and _month(m.group(1)):
        return f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}", "month"
    m = re.fullmatch(r"(?:the\s+year\s+)?(\d{4})", t)
    if m:
        return m.group(1), "year"
    if pub is None:
        return None, "unknown"
    if t in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return pub.isoformat(), "day"
    if t in ("yesterday", "last night"):
        return (pub - timedelta(days=1)).isoformat(), "day"
    if t == "tomorrow":
        return (pub + timedelta(days=1)).isoformat(), "day"
    m = re.fullmatch(r"(last|this|next|earlier this|later this)?\s*(week|month|year)", t)
    if m:
        shift = {"last": -1, "next": 1}.get(m.group(1) or "this", 0)
        return _period(pub, m.group(2), shift)
    m = re.fullmatch(r"(last|this|next|past)?\s*(" + "|".join(WEEKDAYS) + r")", t)
    if m:
        target = WEEKDAYS.index(m.group(2))
        delta = (pub.weekday() - target) % 7
        if m.group(1) == "next":
            delta = -((target - pub.weekday()) % 7 or 7)
        elif m.group(1) == "last" and delta == 0:
            delta = 7
        return (pub - timedelta(days=delta)).isoformat(), "day"
    m = re.fullmatch(r"(last|this|next)?\s*" + _MONTH_RE, t)
    if m:
        month = _month(t.split()[-1])
        if month:
            year = pub.year if month <= pub.month else pub.year - 1
            if m.group(1) == "next":
                year = pub.year if month > pub.month else pub.year + 1
            elif m.group(1) == "last" and month == pub.month:
                year -= 1
            return f"{year:04d}-{month:02d}", "month"
    m = re.fullmatch(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?", t) or re.fullmatch(
        r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE, t)
    if m:
        a, b = m.group(1), m.group(2)
        month, day = (_month(a), int(b)) if not a.isdigit() else (_month(b), int(a))
        if month:
            year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
            return _safe_day(year, month, day), "day"
    m = re.fullmatch(r"(\d+|a|one|two|three|four|five|six|seven|ten)\s+(day|week|month|year)s?\s+"
                     r"ago", t)
    if m:
        words = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "ten": 10}
        n = int(m.group(1)) if m.group(1).isdigit() else words[m.group(1)]
        unit = m.group(2)
        if unit == "day":
            return (pub - timedelta(days=n)).isoformat(), "day"
        return _period(pub, unit, -n)
    return None, "unknown"


def _safe_day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _period(pub: date, unit: str, shift: int) -> tuple[str, str]:
    if unit == "week":
        return _week(pub + timedelta(weeks=shift)), "week"
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + shift
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{pub.year + shift:04d}", "year"


def last_day(value: str | None) -> date | None:
    """The last day a resolved value can mean (for the 30-day historical test).

    A month or week counts from its last day, so "in March" in an April 9 story is not
    historical before it is really more than 30 days old.
    """
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        if re.fullmatch(r"\d{4}-W\d{2}", value):
            return date.fromisocalendar(int(value[:4]), int(value[6:]), 7)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 12, 31)
    except ValueError:
        return None
    return None
