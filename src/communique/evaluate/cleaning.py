"""Evaluation suite ``cleaning``: boilerplate removal and structure on real scraped bodies.

Runs :func:`communique.clean.clean_text` over the AllSides sample
(``news/allsides-sample.jsonl``, 1,540 bodies as scraped) and reports removals by
reason, articles affected and characters removed, plus the headings, datelines and
titles found. Precision comes from hand checks: ``eval/cleaning-handcheck.tsv`` lists
removals (article id, raw start/end, reason) with a human verdict, and
``eval/cleaning-gallery-handcheck.tsv`` does the same for the removals the gallery,
highlights and embedded-post rules added. The suite re-runs
the cleaner and matches each recorded (id, start, end) against the removals it
produces now, so the figure is recomputed from the current code; rows whose removal is
no longer produced are counted as ``stale`` and left out of the precision.

The TSV holds ids and offsets only, never article text (the sample is research-use).
"""

from __future__ import annotations

import csv
import json
import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from communique.article import Removal
from communique.clean import CleanResult, clean_text
from communique.errors import DataFileError
from communique.evaluate.registry import EvalReport, Metric, register_suite

SAMPLE = Path("news") / "allsides-sample.jsonl"
HANDCHECK = Path(__file__).resolve().parents[3] / "eval" / "cleaning-handcheck.tsv"
# A second hand check: removals the gallery, highlights, embedded-post and read-more rules
# added (issue 22), judged the same way.
GALLERY_HANDCHECK = HANDCHECK.with_name("cleaning-gallery-handcheck.tsv")
HANDCHECK_COLUMNS = ("id", "start", "end", "reason", "verdict", "note")
# Eyeball check of headings, datelines and titles (offsets index the clean text).
EYEBALL = HANDCHECK.with_name("cleaning-structure-eyeball.tsv")
# The hand-check sample: 50 removals, seeded, stratified by reason (see sample_removals).
HANDCHECK_SIZE = 50
HANDCHECK_SEED = 20241128


@dataclass(frozen=True)
class Judged:
    """One hand-checked removal: where it is and the verdict."""

    id: str
    start: int
    end: int
    reason: str
    verdict: str
    note: str


