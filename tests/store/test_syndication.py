"""Syndicated copies are found on real articles (AllSides sample), different stories are not."""

from __future__ import annotations

import json
import random
from pathlib import Path

from communique.store.similarity import near_duplicate_groups, shingle_hashes, sketch


def test_wire_copies_grouped_and_only_them(data_dir: Path) -> None:
    with open(data_dir / "news" / "allsides-sample.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line, _ in zip(handle, range(300), strict=False)]
    items = [(f"a{i:03d}", sketch(shingle_hashes(r["text"]))) for i, r in enumerate(rows)]
    rng = random.Random(5)
    picked = rng.sample(range(len(rows)), 30)
    for i in picked:
        paragraphs = rows[i]["text"].split("\n")
        body = paragraphs[1:] if len(paragraphs) > 3 else paragraphs
        copy = "\n".join(["By The Associated Press", *body, "Copyright The Associated Press."])
        items.append((f"copy{i:03d}", sketch(shingle_hashes(copy))))
    groups = near_duplicate_groups(items)
    for i in picked:
        assert groups[f"copy{i:03d}"] == groups[f"a{i:03d}"]
    sizes: dict[str, int] = {}
    for root in groups.values():
        sizes[root] = sizes.get(root, 0) + 1
    # Each copy joins its original only: no two different articles are grouped.
    assert sorted(sizes.values(), reverse=True)[:1] == [2]
    assert sum(1 for n in sizes.values() if n == 2) == len(picked)
