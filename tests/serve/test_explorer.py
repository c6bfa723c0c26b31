"""The explorer pages /events, /quotes and /actors, their downloads and their JSON twins,
over the small corpus of tests/store/fixtures.py (explorer_corpus) whose rows are known."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from communique.cli import main
from communique.serve import explorer
from tests.store.fixtures import build_db, explorer_corpus

from .conftest import serve_client

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def explorer_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("explorer") / "x.db", explorer_corpus())


@pytest.fixture(scope="module")
def web(explorer_db: Path) -> Iterator[Any]:
    with serve_client(explorer_db) as client:
        yield client


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- views and links ---------------------------------------------------------------------


def test_view_from_parameters_and_back() -> None:
    view = explorer.parse_view("events", {"actor": "rus", "type": "consult", "page": "2",
                                          "limit": "1", "sort": "oldest", "q": " ",
                                          "format": "csv"})
    assert view.query.params() == {"actor": "RUS", "type": "CONSULT"}
    assert (view.page, view.offset, view.limit, view.sort) == (2, 1, 1, "oldest")
    url = view.url()
    assert url == "/events?actor=RUS&type=CONSULT&sort=oldest&limit=1&page=2"
    assert explorer.parse_view("events", dict(parse_qsl(urlsplit(url).query))) == view
    # defaults stay out of the URL: equal views, equal permalinks
    assert explorer.parse_view("quotes", {"sort": "newest", "page": "1", "limit": "50"}).url() == \
        "/quotes"
    # the API's offset still works, as a page number
    assert explorer.parse_view("actors", {"offset": "4", "limit": "2"}).page == 3


def test_links_set_facets_remove_filters_and_download_everything() -> None:
    view = explorer.parse_view("events", {"country": "RUS", "page": "2", "limit": "1"})
    data = {"filters": view.query.params(), "pages": 4,
            "facets": {"type": [{"value": "ACCUSE", "count": 1}],
                       "country": [{"value": "RUS", "count": 4}]}}
    links = explorer.links(view, data)
    assert links["self"] == "/events?country=RUS&limit=1&page=2"
    assert links["csv"] == "/events?country=RUS&format=csv"
    assert links["remove"] == {"country": "/events?limit=1"}
    assert links["facets"]["type"][0]["url"] == "/events?country=RUS&type=ACCUSE&limit=1"
    assert explorer.parse_view("events", {"type": "ACCUSE", "country": "RUS"}).url() == \
        "/events?country=RUS&type=ACCUSE"
    assert links["facets"]["country"][0]["active"] is True
    assert links["facets"]["type"][0]["active"] is False
    assert [n for n, _ in links["pages"]] == [1, 2, 3, 4]
    assert links["previous"] == "/events?country=RUS&limit=1"
    assert links["next"] == "/events?country=RUS&limit=1&page=3"


def test_page_numbers_keep_the_ends_and_mark_gaps() -> None:
    assert explorer._page_numbers(5, 10) == [1, None, 3, 4, 5, 6, 7, None, 10]
    assert explorer._page_numbers(1, 1) == [1]
    assert explorer._page_numbers(2, 4) == [1, 2, 3, 4]


# -- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "total", "marker"), [
    ("/events", 4, 'class="event-row"'),
    ("/events?country=UKR", 2, 'class="event-row"'),
    ("/events?q=border&sort=conflict", 2, 'class="event-row"'),
    ("/quotes", 3, 'class="quote-item"'),
    ("/quotes?outlet=Gazette+Three", 2, 'class="quote-item"'),
    ("/actors", 5, 'class="actor-row"'),
    ("/actors?kind=person&country=RUS", 1, 'class="actor-row"'),
])
def test_pages_show_the_filtered_rows_and_total(web: Any, url: str, total: int,
                                                marker: str) -> None:
    response = web.get(url)
    assert response.status_code == 200
    assert f'<span id="total">{total}</span>' in response.text
    assert response.text.count(marker) == total
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_events_page_facets_and_form_carry_the_view(web: Any) -> None:
    html = web.get("/events?country=RUS&quad=4").text
    assert re.search(r'<section class="facet" id="facet-type">.*?SANCTION</a> '
                     r'<span class="n">1</span>', html, re.S)
    assert 'href="/events?country=RUS&amp;type=ASSAULT&amp;quad=4"' in html
    assert 'name="country" value="RUS"' in html
    assert '<option value="4" selected>' in html
    assert 'class="chip" href="/events?quad=4"' in html  # removing the country filter
    assert 'id="download-csv" href="/events?country=RUS&amp;quad=4&amp;format=csv"' in html


def test_every_link_on_the_explorer_pages_works(web: Any) -> None:
    """Pages link to each other, to the event, article and actor pages, and to the API."""
    seen: set[str] = set()
    for page in ("/events", "/quotes", "/actors", "/"):
        html = web.get(page).text
        for name in ("/events", "/quotes", "/actors"):
            assert f'href="{name}"' in html
        for href in set(re.findall(r'href="(/[^"#]*)', html)) - seen:
            seen.add(href)
            url = href.replace("&amp;", "&")
            assert web.get(url).status_code == 200, url
    for kind in ("/event/", "/article/", "/actor/", "/api/events", "/quotes?speaker="):
        assert any(h.startswith(kind) for h in seen), kind


def test_pager_walks_every_row_once(web: Any) -> None:
    ids = []
    for page in (1, 2, 3, 4):
        html = web.get(f"/events?limit=1&page={page}").text
        ids += re.findall(r'class="event-row" data-id="([^"]+)"', html)
        assert f'aria-current="page">{page}</span>' in html
    assert len(ids) == len(set(ids)) == 4
    assert "No event matches" in web.get("/events?limit=1&page=9").text


# -- downloads ---------------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(("query", "cli"), [
    ("", []),
    ("actor=RUS", ["--actor", "RUS"]),
    ("place=CHN&min_confidence=0.5", ["--place", "CHN", "--min-confidence", "0.5"]),
    ("since=2024-01-10&type=1", ["--since", "2024-01-10", "--type", "1"]),
])
def test_event_downloads_are_the_cli_rows(web: Any, explorer_db: Path,
                                          capsys: pytest.CaptureFixture[str], query: str,
                                          cli: list[str]) -> None:
    """format=csv/json of a view: every matching row (whatever the page), as
    `communique events --csv/--json` writes them for the same filters."""
    response = web.get(f"/events?{query}&limit=1&page=2&format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == \
        'attachment; filename="communique-events.csv"'
    expected = _rows(_cli(capsys, "events", "--db", str(explorer_db), "--csv", *cli))
    assert expected and sorted(_rows(response.text), key=lambda r: r["id"]) == \
        sorted(expected, key=lambda r: r["id"])
    total = web.get(f"/api/events?{query}").json()["total"]
    assert len(expected) == total
    records = web.get(f"/events?{query}&format=json").json()
    assert sorted(records, key=lambda r: r["id"]) == sorted(
        json.loads(_cli(capsys, "events", "--db", str(explorer_db), "--json", *cli)),
        key=lambda r: r["id"])


def test_quote_and_actor_downloads(web: Any, explorer_db: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    quotes = _rows(web.get("/quotes?outlet=Gazette+Three&sort=oldest&format=csv").text)
    assert [q["speaker"] for q in quotes] == ["Sergei Lavrov", "Volodymyr Zelensky"]
    every = _rows(_cli(capsys, "quotes", "--db", str(explorer_db), "--csv"))
    assert list(quotes[0]) == list(every[0]) and quotes[0] in every
    actors = _rows(web.get("/actors?country=UKR&format=csv").text)
    assert actors == _rows(_cli(capsys, "actors", "--db", str(explorer_db), "--country",
                                "UKR", "--csv"))
    assert web.get("/actors?format=json").json()[0]["name"] == "Sergei Lavrov"


# -- JSON API ----------------------------------------------------------------------------


def test_api_lists_take_the_page_parameters(web: Any) -> None:
    events = web.get("/api/events?country=RUS&sort=newest&limit=2&page=2").json()
    assert (events["total"], events["pages"], events["page"]) == (4, 2, 2)
    assert [e["plover"] for e in events["events"]] == ["ACCUSE", "CONSULT"]
    assert events["filters"] == {"country": "RUS"}
    assert {f["value"] for f in events["facets"]["type"]} == {"ACCUSE", "ASSAULT",
                                                              "CONSULT", "SANCTION"}
    quotes = web.get("/api/quotes?country=USA").json()
    assert quotes["total"] == 1 and quotes["quotes"][0]["speaker"] == "Antony Blinken"
    actors = web.get("/api/actors?sector=MIL").json()
    assert actors["total"] == 1 and actors["actors"][0]["id"] == "Ukrainian forces"


@pytest.mark.parametrize(("url", "message"), [
    ("/events?quad=9", "quad must be between 1 and 4, got 9"),
    ("/events?type=FOO", "type must be a PLOVER type"),
    ("/events?min_confidence=high", "min_confidence must be a number between 0 and 1"),
    ("/events?min_confidence=1.5", "min_confidence must be between 0 and 1"),
    ("/events?since=2024-02-01&until=2024-01-01", "since 2024-02-01 is after until"),
    ("/events?sort=random", "sort must be one of newest, oldest"),
    ("/events?format=xml", "format must be one of html, csv, json"),
    ("/events?page=0", "page must be between 1 and"),
    ("/events?page=100000", "page must be at most 201 with 50 rows a page; download"),
    ("/events?page=2&offset=50", "give page or offset, not both"),
    ("/events?actor=R%27%3B", "actor must be a country or actor code"),
    ("/quotes?until=tomorrow", "until must be a date as YYYY-MM-DD"),
    ("/quotes?sort=conflict", "sort must be one of newest, oldest, reported"),
    ("/actors?sector=a%20b", "sector must be a country or actor code"),
    ("/actors?limit=500", "limit must be between 1 and 200"),
    ("/api/events?quad=0", "quad must be between 1 and 4"),
    ("/api/quotes?q=" + "x" * 300, "q is longer than 200 characters"),
    ("/api/actors?since=2024-13-01", "since must be a date"),
])
def test_bad_parameters_get_a_clear_400(web: Any, url: str, message: str) -> None:
    response = web.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert message in response.json()["error"]
    else:
        assert message in response.text.replace("&#39;", "'")
        assert "Traceback" not in response.text
