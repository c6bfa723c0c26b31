"""Article body and metadata from HTML pages, built on trafilatura.

Body: trafilatura in precision mode (it keeps less navigation and teaser text than its
default mode), with a fallback to the balanced mode when precision mode misses the
article, tables kept (they are article content on sports and finance pages), comments
dropped. Then, on the lines: whitespace-only lines and a repeated headline go, short
lines that are mostly link text in the page ("Related: ...", teaser lists) go, and an
article that the site split over several identical containers is completed from them.
Paragraphs are separated by single newlines because the cleaning stage works line by
line.

Metadata: the publisher's own structured data first (JSON-LD ``NewsArticle``, Open
Graph and ``<meta>`` tags, ``<link rel=canonical>``), then trafilatura's heuristics
(htmldate for dates) for whatever is still missing. Titles lose a trailing
" | Site name" or " - by Author" segment. A publication date is evidence, never a
guess: htmldate runs without its extensive search, which dated a page from any year in
its body text ("built in 2001" made it 2001-01-01); see :func:`extract_metadata`.

Figures (``communique evaluate extraction``, 181 Zyte pages, 84 English Fundus pages)
are in the docstrings of the functions whose choices they justify.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from communique.errors import NoArticleError
from communique.ingest.date_formats import normalize_date


@dataclass
class PageMetadata:
    """Metadata of an HTML page (every field optional)."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(kw_only=True)
class HtmlExtraction(PageMetadata):
    """What an HTML page yields: body text (paragraphs separated by newlines) and metadata."""

    text: str


# --------------------------------------------------------------------------- body

_WORD = re.compile(r"\w+")
# Precision mode sometimes keeps only a stray block (a reprint notice, a caption) when
# the article sits in an unusual container. Below this many words its output is checked
# against the balanced mode.
_SHORT_BODY_WORDS = 150
# ... and replaced when the balanced mode finds at least this many times more words.
# On the Zyte pages the one precision failure kept 7% of the balanced output, while a
# correct precision output was never below 28% of it (the balanced mode then had
# teaser lists and comments): 1/5 sits between the two.
_FALLBACK_RATIO = 5
# A balanced-mode output this short where precision mode found nothing is the menu of
# a page without an article, not a missed article.
_FALLBACK_MIN_WORDS = 50


# Split-body containers: how far up a shared ancestor may be, and the fewest words of an
# added paragraph (shorter ones are bylines, copyright lines and teaser headlines).
_CONTAINER_REACH = 3
_PROSE_WORDS = 12
# Link lines: at most this many words, at least this share of them inside <a>.
_LINK_LINE_WORDS = 25
_LINK_SHARE = 0.8
_FINAL_PUNCTUATION = set(".!?…:;\"”»)'’")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _trafilatura_text(html: str, url: str | None, *, precision: bool,
                      unlimited: bool = False) -> str:
    """Body text from one trafilatura run, rendered as plain text (one block per line);
    ``unlimited``: parse without libxml2's nesting limit (see :func:`extract_html`)."""
    from trafilatura import bare_extraction
    from trafilatura.xml import xmltotxt

    source: Any = _unlimited_tree(html) if unlimited else html
    if source is None:
        return ""
    doc = bare_extraction(
        source, url=url, output_format="txt", favor_precision=precision,
        include_comments=False, include_tables=True, with_metadata=False, deduplicate=False,
    )
    body = getattr(doc, "body", None)
    if body is None:
        return ""
    return unicodedata.normalize("NFC", str(xmltotxt(body, False)))


def _same_words(a: str, b: str) -> bool:
    """Whether two strings have the same words (case, punctuation and spacing ignored)."""
    wa, wb = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    return bool(wa) and wa == wb


def _tidy(text: str, title: str | None) -> list[str]:
    """Strip each line, drop lines with no letter or digit, and a leading copy of the title.

    trafilatura renders empty layout blocks as whitespace-only lines and empty list
    items as a lone "-"; some pages repeat the headline (already in ``title``) as the
    first body line.
    """
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if _WORD.search(line)]
    if title:
        for i, line in enumerate(lines[:3]):
            if _same_words(line, title):
                del lines[i]
                break
    return lines


