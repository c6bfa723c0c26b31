"""Validation of request parameters: every value a URL carries is checked here.

Pages and API endpoints share these helpers so both answer 400 with the same message for
the same bad input. Limits are deliberate: page sizes are bounded so no request can ask
the server to render the whole corpus as HTML (the explorer's CSV and JSON downloads are
where every row of a view goes), and text parameters are bounded so FTS queries stay
cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from communique.errors import ParameterError, UsageError
from communique.store.filters import check_date

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Paging deeper than this is what the exports are for (`communique export`).
MAX_OFFSET = 10_000
MAX_TEXT = 200
MAX_ID = 300

# Country and CAMEO actor codes: letters and digits only (RUS, RUSGOV, IGOUNOGOV).
# Patterns are applied with ``fullmatch``: ``$`` also matches before a final newline, so
# ``^...$`` with ``match`` let ``/dyad/RUS%0A/CHN`` through as the code "RUS\n".
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,19}")
# PLOVER types (CONSULT) or CAMEO code prefixes (036).
_TYPE = re.compile(r"[A-Za-z_]{2,20}|[0-9]{1,4}")


def text(params: Mapping[str, str], name: str, *, max_length: int = MAX_TEXT) -> str | None:
    """An optional free-text parameter, stripped; ``None`` when absent or blank."""
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > max_length:
        raise ParameterError(f"{name} is longer than {max_length} characters")
    if any(ord(c) < 32 for c in value):
        raise ParameterError(f"{name} contains control characters")
    return value


def integer(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    """An integer parameter within ``[low, high]``."""
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"-?[0-9]{1,9}", raw):
        raise ParameterError(f"{name} must be an integer, got {raw[:40]!r}")
    value = int(raw)
    if not low <= value <= high:
        raise ParameterError(f"{name} must be between {low} and {high}, got {value}")
    return value


def page(params: Mapping[str, str], default: int = DEFAULT_LIMIT) -> tuple[int, int]:
    """``(limit, offset)`` of a paged list, both bounded."""
    return (integer(params, "limit", default, 1, MAX_LIMIT),
            integer(params, "offset", 0, 0, MAX_OFFSET))


def paging(params: Mapping[str, str], default: int = DEFAULT_LIMIT) -> tuple[int, int, int]:
    """``(limit, offset, page)`` of a list paged by page number (``page``, from 1) or, as
    the API always allowed, by ``offset``; giving both is an error."""
    limit = integer(params, "limit", default, 1, MAX_LIMIT)
    if params.get("page") and params.get("offset"):
        raise ParameterError("give page or offset, not both")
    if params.get("offset"):
        offset = integer(params, "offset", 0, 0, MAX_OFFSET)
        return limit, offset, offset // limit + 1
    last = MAX_OFFSET // limit + 1
    if (params.get("page") or "").strip().isdigit() and int(params["page"]) > last:
        raise ParameterError(f"page must be at most {last} with {limit} rows a page; "
                             "download the whole view with format=csv or format=json")
    number = integer(params, "page", 1, 1, last)
    return limit, (number - 1) * limit, number


def fraction(params: Mapping[str, str], name: str) -> float | None:
    """An optional number between 0 and 1 (``min_confidence=0.6``)."""
    raw = text(params, name, max_length=20)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ParameterError(f"{name} must be a number between 0 and 1, "
                             f"got {raw!r}") from None
    if not 0.0 <= value <= 1.0:  # also rejects nan
        raise ParameterError(f"{name} must be between 0 and 1, got {raw}")
    return value


def choice(params: Mapping[str, str], name: str, options: Iterable[str], default: str) -> str:
    """One of ``options`` (``sort=newest``, ``format=csv``); ``default`` when absent."""
    allowed = tuple(options)
    value = text(params, name, max_length=40)
    if value is None:
        return default
    if value not in allowed:
        raise ParameterError(f"{name} must be one of {', '.join(allowed)}, "
                             f"got {value[:40]!r}")
    return value


def optional_code(params: Mapping[str, str], name: str) -> str | None:
    """An optional country or actor code given as a query parameter (``actor=RUS``)."""
    value = text(params, name, max_length=20)
    return code(value, name) if value else None


def iso_date(params: Mapping[str, str], name: str) -> str | None:
    """An optional ``YYYY-MM-DD`` date."""
    try:
        return check_date(text(params, name, max_length=10), name)
    except UsageError as exc:
        raise ParameterError(str(exc)) from None


def quad(params: Mapping[str, str], name: str = "quad") -> int | None:
    """An optional quad class, 1-4."""
    if not params.get(name):
        return None
    return integer(params, name, 0, 1, 4)


def event_type(params: Mapping[str, str], name: str = "type") -> str | None:
    """An optional PLOVER type or CAMEO code prefix."""
    value = text(params, name, max_length=20)
    if value is not None and not _TYPE.fullmatch(value):
        raise ParameterError(f"{name} must be a PLOVER type or CAMEO code, got {value!r}")
    return value.upper() if value else None


def code(value: str, name: str) -> str:
    """A country or actor code given in a path (``/dyad/RUS/CHN``), upper-cased."""
    if not _CODE.fullmatch(value):
        raise ParameterError(f"{name} must be a country or actor code such as RUS or "
                             f"RUSGOV, got {value[:40]!r}")
    return value.upper()


def identifier(value: str, name: str) -> str:
    """An article or actor id given in a path: bounded, no control characters."""
    if not value or len(value) > MAX_ID or any(ord(c) < 32 for c in value):
        raise ParameterError(f"invalid {name}")
    return value
