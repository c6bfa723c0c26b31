"""Suite ``events``: PLOVER coding on the PLOVER gold-standard records (PLOVER_GSR_CAMEO.json).

Gold: 322 one-sentence records (plus a DOCUMENT record, skipped) with source/target actor
codes and a PLOVER 0.5b1 event label, mapped to PLOVER 2.0: DEMAND -> REQUEST,
DISAPPROVE/INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.

Each sentence runs through the full pipeline (actors, quotes, events) as a one-sentence
article without a publication date. Scoring:

* PLOVER type micro-F1: per record, the set of PLOVER types the events carry against the
  gold type (a type predicted twice counts once; every extra type is a false positive).
* Actor codes: over records whose gold type was predicted, the share where an event of that
  type has an actor matching a gold source code and, when the record has a gold target, a
  recipient matching a gold target. A code matches at country level: gold ``HUN`` matches an
  entity with country ``HUN`` or a code starting ``HUN``; gold ``JAP`` and other legacy
  CAMEO country codes are normalised to ISO alpha-3 with the actors knowledge base when it
  is available.
* Precision per confidence band: every predicted (record, type) pair is right when it is the
  gold type; pairs take the highest confidence among their events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from communique.evaluate.registry import EvalReport, Metric, register_suite

LABEL_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
             "FIGHT": "ASSAULT"}
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def run_pipeline(texts: Iterable[tuple[str, str]],
                 published: str | None = None) -> Iterator[tuple[str, Any]]:
    """Parse (id, text) pairs with the full pipeline; yields (id, doc)."""
    from communique.nlp.pipeline import load_pipeline

    nlp = load_pipeline()

    def docs() -> Iterator[tuple[Any, str]]:
        for key, text in texts:
            doc = nlp.make_doc(text)
            doc._.communique_structure = {"article_id": key, "published": published,
                                          "outlet": None, "headings": [], "dateline": None}
            yield doc, key

    for doc, key in nlp.pipe(docs(), as_tuples=True, batch_size=32):
        yield key, doc


def _legacy_map() -> dict[str, str]:
    try:
        from communique.actors.kb import load_kb

        return dict(load_kb().legacy)
    except Exception:  # the actors package may be incomplete while it is being built
        return {}


def code_matches(ref: dict[str, Any], gold: str, legacy: dict[str, str]) -> bool:
    """True when an entity ref matches a gold CAMEO actor code at country level."""
    gold = gold.strip().upper()
    if not gold:
        return False
    wanted = {gold, legacy.get(gold, gold)}
    country = (ref.get("country") or "").upper()
    code = (ref.get("code") or "").upper()
    return country in wanted or any(code.startswith(w) for w in wanted)


def band_rows(pairs: list[tuple[float, bool]], prefix: str) -> list[Metric]:
    """Precision per confidence band over (confidence, correct) pairs."""
    rows: list[Metric] = []
    for low, high in BANDS:
        inside = [ok for conf, ok in pairs if low <= conf < high]
        if not inside:
            continue
        rows.append(Metric(
            f"{prefix} precision, confidence [{low:.2f}, {min(high, 1.0):.2f})",
            value=round(sum(inside) / len(inside), 3),
            counts={"events": len(inside), "right": sum(inside)},
        ))
    return rows


def _gold_codes(field: Any) -> list[str]:
    if not isinstance(field, list):
        return []
    return [str(item.get("code", "")) for item in field if isinstance(item, dict)]


@register_suite("events")
def run(data_dir: Path, limit: int | None) -> EvalReport:
    """PLOVER type micro-F1 and actor/recipient code accuracy on the PLOVER GSR."""
    path = data_dir / "plover" / "PLOVER_GSR_CAMEO.json"
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))
               if r.get("event") != "DOCUMENT" and r.get("text")]
    if limit:
        records = records[:limit]
    legacy = _legacy_map()
    by_id = {r["id"]: r for r in records}
    from communique.events.coder import code_document

    tp = fp = fn = 0
    t_tp = t_fp = t_fn = 0
    matched = actors_right = 0
    pairs: list[tuple[float, bool]] = []
    misses: list[dict[str, Any]] = []
    for key, doc in run_pipeline((r["id"], r["text"]) for r in records):
        record = by_id[key]
        gold = LABEL_MAP.get(record["event"], record["event"])
        events = list(doc._.communique_events or [])
        trigger_types = {e["plover"] for e in code_document(doc, require_actor=False)}
        t_tp += gold in trigger_types
        t_fn += gold not in trigger_types
        t_fp += len(trigger_types - {gold})
        types: dict[str, float] = {}
        for event in events:
            types[event["plover"]] = max(types.get(event["plover"], 0.0), event["confidence"])
        for ptype, conf in types.items():
            pairs.append((conf, ptype == gold))
        if gold in types:
            tp += 1
            fp += len(types) - 1
            matched += 1
            sources = _gold_codes(record.get("source"))
            targets = _gold_codes(record.get("target"))
            ok = False
            for event in events:
                if event["plover"] != gold:
                    continue
                actor_ok = any(code_matches(a, g, legacy) for a in event["actors"]
                               for g in sources) if sources else True
                target_ok = any(code_matches(a, g, legacy) for a in event["recipients"]
                                for g in targets) if targets else True
                if actor_ok and target_ok:
                    ok = True
                    break
            actors_right += ok
        else:
            fn += 1
            fp += len(types)
            if len(misses) < 40:
                misses.append({"id": key, "gold": gold, "predicted": sorted(types)})
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    actor_rate = actors_right / matched if matched else 0.0
    report = EvalReport(suite="events")
    report.rows.append(Metric("PLOVER type (micro)", precision=round(precision, 3),
                              recall=round(recall, 3), f1=round(f1, 3),
                              counts={"records": len(records), "tp": tp, "fp": fp, "fn": fn}))
    report.rows.append(Metric("actor and recipient codes right (matched events)",
                              value=round(actor_rate, 3),
                              counts={"matched": matched, "right": actors_right}))
    t_p = t_tp / (t_tp + t_fp) if t_tp + t_fp else 0.0
    t_r = t_tp / (t_tp + t_fn) if t_tp + t_fn else 0.0
    report.rows.append(Metric(
        "PLOVER type, trigger level (events kept without a codable actor; diagnostic)",
        precision=round(t_p, 3), recall=round(t_r, 3),
        f1=round(2 * t_p * t_r / (t_p + t_r), 3) if t_p + t_r else 0.0,
        counts={"tp": t_tp, "fp": t_fp, "fn": t_fn}))
    report.rows.extend(band_rows(pairs, "type"))
    report.headline = {"plover_micro_f1": round(f1, 3), "actor_codes_right": round(actor_rate, 3)}
    report.details = {"misses": misses}
    return report
