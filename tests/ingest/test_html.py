"""HTML body and metadata extraction on small hand-written pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.errors import NoArticleError
from communique.ingest.html import _strip_site, extract_body, extract_html, extract_metadata
from communique.ingest.readers import read_path
from communique.ingest.types import RawDocument
from communique.prepare import prepare

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the tram network to the northern "
    "districts, ending a dispute that had stalled the project for almost three years.",
    "Mayor Ines Halvorsen said the decision would cut commuting times for more than forty "
    "thousand residents and promised that construction would begin before the winter.",
    "Opposition members criticised the cost of the plan, which they put at twice the "
    "original estimate, and asked the regional auditor to review the contracts.",
    "The first trams on the new line are expected to run in the spring of next year, "
    "according to the transport department, which will publish a timetable in March.",
]

NAV = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
FOOTER = "<footer><p>Copyright Example Gazette. All rights reserved.</p></footer>"


def _page(head: str, *, title_line: str = "", paragraphs: list[str] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{NAV}"
        f"<main><article>{title_line}{body}</article></main>{FOOTER}</body></html>"
    )


META_HEAD = (
    "<title>Council expands tram network | Example Gazette</title>"
    "<meta property='og:title' content='Council expands tram network'>"
    "<meta property='og:site_name' content='Example Gazette'>"
    "<meta property='article:published_time' content='2024-03-05T09:30:00+01:00'>"
    "<meta name='author' content='Ana Ruiz and Tom Berg'>"
    "<link rel='canonical' href='https://gazette.example/city/trams'>"
)


def test_metadata_from_meta_tags() -> None:
    result = extract_html(_page(META_HEAD), "page.html")
    assert result.title == "Council expands tram network"
    assert result.published == "2024-03-05"
    assert result.authors == ["Ana Ruiz", "Tom Berg"]
    assert result.outlet == "Example Gazette"
    assert result.url == "https://gazette.example/city/trams"
    assert result.language == "en"


def test_metadata_from_json_ld() -> None:
    record = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Northern Courier"},
            {
                "@type": "NewsArticle",
                "headline": "Tram network to reach northern districts",
                "datePublished": "2023-11-28T18:00:00Z",
                "author": [{"@type": "Person", "name": "Lea Park"},
                           {"@type": "Person", "name": "Omar Said"}],
                "publisher": {"@type": "Organization", "name": "Northern Courier"},
            },
        ],
    }
    head = (
        "<title>Tram network to reach northern districts - Northern Courier</title>"
        f"<script type='application/ld+json'>{json.dumps(record)}</script>"
    )
    result = extract_html(_page(head), "page.html", url="https://courier.example/a/1")
    assert result.title == "Tram network to reach northern districts"
    assert result.published == "2023-11-28"
    assert result.authors == ["Lea Park", "Omar Said"]
    assert result.outlet == "Northern Courier"
    # No canonical link: the page's own URL is kept.
    assert result.url == "https://courier.example/a/1"


def test_title_fallback_strips_site_name() -> None:
    meta = extract_metadata(
        "<html><head><title>Council expands tram network | Example Gazette</title>"
        "<meta property='og:site_name' content='Example Gazette'></head><body></body></html>"
    )
    assert meta.title == "Council expands tram network"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Strava unveils family plan | TechCrunch", "Strava unveils family plan"),
        ("Idaho case: new twist | The Gateway Pundit | by Cristina Laila", "Idaho case: new twist"),
        ("Pipeline flagged - The Namibian", "Pipeline flagged"),
        # A colon or dash inside the headline is not a site suffix.
        ("Tony Blair: Why there has to be compromise",) * 2,
        ("Bill could be worth THOUSANDS - here's how",) * 2,
    ],
)
def test_strip_site(title: str, expected: str) -> None:
    assert _strip_site(title, ["TechCrunch", "The Gateway Pundit", "The Namibian", "namibian"]) \
        == expected


def test_body_paragraphs_on_separate_lines_without_boilerplate() -> None:
    result = extract_html(_page(META_HEAD), "page.html")
    assert result.text.split("\n") == PARAGRAPHS
    assert "Copyright" not in result.text
    assert "Sport" not in result.text


def test_repeated_headline_leaves_the_body() -> None:
    html = _page(META_HEAD, title_line="<h1>Council expands tram network</h1>")
    text = extract_html(html, "page.html").text
    assert text.split("\n")[0] == PARAGRAPHS[0]


def test_article_split_over_identical_containers_is_joined() -> None:
    # The second half sits in a container with the same class after an advertising slot.
    first = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])
    second = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[3:])
    extra = (
        "Residents of the northern districts welcomed the vote at a public meeting on "
        "Wednesday evening, although several shop owners feared months of roadworks."
    )
    html = (
        "<html><head><title>Trams</title></head><body><main><div class='chunks'>"
        f"<div class='grid'><div class='article-body part'>{first}</div></div>"
        "<div class='ad-slot'><span>Advertisement</span></div>"
        f"<div class='grid'><div class='article-body part'>{second}<p>{extra}</p></div></div>"
        "</div></main></body></html>"
    )
    lines = extract_body(html).split("\n")
    assert lines[-1] == extra
    assert lines[:3] == PARAGRAPHS[:3]


def test_page_without_article_raises() -> None:
    html = f"<html><head><title>Menu</title></head><body>{NAV}</body></html>"
    with pytest.raises(NoArticleError):
        extract_html(html, "menu.html")


def test_non_utf8_page_through_the_readers(tmp_path: Path) -> None:
    paragraphs = [
        p.replace("Mayor Ines", "Maire Inès").replace("winter", "hiver à Genève")
        for p in PARAGRAPHS
    ]
    html = _page("<meta charset='windows-1252'><title>Trams à Genève</title>",
                 paragraphs=paragraphs)
    path = tmp_path / "cp1252.html"
    path.write_bytes(html.encode("cp1252"))
    items = list(read_path(path))
    assert len(items) == 1 and isinstance(items[0], RawDocument)
    prepared = prepare(items[0])
    assert "Maire Inès" in prepared.article.text
    assert "hiver à Genève" in prepared.article.text
    assert prepared.article.title == "Trams à Genève"


def test_author_lists_and_slugs_are_split_into_names() -> None:
    record = {"@type": "NewsArticle", "headline": "Trams",
              "author": [{"name": "Ana Ruiz, Tom Berg and Lea Park"}, {"name": "omar-said"}]}
    head = f"<script type='application/ld+json'>{json.dumps(record)}</script>"
    meta = extract_metadata(_page(head))
    assert meta.authors == ["Ana Ruiz", "Tom Berg", "Lea Park", "Omar Said"]


def test_related_link_lines_leave_the_body() -> None:
    related = (
        "<p>Related: <a href='/a'>Ten things to know about the new tram timetable</a></p>"
        "<ul><li><a href='/b'>Photos: the old depot before demolition</a></li></ul>"
    )
    html = _page(META_HEAD, paragraphs=PARAGRAPHS[:2]).replace(
        "</article>", related + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]) + "</article>")
    text = extract_html(html, "page.html").text
    assert "Related" not in text and "depot" not in text
    assert text.split("\n") == PARAGRAPHS


def test_an_article_nested_deeper_than_the_parser_limit_is_found() -> None:
    para = ("<p>The foreign minister met his counterpart in Geneva on Monday to discuss the "
            "ceasefire and the exchange of prisoners along the front line.</p>")
    page = ("<html><head><title>Talks</title></head><body>" + "<div>" * 320 + para * 4
            + "</div>" * 320 + "</body></html>")
    found = extract_html(page, "deep.html")
    assert found.text.count("foreign minister met his counterpart") == 4


def test_a_page_with_only_a_menu_has_no_article_body() -> None:
    from communique.ingest.html import NoArticleError, extract_html

    page = ("<html><head><title>Nothing</title></head><body><nav>Home | About</nav>"
            "</body></html>")
    with pytest.raises(NoArticleError, match="no article body"):
        extract_html(page, "nobody.html")