def _word_key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _signature(element: Any) -> tuple[str, str] | None:
    """(tag, class) of a paragraph container; None when it has no class to recognise."""
    classes = " ".join((element.get("class") or "").split())
    return (str(element.tag), classes) if classes else None


def _is_prose(text: str) -> bool:
    """A sentence-like paragraph: enough words and final punctuation (teaser headlines,
    bylines and copyright notices have neither)."""
    text = text.strip()
    return len(_WORD.findall(text)) >= _PROSE_WORDS and text[-1:] in _FINAL_PUNCTUATION


def _article_of(element: Any) -> Any:
    """The closest enclosing ``<article>`` element, or None."""
    return next((a for a in element.iterancestors() if a.tag == "article"), None)


def _near(element: Any, anchors: set[Any]) -> bool:
    """Whether ``element`` and one of ``anchors`` share an ancestor at most
    ``_CONTAINER_REACH`` levels above each (siblings, cousins)."""
    mine = set(list(element.iterancestors())[:_CONTAINER_REACH])
    return any(
        mine.intersection(list(anchor.iterancestors())[:_CONTAINER_REACH]) for anchor in anchors
    )


def _block_index(tree: Any) -> dict[str, Any]:
    """Paragraph and list-item elements of the page by their word key (first one wins)."""
    index: dict[str, Any] = {}
    for element in tree.iter("p", "li"):
        key = _word_key(element.text_content() or "")
        if key:
            index.setdefault(key, element)
    return index


def _link_share(element: Any) -> float:
    words = len(_WORD.findall(element.text_content() or ""))
    linked = sum(len(_WORD.findall(a.text_content() or "")) for a in element.iter("a"))
    return linked / words if words else 0.0


def _drop_link_lines(index: dict[str, Any], lines: list[str]) -> list[str]:
    """Drop short lines that are mostly link text: "Related: ...", "READ MORE: ...",
    lists of teaser headlines. Sentences (final . ! ?) stay, however linked: "related"
    lists go, while a product list of bare links would go too.
    """
    kept = []
    for line in lines:
        element = index.get(_word_key(line))
        if (
            element is not None
            and len(_WORD.findall(line)) <= _LINK_LINE_WORDS
            and line.rstrip()[-1:] not in ".!?"
            and _link_share(element) >= _LINK_SHARE
        ):
            continue
        kept.append(line)
    return kept


def _continue_split_body(tree: Any, index: dict[str, Any], lines: list[str]) -> list[str]:
    """Add paragraphs from sibling containers of the one trafilatura chose.

    Some sites cut the article into several identical containers (one per screen, with
    advertising between them); trafilatura keeps the first. Nearby containers (sharing
    an ancestor at most three levels up) with exactly the same tag and class attribute
    as the parent of the extracted paragraphs hold the rest of the article: their
    prose paragraphs are added in document order. The container must carry a class (a
    bare ``<div>`` proves nothing), and far-away look-alikes are the next article of an
    endless-scroll page or a teaser list. It completes articles whose body the site
    splits over several sibling containers; it can add a paragraph that is not part of
    the body (a caption or an aside in the same kind of container).
    """
    matched: list[tuple[int, Any]] = []
    for i, line in enumerate(lines):
        element = index.get(_word_key(line))
        matched.append((i, element if element is not None and element.tag == "p" else None))
    parents = {p.getparent() for _, p in matched if p is not None and p.getparent() is not None}
    if sum(1 for _, p in matched if p is not None) < 2:
        return lines
    signatures = {s for s in (_signature(parent) for parent in parents) if s}
    if not signatures:
        return lines
    articles = {_article_of(parent) for parent in parents}
    added: list[Any] = []
    for element in tree.iter():
        if element in parents or _signature(element) not in signatures:
            continue
        if any(a in parents for a in element.iterancestors()) or not _near(element, parents):
            continue
        if _article_of(element) not in articles:
            continue  # the next article of an endless-scroll page (Dagbladet)
        if any(p.getparent() in parents for p in element.iter("p")):
            continue
        added.extend(p for p in element if p.tag == "p" and _is_prose(p.text_content() or ""))
    if not added:
        return lines
    order = {element: i for i, element in enumerate(tree.iter())}
    keyed: list[tuple[int, int, str]] = []
    position = -1
    for seq, (i, paragraph) in enumerate(matched):
        if paragraph is not None:
            position = order.get(paragraph, position)
        keyed.append((position, seq, lines[i]))
    # Already extracted, perhaps split or joined differently: a substring test on words.
    known = " " + " ".join(_word_key(line) for line in lines) + " "
    for seq, paragraph in enumerate(added, start=len(lines)):
        text = _SPACES.sub(" ", paragraph.text_content()).strip()
        if f" {_word_key(text)} " not in known:
            keyed.append((order[paragraph], seq, text))
    return [text for _, _, text in sorted(keyed)]


