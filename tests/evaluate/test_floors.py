"""Run every evaluation suite that has floors and fail below them (needs ../shared/data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from communique.evaluate.registry import get_suite

FLOORS_FILE = Path(__file__).resolve().parents[2] / "eval" / "floors.json"


def _floors() -> dict[str, dict[str, float]]:
    data: dict[str, Any] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    return dict(data.get("suites", {}))


def test_floors_file_is_well_formed() -> None:
    for suite, metrics in _floors().items():
        get_suite(suite)  # every suite named there exists
        assert metrics, f"{suite}: no metrics"
        for name, floor in metrics.items():
            assert isinstance(floor, (int, float)), f"{suite}.{name} must be a number"


@pytest.mark.data
@pytest.mark.slow  # each runs a whole evaluation suite
@pytest.mark.parametrize("suite", sorted(_floors()))
def test_suite_meets_floors(suite: str, data_dir: Path) -> None:
    report = get_suite(suite)(data_dir, None)
    for name, floor in _floors()[suite].items():
        assert name in report.headline, f"{suite}: headline metric {name!r} missing"
        value = report.headline[name]
        assert value >= floor, f"{suite}.{name} = {value:.4f} fell below its floor {floor}"
