"""What a chart of events per month shows: the data ``static/charts.js`` draws with d3.

The pages embed :func:`chart_spec` as JSON (``<script type="application/json">``, which
the Content-Security-Policy lets through because it never runs) and the vendored d3
(``static/vendor/``) draws it in the browser: stacked bars by quad class, the mean
Goldstein line with gaps for empty months, month labels thinned so they never overlap.
The numbers come from :func:`communique.store.timeline.quad_timeline`; :func:`notes` says
in words which events are not on the chart and why.
"""

from __future__ import annotations

from typing import Any

Record = dict[str, Any]

# Quad class -> (name, colour): the charts' stacks and the quad badges of every page.
QUADS = {
    1: ("Verbal cooperation", "#7fbf7b"),
    2: ("Material cooperation", "#1b7837"),
    3: ("Verbal conflict", "#f4a582"),
    4: ("Material conflict", "#b2182b"),
}


def chart_spec(timeline: Record, *, title: str, goldstein: bool = True) -> Record:
    """The JSON a quad chart is drawn from: its ``title``, the quad classes with their
    colours, whether to draw the mean Goldstein line, the span and the monthly rows."""
    return {
        "title": title, "goldstein": goldstein,
        "quads": [{"quad": q, "name": name, "colour": colour}
                  for q, (name, colour) in QUADS.items()],
        "first": timeline.get("first"), "last": timeline.get("last"),
        "rows": timeline.get("rows") or [],
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def notes(timeline: Record) -> list[str]:
    """Sentences under a chart: what it covers and every event that is not on it."""
    lines = []
    if timeline.get("first"):
        span = (timeline["first"] if timeline["first"] == timeline["last"]
                else f"{timeline['first']} to {timeline['last']}")
        lines.append(f"{_plural(int(timeline['dated']), 'event')} by month, {span} (the "
                     "months the corpus's articles were published); events dated only to a "
                     "month are counted in it.")
    years = timeline.get("year_only") or {}
    if years:
        each = ", ".join(f"{year}: {n}" for year, n in years.items())
        lines.append(f"Not on the chart: {_plural(sum(years.values()), 'event')} dated only "
                     f"to a year ({each}).")
    if timeline.get("before") or timeline.get("after"):
        lines.append(f"Not on the chart: {timeline['before']} dated before "
                     f"{timeline['first']} and {timeline['after']} after {timeline['last']} "
                     "(outside the articles' dates).")
    if timeline.get("undated"):
        lines.append(f"Not on the chart: {_plural(int(timeline['undated']), 'event')} "
                     "without a date.")
    return lines
