"""The ingest benchmark runs end to end on a tiny input (figures checked for shape only)."""

from __future__ import annotations

import json
from pathlib import Path

from communique.run.bench import ingest_vs_bare


def test_ingest_bench_smoke(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    texts = ["Lavrov met Wang Yi in Beijing on Tuesday, officials said.",
             "Blinken visited Kyiv on Monday and met President Zelensky.",
             "The European Union imposed new sanctions on Iran on Friday.",
             "Kenya and Ethiopia agreed to hold talks on the border dispute."]
    source.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    result = ingest_vs_bare(source, limit=None, workers=0, rounds=1)
    figures = result.to_dict()
    assert figures["articles"] == 4 and figures["workers"] == 0
    assert figures["bare_seconds"] > 0 and figures["ingest_seconds"] > 0
    assert figures["ratio"] > 0 and figures["resolve_seconds"] >= 0
    assert figures["model"].startswith("en_")
    # CPU figures: the bare side and the ingest side both did work; the ratio is theirs.
    assert figures["bare_cpu_seconds"] > 0 and figures["ingest_cpu_seconds"] > 0
    assert figures["cpu_ratio"] > 0
    # In-process, the per-article work is the writer's own CPU time plus the corpus step.
    assert figures["ingest_cpu_seconds"] >= figures["writer_cpu_seconds"]
