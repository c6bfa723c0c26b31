"""Evaluation suite ``extraction``: HTML body and metadata quality, ours vs trafilatura.

Zyte (``extraction/zyte``, 181 pages with gold article bodies): per page, F1 between the
lower-cased ``\\w+`` word bags (multiset intersection) of the body and the gold body;
the mean over every page, whatever its language (a page where nothing is extracted
scores 0). "Ours" is what ``communique`` outputs as ``article.text``: the page goes
through :func:`communique.prepare.prepare`, so the cleaning stage is included. The same
metric is computed in the same run for trafilatura's default ``extract(html)`` and for
our text before cleaning (the removed lines added back), to show what cleaning costs.

Fundus (``extraction/fundus/pages/<country>/``): each ``<Publisher>.json`` holds one
gold record per parser version (``V1``, ``V1_1``, ``V2`` ...); the pages are
``<Publisher>_<YYYY_MM_DD>.html.gz`` and belong to the versions in date order (the
versions are dated releases, and ``meta.info`` crawl dates follow the same order).
A page is English when py3langid identifies its gold title and body as English: 84 of
the 258 pages (the country folder is no guide: the Indian, Japanese and Taiwanese
folders mix languages, and English pages also sit under my/, na/, ls/, tz/, za/, mx/).
Title: exact match after whitespace normalisation. Date: same day, where the gold
timestamp's day is taken both in its own time zone and in UTC (sites print either).
Ours is ``article.title`` / ``article.published`` from ``prepare``; trafilatura's is
its default ``extract_metadata(html)``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from communique.errors import InputError
from communique.evaluate.registry import EvalReport, Metric, register_suite
from communique.ingest.readers import read_path
from communique.ingest.types import RawDocument
from communique.language import detect_language
from communique.prepare import PreparedArticle, prepare

_WORD = re.compile(r"\w+")
_PAGE_NAME = r"_\d{4}_\d{2}_\d{2}\.html\.gz"


def word_bag(text: str | None) -> Counter[str]:
    """Lower-cased ``\\w+`` tokens of ``text`` as a multiset."""
    return Counter(_WORD.findall((text or "").lower()))


@dataclass(frozen=True)
class BagScore:
    """Precision, recall and F1 of one extracted body against its gold body."""

    precision: float
    recall: float
    f1: float


def bag_scores(predicted: Counter[str], gold: Counter[str]) -> BagScore:
    """Word-bag precision/recall/F1; an empty prediction (or gold) scores 0."""
    overlap = sum((predicted & gold).values())
    if not overlap:
        return BagScore(0.0, 0.0, 0.0)
    precision = overlap / sum(predicted.values())
    recall = overlap / sum(gold.values())
    return BagScore(precision, recall, 2 * precision * recall / (precision + recall))


def _read_html(path: Path) -> RawDocument:
    """The page decoded by communique's own readers (charset detection included)."""
    for item in read_path(path):
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(str(path), "no document in file")


def _prepare(raw: RawDocument) -> PreparedArticle | None:
    try:
        return prepare(raw)
    except InputError:
        return None


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


# ----------------------------------------------------------------------------- Zyte


