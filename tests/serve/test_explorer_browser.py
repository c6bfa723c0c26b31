"""The explorer pages in real headless Chromium (as tests/serve/test_browser.py), over the
small corpus of tests/store/fixtures.py (explorer_corpus) whose rows are known: each
filter set through the form, the URL it leads to, the CSV the page downloads, facets,
sorting, page numbers and permalinks.

Skipped, with the reason, on a machine without /usr/bin/chromium or /usr/bin/chromedriver.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.store.fixtures import build_db, explorer_corpus

from .livebrowser import (
    browser_marks,
    by,
    chromium,
    live_server,
    no_alert,
    screenshot,
    wait_download,
    wait_url,
)

pytestmark = browser_marks()

# What each page's rows are keyed by, on the page and in its CSV download.
ROW = {"events": ("tr.event-row", "data-id", "id"),
       "quotes": ("li.quote-item", "data-id", "id"),
       "actors": ("tr.actor-row a.actor-link", "text", "name")}


class Site:
    """A live server over the explorer corpus and a Chromium that downloads into
    ``downloads``."""

    def __init__(self, base: str, driver: Any, downloads: Path) -> None:
        self.base, self.driver, self.downloads = base, driver, downloads

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def query(self) -> dict[str, str]:
        """The current URL's query parameters."""
        return dict(parse_qsl(urlsplit(self.driver.current_url).query, keep_blank_values=True))

    def total(self) -> int:
        return int(self.driver.find_element(by("ID"), "total").text)

    def keys(self, kind: str) -> list[str]:
        """The rows shown, by :data:`ROW` key."""
        selector, attribute, _ = ROW[kind]
        found = self.driver.find_elements(by("CSS_SELECTOR"), selector)
        return [e.text if attribute == "text" else e.get_attribute(attribute) for e in found]

    def download_csv(self, kind: str) -> list[dict[str, str]]:
        """Click the page's CSV link and read the file Chromium saved."""
        for old in self.downloads.iterdir():
            old.unlink()
        self.driver.find_element(by("ID"), "download-csv").click()
        path = wait_download(self.downloads, f"communique-{kind}.csv")
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    def submit(self, field: str, value: str) -> None:
        """Set one field of the filter form and press Apply."""
        from selenium.webdriver.support.select import Select

        element = self.driver.find_element(by("CSS_SELECTOR"), f"form.filters [name={field}]")
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "date":  # typing a date depends on the locale
            self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            element.send_keys(value)
        self.driver.find_element(by("CSS_SELECTOR"), "form.filters button[type=submit]").click()
        wait_url(self.driver, f"{field}=")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("explorer-browser")
    db = build_db(folder / "x.db", explorer_corpus())
    downloads = folder / "downloads"
    downloads.mkdir()
    with live_server(db) as base, chromium(downloads=downloads) as driver:
        yield Site(base, driver, downloads)


@pytest.mark.parametrize(("kind", "field", "value", "total"), [
    ("events", "actor", "RUS", 2), ("events", "recipient", "RUS", 2),
    ("events", "country", "UKR", 2), ("events", "type", "CONSULT", 1),
    ("events", "quad", "4", 2), ("events", "since", "2024-01-10", 2),
    ("events", "until", "2024-01-10", 2), ("events", "min_confidence", "0.8", 2),
    ("events", "place", "CHN", 1), ("events", "outlet", "Daily Two", 2),
    ("events", "q", "border", 2),
    ("quotes", "speaker", "Lavrov", 1), ("quotes", "country", "USA", 1),
    ("quotes", "kind", "indirect", 1), ("quotes", "since", "2024-01-11", 2),
    ("quotes", "until", "2024-01-10", 1), ("quotes", "outlet", "Gazette Three", 2),
    ("quotes", "q", "sanctions", 1), ("quotes", "act", "belief", 1),
    ("actors", "q", "lav", 1), ("actors", "country", "UKR", 2),
    ("actors", "kind", "organisation", 1), ("actors", "sector", "MIL", 1),
    ("actors", "outlet", "Gazette Three", 2), ("actors", "since", "2024-01-11", 4),
    ("actors", "until", "2024-01-10", 3),
])
def test_each_filter_from_the_form_to_the_csv(site: Site, kind: str, field: str, value: str,
                                              total: int) -> None:
    site.open(f"/{kind}")
    everything = site.total()
    site.submit(field, value)
    # the URL carries the filter and nothing else (empty fields and defaults are left out)
    assert site.query() == {field: value}
    assert site.total() == total < everything
    shown = site.keys(kind)
    assert len(shown) == total
    # the download is exactly the filtered rows
    rows = site.download_csv(kind)
    assert sorted(r[ROW[kind][2]] for r in rows) == sorted(shown)
    # the permalink reproduces the view, form included
    permalink = site.driver.find_element(by("CSS_SELECTOR"), "a.permalink")
    site.driver.get(permalink.get_attribute("href"))
    assert site.query() == {field: value}
    assert (site.total(), site.keys(kind)) == (total, shown)
    form_field = site.driver.find_element(by("CSS_SELECTOR"), f"form.filters [name={field}]")
    assert form_field.get_attribute("value") == value
    no_alert(site.driver)


