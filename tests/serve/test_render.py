"""Highlighting, charts and parameter validation, without a server."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar

import pytest

from communique.errors import ParameterError
from communique.serve import charts, highlight, params


class _Balance(HTMLParser):
    """Checks tags are properly nested and records every tag seen."""

    VOID: ClassVar[set[str]] = {"br", "img", "input", "meta", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()


def _parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    return parser


def test_overlapping_spans_give_flat_well_formed_html() -> None:
    text = 'He said "<script>x</script> talks" and Russia met China.'
    document = {
        "entities": [{"name": "Russia", "code": "RUS", "mentions": [
            {"start": 39, "end": 45}]}, {"name": "He", "mentions": [{"start": 0, "end": 2}]}],
        "quotes": [{"id": "Q1", "start": 9, "end": 33, "text": "...",
                    "speaker": {"name": "He", "start": 0, "end": 2}}],
        "events": [{"id": "ev-1", "plover": "CONSULT", "cameo": "040",
                    "trigger": {"start": 28, "end": 33}},
                   {"id": "ev-2", "plover": "CONSULT", "cameo": "040",
                    "trigger": {"start": 46, "end": 49}}],
    }
    html = str(highlight.render(text, highlight.collect_spans(document), {"Q1": "He"}))
    parsed = _parse(html)
    assert "script" not in parsed.tags
    assert "&lt;script&gt;" in html
    assert 'href="#event-ev-1"' in html and 'href="#quote-Q1"' in html
    assert 'href="/actor/Russia"' in html
    # links never nest: the trigger inside the quote is its own piece
    assert re.search(r'<a class="hl hl-quote hl-trigger" href="#event-ev-1"', html)
    # the text survives unchanged once tags are stripped and entities unescaped
    import html as htmllib
    plain = htmllib.unescape(re.sub(r"<[^>]+>", "", html.replace("He ▸", "")))
    assert plain == text


def test_out_of_range_spans_are_ignored() -> None:
    spans = [highlight.Span(5, 500, "quote", "Q1", "x"), highlight.Span(3, 2, "entity", "A", "")]
    assert str(highlight.render("short", spans)) == "short"


def test_chart_is_svg_with_bars_and_escaped_labels() -> None:
    rows = [{"period": "2024-01", "quad1": 2, "quad2": 0, "quad3": 1, "quad4": 1, "events": 4,
             "mean_goldstein": -1.5},
            {"period": "<b>2024-02</b>", "quad1": 1, "quad2": 1, "quad3": 0, "quad4": 0,
             "events": 2, "mean_goldstein": 3.0}]
    svg = str(charts.quad_chart(rows, title='t"<x>'))
    parsed = _parse(svg)
    assert parsed.tags.count("rect") >= 5 + 4  # 5 bars + 4 legend swatches
    assert "polyline" in parsed.tags
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert "No dated events" in str(charts.quad_chart([], title="empty"))


@pytest.mark.parametrize(("query", "message"), [
    ({"limit": "0"}, "limit"), ({"limit": "201"}, "limit"), ({"limit": "abc"}, "integer"),
    ({"offset": "-1"}, "offset"), ({"offset": "99999999"}, "offset"),
])
def test_page_bounds(query: dict[str, str], message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        params.page(query)


def test_validators() -> None:
    assert params.page({}) == (params.DEFAULT_LIMIT, 0)
    assert params.iso_date({"since": "2024-03-01"}, "since") == "2024-03-01"
    with pytest.raises(ParameterError):
        params.iso_date({"since": "March"}, "since")
    assert params.code("rusgov", "actor") == "RUSGOV"
    for bad in ("R", "RUS;DROP", "../etc", "R U S"):
        with pytest.raises(ParameterError):
            params.code(bad, "actor")
    assert params.event_type({"type": "consult"}) == "CONSULT"
    with pytest.raises(ParameterError):
        params.event_type({"type": "a b"})
    with pytest.raises(ParameterError):
        params.text({"q": "x" * 201}, "q")
    with pytest.raises(ParameterError):
        params.identifier("a\x00b", "article id")


def test_fill_months_makes_a_real_time_axis() -> None:
    rows = [{"period": "2023-11", "quad1": 1, "events": 1, "mean_goldstein": 1.0},
            {"period": "2024-02", "quad4": 2, "events": 2, "mean_goldstein": -9.0}]
    filled = charts.fill_months(rows)
    assert [r["period"] for r in filled] == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert filled[1]["events"] == 0 and filled[1]["mean_goldstein"] is None
    far = [{"period": "1900-01", "events": 1}, {"period": "2024-01", "events": 1}]
    assert charts.fill_months(far) == far
    weeks = [{"period": "2024-W01", "events": 1}]
    assert charts.fill_months(weeks) == weeks
