"""HTTP behaviour through Starlette's test client: pages, API, errors, escaping, headers."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest

from communique.serve import openapi

from .conftest import XSS_OUTLET, XSS_TITLE

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PAGES = ["/", "/actor/RUS", "/actor/Sergei%20Lavrov", "/dyad/RUS/CHN", "/article/fx-rus-chn-1",
         "/article/fx-xss", "/search?q=sanctions", "/search?speaker=Lavrov", "/api",
         "/events", "/quotes", "/actors", "/map", "/network", "/map?by=place&type=CONSULT",
         "/network?level=code&min=2&country=RUS"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_with_security_headers(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    # offline: no asset from anywhere but this server
    assert not re.search(r'(src|href)="(https?:)?//', response.text.replace(
        'href="https://example.org', ""))


def test_dashboard_links_to_actor_dyad_and_article_pages(client: Any) -> None:
    html = client.get("/").text
    assert 'href="/actor/' in html and 'href="/dyad/' in html and 'href="/article/' in html
    [chart] = _json_blocks(html, "chart-data")
    assert chart["rows"] and chart["first"] <= chart["last"]
    for href in set(re.findall(r'href="(/(?:actor|dyad|article)/[^"#]*)', html)):
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href


def test_article_page_highlights_quotes_speakers_triggers(client: Any) -> None:
    html = client.get("/article/fx-rus-chn-1").text
    assert 'class="hl hl-quote"' in html
    assert "hl-trigger" in html and "hl-speaker" in html
    assert 'class="speaker-badge"' in html and "Sergei Lavrov ▸" in html
    assert re.search(r'<details class="record quote-record" id="quote-Q\d+"', html)
    assert re.search(r'<details class="record event-record" id="event-[^"]+"', html)
    assert '<details class="removed">' in html and "advertisement" in html


def _json_blocks(html: str, marker: str) -> list[Any]:
    """The JSON data blocks (``<script type="application/json" ...marker...>``) of a page."""
    return [json.loads(body) for attrs, body in re.findall(
        r'<script type="application/json"([^>]*)>(.*?)</script>', html, re.S)
        if marker in attrs]


def _no_injection(html: str) -> None:
    """Only our own scripts (files from /static) and JSON data blocks, whose text escapes
    every ``<`` so no tag can close them; no attribute smuggled in from article data."""
    tags = re.findall(r"<script\b[^>]*>", html)
    assert tags[0] == '<script src="/static/app.js" defer>'
    for tag in tags:
        assert re.fullmatch(r'<script src="/static/[a-z0-9/.-]+\.js" defer>', tag) or \
            tag.startswith('<script type="application/json"'), tag
    for body in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html,
                           re.S):
        assert "<" not in body and ">" not in body
        json.loads(body)
    # Attribute values are quoted and escaped (no raw '"' or '>' inside), so once the
    # quoted values are cut out, an on...= left in a tag is a real attribute.
    for tag in re.findall(r"<[a-z]+\b[^>]*>", html):
        assert not re.search(r"\son[a-z]+\s*=", re.sub(r'"[^"]*"', '""', tag)), tag
    assert "<img" not in html and "<b " not in html
    assert 'href="javascript:' not in html


@pytest.mark.parametrize("url", ["/", "/article/fx-xss", "/actor/RUS",
                                 "/actor/Sergei%20Lavrov", "/search?q=alert",
                                 "/search?q=<script>&speaker=\"onmouseover=\"",
                                 "/dyad/RUS/USA", "/events", "/quotes", "/actors",
                                 "/events?outlet=" + quote(XSS_OUTLET),
                                 "/quotes?q=alert&outlet=" + quote(XSS_OUTLET),
                                 "/map?outlet=" + quote(XSS_OUTLET),
                                 "/network?outlet=" + quote(XSS_OUTLET)])
def test_article_text_is_escaped_everywhere(client: Any, url: str) -> None:
    html = client.get(url).text
    _no_injection(html)


def test_xss_fixture_is_shown_as_text(client: Any) -> None:
    html = client.get("/article/fx-xss").text
    assert "Ministers meet &lt;script&gt;alert(1)&lt;/script&gt; in Geneva" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html  # the outlet
    assert "onmouseover=&#34;alert(1)&#34;" in html
    assert XSS_TITLE not in html and XSS_OUTLET not in html


def test_api_returns_json(client: Any) -> None:
    dashboard = client.get("/api/dashboard").json()
    assert dashboard["counts"]["articles"] >= 9
    actor = client.get("/api/actor/" + quote("Sergei Lavrov")).json()
    assert "RUSGOV" in actor["codes"]
    dyad = client.get("/api/dyad/RUS/CHN?limit=1").json()
    assert len(dyad["events"]) == 1 and dyad["total"] >= 2
    events = client.get("/api/events?actor=RUS&since=2024-05-01").json()
    assert events["events"] and all(e["date"] >= "2024-05-01" for e in events["events"])
    event = client.get("/api/event/" + events["events"][0]["id"]).json()
    assert event["mentions"]
    document = client.get("/api/article/fx-xss").json()
    assert document["article"]["title"] == XSS_TITLE  # JSON keeps the raw text
    found = client.get("/api/search?q=partnership").json()
    assert found["quotes"] and found["articles"]
    assert client.get("/api/actors?limit=3").json()["actors"]


def test_openapi_documents_every_api_route(client: Any) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    routes = {getattr(r, "path", "") for r in client.app.routes}
    documented = {p.replace("{actor_id}", "{actor_id:path}").replace(
        "{article_id}", "{article_id:path}") for p in spec["paths"]}
    api_routes = {r for r in routes if r.startswith("/api/") and r != "/api/openapi.json"}
    assert documented == api_routes
    assert spec == openapi.SPEC


@pytest.mark.parametrize(("url", "status"), [
    ("/actor/Nobody%20Atall", 404), ("/article/no-such-id", 404), ("/dyad/RUS/ZZZ", 404),
    ("/event/ev-0", 404), ("/no/such/page", 404), ("/api/article/nope", 404),
    ("/api/actor/Nobody", 404), ("/api/event/ev-0", 404), ("/api/nothing", 404),
    ("/dyad/R/CHN", 400), ("/dyad/RUS/CHN?quad=7", 400), ("/dyad/RUS/CHN?since=yesterday", 400),
    ("/api/events?limit=100000", 400), ("/api/events?offset=-5", 400),
    ("/api/events?actor=R%27%3B", 400), ("/api/events?type=a%20b", 400),
    ("/search?q=" + "x" * 300, 400), ("/search?limit=abc", 400),
    ("/actor/" + "x" * 400, 400), ("/article/a%00b", 400),
    ("/dyad/RUS%0A/CHN", 400), ("/api/dyad/RUS/CHN%0A", 400),
])
def test_errors_have_status_and_no_traceback(client: Any, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert "Traceback" not in response.text and 'File "' not in response.text
    if url.startswith("/api/"):
        assert response.json()["status"] == status


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_no_endpoint_writes(client: Any, method: str) -> None:
    for url in ("/", "/api/dashboard", "/api/events", "/article/fx-xss"):
        assert getattr(client, method)(url).status_code == 405


def test_connection_is_read_only(corpus_db: Any) -> None:
    import sqlite3

    from communique.serve.app import _Site

    with _Site(corpus_db).corpus() as corpus, pytest.raises(sqlite3.OperationalError):
        corpus.conn.execute("DELETE FROM articles")


def test_static_assets_ship_in_the_package(client: Any) -> None:
    assert "hl-quote" in client.get("/static/style.css").text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_dyad_pager_keeps_filters(client: Any) -> None:
    html = client.get("/dyad/RUS/CHN?limit=1&quad=1").text
    assert 'class="pager"' in html
    assert "quad=1" in html and "offset=1" in html
    last = client.get("/dyad/RUS/CHN?limit=200").text
    assert 'class="pager"' not in last


def test_unresolved_database_is_served_with_a_warning(tmp_path: Any) -> None:
    import json
    import warnings

    from communique.cli import main as cli_main
    from communique.serve.app import create_app

    from .conftest import ARTICLES

    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    db = tmp_path / "unresolved.db"
    assert cli_main(["ingest", str(source), "--db", str(db), "--no-resolve"]) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

        with TestClient(create_app(db), raise_server_exceptions=False) as fresh:
            page = fresh.get("/")
            assert page.status_code == 200 and "communique resolve" in page.text
            assert fresh.get("/article/fx-rus-chn-1").status_code == 200
            assert fresh.get("/api/events").json()["total"] == 0


def test_internal_error_gives_generic_500(client: Any,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.serve import pages

    def broken(corpus: Any) -> Any:
        raise RuntimeError("secret detail /home/user/db")

    monkeypatch.setattr(pages, "dashboard_data", broken)
    for url in ("/", "/api/dashboard"):
        response = client.get(url)
        assert response.status_code == 500
        assert "secret detail" not in response.text and "Traceback" not in response.text