def read_sample(data_dir: Path, limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(id, raw body) pairs of the AllSides sample, streamed."""
    path = data_dir / SAMPLE
    if not path.is_file():
        raise DataFileError(f"{path}: AllSides sample not found (needed by the cleaning suite)")
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                break
            record = json.loads(line)
            yield str(record["id"]), str(record.get("text") or "")


def read_handcheck(path: Path = HANDCHECK) -> list[Judged]:
    """The recorded verdicts; :class:`DataFileError` for a malformed file."""
    if not path.is_file():
        return []
    rows: list[Judged] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t"
        )
        for n, row in enumerate(reader, start=2):
            try:
                judged = Judged(row["id"], int(row["start"]), int(row["end"]), row["reason"],
                                row["verdict"].strip().lower(), row.get("note") or "")
            except (KeyError, TypeError, ValueError) as err:
                raise DataFileError(f"{path} line {n}: malformed row ({err})") from err
            if judged.verdict not in ("correct", "incorrect"):
                raise DataFileError(f"{path} line {n}: verdict must be correct or incorrect")
            rows.append(judged)
    return rows


def sample_removals(
    removals: list[tuple[str, Removal]], size: int = HANDCHECK_SIZE, seed: int = HANDCHECK_SEED
) -> list[tuple[str, Removal]]:
    """A deterministic hand-check sample, stratified by reason.

    Every reason gets at least two cases (rare reasons are where rules are least
    tested); the rest is shared in proportion to each reason's count. Within a
    reason the choice is a shuffle seeded by (seed, reason), so the sample is
    reproducible.
    """
    by_reason: dict[str, list[tuple[str, Removal]]] = defaultdict(list)
    for item in removals:
        by_reason[item[1].reason].append(item)
    reasons = sorted(by_reason)
    quota = {r: min(2, len(by_reason[r])) for r in reasons}
    left = size - sum(quota.values())
    total = sum(len(by_reason[r]) for r in reasons)
    shares = {r: left * len(by_reason[r]) / total for r in reasons} if total else {}
    for r in reasons:
        quota[r] += int(shares[r])
    # Hand out what rounding left, largest remainders first.
    for r in sorted(reasons, key=lambda r: shares[r] - int(shares[r]), reverse=True):
        if sum(quota.values()) >= size:
            break
        quota[r] += 1
    picked: list[tuple[str, Removal]] = []
    for r in reasons:
        pool = sorted(by_reason[r], key=lambda item: (item[0], item[1].start))
        # One generator per reason: a new rule for one reason leaves the other
        # reasons' picks unchanged (a string seed is hashed with SHA-512: stable).
        random.Random(f"{seed}:{r}").shuffle(pool)
        picked.extend(pool[: min(quota[r], len(pool))])
    return sorted(picked, key=lambda item: (item[1].reason, item[0], item[1].start))


def _found(article_id: str, result: CleanResult) -> set[tuple[str, str, int, int]]:
    """(kind, id, start, end) of every heading, dateline and title in one result."""
    found = {("heading", article_id, h.start, h.end) for h in result.headings}
    if result.dateline is not None:
        found.add(("dateline", article_id, result.dateline.start, result.dateline.end))
    if result.title is not None:
        found.add(("title", article_id, 0, len(result.title)))
    return found


def read_eyeball(path: Path = EYEBALL) -> list[tuple[str, str, int, int, str]]:
    """(kind, id, start, end, verdict) rows of the structure eyeball check."""
    if not path.is_file():
        return []
    rows: list[tuple[str, str, int, int, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t"
        )
        for n, row in enumerate(reader, start=2):
            try:
                rows.append((row["kind"], row["id"], int(row["start"]), int(row["end"]),
                             row["verdict"].strip().lower()))
            except (KeyError, TypeError, ValueError) as err:
                raise DataFileError(f"{path} line {n}: malformed row ({err})") from err
    return rows


def _add_handcheck(report: EvalReport, judged: list[Judged],
                   produced: set[tuple[str, int, int]], path: Path, name: str,
                   key: str) -> None:
    """The precision row of one hand-check file, its headline figure and its incorrect
    cases; recorded removals the cleaner no longer produces count as stale."""
    live = [j for j in judged if (j.id, j.start, j.end) in produced]
    correct = sum(j.verdict == "correct" for j in live)
    precision = correct / len(live) if live else 0.0
    report.rows.append(Metric(
        name=name, value=precision, precision=precision,
        counts={"correct": correct, "incorrect": len(live) - correct,
                "stale": len(judged) - len(live)},
        note=f"{path.name}: recorded removals re-matched by (id, start, end)",
    ))
    report.headline[f"{key}_precision"] = round(precision, 4)
    report.details[f"{key}_incorrect"] = [
        {"id": j.id, "start": j.start, "end": j.end, "reason": j.reason, "note": j.note}
        for j in live if j.verdict == "incorrect"
    ]


@register_suite("cleaning")
def cleaning_suite(data_dir: Path, limit: int | None) -> EvalReport:
    """Removals by reason on the AllSides sample and hand-checked precision."""
    counts: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    articles: dict[str, set[str]] = defaultdict(set)
    produced: set[tuple[str, int, int]] = set()
    structure: set[tuple[str, str, int, int]] = set()
    n_articles = raw_chars = headings = with_headings = datelines = titles = 0
    for article_id, raw in read_sample(data_dir, limit):
        n_articles += 1
        raw_chars += len(raw)
        result = clean_text(raw)
        for removal in result.removed:
            counts[removal.reason] += 1
            chars[removal.reason] += removal.end - removal.start
            articles[removal.reason].add(article_id)
            produced.add((article_id, removal.start, removal.end))
        structure |= _found(article_id, result)
        headings += len(result.headings)
        with_headings += bool(result.headings)
        datelines += result.dateline is not None
        titles += result.title is not None

    report = EvalReport(suite="cleaning")
    for reason in sorted(counts, key=lambda r: -counts[r]):
        report.rows.append(Metric(
            name=f"removed: {reason}", value=float(counts[reason]),
            counts={"articles": len(articles[reason]), "chars": chars[reason]},
        ))
    affected = set().union(*articles.values()) if articles else set()
    total = sum(counts.values())
    removed_chars = sum(chars.values())
    report.rows.append(Metric(
        name="removed: all", value=float(total),
        counts={"articles": len(affected), "of_articles": n_articles, "chars": removed_chars},
        note=f"{100 * removed_chars / max(raw_chars, 1):.2f}% of raw characters",
    ))
    report.rows.append(Metric(name="headings", value=float(headings),
                              counts={"articles": with_headings}))
    report.rows.append(Metric(name="datelines", value=float(datelines)))
    report.rows.append(Metric(name="titles", value=float(titles)))
    report.headline["removals_per_article"] = round(total / max(n_articles, 1), 4)

    checks = [(HANDCHECK, "hand-check precision", "handcheck"),
              (GALLERY_HANDCHECK, "hand-check precision: galleries, highlights, embeds",
               "gallery_handcheck")]
    judged_by_file = [(read_handcheck(path), path, name, key) for path, name, key in checks]
    eyeball = read_eyeball()
    # Checked articles beyond --limit are cleaned too, so the figures do not depend on it.
    seen = {k[0] for k in produced} | {k[1] for k in structure}
    missing = ({j.id for judged, *_ in judged_by_file for j in judged}
               | {e[1] for e in eyeball}) - seen
    if missing:
        for article_id, raw in read_sample(data_dir):
            if article_id in missing:
                result = clean_text(raw)
                produced |= {(article_id, r.start, r.end) for r in result.removed}
                structure |= _found(article_id, result)
    for judged, path, name, key in judged_by_file:
        if judged:
            _add_handcheck(report, judged, produced, path, name, key)
    for kind in ("heading", "dateline", "title"):
        checked = [e for e in eyeball if e[0] == kind]
        matched = [e for e in checked if e[:4] in structure]
        if not checked:
            continue
        right = sum(e[4] == "correct" for e in matched)
        value = right / len(matched) if matched else 0.0
        report.rows.append(Metric(
            name=f"eyeball precision: {kind}", value=value, precision=value,
            counts={"correct": right, "incorrect": len(matched) - right,
                    "stale": len(checked) - len(matched)},
            note=f"{EYEBALL.name} (random sample, judged by hand)",
        ))
    report.details["by_reason"] = dict(counts)
    return report
