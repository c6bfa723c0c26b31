"""Server-rendered SVG charts: events per period by quad class, with mean Goldstein.

SVG built on the server needs no JavaScript library and no CDN, prints, and is testable as
text. Labels go through ``markupsafe.escape``; numbers are formatted by this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

QUADS = {
    1: ("Verbal cooperation", "#7fbf7b"),
    2: ("Material cooperation", "#1b7837"),
    3: ("Verbal conflict", "#f4a582"),
    4: ("Material conflict", "#b2182b"),
}
_W, _H = 760, 280
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 44, 16, 58


def _nice_max(value: int) -> int:
    """The top of the count axis: four gridline steps of a round size covering ``value``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 4:
            return step * 4
    return value


def fill_months(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with an empty row for every month missing between the first and the last,
    so the x axis is real time. Left as they are unless every period is ``YYYY-MM`` and
    the span is at most 50 years (a stray year-1900 date must not make 1,500 bars)."""
    periods = [str(r["period"]) for r in rows]
    if not rows or not all(re.fullmatch(r"[0-9]{4}-[0-9]{2}", p) for p in periods):
        return list(rows)
    first, last = min(periods), max(periods)
    start = int(first[:4]) * 12 + int(first[5:]) - 1
    end = int(last[:4]) * 12 + int(last[5:]) - 1
    if end - start > 600:
        return list(rows)
    by_period = {str(r["period"]): r for r in rows}
    empty = {"quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0, "events": 0,
             "mean_goldstein": None}
    result = []
    for month in range(start, end + 1):
        period = f"{month // 12:04d}-{month % 12 + 1:02d}"
        result.append(by_period.get(period) or {"period": period, **empty})
    return result


def quad_chart(rows: Sequence[dict[str, Any]], *, title: str,
               goldstein: bool = True) -> Markup:
    """A stacked bar chart of ``rows`` (``period``, ``quad1``..``quad4``, ``mean_goldstein``).

    With ``goldstein`` the mean Goldstein score of each period is drawn as a line on a
    right-hand axis from -10 to +10. An empty ``rows`` gives an SVG saying so, so pages
    never break on an empty corpus.
    """
    head = (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>')
    rows = fill_months(rows)
    if not rows:
        # A short box rather than a tall empty plot.
        return Markup(head.replace(f"0 0 {_W} {_H}", f"0 0 {_W} 60")
                      + f'<text x="{_W / 2}" y="36" text-anchor="middle" '
                      'class="chart-empty">No dated events</text></svg>')
    plot_w = _W - _LEFT - _RIGHT
    plot_h = _H - _TOP - _BOTTOM
    top = _nice_max(max(int(r.get("events") or 0) for r in rows) or 1)
    slot = plot_w / len(rows)
    bar = max(2.0, min(48.0, slot * 0.7))
    parts = [head]
    # y grid and left axis labels (event counts)
    for i in range(5):
        value = top * i / 4
        y = _TOP + plot_h - plot_h * i / 4
        parts.append(f'<line class="grid" x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/>')
        parts.append(f'<text class="axis" x="{_LEFT - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{value:g}</text>')
    label_every = max(1, len(rows) // 12)
    points: list[str] = []
    for i, row in enumerate(rows):
        x = _LEFT + slot * i + (slot - bar) / 2
        y = float(_TOP + plot_h)
        period = escape(str(row["period"]))
        for quad, (name, colour) in QUADS.items():
            n = int(row.get(f"quad{quad}") or 0)
            if not n:
                continue
            h = plot_h * n / top
            y -= h
            parts.append(f'<rect class="bar quad{quad}" x="{x:.1f}" y="{y:.1f}" '
                         f'width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                         f'<title>{period}: {n} × {escape(name)}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text class="axis" x="{x + bar / 2:.1f}" y="{_TOP + plot_h + 16}" '
                         f'text-anchor="middle">{period}</text>')
        mean = row.get("mean_goldstein")
        if goldstein and mean is not None:
            gy = _TOP + plot_h / 2 - (plot_h / 2) * float(mean) / 10
            points.append(f"{x + bar / 2:.1f},{gy:.1f}")
            parts.append(f'<circle class="goldstein-dot" cx="{x + bar / 2:.1f}" cy="{gy:.1f}" '
                         f'r="3"><title>{period}: mean Goldstein {float(mean):+.2f}'
                         '</title></circle>')
    if goldstein:
        for value in (-10, 0, 10):
            gy = _TOP + plot_h / 2 - (plot_h / 2) * value / 10
            parts.append(f'<text class="axis goldstein-axis" x="{_W - _RIGHT + 6}" '
                         f'y="{gy + 4:.1f}">{value:+d}</text>')
        if len(points) > 1:
            parts.append(f'<polyline class="goldstein" points="{" ".join(points)}"/>')
    # legend
    lx = _LEFT
    ly = _H - 18
    for quad, (name, colour) in QUADS.items():
        parts.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>'
                     f'<text class="legend" x="{lx + 14}" y="{ly}">{quad} {escape(name)}</text>')
        lx += 150
    if goldstein:
        parts.append(f'<line class="goldstein" x1="{lx}" x2="{lx + 14}" y1="{ly - 4}" '
                     f'y2="{ly - 4}"/><text class="legend" x="{lx + 18}" y="{ly}">'
                     'mean Goldstein</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
