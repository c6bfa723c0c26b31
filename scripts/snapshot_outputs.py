"""Write every document's entities, quotes and events for the refactoring comparison sets.

A restructuring must leave output identical. This script runs the whole pipeline on the
PLOVER GSR sentences, PolNeAR train and dev, and 400 AllSides articles (those outside the
events news gold set), and writes one JSON line per document; two snapshots taken before
and after a change are compared with ``--compare OLD NEW``.

Usage: python scripts/snapshot_outputs.py --data ../shared/data --out snap.jsonl
       python scripts/snapshot_outputs.py --compare old.jsonl new.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def _inputs(data: Path, work: Path, allsides: int) -> list[Path]:
    gsr = json.loads((data / "plover" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    with (work / "gsr.jsonl").open("w", encoding="utf-8") as out:
        for n, record in enumerate(r for r in gsr if r.get("text")):
            out.write(json.dumps({"id": f"gsr-{n}", "text": record["text"]}) + "\n")
    gold_ids: set[str] = set()
    chosen = Path(__file__).resolve().parents[1] / "eval" / "events-news" / "articles.tsv"
    if chosen.exists():
        gold_ids = {line.split("\t")[1] for line in chosen.read_text().splitlines()[1:]}
    kept = 0
    with (data / "news" / "allsides-sample.jsonl").open(encoding="utf-8") as handle, \
            (work / "allsides.jsonl").open("w", encoding="utf-8") as out:
        for line in handle:
            if kept >= allsides:
                break
            if json.loads(line)["id"] not in gold_ids:
                out.write(line)
                kept += 1
    return [work / "gsr.jsonl", data / "polnear" / "train" / "text",
            data / "polnear" / "dev" / "text", work / "allsides.jsonl"]


def snapshot(data: Path, out: Path, allsides: int, n_process: int) -> int:
    from communique.extract import process
    from communique.ingest.readers import read_inputs

    count = 0
    with tempfile.TemporaryDirectory() as tmp, out.open("w", encoding="utf-8") as sink:
        items = read_inputs(_inputs(data, Path(tmp), allsides))
        for doc in process(items, n_process=n_process, batch_size=32):
            keep = {k: doc.get(k) for k in ("entities", "quotes", "events")}
            sink.write(json.dumps({"id": doc["article"]["id"], **keep}, sort_keys=True) + "\n")
            count += 1
    return count


def compare(old: Path, new: Path) -> int:
    def load(path: Path) -> dict[str, str]:
        return {json.loads(line)["id"]: line for line in path.open(encoding="utf-8")}

    a, b = load(old), load(new)
    differing = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    print(f"{len(a)} and {len(b)} documents; {len(differing)} differ")
    for key in differing[:20]:
        print("  ", key)
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--allsides", type=int, default=400)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    if args.compare:
        sys.exit(compare(*args.compare))
    if args.out is None:
        parser.error("--out is required unless --compare is given")
    print(snapshot(args.data, args.out, args.allsides, args.processes), "documents")


if __name__ == "__main__":
    main()
