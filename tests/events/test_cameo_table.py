"""The shipped CAMEO table and the code transformations."""

from __future__ import annotations

from communique.events.cameo import (
    PLOVER_TYPES,
    cameo_table,
    demand_code,
    intent_code,
    lookup,
    reject_code,
)


def test_table_rows() -> None:
    table = cameo_table()
    assert len(table) >= 290
    visit = lookup("042")
    assert visit is not None and visit.plover == "CONSULT" and visit.mode == "visit"
    assert visit.quad == 1 and visit.goldstein == 1.9
    sanctions = lookup("163")
    assert sanctions is not None and sanctions.quad == 4 and sanctions.goldstein < 0
    assert lookup("010") is not None and lookup("010").plover is None  # type: ignore[union-attr]
    assert lookup("0211") is not None and lookup("0211").plover == "REQUEST"  # type: ignore[union-attr]
    assert {row.plover for row in table.values() if row.plover} <= set(PLOVER_TYPES)
    assert "economic" in lookup("0311").context  # type: ignore[union-attr]


def test_intent_reject_demand() -> None:
    assert intent_code("040") == "036"
    assert intent_code("050") == "032"
    assert intent_code("163") == "1312"
    assert intent_code("111") is None
    assert reject_code("040") == "125"
    assert reject_code("111") is None
    assert demand_code("0841") == "1053"
    assert demand_code("190") == "100"