def _zyte(root: Path, limit: int | None) -> tuple[list[Metric], dict[str, float], Any]:
    import trafilatura

    gold: dict[str, Any] = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    systems: dict[str, list[BagScore]] = {"ours": [], "ours_uncleaned": [], "trafilatura": []}
    empty: Counter[str] = Counter()
    pages: list[dict[str, Any]] = []
    for page_id in ids:
        gold_bag = word_bag(gold[page_id].get("articleBody"))
        raw = _read_html(root / "html" / f"{page_id}.html.gz")
        prepared = _prepare(raw)
        ours = word_bag(prepared.article.text) if prepared else Counter()
        uncleaned = ours.copy()
        if prepared:
            for removal in prepared.removed:
                uncleaned.update(word_bag(removal.text))
        theirs = word_bag(trafilatura.extract(raw.content))
        for name, bag in (("ours", ours), ("ours_uncleaned", uncleaned), ("trafilatura", theirs)):
            systems[name].append(bag_scores(bag, gold_bag))
            empty[name] += not bag
        pages.append({
            "id": page_id[:16], "ours": round(systems["ours"][-1].f1, 4),
            "uncleaned": round(systems["ours_uncleaned"][-1].f1, 4),
            "trafilatura": round(systems["trafilatura"][-1].f1, 4),
        })
    labels = {
        "ours": "zyte body F1 (communique)",
        "ours_uncleaned": "zyte body F1 (communique before cleaning)",
        "trafilatura": "zyte body F1 (trafilatura default)",
    }
    rows = []
    for name, scores in systems.items():
        rows.append(Metric(
            name=labels[name], value=_mean([s.f1 for s in scores]),
            precision=_mean([s.precision for s in scores]),
            recall=_mean([s.recall for s in scores]), f1=_mean([s.f1 for s in scores]),
            counts={"pages": len(scores), "empty": empty[name]},
            note="mean per-page word-bag scores over every page",
        ))
    headline = {
        "zyte_f1": rows[0].f1 or 0.0,
        "zyte_f1_trafilatura": rows[2].f1 or 0.0,
    }
    worst = sorted(pages, key=lambda p: p["ours"])[:15]
    cleaning_losses = sorted(
        (p for p in pages if p["ours"] < p["uncleaned"]),
        key=lambda p: p["ours"] - p["uncleaned"],
    )
    return rows, headline, {"worst_pages": worst, "pages_hurt_by_cleaning": cleaning_losses}


# --------------------------------------------------------------------------- Fundus


@dataclass
class FundusPage:
    """One Fundus test page: the HTML file and its gold record."""

    path: Path
    publisher: str
    version: str
    title: str | None
    published: str | None
    authors: list[str]
    body: str


def _gold_body(record: dict[str, Any]) -> str:
    body = record.get("body") or {}
    parts: list[str] = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts.extend(section.get("headline") or [])
        parts.extend(section.get("paragraphs") or [])
    return "\n".join(str(p) for p in parts)


def fundus_pages(root: Path) -> Iterator[FundusPage]:
    """Every Fundus page with its gold record, in folder and date order."""
    for record_file in sorted(root.glob("*/*.json")):
        records: dict[str, Any] = json.loads(record_file.read_text(encoding="utf-8"))
        html_files = sorted(
            p for p in record_file.parent.iterdir()
            if re.fullmatch(re.escape(record_file.stem) + _PAGE_NAME, p.name)
        )
        if len(html_files) != len(records):
            continue  # layout not understood: better skip than pair pages wrongly
        for (version, record), path in zip(records.items(), html_files, strict=True):
            yield FundusPage(
                path=path, publisher=record_file.stem, version=version,
                title=record.get("title"), published=record.get("publishing_date"),
                authors=[str(a) for a in record.get("authors") or []],
                body=_gold_body(record),
            )


def is_english(page: FundusPage) -> bool:
    """Whether the gold title and body are English (py3langid)."""
    return detect_language(f"{page.title or ''}\n{page.body}") == "en"


def _normal(text: str | None) -> str:
    return " ".join((text or "").split())


def gold_days(value: str | None) -> set[str]:
    """The day of a gold timestamp in its own time zone and in UTC."""
    if not value:
        return set()
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return set()
    days = {stamp.date().isoformat()}
    if stamp.tzinfo is not None:
        days.add(stamp.astimezone(UTC).date().isoformat())
    return days


def _author_score(ours: list[str], gold: list[str]) -> BagScore:
    """Exact-name (case-insensitive) scores; a page with no gold and no found author is 1."""
    if not gold and not ours:
        return BagScore(1.0, 1.0, 1.0)
    return bag_scores(Counter(_normal(a).lower() for a in ours),
                      Counter(_normal(a).lower() for a in gold))


def _rate(hits: list[bool]) -> float:
    return sum(hits) / len(hits) if hits else 0.0


