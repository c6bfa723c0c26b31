"""Registry of evaluation suites and the report they return.

A suite is a function ``(data_dir: Path, limit: int | None) -> EvalReport`` registered
under a name. Suites live in their own modules (one per concern) and are imported
lazily so that ``communique --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from communique.errors import UsageError

ENV_DATA = "COMMUNIQUE_DATA"


@dataclass
class Metric:
    """One row of a report: a named measurement with optional P/R/F1 and counts."""

    name: str
    value: float | None = None
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", {})}


@dataclass
class EvalReport:
    """What a suite measured: rows for the table plus headline figures checked against floors."""

    suite: str
    rows: list[Metric] = field(default_factory=list)
    headline: dict[str, float] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "headline": self.headline,
            "rows": [row.to_dict() for row in self.rows],
            "details": self.details,
        }


SuiteFn = Callable[[Path, int | None], EvalReport]
_SUITES: dict[str, SuiteFn] = {}
# Suite name -> module that registers it when imported.
_SUITE_MODULES: dict[str, str] = {
    "extraction": "communique.evaluate.extraction",
    "cleaning": "communique.evaluate.cleaning",
    "actors": "communique.evaluate.actors_suite",
    "quotes": "communique.evaluate.quotes_suite",
    "events": "communique.evaluate.events_suite",
    "events-news": "communique.evaluate.events_news",
    "speakers-news": "communique.evaluate.speakers_news",
    "cameo": "communique.evaluate.cameo_suite",
    "petrarch": "communique.evaluate.petrarch_suite",
}


def register_suite(name: str) -> Callable[[SuiteFn], SuiteFn]:
    """Decorator: register ``fn`` as evaluation suite ``name``."""

    def wrap(fn: SuiteFn) -> SuiteFn:
        _SUITES[name] = fn
        return fn

    return wrap


def suite_names() -> list[str]:
    """Names of every known suite."""
    return sorted(_SUITE_MODULES)


def get_suite(name: str) -> SuiteFn:
    """The suite function registered as ``name``; :class:`UsageError` if unknown."""
    if name not in _SUITE_MODULES:
        choices = ", ".join(suite_names())
        raise UsageError(f"unknown evaluation suite {name!r}; choose from {choices}")
    importlib.import_module(_SUITE_MODULES[name])
    return _SUITES[name]


def find_data_dir(explicit: str | Path | None = None) -> Path | None:
    """The reference data folder: ``--data``, ``$COMMUNIQUE_DATA``, then ``../shared/data``.

    Returns ``None`` when none exists (evaluation then skips with a reason).
    """
    candidates: list[Path] = []
    if explicit:
        candidates.append(Path(explicit))
    if os.environ.get(ENV_DATA):
        candidates.append(Path(os.environ[ENV_DATA]))
    candidates.append(Path.cwd().parent / "shared" / "data")
    candidates.append(Path(__file__).resolve().parents[3].parent / "shared" / "data")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    if explicit:
        raise UsageError(f"--data {explicit}: no such folder")
    return None
