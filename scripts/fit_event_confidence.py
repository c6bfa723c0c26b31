"""Fit the event confidence model on the train split of the events news gold.

Every event the coder emits on the 60 train articles is labelled by the gold: right when
it matches a required record (type, actor, recipient in the same sentence), wrong when it
matches none; events that match only an optional record are left out. An L2-regularised
logistic regression over ``communique.events.confidence.FEATURES`` is fitted and written
to ``src/communique/data/events/confidence.json`` with the counts it was fitted on. The dev
split is never read.

Usage: python scripts/fit_event_confidence.py [--data ../shared/data] [--l2 1.0]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy

ROOT = Path(__file__).resolve().parents[1]


def samples(data: Path) -> tuple[list[list[float]], list[int]]:
    """Feature vectors and labels of the train split's events."""
    from communique.document import structure_of
    from communique.evaluate import events_news as en
    from communique.events.coder import explain_document
    from communique.events.confidence import Evidence, features
    from communique.ingest.readers import read_inputs
    from communique.ingest.types import RawDocument
    from communique.nlp.pipeline import load_pipeline
    from communique.prepare import prepare

    splits, gold = en.load_gold(ROOT / "eval")
    ids = {k for k, v in splits.items() if v == "train"}
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in gold:
        if rec["article"] in ids:
            by_article[rec["article"]].append(rec)
    articles = en.read_articles(data, ids)
    nlp = load_pipeline()
    xs: list[list[float]] = []
    ys: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "train.jsonl"
        path.write_text("".join(json.dumps(articles[k]) + "\n" for k in sorted(articles)),
                        encoding="utf-8")
        for raw in read_inputs([path]):
            if not isinstance(raw, RawDocument):
                continue
            prepared = prepare(raw)
            key = prepared.article.id
            doc = nlp.make_doc(prepared.article.text)
            doc._.communique_structure = structure_of(prepared)
            doc = nlp(doc)
            records = by_article.get(key, [])
            where = en.sentence_map(str(articles[key]["text"]), prepared.article.text,
                                    [(r["start"], r["end"]) for r in records])
            for outcome in explain_document(doc):
                event = outcome.event
                if event is None or outcome.parties is None:
                    continue
                start = int(event["trigger"]["start"])
                here = [r for r in records if (span := where.get((r["start"], r["end"])))
                        and span[0] <= start < span[1]]
                hits = [r for r in here if en.event_matches(event, r)]
                if hits and not any(r["required"] for r in hits):
                    continue
                parties = outcome.parties
                xs.append(features(outcome.cand, Evidence(tuple(parties.actor_kinds),
                                                          parties.recipient_source), event))
                ys.append(1 if hits else 0)
    return xs, ys


def fit(xs: list[list[float]], ys: list[int], l2: float) -> tuple[float, list[float]]:
    """Newton's method on the L2-penalised log-likelihood (the intercept unpenalised)."""
    x = numpy.hstack([numpy.ones((len(xs), 1)), numpy.array(xs)])
    y = numpy.array(ys, dtype=float)
    w = numpy.zeros(x.shape[1])
    penalty = numpy.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + numpy.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x.T * (p * (1 - p))) @ x + numpy.diag(penalty)
        step = numpy.linalg.solve(hessian, gradient)
        w -= step
        if float(numpy.abs(step).max()) < 1e-8:
            break
    return float(w[0]), [float(v) for v in w[1:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()
    from communique.events.confidence import FEATURES, WEIGHTS_FILE

    xs, ys = samples(args.data)
    intercept, coefs = fit(xs, ys, args.l2)
    gold_hash = (ROOT / "eval" / "events-news" / "gold.sha256").read_text().split()[0]
    out = {
        "_comment": "Logistic model of event confidence, fitted by "
                    "scripts/fit_event_confidence.py on the train split of the events news "
                    "gold (eval/events-news); do not edit by hand.",
        "fitted_on": {"events": len(ys), "right": sum(ys), "l2": args.l2,
                      "gold_sha256": gold_hash[:16]},
        "intercept": round(intercept, 4),
        "weights": {name: round(c, 4) for (name, _), c in zip(FEATURES, coefs, strict=True)},
    }
    WEIGHTS_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
