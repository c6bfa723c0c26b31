"""Count quotes with an addressee or a channel over the AllSides sample; draw the hand-check set.

Usage: .venv/bin/python eval/quotes_allsides.py [../shared/data/news/allsides-sample.jsonl [SEED]]

Writes ``eval/quotes-allsides-counts.json`` (counts only) and, when it does not exist yet,
``eval/quotes-addressee-channel-handcheck.tsv`` (seed 4; ``-seedN.tsv`` for another seed) with
30 drawn quotes (article id, quote id, offsets; verdict columns left for the hand-checker). No
article text is written.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

from communique.article import Source
from communique.extract import process
from communique.ingest.readers import RawDocument

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "data" / "news" / "allsides-sample.jsonl"
SAMPLE = 30
SEED = 4


def _occurrences(text: str, needle: str) -> list[int]:
    out, k = [], text.find(needle)
    while k >= 0 and needle:
        out.append(k)
        k = text.find(needle, k + 1)
    return out


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else SEED
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    docs = [RawDocument(Source(str(path), record=i), r["text"], "text")
            for i, r in enumerate(records)]
    counts: Counter[str] = Counter()
    pool: list[tuple[str, int, dict[str, object], str]] = []
    for i, doc in enumerate(process(iter(docs))):
        if doc.get("skipped"):
            counts["articles_skipped"] += 1
            continue
        counts["articles"] += 1
        for quote in doc["quotes"]:
            counts["quotes"] += 1
            counts[f"kind_{quote['kind']}"] += 1
            has_a, has_c = quote["addressee"] is not None, quote["channel"] is not None
            counts["with_addressee"] += has_a
            counts["with_channel"] += has_c
            counts["with_addressee_or_channel"] += has_a or has_c
            if has_a or has_c:
                pool.append((str(records[i]["id"]), i, quote, doc["article"]["text"]))
    out = {"source": path.name, "counts": dict(sorted(counts.items()))}
    (HERE / "quotes-allsides-counts.json").write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))
    suffix = "" if seed == SEED else f"-seed{seed}"
    tsv = HERE / f"quotes-addressee-channel-handcheck{suffix}.tsv"
    if tsv.exists():
        return
    random.Random(seed).shuffle(pool)
    rows = ["article_id\trecord\tquote\tkind\tquote_start\tquote_end\tcue_start\tcue_end\t"
            "field\tfield_offsets\tverdict\tnote"]
    for article_id, record, quote, text in pool[:SAMPLE]:
        cue = quote["cue"] or {}
        assert isinstance(cue, dict)
        for field in ("addressee", "channel"):
            value = quote[field]
            if value is None:
                continue
            assert isinstance(value, dict)
            # Offsets of the addressee/channel phrase: its occurrence nearest the cue.
            anchor = int(str(cue.get("start") or quote["start"]))
            found = [k for k in _occurrences(text, str(value["text"]))]
            at = min(found, key=lambda k: abs(k - anchor)) if found else -1
            offsets = f"{at}-{at + len(str(value['text']))}" if at >= 0 else ""
            rows.append("\t".join(str(x) for x in (
                article_id, record, quote["id"], quote["kind"], quote["start"], quote["end"],
                cue.get("start"), cue.get("end"), field, offsets, "", "")))
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
