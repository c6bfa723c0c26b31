"""The map, the network, the event page, the charts' data and the API reference through
Starlette's test client, on the corpus ingested from the fixtures and the samples."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from communique.serve import charts, openapi, visuals
from communique.store import open_corpus

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _data(html: str, block_id: str) -> Any:
    match = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html,
                      re.S)
    assert match, f"no JSON block {block_id}"
    return json.loads(match.group(1))


def test_api_reference_shows_every_summary(client: Any) -> None:
    """The template read ``item.get.summary`` (``dict.get``, so an empty string) and the
    page showed "." for every endpoint while its old test only checked the status."""
    html = client.get("/api").text
    summaries = re.findall(r'<strong class="summary">(.*?)</strong>', html)
    assert len(summaries) == len(openapi.SPEC["paths"])
    expected = [op["get"]["summary"] + "." for op in openapi.SPEC["paths"].values()]
    assert [unescape(s) for s in summaries] == expected
    assert "Merged events." in summaries and "." not in summaries
    assert "actor country or code prefix" in html  # the parameters are listed too


def test_map_page_and_api_agree_and_link_to_the_explorer(client: Any) -> None:
    html = client.get("/map?actor=RUS").text
    data = _data(html, "map-data")
    assert data == client.get("/api/map?actor=RUS").json()
    assert data["filters"] == {"actor": "RUS"}
    places = {p["name"]: p for p in data["places"]}
    assert places["Beijing"]["lat"] == pytest.approx(39.9, abs=0.1)
    assert {c["country"] for c in data["countries"]} >= {"RUS", "CHN", "USA"}
    china = next(c for c in data["countries"] if c["country"] == "CHN")
    assert china["url"] == "/events?actor=RUS&country=CHN"
    assert client.get("/api/events?actor=RUS&country=CHN").json()["total"] == china["events"]
    assert places["Beijing"]["url"] == "/events?actor=RUS&place=Beijing"
    assert 'data-world="/static/vendor/world-atlas/countries-50m.json"' in html
    assert '<script src="/static/vendor/d3/d3.min.js" defer>' in html
    assert 'href="/network?actor=RUS"' in html and 'href="/events?actor=RUS"' in html


def test_map_by_place_counts_where_events_happened(client: Any) -> None:
    data = client.get("/api/map?by=place").json()
    by_place = {c["country"]: c["events"] for c in data["countries"]}
    assert by_place == {p["country"]: sum(q["events"] for q in data["places"]
                                          if q["country"] == p["country"])
                        for p in data["places"]}
    assert data["countries"][0]["url"].startswith("/events?place=")


def test_network_page_and_api_agree_and_filter(client: Any) -> None:
    html = client.get("/network?country=RUS&min=2").text
    data = _data(html, "network-data")
    assert data == client.get("/api/network?country=RUS&min=2").json()
    assert data["edges"] and all(e["events"] >= 2 for e in data["edges"])
    assert {e["source"] for e in data["edges"]} | {e["target"] for e in data["edges"]} == \
        {n["id"] for n in data["nodes"]}
    rus_chn = next(e for e in data["edges"] if (e["source"], e["target"]) == ("RUS", "CHN"))
    assert rus_chn["url"] == "/dyad/RUS/CHN"
    assert rus_chn["events_url"] == "/events?country=RUS&actor=RUS&recipient=CHN"
    assert f'href="{rus_chn["url"]}"' in html
    dated = client.get("/api/network?since=2024-05-01&type=SUPPORT").json()
    assert all(e["url"].endswith("?type=SUPPORT&since=2024-05-01") for e in dated["edges"])
    assert client.get("/api/network?edges=1").json()["shown"] == 1


@pytest.mark.parametrize("url", ["/map?by=continent", "/network?level=planet",
                                 "/network?min=0", "/network?edges=100000",
                                 "/api/map?since=2024-05-01&until=2024-01-01",
                                 "/api/network?type=a%20b", "/map?quad=9"])
def test_bad_map_and_network_parameters_are_400(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "Traceback" not in response.text


def test_view_parameters_round_trip() -> None:
    view = visuals.parse_network({"country": "rus", "level": "code", "min": "3",
                                  "edges": str(visuals.DEFAULT_MAX_EDGES)})
    assert view.params() == {"country": "RUS", "level": "code", "min": "3"}
    assert visuals.parse_network(view.params()) == view
    assert visuals.parse_map({"by": "any"}).params() == {}


def test_explorer_links_its_view_to_the_map_and_network(client: Any) -> None:
    html = client.get("/events?actor=RUS&type=CONSULT").text
    assert 'id="view-map" href="/map?actor=RUS&amp;type=CONSULT"' in html
    assert 'id="view-network" href="/network?actor=RUS&amp;type=CONSULT"' in html


def test_event_page_shows_the_sentence_and_every_fact(client: Any, corpus_db: Path) -> None:
    with open_corpus(corpus_db) as corpus:
        [event] = [e for e in corpus.events(actor="RUS", recipient="CHN")
                   if e["trigger"] == "met"]
    html = client.get(f"/event/{event['id']}").text
    assert "Lavrov holds talks with Wang Yi in Beijing" in html  # the article's title
    sentence = re.search(r'<blockquote class="evidence-sentence">(.*?)</blockquote>', html,
                         re.S)
    assert sentence
    marked = dict((kind, unescape(text)) for kind, text in re.findall(
        r'<a class="hl (hl-[a-z]+)"[^>]*>([^<]*)</a>', sentence.group(1)))
    assert marked["hl-trigger"] == "met"
    assert "Lavrov" in marked["hl-actor"] and "Wang Yi" in marked["hl-recipient"]
    assert marked["hl-place"] == "Beijing"
    plain = unescape(re.sub(r"<[^>]+>", "", sentence.group(1)))
    assert "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in " \
        "Beijing on Tuesday" in plain
    date = re.search(r'id="event-date">(.*?)</dd>', html, re.S)
    assert date and "2024-03-05" in date.group(1) and "resolution" in date.group(1)
    assert re.search(r'id="event-place">Beijing <span class="code">CHN</span>', html)
    assert re.search(r'id="event-confidence">0\.\d\d', html)
    assert "asserted" in html or "reported speech" in html
    assert f'href="/article/fx-rus-chn-1#event-{event["event_id"]}"' in html


def test_chart_notes_name_what_is_left_off() -> None:
    timeline = {"first": "2024-01", "last": "2024-05", "dated": 4, "before": 1, "after": 0,
                "year_only": {"2024": 2}, "undated": 3, "rows": []}
    text = " ".join(charts.notes(timeline))
    assert "4 events by month, 2024-01 to 2024-05" in text
    assert "2 events dated only to a year (2024: 2)" in text
    assert "1 dated before 2024-01 and 0 after 2024-05" in text
    assert "3 events without a date" in text
    spec = charts.chart_spec(timeline, title="t")
    assert [q["quad"] for q in spec["quads"]] == [1, 2, 3, 4]
    assert (spec["first"], spec["last"], spec["goldstein"]) == ("2024-01", "2024-05", True)