def extract_body(
    html: str, *, url: str | None = None, title: str | None = None, tree: Any = None,
    unlimited: bool = False,
) -> str:
    """The article body of ``html`` as plain text, one paragraph per line ("" if none).

    ``tree`` is the page parsed by :func:`trafilatura.utils.load_html`, when the caller
    already has it. Precision mode without comments, with the balanced mode as a
    fallback, extracts bodies best of the trafilatura settings on the extraction suite;
    tables are kept (they hold the results and schedules that sports and finance
    articles report).
    """
    text = _trafilatura_text(html, url, precision=True, unlimited=unlimited)
    if _words(text) < _SHORT_BODY_WORDS:
        balanced = _trafilatura_text(html, url, precision=False, unlimited=unlimited)
        if _words(balanced) > max(_FALLBACK_RATIO * _words(text), _FALLBACK_MIN_WORDS):
            text = balanced
    lines = _tidy(text, title)
    if lines:
        if tree is None:
            from trafilatura.utils import load_html

            tree = load_html(html)
        if tree is not None:
            index = _block_index(tree)
            lines = _drop_link_lines(index, lines)
            lines = _continue_split_body(tree, index, lines)
    return "\n".join(lines)


# ----------------------------------------------------------------------- metadata

# JSON-LD types whose "headline", "datePublished" and "author" describe the article.
_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle|LiveBlogPosting)$")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—•·*»:]\s+")
_SPACES = re.compile(r"\s+")


def _clean(value: Any) -> str | None:
    """A metadata string: HTML entities decoded, whitespace collapsed, None when empty."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", html_lib.unescape(value)).strip()
    return text or None


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON object in the page's ``application/ld+json`` scripts (``@graph`` expanded)."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue
        stack: list[Any] = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                objects.append(item)
                for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                    if isinstance(item.get(key), (dict, list)):
                        stack.append(item[key])
    return objects


def _types(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def _articles(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The JSON-LD objects that describe an article (news article, blog post, report)."""
    return [o for o in objects if any(_ARTICLE_TYPES.search(t) for t in _types(o))]


def _meta(tree: Any, *names: str) -> str | None:
    """The first non-empty ``<meta>`` content among ``names`` (property, name or itemprop)."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for value in tree.xpath(f'//meta[@{attr}="{name}"]/@content'):
                cleaned = _clean(value)
                if cleaned:
                    return cleaned
    return None


def _names(value: Any) -> Iterator[str]:
    """Names from a JSON-LD person/organisation value (string, object or list of them)."""
    if isinstance(value, list):
        for item in value:
            yield from _names(item)
    elif isinstance(value, dict):
        name = _clean(value.get("name"))
        if name:
            yield name
    elif isinstance(value, str):
        name = _clean(value)
        if name:
            yield name


def _key(text: str) -> str:
    """Lower-case letters and digits only, to compare site names with title segments."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


_SITE_SEGMENT_WORDS = 6


def _strip_site(title: str, site_names: list[str]) -> str:
    """Remove trailing " | Site name", " - Site name" or " | by Author" segments.

    A segment goes only when it names the site (its ``og:site_name``, JSON-LD publisher
    or host name) or starts with "by ": a headline such as "Tony Blair: Why there has to
    be compromise" keeps its colon part.
    """
    keys = {_key(name) for name in site_names if _key(name)}
    while True:
        parts = list(_TITLE_SEPARATORS.finditer(title))
        if not parts:
            return title
        last = parts[-1]
        segment = title[last.end():].strip()
        seg_key = _key(segment)
        # Loose match ("Bhopal News - The Times of India" vs "timesofindia") only for
        # short segments, so that a headline's own second half is never taken for one.
        loose = len(segment.split()) <= _SITE_SEGMENT_WORDS
        is_site = bool(seg_key) and any(
            seg_key == key
            or (loose and min(len(seg_key), len(key)) >= 4
                and (seg_key in key or key in seg_key))
            for key in keys
        )
        if not (is_site or segment.lower().startswith("by ")) or last.start() == 0:
            return title
        title = title[: last.start()].rstrip()


