"""Suite ``events-news``: events on real news articles, against the blind news gold set.

Gold: ``eval/events-news/gold.jsonl`` (protocol in ``docs/annotation/events.md``), one
record per (sentence, event) of 80 AllSides articles, 60 for designing rules (train) and 20
for checking only (dev), listed in ``eval/events-news/articles.tsv``. The gold cites the
raw record's text by offsets; the articles themselves are read from
``../shared/data/news/allsides-sample.jsonl`` and run through the whole pipeline.

Scoring (the protocol's): a predicted event matches a gold record when its trigger lies in
the record's sentence, its PLOVER type is the gold type or an accepted alternative, an
actor agrees with a gold actor and, when the gold record has recipients, a recipient
agrees with one. Codes agree on their three-letter root (``---`` in gold is any country).
Recall counts required records; precision leaves out predictions that match only an
optional record. Diagnostic rows: type-only matching, actor and recipient right among
type matches, modality, per-type figures and confidence bands.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.errors import UsageError
from communique.evaluate.registry import EvalReport, Metric, register_suite

ENV_EVAL = "COMMUNIQUE_EVAL"
BANDS = ((0.5, 0.7), (0.7, 0.85), (0.85, 1.01))
MODALITY_FLAGS = ("negated", "intent", "hypothetical", "historical", "reported")


def eval_dir(gold_set: str = "events-news") -> Path:
    """The repository's ``eval/`` folder holding ``gold_set``: ``$COMMUNIQUE_EVAL``,
    ``./eval``, or beside the source tree (a checkout); gold sets are not part of the
    installed package."""
    for candidate in (os.environ.get(ENV_EVAL), Path.cwd() / "eval",
                      Path(__file__).resolve().parents[3] / "eval"):
        if candidate and (Path(candidate) / gold_set / "gold.jsonl").is_file():
            return Path(candidate)
    raise UsageError(f"the {gold_set} gold (eval/{gold_set}/gold.jsonl) was not found; run "
                     "from a communique checkout or set COMMUNIQUE_EVAL to its eval folder")


def load_gold(folder: Path, gold_set: str = "events-news",
              ) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Article id -> split, and the gold records of ``gold_set``."""
    splits: dict[str, str] = {}
    for line in (folder / gold_set / "articles.tsv").read_text(encoding="utf-8") \
            .splitlines()[1:]:
        split, ident = line.split("\t")[:2]
        splits[ident] = split
    records = [json.loads(line) for line in
               (folder / gold_set / "gold.jsonl").open(encoding="utf-8") if line.strip()]
    return splits, records


