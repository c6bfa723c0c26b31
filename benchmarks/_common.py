"""Shared by the benchmark scripts: default input, result files, load reporting."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def default_input(given: str | None) -> str:
    """``given``, else the AllSides sample in ../shared/data (exit 2 when absent)."""
    if given:
        return given
    from communique.evaluate.registry import find_data_dir

    data = find_data_dir()
    if data is None:
        print("no --input and ../shared/data is absent", file=sys.stderr)
        raise SystemExit(2)
    return str(data / "news" / "allsides-sample.jsonl")


def save(name: str, figures: dict[str, Any]) -> None:
    """Write ``figures`` (with the command line) to ``benchmarks/results/NAME.json``."""
    figures = {**figures, "command": "python " + " ".join(sys.argv)}
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    print(f"written to {out}")
