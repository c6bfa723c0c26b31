"""The start-up benchmark times whole processes (figures checked for shape only)."""

from __future__ import annotations

import json
from pathlib import Path

from communique.run.startup import startup
from communique.run.wholerun import whole_run


def test_startup_bench_times_each_command() -> None:
    result = startup("Kenya and Ethiopia agreed to hold talks on the border dispute.\n",
                     rounds=1).to_dict()
    assert result["rounds"] == 1 and result["model"].startswith("en_")
    assert result["extract_seconds"] > result["import_seconds"] > 0
    assert result["bare_seconds"] > 0 and result["help_seconds"] > 0
    assert result["overhead_seconds"] == round(result["extract_seconds"]
                                               - result["bare_seconds"], 3)
    assert result["extract_cpu_seconds"] > 0 and result["bare_cpu_seconds"] > 0
    assert result["overhead_cpu_seconds"] == round(result["extract_cpu_seconds"]
                                                   - result["bare_cpu_seconds"], 3)


def test_whole_run_times_bare_and_ingest(tmp_path: Path) -> None:
    source = tmp_path / "articles.jsonl"
    texts = ["Lavrov met Wang Yi in Beijing on Tuesday, officials said.",
             "The European Union imposed new sanctions on Iran on Friday."]
    source.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    result = whole_run(source, limit=None, workers=(1,), rounds=1).to_dict()
    assert result["articles"] == 2 and result["model"].startswith("en_")
    assert result["bare_seconds"] > 0 and result["ingest_seconds"][1] > 0
    assert 0 < result["ratio"][1] < 10
    # Ingest with a worker process does more than the bare script: it cannot cost less CPU.
    assert result["ingest_cpu_seconds"][1] > result["bare_cpu_seconds"]
    assert len(result["runs"]["bare"]) == 1