def read_articles(data_dir: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The chosen AllSides records by id."""
    found: dict[str, dict[str, Any]] = {}
    with (data_dir / "news" / "allsides-sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in ids:
                found[str(record["id"])] = record
    return found


def sentence_map(raw: str, clean: str, spans: Iterable[tuple[int, int]]
                 ) -> dict[tuple[int, int], tuple[int, int] | None]:
    """Where each raw-text sentence lies in the cleaned article text (None: cut as
    boilerplate). Found by text, in order, so repeated sentences map to their own place."""
    out: dict[tuple[int, int], tuple[int, int] | None] = {}
    cursor = 0
    for start, end in sorted(set(spans)):
        piece = raw[start:end].strip()
        at = clean.find(piece, cursor)
        if at < 0:
            at = clean.find(piece)
        if at < 0 and len(piece) > 40:
            head = clean.find(piece[:40], cursor)
            at = head if head >= 0 else clean.find(piece[:40])
        if at < 0:
            out[(start, end)] = None
            continue
        out[(start, end)] = (at, at + len(piece))
        cursor = at + len(piece)
    return out


def _roots(refs: Iterable[dict[str, Any]]) -> set[str]:
    roots: set[str] = set()
    for ref in refs:
        for key in ("country", "code"):
            value = str(ref.get(key) or "").upper()
            if value:
                roots.add(value[:3])
    return roots


def _gold_roots(parties: Iterable[dict[str, Any]]) -> set[str]:
    return {str(c).upper()[:3] for p in parties for c in p.get("codes", []) if c}


def parties_agree(predicted: Iterable[dict[str, Any]], gold: Iterable[dict[str, Any]]) -> bool:
    """Any predicted party shares a root with any acceptable gold code."""
    wanted = _gold_roots(gold)
    have = _roots(predicted)
    return bool(have) and bool(wanted) and (bool(have & wanted) or "---" in wanted)


@dataclass
class Tally:
    """Counts of one scoring run (one split or one type)."""

    required: int = 0
    matched_required: int = 0
    predicted: int = 0
    matched_optional: int = 0
    type_only_required: int = 0
    actor_right: int = 0
    recipient_right: int = 0
    recipient_asked: int = 0
    modality_right: int = 0
    flag_right: Counter[str] = field(default_factory=Counter)
    bands: dict[tuple[float, float], list[bool]] = field(default_factory=dict)
    by_type: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)
    false: list[dict[str, Any]] = field(default_factory=list)

    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 0.0

    def precision(self) -> float:
        scored = self.predicted - self.matched_optional
        return self.matched_required / scored if scored else 0.0


def _type_ok(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    return event.get("plover") in {gold["plover"], *gold.get("plover_alt", [])}


def event_matches(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    """The protocol's match: accepted type, agreeing actor, and agreeing recipient when the
    gold record has one (the sentence is checked by the caller)."""
    if not _type_ok(event, gold):
        return False
    parties = event.get("actors", [])
    if not parties_agree(parties, gold.get("actors", [])):
        return False
    if gold.get("recipients"):
        others = event.get("recipients", []) or []
        return parties_agree(others, gold["recipients"])
    return True


def score_article(events: list[dict[str, Any]], gold: list[dict[str, Any]],
                  where: dict[tuple[int, int], tuple[int, int] | None], tally: Tally,
                  article_id: str) -> None:
    """Match one article's events to its gold records and add to ``tally``."""
    def span_of(rec: dict[str, Any]) -> tuple[int, int] | None:
        return where.get((rec["start"], rec["end"]))

    def inside(event: dict[str, Any], rec: dict[str, Any]) -> bool:
        span = span_of(rec)
        start = int(event["trigger"]["start"])
        return span is not None and span[0] <= start < span[1]

    open_gold = sorted(gold, key=lambda r: not r["required"])
    used: set[int] = set()
    matched_events: set[int] = set()
    for e_index, event in enumerate(events):
        for g_index, rec in enumerate(open_gold):
            if g_index in used or not inside(event, rec) or not event_matches(event, rec):
                continue
            used.add(g_index)
            matched_events.add(e_index)
            if rec["required"]:
                tally.matched_required += 1
                tally.by_type[rec["plover"]]["matched"] += 1
                flags = {f for f in MODALITY_FLAGS if event["modality"].get(f)}
                wanted = set(rec.get("modality", []))
                tally.modality_right += flags == wanted
                for flag in MODALITY_FLAGS:
                    tally.flag_right[flag] += (flag in flags) == (flag in wanted)
            else:
                tally.matched_optional += 1
            break
    tally.predicted += len(events)
    for e_index, event in enumerate(events):
        tally.by_type[str(event.get("plover"))]["predicted"] += 1
        optional_only = e_index in matched_events and not any(
            inside(event, r) and event_matches(event, r) and r["required"] for r in gold)
        right = e_index in matched_events and not optional_only
        if e_index in matched_events and optional_only:
            continue
        tally.by_type[str(event.get("plover"))]["right"] += right
        conf = float(event.get("confidence", 0.0))
        for band in BANDS:
            if band[0] <= conf < band[1]:
                tally.bands.setdefault(band, []).append(right)
        if not right and len(tally.false) < 400:
            tally.false.append({"article": article_id, "trigger": event["trigger"],
                                "plover": event.get("plover"), "cameo": event.get("cameo")})
    for g_index, rec in enumerate(open_gold):
        if not rec["required"]:
            continue
        tally.required += 1
        tally.by_type[rec["plover"]]["gold"] += 1
        typed = [e for e in events if inside(e, rec) and _type_ok(e, rec)]
        if typed:
            tally.type_only_required += 1
            tally.actor_right += any(parties_agree(e.get("actors", []), rec["actors"])
                                     for e in typed)
            if rec.get("recipients"):
                tally.recipient_asked += 1
                tally.recipient_right += any(
                    parties_agree(e.get("recipients", []), rec["recipients"]) for e in typed)
        if g_index not in used and len(tally.misses) < 400:
            tally.misses.append({"article": article_id, "sentence": rec["sentence"],
                                 "plover": rec["plover"], "typed": bool(typed)})


def documents(data_dir: Path, ids: set[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, raw text, communique/1 document) for the chosen articles, read from a JSONL
    file of their records as a user's ingest would read them."""
    import tempfile

    from communique.extract import process
    from communique.ingest.readers import read_inputs

    articles = read_articles(data_dir, ids)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events-news.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for key in sorted(articles):
                out.write(json.dumps(articles[key], ensure_ascii=False) + "\n")
        for doc in process(read_inputs([path])):
            key = str(doc["article"]["id"])
            yield key, str(articles[key]["text"]), doc


def split_gold(gold_set: str, split: str | None, limit: int | None = None,
               ) -> tuple[set[str], dict[str, list[dict[str, Any]]]]:
    """The article ids of one split of ``gold_set`` (``None``: all; ``limit``: the first N
    by id) and their gold records by article."""
    splits, gold = load_gold(eval_dir(gold_set), gold_set)
    ids = {k for k, v in splits.items() if split is None or v == split}
    if limit:
        ids = set(sorted(ids)[:limit])
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in gold:
        if rec["article"] in ids:
            by_article[rec["article"]].append(rec)
    return ids, by_article


def evaluate_split(data_dir: Path, split: str | None, limit: int | None = None) -> Tally:
    """Score the articles of one split (``None``: all of them)."""
    ids, by_article = split_gold("events-news", split, limit)
    tally = Tally()
    for key, raw, doc in documents(data_dir, ids):
        records = by_article.get(key, [])
        where = sentence_map(raw, str(doc["article"]["text"]),
                             [(r["start"], r["end"]) for r in records])
        score_article(list(doc.get("events") or []), records, where, tally, key)
    return tally


def _rows(tally: Tally, prefix: str) -> list[Metric]:
    r, p = tally.recall(), tally.precision()
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    rows = [Metric(f"{prefix}: events (type + actor + recipient)", precision=round(p, 3),
                   recall=round(r, 3), f1=round(f1, 3),
                   counts={"required": tally.required, "matched": tally.matched_required,
                           "predicted": tally.predicted,
                           "matched_optional": tally.matched_optional}),
            Metric(f"{prefix}: type found in the sentence, of required",
                   value=round(tally.type_only_required / tally.required, 3)
                   if tally.required else 0.0, counts={"typed": tally.type_only_required}),
            Metric(f"{prefix}: actor right, of typed",
                   value=round(tally.actor_right / tally.type_only_required, 3)
                   if tally.type_only_required else 0.0),
            Metric(f"{prefix}: recipient right, of typed with a gold recipient",
                   value=round(tally.recipient_right / tally.recipient_asked, 3)
                   if tally.recipient_asked else 0.0,
                   counts={"asked": tally.recipient_asked}),
            Metric(f"{prefix}: modality right (all five flags), of matched",
                   value=round(tally.modality_right / tally.matched_required, 3)
                   if tally.matched_required else 0.0,
                   note=", ".join(f"{f} {tally.flag_right[f]}" for f in MODALITY_FLAGS))]
    for plover in sorted(t for t in tally.by_type if t != "None"):
        counts = tally.by_type[plover]
        if not counts["gold"] and not counts["predicted"]:
            continue
        rows.append(Metric(
            f"{prefix}: {plover}",
            recall=round(counts["matched"] / counts["gold"], 3) if counts["gold"] else None,
            precision=round(counts["right"] / counts["predicted"], 3)
            if counts["predicted"] else None, counts=dict(counts)))
    for band in BANDS:
        inside = tally.bands.get(band, [])
        if inside:
            rows.append(Metric(f"{prefix}: precision, confidence {band[0]}-{min(band[1], 1)}",
                               value=round(sum(inside) / len(inside), 3),
                               counts={"events": len(inside)}))
    return rows


def type_recalls(tally: Tally, minimum: int = 5) -> dict[str, float]:
    """Recall per PLOVER type with at least ``minimum`` required gold events."""
    return {t: c["matched"] / c["gold"] for t, c in tally.by_type.items()
            if c["gold"] >= minimum}


@register_suite("events-news")
def run(data_dir: Path, limit: int | None) -> EvalReport:
    """Precision and recall on the news gold's dev split, train figures alongside."""
    report = EvalReport(suite="events-news")
    dev = evaluate_split(data_dir, "dev", limit)
    train = evaluate_split(data_dir, "train", limit)
    report.rows = _rows(dev, "dev") + _rows(train, "train")
    top = dev.bands.get(BANDS[-1], [])
    recalls = type_recalls(dev)
    report.headline = {
        "dev_recall": round(dev.recall(), 3), "dev_precision": round(dev.precision(), 3),
        "train_recall": round(train.recall(), 3),
        "train_precision": round(train.precision(), 3),
        "dev_min_type_recall": round(min(recalls.values()), 3) if recalls else 0.0,
        "dev_top_band_precision": round(sum(top) / len(top), 3) if top else 0.0,
    }
    report.details = {"dev_misses": dev.misses, "dev_false": dev.false,
                      "dev_type_recall": recalls}
    return report
