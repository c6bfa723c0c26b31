"""The rule ledgers: order, documentation fields, and switching rules off."""

from __future__ import annotations

import pytest

from communique.errors import UsageError
from communique.rules import Ledger, disabled, known_rules, ledgers


def test_ledger_keeps_order_and_disables_by_name() -> None:
    demo: Ledger[object] = Ledger("demo_ledger_for_tests", "rules of a test")

    @demo.rule("demo-first", example="A met B")
    def first() -> str:
        """Decides first.

        Longer text that is not part of the summary."""
        return "a"

    @demo.rule("demo-second", example="A hit B")
    def second() -> str:
        """Decides second."""
        return "b"

    assert [r.name for r in demo] == ["demo-first", "demo-second"]
    assert demo.all()[0].decides == "Decides first."
    assert demo.all()[1].example == "A hit B"
    with disabled({"demo-first"}):
        assert [r.name for r in demo] == ["demo-second"]
    assert [r.name for r in demo] == ["demo-first", "demo-second"]
    assert demo in ledgers()
    assert "demo-second" in known_rules()


def test_a_rule_name_is_registered_once() -> None:
    demo: Ledger[object] = Ledger("demo_twice", "twice")
    demo.rule("demo-twice", example="x")(lambda: None)
    with pytest.raises(ValueError, match="registered twice"):
        demo.rule("demo-twice", example="x")(lambda: None)


def test_unknown_rule_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no-such-rule"), disabled({"no-such-rule"}):
        pass


def test_rules_doc_is_current() -> None:
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "rules_doc.py"
    spec = importlib.util.spec_from_file_location("rules_doc", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render()
    assert "`candidate_filters`" in text and "`late_recipients`" in text
    assert module.OUT.read_text(encoding="utf-8") == text, \
        "docs/rules.md is stale: run python scripts/rules_doc.py"
