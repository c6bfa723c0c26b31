"""The confidence model: its weights file, its features, and what it is used for."""

from __future__ import annotations

import json
from typing import Any

import pytest

from communique.events import confidence as model
from tests.events.test_coder import one


def test_every_feature_has_a_weight_and_the_fit_is_recorded() -> None:
    data = json.loads(model.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(data["weights"]) == {name for name, _ in model.FEATURES}
    assert data["fitted_on"]["events"] > data["fitted_on"]["right"] > 0


def test_a_recipient_raises_and_negation_lowers_confidence(nlp: Any) -> None:
    with_party = one(nlp, "Russian forces attacked Ukrainian troops near Kharkiv.", "ASSAULT")
    negated = one(nlp, "The Israelis have not annexed the West Bank.", "COERCE")
    assert 0.05 <= negated["confidence"] < with_party["confidence"] <= 0.95


def test_a_broken_weights_file_is_a_clear_error(tmp_path: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from communique.errors import DataFileError

    broken = tmp_path / "confidence.json"
    broken.write_text('{"intercept": 0.1, "weights": {"pattern": 1.0}}', encoding="utf-8")
    monkeypatch.setattr(model, "WEIGHTS_FILE", broken)
    model.weights.cache_clear()
    try:
        with pytest.raises(DataFileError, match="no weight for"):
            model.weights()
    finally:
        model.weights.cache_clear()


def test_evidence_features_read_where_the_parties_came_from() -> None:
    names = {name: test for name, test in model.FEATURES}
    event = {"plover": "CONSULT", "recipients": [], "reciprocal": False, "modality": {},
             "cameo": "040", "quad": 1}
    parsed = model.Evidence(("name",), "parsed-object")
    guessed = model.Evidence(("pronoun",), "home-country")
    assert names["parsed_recipient"](None, parsed, event)  # type: ignore[arg-type]
    assert not names["parsed_recipient"](None, guessed, event)  # type: ignore[arg-type]
    assert names["pronoun_actor"](None, guessed, event)  # type: ignore[arg-type]
    assert names["consult"](None, parsed, event)  # type: ignore[arg-type]
