"""Real headless Chromium (Debian `chromium` + `chromium-driver`, via Selenium) on a live
server over the fixture corpus. Screenshots go to artifacts/screenshots/.

Skipped, with the reason, on a machine without /usr/bin/chromium or /usr/bin/chromedriver.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .livebrowser import (
    browser_marks,
    by,
    chromium,
    live_server,
    no_alert,
    screenshot,
    wait_url,
)

pytestmark = browser_marks()


@pytest.fixture(scope="module")
def site(corpus_db: Path) -> Iterator[tuple[str, Any]]:
    """(base URL, WebDriver) shared by the tests of this module."""
    with live_server(corpus_db) as base, chromium() as driver:
        yield base, driver


def test_dashboard_chart_renders(site: tuple[str, Any]) -> None:
    base, driver = site
    driver.get(base + "/")
    assert driver.title.startswith("Dashboard")
    chart = driver.find_element(by("CSS_SELECTOR"), "svg.chart")
    assert chart.size["width"] > 300 and chart.size["height"] > 100
    bars = driver.find_elements(by("CSS_SELECTOR"), "svg.chart rect.bar")
    assert bars and all(b.size["height"] > 0 for b in bars)
    assert int(driver.find_element(by("CSS_SELECTOR"), "#count-articles .n").text) >= 9
    screenshot(driver, "dashboard", full_page=True)
    no_alert(driver)


def test_open_actor_from_dashboard_and_see_chart(site: tuple[str, Any]) -> None:
    base, driver = site
    driver.get(base + "/")
    link = next(a for a in driver.find_elements(by("CSS_SELECTOR"), "a.actor-link")
                if a.text == "Russia")
    link.click()
    wait_url(driver, "/actor/Russia")
    bars = driver.find_elements(by("CSS_SELECTOR"), "svg.chart rect.bar")
    assert bars, "the actor chart has bars"
    rendered = driver.execute_script(
        "return document.querySelector('svg.chart').getBBox().height")
    assert rendered > 0
    assert driver.find_elements(by("CSS_SELECTOR"), "table.events tr.event-row")
    screenshot(driver, "actor", full_page=True)


def test_open_dyad_from_dashboard(site: tuple[str, Any]) -> None:
    base, driver = site
    driver.get(base + "/")
    # RUS -> CHN: the fixture's dated Russia-China events (other sample dyads are undated)
    next(a for a in driver.find_elements(by("CSS_SELECTOR"), "a.dyad-link")
         if a.text == "RUS → CHN").click()
    wait_url(driver, "/dyad/RUS/CHN")
    assert driver.find_elements(by("CSS_SELECTOR"), "svg.chart rect.bar")
    screenshot(driver, "dyad", full_page=True)


def test_article_highlights_and_record_on_click(site: tuple[str, Any]) -> None:
    base, driver = site
    driver.get(base + "/article/fx-rus-chn-1")
    quotes = driver.find_elements(by("CSS_SELECTOR"), "#article-text .hl-quote")
    assert quotes, "quotes are highlighted"
    background = quotes[0].value_of_css_property("background-color")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    badge = driver.find_element(by("CSS_SELECTOR"), "#article-text .speaker-badge")
    assert badge.text.startswith("Sergei Lavrov")
    assert driver.find_elements(by("CSS_SELECTOR"), "#article-text .hl-trigger")
    # clicking a highlighted quote opens its record
    quote_link = next(q for q in quotes if q.get_attribute("data-kind") == "quote")
    quote_link.click()
    target = quote_link.get_attribute("href").split("#", 1)[1]
    record = driver.find_element(by("ID"), target)
    assert record.get_attribute("open") is not None
    assert "Speaker" in record.text
    # clicking a trigger opens the event record
    trigger = driver.find_element(by("CSS_SELECTOR"), "#article-text a[data-kind=trigger]")
    trigger.click()
    event = driver.find_element(by("ID"), trigger.get_attribute("href").split("#", 1)[1])
    assert event.get_attribute("open") is not None and "Goldstein" in event.text
    # removed boilerplate is collapsed
    removed = driver.find_element(by("CSS_SELECTOR"), "details.removed")
    assert removed.get_attribute("open") is None
    screenshot(driver, "article", full_page=True)


def test_injected_markup_does_not_execute(site: tuple[str, Any]) -> None:
    base, driver = site
    driver.get(base + "/article/fx-xss")
    no_alert(driver)
    assert driver.find_element(by("TAG_NAME"), "h1").text == \
        "Ministers meet <script>alert(1)</script> in Geneva"
    scripts = driver.find_elements(by("TAG_NAME"), "script")
    assert [s.get_attribute("src") for s in scripts] == [base + "/static/app.js"]
    assert driver.find_elements(by("CSS_SELECTOR"), "main img, main b") == []
    handlers = driver.execute_script(
        "return Array.from(document.querySelectorAll('*')).filter(e => "
        "Array.from(e.attributes).some(a => a.name.startsWith('on'))).length")
    assert handlers == 0
    for element in driver.find_elements(by("CSS_SELECTOR"), "#article-text a.hl-quote"):
        # hovering the quoted onmouseover text must not run anything
        from selenium.webdriver import ActionChains

        ActionChains(driver).move_to_element(element).perform()
    no_alert(driver)
    driver.get(base + "/search?q=alert")
    no_alert(driver)
    screenshot(driver, "xss-article-search")


def test_search_page(site: tuple[str, Any]) -> None:
    base, driver = site
    driver.get(base + "/")
    box = driver.find_element(by("CSS_SELECTOR"), ".quick-search input")
    box.send_keys("sanctions\n")
    wait_url(driver, "/search?q=sanctions")
    marks = driver.find_elements(by("CSS_SELECTOR"), ".snippet mark")
    assert marks and all(m.text.lower() == "sanctions" for m in marks)
    screenshot(driver, "search")


def _dyad_view(db: Path, **filters: Any) -> tuple[int, list[str]]:
    """(total, event ids of the first page) of the RUS -> CHN dyad page, from the store."""
    from communique.serve.pages import dyad_data
    from communique.store import open_corpus

    with open_corpus(db) as corpus:
        data = dyad_data(corpus, "RUS", "CHN", **filters)
    return data["total"], [e["id"] for e in data["events"]]


def test_dyad_page_filters_from_the_form(site: tuple[str, Any], corpus_db: Path) -> None:
    """Each filter of the dyad page set through its form lands in the URL and shows the
    rows the store gives for it; the chart is drawn again for the filtered events."""
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.wait import WebDriverWait

    from communique.store import open_corpus

    base, driver = site
    total, _ = _dyad_view(corpus_db)
    with open_corpus(corpus_db) as corpus:
        events = list(corpus.events(actor="RUS", recipient="CHN"))
    dated = sorted(e["date"] for e in events if e["date"])
    assert total >= 2 and dated
    cases = [("type", str(events[0]["plover"])), ("quad", str(events[0]["quad"])),
             ("since", dated[-1]), ("until", dated[0])]
    for field, value in cases:
        driver.get(base + "/dyad/RUS/CHN")
        element = driver.find_element(by("CSS_SELECTOR"), f"form.filters [name={field}]")
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":  # typing a date depends on the locale
            driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            element.send_keys(value)
        driver.find_element(by("CSS_SELECTOR"), "form.filters button[type=submit]").click()
        wait_url(driver, f"{field}=")
        expected_total, expected_rows = _dyad_view(
            corpus_db, **{field: int(value) if field == "quad" else value})
        assert 0 < expected_total <= total
        shown = [row.get_attribute("data-id") for row in
                 driver.find_elements(by("CSS_SELECTOR"), "tr.event-row")]
        assert shown == expected_rows, field
        form_field = driver.find_element(by("CSS_SELECTOR"), f"form.filters [name={field}]")
        assert form_field.get_attribute("value") == value
        WebDriverWait(driver, 15).until(lambda d: d.find_element(
            by("CSS_SELECTOR"), ".chart-holder").get_attribute("data-rendered"))
        no_alert(driver)


def test_event_page_shows_the_sentence_with_its_parts_highlighted(
        site: tuple[str, Any], corpus_db: Path) -> None:
    """The event page of an event whose sentence names its actor and recipient: the
    trigger, actor and recipient are highlighted in the sentence, and the date with its
    resolution, the modality and the confidence are shown."""
    from communique.store import open_corpus
    from communique.store.evidence import event_evidence

    with open_corpus(corpus_db) as corpus:
        chosen = next(
            (e, m) for e in corpus.events(actor="RUS", recipient="CHN")
            for m in event_evidence(corpus, e["id"])
            if {"trigger", "actor", "recipient"} <= {s["role"] for s in m["spans"]})
    event, mention = chosen
    base, driver = site
    driver.get(base + f"/event/{event['id']}")
    sentence = driver.find_elements(by("CSS_SELECTOR"), "blockquote.evidence-sentence")
    assert mention["sentence"]["text"].strip() in [s.text.strip() for s in sentence]
    for role in ("trigger", "actor", "recipient"):
        marked = driver.find_elements(by("CSS_SELECTOR"),
                                      f"blockquote.evidence-sentence .hl-{role}")
        words = {s["name"] for s in mention["spans"] if s["role"] == role}
        assert marked, role
        if role == "trigger":
            assert {m.text for m in marked} >= words
    date = driver.find_element(by("ID"), "event-date").text
    assert "resolution" in date or "no date" in date
    assert driver.find_element(by("ID"), "event-modality").text
    confidence = driver.find_element(by("ID"), "event-confidence").text.split()[0]
    assert confidence == "–" or 0 <= float(confidence) <= 1
    no_alert(driver)
