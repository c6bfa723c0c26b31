"""Choose the AllSides articles of the blind speaker gold set and write annotation packets.

The choice is fixed by a seed so that anyone can re-derive it from the shared sample: any
topic, 150 to 1,200 words, none of the events news gold's articles, 60 drawn at random; the
first 20 drawn form the train split (for designing rules), the last 40 the dev split
(checking only); a third and a fourth train block of 10 are drawn from the rest, each
with its own seed.
Packets number each article's sentences with their character offsets into the record's raw
``text`` (what the gold cites) and are written outside the repository (article text is
research-use only). See docs/annotation/speakers.md.

Usage: python scripts/speakers_news_select.py --data ../shared/data [--packets DIR]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from events_news_select import sentences

SEED = 19
TOTAL = 60
TRAIN = 20
# A third train block added later (2026-12-07, logged in eval/speakers-news/CHANGES.md):
# 10 more articles drawn with their own seed from those the first draw left.
EXTRA_SEED = 191
EXTRA = 10
# A fourth train block (2026-12-07, second session): 10 more drawn with their own seed from
# those the first three draws left.
EXTRA2_SEED = 192
MIN_WORDS, MAX_WORDS = 150, 1200
ROOT = Path(__file__).resolve().parents[1]


def choose(data: Path) -> list[tuple[str, str, dict[str, object]]]:
    """The chosen records as (split, id, record), in draw order."""
    taken = {line.split("\t")[1] for line in
             (ROOT / "eval" / "events-news" / "articles.tsv").read_text().splitlines()[1:]}
    eligible = []
    with (data / "news" / "allsides-sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            words = len(str(record["text"]).split())
            if str(record["id"]) not in taken and MIN_WORDS <= words <= MAX_WORDS:
                eligible.append(record)
    eligible.sort(key=lambda r: str(r["id"]))
    drawn = random.Random(SEED).sample(eligible, TOTAL)
    chosen = [("train" if i < TRAIN else "dev", str(r["id"]), r) for i, r in enumerate(drawn)]
    first = {str(r["id"]) for r in drawn}
    rest = [r for r in eligible if str(r["id"]) not in first]
    extra = random.Random(EXTRA_SEED).sample(rest, EXTRA)
    taken_extra = {str(r["id"]) for r in extra}
    rest2 = [r for r in rest if str(r["id"]) not in taken_extra]
    extra2 = random.Random(EXTRA2_SEED).sample(rest2, EXTRA)
    return chosen + [("train", str(r["id"]), r) for r in extra + extra2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--packets", type=Path, help="folder for annotation packets")
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "speakers-news" /
                        "articles.tsv")
    args = parser.parse_args()
    lines = ["split\tid\ttopic\twords\tsentences"]
    for split, ident, record in choose(args.data):
        text = str(record["text"])
        spans = sentences(text)
        lines.append(f"{split}\t{ident}\t{record['topic']}\t{len(text.split())}\t{len(spans)}")
        if args.packets:
            args.packets.mkdir(parents=True, exist_ok=True)
            body = [f"# article {ident}  published {record.get('date')}  outlet "
                    f"{record.get('outlet')}  topic {record['topic']}",
                    f"# title: {record.get('title')}", ""]
            body += [f"[{n}] {s}-{e}\t{text[s:e]}" for n, (s, e) in enumerate(spans, 1)]
            (args.packets / f"{ident}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
