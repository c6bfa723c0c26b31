"""Events per month by quad class, on the corpus's own time axis: the data of every chart.

Three things a chart of event counts gets wrong when it only groups ``corpus_events.date``
by month, and which this module does instead:

- **the axis** spans the months of the corpus's articles (first to last publication
  month, :func:`corpus_span`), not the earliest and latest date any event mentions: one
  sentence about 1992 in a 2024 corpus must not stretch the axis over 32 empty years.
  Events dated outside that span are counted (``before``/``after``), not drawn;
- **coarse dates**: an event dated only to a month ("in March") has no day, so the merged
  event's ``date`` is empty; its month comes from the representative mention's stored
  period (``2024-03``), and a week (``2024-W10``) counts in the month of its Monday. An
  event dated only to a year cannot sit in a month: it is counted by year (``year_only``);
- **gaps**: every month of the span has a row, an empty month with zero events and no
  mean Goldstein (``None``), so a chart can leave a gap there instead of drawing a line
  across it.

The rows keep the shape ``communique dyad --by month`` prints (``period``, ``quad1`` ..
``quad4``, ``events``, ``mean_goldstein``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from communique.errors import UsageError
from communique.store.explore import EVENT_FROM
from communique.store.filters import EventFilter
from communique.store.periods import PERIODS, event_period

Record = dict[str, Any]

# A publication date or event date whose first seven characters are a month.
_MONTH_GLOB = "[0-9][0-9][0-9][0-9]-[0-1][0-9]*"


def month_index(month: str) -> int:
    """``YYYY-MM`` as a count of months (for ranges and gaps)."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(index: int) -> str:
    """The inverse of :func:`month_index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def corpus_span(conn: sqlite3.Connection) -> tuple[str, str] | None:
    """First and last month (``YYYY-MM``) in which the corpus's articles were published;
    ``None`` when no article has a publication date."""
    row = conn.execute(
        "SELECT min(substr(published, 1, 7)), max(substr(published, 1, 7)) FROM articles "
        "WHERE published GLOB ?", (_MONTH_GLOB,)).fetchone()
    if row is None or row[0] is None:
        return None
    return str(row[0]), str(row[1])


@dataclass
class _Month:
    """Counts of one month while they are added up."""

    quads: Counter[int] = field(default_factory=Counter)
    events: int = 0
    goldstein_sum: float = 0.0
    goldstein_n: int = 0

    def add(self, quad: int | None, n: int, total: float | None, scored: int) -> None:
        if quad in (1, 2, 3, 4):
            self.quads[quad] += n
        self.events += n
        self.goldstein_sum += float(total or 0.0)
        self.goldstein_n += scored

    def row(self, period: str) -> Record:
        mean = (round(self.goldstein_sum / self.goldstein_n, 2) if self.goldstein_n
                else None)
        return {"period": period, **{f"quad{q}": self.quads[q] for q in (1, 2, 3, 4)},
                "events": self.events, "mean_goldstein": mean}


@dataclass
class PeriodCounts:
    """Matching merged events per period (:func:`period_counts`): ``periods`` maps each
    period that has events to their counts; events dated too coarsely for the period but
    to a year are in ``year_only`` (year -> events), the rest (no date, or a week or
    month when counting days) in ``undated``."""

    periods: dict[str, _Month]
    year_only: Counter[str]
    undated: int

    def rows(self) -> list[Record]:
        """One row per period with events, in order (no gap rows)."""
        return [self.periods[p].row(p) for p in sorted(self.periods)]


def period_counts(conn: sqlite3.Connection, flt: EventFilter, by: str) -> PeriodCounts:
    """Matching merged events counted by period (``by``: day, week or month) of their date
    at any resolution (:func:`communique.store.periods.event_period`): the rows of
    ``communique dyad --by`` and of every chart. Raises :class:`UsageError` for an unknown
    ``by``."""
    if by not in PERIODS:
        raise UsageError(f"--by must be {', '.join(PERIODS[:-1])} or {PERIODS[-1]}, "
                         f"not {by!r}")
    sql = ("SELECT coalesce(c.date, e.date_value), c.date_resolution, c.quad, count(*), "
           f"sum(c.goldstein), count(c.goldstein) FROM {EVENT_FROM}" + flt.sql()
           + " GROUP BY 1, 2, 3")
    counts = PeriodCounts({}, Counter(), 0)
    for value, resolution, quad, n, total, scored in conn.execute(sql, flt.params):
        period = event_period(value, resolution, by)
        if period is not None:
            counts.periods.setdefault(period, _Month()).add(quad, n, total, scored)
        elif resolution == "year" and value and value[:4].isdigit():
            counts.year_only[value[:4]] += n
        else:
            counts.undated += n
    return counts


def quad_timeline(conn: sqlite3.Connection, flt: EventFilter,
                  span: tuple[str, str] | None = None) -> Record:
    """Matching merged events per month of ``span`` (default :func:`corpus_span`; when the
    corpus has no publication dates, the months of the events themselves).

    Returns ``first``/``last`` (the span), ``rows`` (one per month of the span, gaps
    included), ``dated`` (events on the chart), ``before``/``after`` (dated outside the
    span), ``year_only`` (year -> events dated only to that year) and ``undated``.
    """
    counts = period_counts(conn, flt, "month")
    months, year_only = counts.periods, counts.year_only
    span = span or corpus_span(conn) or ((min(months), max(months)) if months else None)
    result: Record = {"first": None, "last": None, "rows": [], "dated": 0, "before": 0,
                      "after": 0, "year_only": dict(sorted(year_only.items())),
                      "undated": counts.undated}
    if span is None:
        return result
    first, last = month_index(span[0]), month_index(span[1])
    rows = [months.get(month_name(i), _Month()).row(month_name(i))
            for i in range(first, last + 1)]
    result.update(first=span[0], last=span[1], rows=rows,
                  dated=sum(r["events"] for r in rows),
                  before=sum(m.events for k, m in months.items() if month_index(k) < first),
                  after=sum(m.events for k, m in months.items() if month_index(k) > last))
    return result