def _fundus(root: Path, limit: int | None) -> tuple[list[Metric], dict[str, float], Any]:
    import trafilatura
    from trafilatura import extract_metadata

    english = [page for page in fundus_pages(root) if is_english(page)]
    if limit:
        english = english[:limit]
    hits: dict[str, list[bool]] = {
        k: [] for k in ("title", "date", "title_t", "date_t", "url", "nothing")
    }
    body_scores: list[BagScore] = []
    body_scores_t: list[BagScore] = []
    author_scores: list[BagScore] = []
    misses: list[dict[str, Any]] = []
    for page in english:
        raw = _read_html(page.path)
        prepared = _prepare(raw)
        article = prepared.article if prepared else None
        theirs = extract_metadata(raw.content)
        title_ok = article is not None and _normal(article.title) == _normal(page.title)
        date_ok = article is not None and article.published in gold_days(page.published)
        t_date = (getattr(theirs, "date", None) or "")[:10]
        hits["title"].append(title_ok)
        hits["date"].append(date_ok)
        hits["title_t"].append(_normal(getattr(theirs, "title", None)) == _normal(page.title))
        hits["date_t"].append(t_date in gold_days(page.published))
        hits["nothing"].append(article is None)
        gold_body = word_bag(page.body)
        body_scores.append(bag_scores(word_bag(article.text if article else ""), gold_body))
        body_scores_t.append(bag_scores(word_bag(trafilatura.extract(raw.content)), gold_body))
        author_scores.append(_author_score(article.authors if article else [], page.authors))
        if not (title_ok and date_ok):
            misses.append({
                "page": f"{page.path.parent.name}/{page.path.name}",
                "title": None if title_ok else (article.title if article else None),
                "gold_title": None if title_ok else page.title,
                "date": None if date_ok else (article.published if article else None),
                "gold_date": None if date_ok else page.published,
            })
    n = len(english)
    rows = [
        Metric("fundus English title exact (communique)", value=_rate(hits["title"]),
               counts={"pages": n, "match": sum(hits["title"])}),
        Metric("fundus English title exact (trafilatura)", value=_rate(hits["title_t"]),
               counts={"pages": n, "match": sum(hits["title_t"])}),
        Metric("fundus English date same day (communique)", value=_rate(hits["date"]),
               counts={"pages": n, "match": sum(hits["date"])}),
        Metric("fundus English date same day (trafilatura)", value=_rate(hits["date_t"]),
               counts={"pages": n, "match": sum(hits["date_t"])}),
        Metric("fundus English body F1 (communique)", value=_mean([s.f1 for s in body_scores]),
               precision=_mean([s.precision for s in body_scores]),
               recall=_mean([s.recall for s in body_scores]),
               f1=_mean([s.f1 for s in body_scores]),
               counts={"pages": n, "no_article": sum(hits["nothing"])},
               note="gold body: summary + section headlines + paragraphs"),
        Metric("fundus English body F1 (trafilatura)",
               value=_mean([s.f1 for s in body_scores_t]),
               precision=_mean([s.precision for s in body_scores_t]),
               recall=_mean([s.recall for s in body_scores_t]),
               f1=_mean([s.f1 for s in body_scores_t]), counts={"pages": n}),
        Metric("fundus English authors F1 (communique)",
               value=_mean([s.f1 for s in author_scores]),
               precision=_mean([s.precision for s in author_scores]),
               recall=_mean([s.recall for s in author_scores]),
               f1=_mean([s.f1 for s in author_scores]), counts={"pages": n},
               note="exact names, case-insensitive"),
    ]
    headline = {
        "fundus_title": _rate(hits["title"]),
        "fundus_date": _rate(hits["date"]),
        "fundus_title_trafilatura": _rate(hits["title_t"]),
        "fundus_date_trafilatura": _rate(hits["date_t"]),
    }
    return rows, headline, {"fundus_misses": misses}


_Part = Callable[[Path, int | None], tuple[list[Metric], dict[str, float], Any]]


@register_suite("extraction")
def evaluate_extraction(data_dir: Path, limit: int | None) -> EvalReport:
    """Body F1 on Zyte and title/date accuracy on English Fundus pages, ours vs trafilatura."""
    report = EvalReport(suite="extraction")
    parts: list[tuple[str, _Part]] = [("zyte", _zyte), ("fundus/pages", _fundus)]
    for folder, run in parts:
        root = data_dir / "extraction" / folder
        if not root.is_dir():
            report.details[f"{folder}_skipped"] = f"{root} is absent"
            continue
        rows, headline, details = run(root, limit)
        report.rows.extend(rows)
        report.headline.update(headline)
        report.details.update(details)
    return report
