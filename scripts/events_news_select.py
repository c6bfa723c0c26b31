"""Choose the AllSides articles of the blind events news gold set and write annotation packets.

The choice is fixed by a seed so that anyone can re-derive it from the shared sample:
articles of the foreign-affairs topics, 150 to 1,500 words, 80 drawn at random, the first
60 drawn forming the train split (for designing rules) and the last 20 the dev split (for
checking only). Packets give each article's sentences numbered with their character
offsets into the record's raw ``text`` field, which is what the gold records cite; the
packets are written outside the repository (article text is research-use only).

Usage: python scripts/events_news_select.py --data ../shared/data [--packets DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

TOPICS = ("world", "foreign_policy", "middle_east", "europe", "russia", "china", "ukraine",
          "immigration", "terrorism")
SEED = 18
TOTAL = 80
TRAIN = 60
MIN_WORDS, MAX_WORDS = 150, 1500

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before
# whitespace and a capital, digit or opening quote; common abbreviations do not end one.
_END = re.compile(r"""(?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])""")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Adm|Maj|Prof|St|Jr|Sr|Inc|Co|Corp|"
    r"Ltd|No|vs|U\.S|U\.N|U\.K|E\.U|Feb|Jan|Aug|Sept|Sep|Oct|Nov|Dec|Ariz|Calif|Fla|Mass|"
    r"D\.C|a\.m|p\.m|[A-Z])\.)$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``: paragraphs split on line breaks, then
    on sentence-final punctuation that no abbreviation explains."""
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        chunk = para.group()
        cut = 0
        for match in _END.finditer(chunk):
            head = chunk[cut:match.start()].rstrip("\"'”’)]")
            if _ABBREV.search(head):
                continue
            piece_end = match.start() + len(match.group().rstrip())
            spans.append((start + cut, start + piece_end))
            cut = match.end()
        if chunk[cut:].strip():
            spans.append((start + cut, start + len(chunk.rstrip())))
    return [(s + (len(text[s:e]) - len(text[s:e].lstrip())), e) for s, e in spans
            if text[s:e].strip()]


def choose(data: Path) -> list[tuple[str, str, dict[str, object]]]:
    """The 80 chosen records as (split, id, record), in draw order."""
    eligible = []
    with (data / "news" / "allsides-sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            words = len(str(record["text"]).split())
            if record["topic"] in TOPICS and MIN_WORDS <= words <= MAX_WORDS:
                eligible.append(record)
    eligible.sort(key=lambda r: str(r["id"]))
    drawn = random.Random(SEED).sample(eligible, TOTAL)
    return [("train" if i < TRAIN else "dev", str(r["id"]), r) for i, r in enumerate(drawn)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--packets", type=Path, help="folder for annotation packets")
    parser.add_argument("--out", type=Path, default=Path("eval/events-news/articles.tsv"))
    args = parser.parse_args()
    chosen = choose(args.data)
    lines = ["split\tid\ttopic\twords\tsentences"]
    for split, ident, record in chosen:
        text = str(record["text"])
        lines.append(f"{split}\t{ident}\t{record['topic']}\t{len(text.split())}\t"
                     f"{len(sentences(text))}")
        if args.packets:
            args.packets.mkdir(parents=True, exist_ok=True)
            body = [f"# article {ident}  published {record.get('date')}  outlet "
                    f"{record.get('outlet')}  topic {record['topic']}",
                    f"# title: {record.get('title')}", ""]
            for n, (s, e) in enumerate(sentences(text), 1):
                body.append(f"[{n}] {s}-{e}\t{text[s:e]}")
            (args.packets / f"{ident}.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
