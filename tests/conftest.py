"""Shared fixtures: the reference data folder (skip when absent) and a loaded pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from communique.evaluate.registry import find_data_dir

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "000_a201a40dc613b11f.txt"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """``../shared/data``; tests that need it skip cleanly when it is absent."""
    found = find_data_dir()
    if found is None:
        pytest.skip("reference data ../shared/data is absent")
    return found


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("seed article ../shared/seed is absent")
    return SEED


@pytest.fixture(scope="session")
def nlp() -> Language:
    from communique.nlp import load_pipeline

    return load_pipeline()
