"""Highlighting, charts and parameter validation, without a server."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import ClassVar

import pytest

from communique.errors import ParameterError
from communique.serve import highlight, params


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


def test_chart_data_cannot_close_its_script_block() -> None:
    """Charts are drawn in the browser from JSON in a script block: a title or period
    holding ``</script>`` must stay text inside it."""
    from communique.serve.app import _environment

    timeline = {"first": "2024-01", "last": "2024-01", "dated": 1, "before": 0, "after": 0,
                "year_only": {}, "undated": 0,
                "rows": [{"period": "</script><script>alert(1)</script>", "quad1": 1,
                          "quad2": 0, "quad3": 0, "quad4": 0, "events": 1,
                          "mean_goldstein": 1.0}]}
    template = _environment().from_string(
        '{% from "_macros.html" import quad_chart %}{{ quad_chart(t, title=title) }}')
    html = template.render(t=timeline, title='t"</script><b>')
    parsed = _parse(html)
    assert parsed.tags.count("script") == 1 and "b" not in parsed.tags
    body = html.split('class="chart-data">', 1)[1].split("</script>", 1)[0]
    spec = json.loads(body)
    assert spec["title"] == 't"</script><b>'
    assert spec["rows"][0]["period"].startswith("</script>")


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
    # A final newline too: ``$`` matches before it, so ``^...$`` patterns accepted "RUS\n".
    for bad in ("R", "RUS;DROP", "../etc", "R U S", "RUS\n", "RUS\r\n", "\nRUS"):
        with pytest.raises(ParameterError):
            params.code(bad, "actor")
    assert params.event_type({"type": "consult"}) == "CONSULT"
    with pytest.raises(ParameterError):
        params.event_type({"type": "a b"})
    with pytest.raises(ParameterError):
        params.text({"q": "x" * 201}, "q")
    with pytest.raises(ParameterError):
        params.identifier("a\x00b", "article id")
