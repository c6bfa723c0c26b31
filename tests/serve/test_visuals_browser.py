"""The map, the dyad network and the charts in real headless Chromium, offline: the
browser resolves no host but 127.0.0.1, and every request a page made is checked to have
stayed on the test server. Screenshots go to artifacts/screenshots/; the module is
skipped, saying why, where livebrowser.missing_browser finds no Chromium.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from ..store.fixtures import build_db, document, event, ref
from .livebrowser import (
    browser_marks,
    by,
    chromium,
    live_server,
    no_alert,
    requested_urls,
    screenshot,
    wait_rendered,
    wait_url,
)

pytestmark = browser_marks()

# Shapes in the vendored Natural Earth 1:50m countries (241, five without an ISO code).
COUNTRY_SHAPES = 241


@pytest.fixture(scope="module")
def site(corpus_db: Path) -> Iterator[tuple[str, Any]]:
    """(base URL, offline WebDriver) over the ingested fixtures and samples."""
    with live_server(corpus_db) as base, chromium(offline=True) as driver:
        yield base, driver


def _open(driver: Any, url: str, picture: str) -> Any:
    """Load ``url``, wait until its script has drawn ``#picture`` and return the page's
    data (the JSON block ``picture-data``)."""
    driver.get(url)
    assert wait_rendered(driver, "#" + picture) == "true"
    return json.loads(driver.execute_script(
        "return document.getElementById(arguments[0]).textContent", picture + "-data"))


def _click(driver: Any, element: Any) -> None:
    """A click on an SVG element (Selenium's own click aims at the middle of its box,
    which for a path or a country may be another element)."""
    driver.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", element)


def _stayed_home(driver: Any, base: str) -> None:
    urls = requested_urls(driver)
    assert len(urls) > 2
    assert all(url.startswith(base + "/") for url in urls), urls
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def _css(driver: Any, selector: str) -> list[Any]:
    return list(driver.find_elements(by("CSS_SELECTOR"), selector))


# -- map ---------------------------------------------------------------------------------


def test_map_renders_offline_with_countries_and_places(site: tuple[str, Any]) -> None:
    base, driver = site
    data = _open(driver, base + "/map", "map")
    assert len(_css(driver, "svg.map path.country")) == COUNTRY_SHAPES
    shaded = {p.get_attribute("data-iso3") for p in _css(driver, "path.country.has-events")}
    # every count that is a country is shaded; the others are named under the map
    codes = {c["country"] for c in data["countries"]}
    assert shaded == codes - {"UNO", "EUR", "NGO"}
    assert "UNO (5)" in driver.find_element(by("ID"), "map-undrawn").text
    places = {c.get_attribute("data-name"): c for c in _css(driver, "circle.place")}
    # Beijing and Manila from their sentences; the others are country-level places from
    # the articles' datelines and settings
    assert set(places) == {p["name"] for p in data["places"]} == {
        "Beijing", "Manila", "Belarus", "Sudan", "Kenya", "Bangladesh"}
    assert "exact" in places["Beijing"].get_attribute("class")
    assert "country-level" in places["Sudan"].get_attribute("class")
    # the points sit on their countries: Beijing inside China's box, Sudan inside Sudan's
    for name, iso3 in (("Beijing", "CHN"), ("Sudan", "SDN"), ("Manila", "PHL")):
        inside = driver.execute_script(
            "var c = arguments[0], b = document.querySelector("
            "'path.country[data-iso3=\"' + arguments[1] + '\"]').getBBox();"
            "var x = +c.getAttribute('cx'), y = +c.getAttribute('cy');"
            "return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;",
            places[name], iso3)
        assert inside, name
    _stayed_home(driver, base)
    screenshot(driver, "map", full_page=True)


def test_map_filters_from_the_url_and_opens_a_countrys_events(site: tuple[str, Any]) -> None:
    base, driver = site
    data = _open(driver, base + "/map?actor=RUS&by=recipient", "map")
    assert data["filters"] == {"actor": "RUS"} and data["by"] == "recipient"
    shaded = {p.get_attribute("data-iso3") for p in _css(driver, "path.country.has-events")}
    assert shaded == {c["country"] for c in data["countries"]}
    assert {"CHN", "USA"} <= shaded and "KEN" not in shaded
    assert driver.find_element(by("NAME"), "actor").get_attribute("value") == "RUS"
    china = driver.find_element(by("CSS_SELECTOR"), 'path.country[data-iso3="CHN"]')
    _click(driver, china)
    wait_url(driver, "/events?actor=RUS&recipient=CHN")
    expected = next(c["events"] for c in data["countries"] if c["country"] == "CHN")
    assert int(driver.find_element(by("ID"), "total").text) == expected
    no_alert(driver)


# -- network -----------------------------------------------------------------------------


def test_network_renders_offline_with_a_node_per_actor(site: tuple[str, Any]) -> None:
    base, driver = site
    data = _open(driver, base + "/network", "network")
    nodes = _css(driver, "circle.node")
    edges = _css(driver, "path.edge")
    assert {n.get_attribute("data-id") for n in nodes} == {n["id"] for n in data["nodes"]}
    assert len(edges) == len(data["edges"]) == data["pairs"] > 5
    assert {(e.get_attribute("data-source"), e.get_attribute("data-target"))
            for e in edges} == {(e["source"], e["target"]) for e in data["edges"]}
    # laid out: inside the picture, no two nodes on top of each other
    centres = driver.execute_script(
        "return Array.from(document.querySelectorAll('a.node-link')).map(function (a) {"
        "var m = a.transform.baseVal.consolidate().matrix; return [m.e, m.f]; });")
    assert all(0 < x < 960 and 0 < y < 620 for x, y in centres)
    assert all(abs(a[0] - b[0]) + abs(a[1] - b[1]) > 10
               for i, a in enumerate(centres) for b in centres[i + 1:])
    # edge widths follow the counts
    widths = {e.get_attribute("data-events"): float(e.get_attribute("stroke-width"))
              for e in edges}
    assert widths["4"] > widths["1"]
    _stayed_home(driver, base)
    screenshot(driver, "network", full_page=True)


def test_network_filters_from_the_url_and_an_edge_opens_its_dyad(site: tuple[str, Any]) -> None:
    base, driver = site
    shown = _open(driver, base + "/network?min=2", "network")["shown"]
    counts = [int(e.get_attribute("data-events")) for e in _css(driver, "path.edge")]
    assert counts and min(counts) >= 2 and len(counts) == shown
    _open(driver, base + "/network?country=RUS&level=code", "network")
    ids = {n.get_attribute("data-id") for n in _css(driver, "circle.node")}
    assert "RUSGOV" in ids and "KEN" not in ids
    edge = driver.find_element(by("CSS_SELECTOR"),
                               'path.edge[data-source="RUSGOV"][data-target="CHNGOV"]')
    _click(driver, edge)
    wait_url(driver, "/dyad/RUSGOV/CHNGOV")
    assert driver.find_elements(by("CSS_SELECTOR"), "table.events tr.event-row")
    no_alert(driver)


# -- charts ------------------------------------------------------------------------------


def _chart_facts(driver: Any) -> dict[str, Any]:
    """The drawn chart: its span, label step and label boxes, bars and Goldstein path."""
    return dict(driver.execute_script("""
        var svg = document.querySelector('svg.chart');
        var labels = Array.from(svg.querySelectorAll('.x-axis .tick text')).map(function (t) {
            var r = t.getBoundingClientRect(); return [t.textContent, r.left, r.right]; });
        var bars = {};
        svg.querySelectorAll('rect.bar').forEach(function (r) {
            var p = r.getAttribute('data-period');
            bars[p] = (bars[p] || 0) + Number(r.getAttribute('data-count')); });
        var line = svg.querySelector('path.goldstein');
        return {first: svg.getAttribute('data-first'), last: svg.getAttribute('data-last'),
                step: Number(svg.querySelector('.x-axis').getAttribute('data-step')),
                labels: labels, bars: bars,
                segments: line ? (line.getAttribute('d').match(/M/g) || []).length : 0};"""))


def _no_overlap(labels: list[list[Any]]) -> None:
    ordered = sorted(labels, key=lambda label: label[1])
    for (_, _, right), (text, left, _) in pairwise(ordered):
        assert right <= left, f"label {text} overlaps the one before"


def test_dashboard_chart_spans_the_corpus_and_breaks_at_empty_months(
        site: tuple[str, Any]) -> None:
    base, driver = site
    driver.get(base + "/")
    wait_rendered(driver, ".chart-holder")
    spec = json.loads(driver.execute_script(
        "return document.querySelector('script.chart-data').textContent"))
    facts = _chart_facts(driver)
    assert (facts["first"], facts["last"]) == ("2024-03", "2024-07")
    assert [label[0] for label in facts["labels"]] == ["2024-03", "2024-04", "2024-05",
                                                       "2024-06", "2024-07"]
    _no_overlap(facts["labels"])
    assert facts["bars"] == {r["period"]: r["events"] for r in spec["rows"] if r["events"]}
    # 2024-06 has no events: the line stops there and starts again at 2024-07
    assert facts["segments"] == 2
    _stayed_home(driver, base)


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six years of articles (2019-01 to 2024-12), a Russia-China meeting every fourth
    month and, alone in 2021-07, an accusation dated only to that month."""
    rus, chn = ref("E1", "Sergei Lavrov", "RUS"), ref("E2", "Wang Yi", "CHN")
    docs = []
    for i in range(0, 72, 4):
        day = f"{2019 + i // 12}-{i % 12 + 1:02d}-15"
        docs.append(document(f"m-{i}", f"Lavrov met Wang Yi. Story {i}.", published=day,
                             events=[event("V1", "CONSULT", "040", [rus], [chn], day,
                                           goldstein=2.0)]))
    docs.append(document("m-month", "Russia accused China in July.", published="2021-08-02",
                         events=[event("V1", "ACCUSE", "112", [rus], [chn], "2021-07",
                                       resolution="month", date_text="in July", quad=3,
                                       goldstein=-2.0)]))
    docs.append(document("m-last", "Nothing happened.", published="2024-12-20"))
    return build_db(tmp_path_factory.mktemp("long") / "long.db", docs)


def test_long_chart_thins_labels_and_counts_month_dated_events(long_corpus: Path) -> None:
    with live_server(long_corpus) as base, chromium(offline=True) as driver:
        for page in ("/", "/dyad/RUS/CHN"):
            driver.get(base + page)
            wait_rendered(driver, ".chart-holder")
            facts = _chart_facts(driver)
            assert (facts["first"], facts["last"]) == ("2019-01", "2024-12")
            assert facts["step"] > 1
            assert 6 <= len(facts["labels"]) <= 72 // facts["step"] + 1
            _no_overlap(facts["labels"])
            # the event dated only to July 2021 has its bar
            assert facts["bars"]["2021-07"] == 1
            assert sum(facts["bars"].values()) == 19
            # every event month stands alone between empty months: 19 line pieces
            assert facts["segments"] == 19
            _stayed_home(driver, base)
        screenshot(driver, "dyad-six-years")
