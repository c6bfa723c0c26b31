"""Normalise the many date spellings found in feeds and metadata to ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from communique.errors import UsageError

_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y",
    "%B %d %Y", "%b. %d, %Y", "%Y%m%d",
)
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def normalize_date(value: object) -> str | None:
    """Return ``value`` as an ISO date string, or ``None`` when it holds no usable date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if value > 1e11:  # epoch milliseconds
            value = value / 1000
        try:
            return datetime.utcfromtimestamp(float(value)).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_PREFIX.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def parse_user_date(value: str) -> str:
    """Validate a ``--published`` value (``YYYY-MM-DD``) or raise :class:`UsageError`."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--published must be a date as YYYY-MM-DD, got {value!r}") from None