def test_facet_value_sets_the_filter_and_its_count(site: Site) -> None:
    site.open("/events")
    link = next(a for a in site.driver.find_elements(by("CSS_SELECTOR"), "#facet-outlet a")
                if a.text == "Daily Two")
    count = int(link.find_element(by("XPATH"), "following-sibling::span").text)
    link.click()
    wait_url(site.driver, "outlet=")
    assert site.query() == {"outlet": "Daily Two"}
    assert site.total() == count == 2
    screenshot(site.driver, "explorer-events", full_page=True)
    # the chip removes the filter again
    site.driver.find_element(by("CSS_SELECTOR"), "a.chip[title='Remove this filter']").click()
    wait_url(site.driver, "/events")
    assert site.query() == {} and site.total() == 4


def test_sort_pages_and_permalink_of_a_page(site: Site) -> None:
    site.open("/events?limit=1")
    site.submit("sort", "conflict")
    assert site.query() == {"sort": "conflict", "limit": "1"}
    first = site.keys("events")
    site.driver.find_element(by("CSS_SELECTOR"), "nav.pages a.page-link").click()
    wait_url(site.driver, "page=2")
    second = site.keys("events")
    assert len(first) == len(second) == 1 and first != second
    assert site.driver.find_element(by("ID"), "page-number").text == "2"
    permalink = site.driver.find_element(by("CSS_SELECTOR"), "a.permalink").get_attribute("href")
    assert site.query() == dict(parse_qsl(urlsplit(permalink).query)) == {
        "sort": "conflict", "limit": "1", "page": "2"}
    # every matching row, not one page, in the view's order: ASSAULT (-10) first
    rows = site.download_csv("events")
    assert [r["plover"] for r in rows] == ["ASSAULT", "SANCTION", "ACCUSE", "CONSULT"]
    assert [r["id"] for r in rows[:2]] == first + second
    site.open("/")
    site.driver.get(permalink)
    assert site.keys("events") == second


def test_explorer_pages_link_to_the_rest(site: Site) -> None:
    driver = site.driver
    site.open("/")
    driver.find_element(by("LINK_TEXT"), "Events").click()
    wait_url(driver, "/events")
    driver.find_element(by("CSS_SELECTOR"), "tr.event-row td:nth-child(2) a").click()
    wait_url(driver, "/event/")
    assert driver.find_elements(by("CSS_SELECTOR"), "ol.mentions li.mention")
    site.open("/quotes")
    screenshot(driver, "explorer-quotes", full_page=True)
    driver.find_element(by("CSS_SELECTOR"), "li.quote-item a.speaker").click()
    wait_url(driver, "/actor/")
    site.open("/actors")
    screenshot(driver, "explorer-actors", full_page=True)
    driver.find_element(by("CSS_SELECTOR"), "tr.actor-row a.quotes-link").click()
    wait_url(driver, "/quotes?speaker=")
    assert site.total() >= 1