def _host_name(url: str | None) -> str | None:
    """The registrable label of the host: "nytimes" for "https://www.nytimes.com/..."."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
    if len(labels) >= 2:
        # "bbc.co.uk" -> "bbc": skip a two-letter country label after a short generic one
        if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
            return labels[-3]
        return labels[-2]
    return labels[0] if labels else None


def _first_text(tree: Any, xpath: str) -> str | None:
    for element in tree.xpath(xpath):
        text = _clean(element.text_content())
        if text:
            return text
    return None


_QUOTES = str.maketrans("‘’‚“”„", "'''\"\"\"")


def _title(tree: Any, articles: list[dict[str, Any]], site_names: list[str]) -> str | None:
    """The headline: the JSON-LD ``headline`` unless ``og:title`` and ``<h1>`` agree on
    another one; then ``twitter:title`` and ``<title>``. Site-name suffixes are removed.

    Publishers often give the same article an SEO headline (JSON-LD, ``<title>``), a
    social one (Open Graph) and a displayed one (``<h1>``). On the 84 English Fundus
    pages the JSON-LD headline first matched the gold title on 70 pages, ``og:title``
    first on fewer, ``<h1>`` first on 61; letting ``og:title`` and ``<h1>`` outvote the
    JSON-LD headline when they agree (typographic quotes ignored) matched 71.
    trafilatura's own choice matched 57.
    """
    ld = next((h for h in (_clean(a.get("headline")) for a in articles) if h), None)
    voters = [ld, _meta(tree, "og:title"), _first_text(tree, "//h1")]
    stripped = [_strip_site(v, site_names) if v else None for v in voters]
    keys = [v.translate(_QUOTES).lower() if v else None for v in stripped]
    best: str | None = None
    best_votes = 0
    for value, key in zip(stripped, keys, strict=True):
        votes = keys.count(key) if key else 0
        if value and votes > best_votes:
            best, best_votes = value, votes
    if best:
        return best
    for candidate in (_meta(tree, "twitter:title"), _first_text(tree, "//head/title")):
        if candidate:
            return _strip_site(candidate, site_names)
    return None


def _date(tree: Any, articles: list[dict[str, Any]], fallback: Any) -> str | None:
    """Publication date: JSON-LD ``datePublished``, then ``<meta>`` tags, then htmldate."""
    for article in articles:
        found = normalize_date(article.get("datePublished"))
        if found:
            return found
    found = normalize_date(_meta(
        tree, "article:published_time", "og:published_time", "datePublished",
        "publication_date", "pubdate", "date", "dc.date", "DC.date.issued", "sailthru.date",
    ))
    return found or normalize_date(fallback)


_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*")


def _split_authors(value: str) -> list[str]:
    parts = [p.strip() for p in _AUTHOR_SPLIT.split(value)]
    return [re.sub(r"^(?i:by)\s+", "", p) for p in parts if p and not p.startswith("http")]


def _person(name: str) -> str:
    """A URL slug used as a name ("chuck-ross") becomes "Chuck Ross"."""
    if " " not in name and "-" in name and name.islower():
        return " ".join(part.capitalize() for part in name.split("-") if part)
    return name


def _authors(tree: Any, articles: list[dict[str, Any]], fallback: Any) -> list[str]:
    """Author names: JSON-LD ``author``, then ``<meta name=author>``, then trafilatura.

    "A, B and C" is split into three names. An organisation named as author ("BBC
    News", "Associated Press") is kept: it is the byline the page gives.
    """

    def usable(names: list[str]) -> list[str]:
        split = [_person(p) for name in names for p in _split_authors(name)]
        return [name for name in split if _key(name)]

    names: list[str] = []
    for article in articles:
        names = usable(list(_names(article.get("author"))))
        if names:
            break
    if not names:
        meta = _meta(tree, "author", "article:author", "sailthru.author", "dc.creator")
        names = usable([meta]) if meta else []
    if not names and isinstance(fallback, str):
        names = usable([fallback])
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def _outlets(tree: Any, articles: list[dict[str, Any]]) -> list[str]:
    """Names the page gives its publisher: ``og:site_name``, JSON-LD publisher, app name."""
    names = [_meta(tree, "og:site_name")]
    for article in articles:
        names.extend(_names(article.get("publisher")))
    names.append(_meta(tree, "application-name"))
    return [name for name in names if name]


def _canonical(tree: Any, url: str | None) -> str | None:
    """``<link rel=canonical>``, then ``og:url``, resolved against the page URL."""
    for href in tree.xpath('//link[@rel="canonical"]/@href'):
        cleaned = _clean(href)
        if cleaned:
            return urljoin(url or "", cleaned)
    og = _meta(tree, "og:url")
    if og:
        return urljoin(url or "", og)
    return url




# Prose containers: their text is what the article says, not when it was published.
_PROSE_TAGS = ("p", "blockquote", "li", "figcaption")
# Class, id or itemprop words that mark page furniture holding a date or byline
# ("article_date", "post-meta", "byline", "timestamp", "published", "footer").
_METADATA_CUES = re.compile(r"date|datum|time|stamp|publi|posted|byline|author|meta|info|"
                            r"footer", re.IGNORECASE)


def _has_metadata_cue(element: Any) -> bool:
    """Whether ``element``, an ancestor or a descendant is marked as date/byline furniture."""
    from lxml import etree

    for node in (*element.iter(etree.Element), *element.iterancestors()):
        for attribute in ("class", "id", "itemprop"):
            if _METADATA_CUES.search(node.get(attribute) or ""):
                return True
    return False


# Photo galleries, captions and embedded posts: their dates are the photos' and the
# posts', never the page's, whatever class words ("gallery-info", "caption-meta") or
# ``<time>`` elements they carry.
_MEDIA_TAGS = ("figure", "figcaption")
_MEDIA_CUES = re.compile(r"galler|slide|carousel|lightbox|caption|embed|tweet|instagram|"
                         r"social-post", re.IGNORECASE)
# Page-level containers are never dropped for a class word ("slideshow-page" on <body>).
_PAGE_TAGS = frozenset({"html", "head", "body", "main", "article"})


def _is_media(element: Any) -> bool:
    """Whether ``element`` is a gallery, caption or embedded post (see _MEDIA_CUES)."""
    if element.tag in _MEDIA_TAGS:
        return True
    if not isinstance(element.tag, str) or element.tag in _PAGE_TAGS:
        return False
    return any(_MEDIA_CUES.search(element.get(attribute) or "")
               for attribute in ("class", "id"))


def _without_prose(tree: Any) -> Any:
    """``tree`` (changed in place) without galleries, captions and embedded posts, and
    without the prose elements that carry no metadata cue.

    htmldate's fast mode still scans the page's text as a last resort, so "signed on
    04.03.2019" in a paragraph became the publication date. Its evidence (meta tags,
    JSON-LD, the URL, ``<time>``, elements marked as dates such as
    ``<div class="article_date">``) is left in place: on the 181 Zyte and 258 Fundus
    pages (48 of them dated by htmldate), removing the prose changes no metadata field.
    A caption inside ``<div class="gallery-info">`` or a ``<time>`` in a slide's caption
    was taken as the page's date (the "info" cue kept it); media go first, cues or not.
    """
    for element in list(tree.iter()):
        if element.getparent() is not None and _is_media(element):
            element.drop_tree()
    for element in list(tree.iter(*_PROSE_TAGS)):
        if element.getparent() is not None and not _has_metadata_cue(element):
            element.drop_tree()
    return tree


def extract_metadata(html: str, *, url: str | None = None, tree: Any = None) -> PageMetadata:
    """Title, publication date, authors, outlet, canonical URL and language of a page.

    ``tree``: the page parsed by :func:`trafilatura.utils.load_html`, if already parsed
    (it is not modified).

    The date comes from the page's metadata only: JSON-LD ``datePublished`` and date
    ``<meta>`` tags here, then what htmldate finds *without* its extensive search and in
    a copy of the page without its prose (:func:`_without_prose`): other meta and JSON
    fields, a date in the URL, ``<time>`` and ``<abbr>`` elements, elements marked as
    dates. The extensive search reads free text and settles for a bare year ("built in
    2001" gave 2001-01-01); such a guess would pre-empt ``--published`` and the WARC
    date, so a page without date metadata gets ``None`` and the caller falls back to
    those (:func:`communique.prepare.publication_date`). A page whose only date was
    guessed from its text gets none.
    """
    from trafilatura.metadata import extract_metadata as trafilatura_metadata
    from trafilatura.utils import load_html

    if tree is None:
        tree = load_html(html)
    if tree is None:
        return PageMetadata(url=url)
    objects = _json_ld(tree)
    articles = _articles(objects)
    canonical = _canonical(tree, url)
    outlets = _outlets(tree, articles)
    # Title suffixes also name the site by its Twitter handle or host name ("| TechCrunch").
    sites = [*outlets, (_meta(tree, "twitter:site") or "").lstrip("@"),
             _host_name(canonical or url) or ""]
    title = _title(tree, articles, sites)
    published = _date(tree, articles, None)
    authors = _authors(tree, articles, None)
    outlet = outlets[0] if outlets else None
    if not (title and published and authors and outlet and canonical):
        # trafilatura's heuristics only for what the page's own metadata lacks: htmldate
        # scans the whole page (2 s on a 2 MB page). It prunes the tree it is given, so
        # it gets its own copy, without the article's prose and without the extensive
        # date search: both made dates out of the text.
        copy = load_html(html)
        fallback = trafilatura_metadata(_without_prose(copy) if copy is not None else html,
                                        default_url=url, extensive=False)
        title = title or _clean(getattr(fallback, "title", None))
        published = published or normalize_date(getattr(fallback, "date", None))
        authors = authors or _authors(tree, [], getattr(fallback, "author", None))
        outlet = outlet or _clean(getattr(fallback, "sitename", None))
        canonical = canonical or _clean(getattr(fallback, "url", None))
    lang = tree.get("lang") or _meta(tree, "og:locale", "language")
    return PageMetadata(
        title=title, published=published, authors=authors, outlet=outlet, url=canonical,
        language=lang.replace("_", "-").split("-")[0].lower() if lang else None,
    )


# libxml2's default maximum nesting depth (lxml's huge_tree lifts it), less a margin.
_PARSER_DEPTH_LIMIT = 250


def _depth(tree: Any) -> int:
    """The deepest nesting level in ``tree`` (an lxml element)."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in node)
    return deepest


def _unlimited_tree(html: str) -> Any:
    """``html`` parsed by lxml with libxml2's depth and size limits lifted."""
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html, parser=lxml_html.HTMLParser(huge_tree=True))
    except (ValueError, lxml_html.etree.ParserError):
        return None


# Fewer words than this is no article body, whatever the extractor kept.
_MIN_BODY_WORDS = 4


def extract_html(html: str, where: str, *, url: str | None = None) -> HtmlExtraction:
    """Extract the main article text and its metadata from ``html``.

    Raises :class:`NoArticleError` when the page has no article body.
    """
    from trafilatura.utils import load_html

    tree = load_html(html)
    meta = extract_metadata(html, url=url, tree=tree)
    text = extract_body(html, url=url, title=meta.title, tree=tree) if tree is not None else ""
    if not text and tree is not None and _depth(tree) >= _PARSER_DEPTH_LIMIT:
        # libxml2 stops at 256 levels of nesting and drops what lies deeper: a page whose
        # article sits inside 300 nested <div>s came out empty. Parse it again without
        # that limit (only then: the limit guards ordinary pages against abuse).
        text = extract_body(html, url=url, title=meta.title, tree=_unlimited_tree(html),
                            unlimited=True)
    if _words(text) < _MIN_BODY_WORDS:
        # Empty, or only a menu left over ("Home | About" from a <nav>-only page): no body.
        raise NoArticleError(where, "no article body found in the HTML page")
    return HtmlExtraction(text=text, **asdict(meta))
