"""Measure event locations on a sample of articles and draw events to check by hand.

Runs the library (``communique.extract``) on ``--articles`` articles drawn with
``--seed`` from a JSONL file of articles (the AllSides sample by default), prints the
share of events with a location by ``location.source``, and writes ``--check`` randomly
drawn located events (same seed) as a TSV to fill in: article id, event id, trigger
offsets, place name, country, source, resolution and empty verdict/note columns. The TSV
holds no article text; ``--show`` prints the sentences on stderr for the checker.

Usage: python scripts/place_coverage.py [--input F] [--articles 200] [--seed 22]
       [--check 30] [--out eval/places-handcheck.tsv] [--show]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

SAMPLE = Path("news") / "allsides-sample.jsonl"  # under the reference data folder
COLUMNS = ("article_id", "event_id", "trigger_start", "trigger_end", "place", "country",
           "source", "resolution", "verdict", "note")


def sample(path: Path, articles: int, seed: int) -> list[str]:
    """``articles`` lines of the JSONL file, drawn with ``seed``."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return random.Random(seed).sample(lines, min(articles, len(lines)))


def run(lines: list[str]) -> list[dict[str, Any]]:
    """The communique/1 documents of the articles."""
    import communique

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return communique.extract(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path, default=None,
                        help="JSONL articles (default: the AllSides sample of ../shared/data)")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--check", type=int, default=30)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    if args.input is None:
        from communique.evaluate.registry import find_data_dir

        data = find_data_dir()
        if data is None:
            parser.error("no --input and no reference data folder (../shared/data)")
        args.input = data / SAMPLE
    documents = run(sample(args.input, args.articles, args.seed))
    events = [(doc, ev) for doc in documents for ev in doc.get("events", ())]
    located = [(doc, ev) for doc, ev in events if ev.get("location")]
    sources = Counter(str(ev["location"].get("source", "sentence")) for _, ev in located)
    summary = {"articles": len(documents), "events": len(events), "located": len(located),
               "share": round(len(located) / max(1, len(events)), 3),
               "by_source": dict(sources.most_common())}
    print(json.dumps(summary))
    if args.out is None:
        return
    drawn = random.Random(args.seed).sample(located, min(args.check, len(located)))
    rows = ["\t".join(COLUMNS)]
    for doc, ev in drawn:
        loc = ev["location"]
        rows.append("\t".join(str(v) for v in (
            doc["article"]["id"], ev["id"], ev["trigger"]["start"], ev["trigger"]["end"],
            loc.get("name") or "", loc.get("country") or "", loc.get("source", "sentence"),
            loc.get("resolution") or "", "", "")))
        if args.show:
            text = doc["article"]["text"]
            sentence = text[ev["sentence"]["start"]:ev["sentence"]["end"]]
            print(f"{ev['id']} [{ev['trigger']['text']}] {loc.get('name')} "
                  f"{loc.get('country')} {loc.get('source')} | "
                  f"{(doc.get('dateline') or {}).get('text')} | "
                  f"{doc['article'].get('title')} | {' '.join(sentence.split())}",
                  file=sys.stderr)
    args.out.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
