"""Scoring of the events news suite on small hand-written fixtures (no reference data)."""

from __future__ import annotations

from typing import Any

from communique.evaluate.events_news import Tally, parties_agree, score_article, sentence_map

RAW = "Advertisement\nRussia attacked Ukraine on Monday. Officials met in Geneva.\n"
CLEAN = "Russia attacked Ukraine on Monday. Officials met in Geneva.\n"


def _gold(start: int, end: int, plover: str, actors: list[str], recipients: list[str],
          required: bool = True, alt: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"article": "a", "sentence": 1, "start": start, "end": end, "plover": plover,
            "plover_alt": list(alt), "actors": [{"codes": actors}],
            "recipients": [{"codes": recipients}] if recipients else [],
            "modality": [], "required": required}


def _event(at: int, plover: str, actor: str, recipient: str | None,
           conf: float = 0.9) -> dict[str, Any]:
    return {"plover": plover, "trigger": {"start": at, "end": at + 3},
            "actors": [{"country": actor, "code": actor}],
            "recipients": [{"country": recipient, "code": recipient}] if recipient else [],
            "modality": {}, "confidence": conf}


def test_sentences_are_found_in_the_cleaned_text() -> None:
    first = (RAW.index("Russia"), RAW.index("Monday.") + 7)
    where = sentence_map(RAW, CLEAN, [first, (0, 13)])
    assert where[first] == (0, 34)
    assert where[(0, 13)] is None  # cut as boilerplate


def test_codes_agree_on_their_root() -> None:
    assert parties_agree([{"country": "RUS", "code": "RUSMIL"}], [{"codes": ["RUSGOV"]}])
    assert parties_agree([{"country": "FRA"}], [{"codes": ["---COP"]}])
    assert not parties_agree([{"country": "FRA"}], [{"codes": ["DEU"]}])
    assert not parties_agree([], [{"codes": ["DEU"]}])


def test_match_needs_type_actor_and_recipient_in_the_sentence() -> None:
    start, end = RAW.index("Russia"), RAW.index("Monday.") + 7
    gold = [_gold(start, end, "ASSAULT", ["RUSMIL", "RUS"], ["UKR"])]
    where = sentence_map(RAW, CLEAN, [(start, end)])
    tally = Tally()
    score_article([_event(7, "ASSAULT", "RUS", "UKR"),     # right
                   _event(7, "ASSAULT", "RUS", None),      # no recipient: wrong
                   _event(40, "CONSULT", "CHE", None, 0.6)],  # not in gold: wrong
                  gold, where, tally, "a")
    assert (tally.required, tally.matched_required, tally.predicted) == (1, 1, 3)
    assert tally.recall() == 1.0
    assert abs(tally.precision() - 1 / 3) < 1e-9
    assert tally.bands[(0.85, 1.01)] == [True, False]
    assert tally.bands[(0.5, 0.7)] == [False]


def test_optional_matches_leave_precision_alone() -> None:
    start, end = RAW.index("Officials"), RAW.index("Geneva.") + 7
    gold = [_gold(start, end, "CONSULT", ["CHE"], [], required=False)]
    where = sentence_map(RAW, CLEAN, [(start, end)])
    tally = Tally()
    score_article([_event(CLEAN.index("met"), "CONSULT", "CHE", None)], gold, where, tally,
                  "a")
    assert (tally.required, tally.matched_optional, tally.predicted) == (0, 1, 1)
    assert tally.precision() == 0.0  # nothing scored: no division by zero


def test_an_accepted_alternative_type_matches() -> None:
    start, end = RAW.index("Russia"), RAW.index("Monday.") + 7
    gold = [_gold(start, end, "COERCE", ["RUS"], [], alt=("ASSAULT",))]
    where = sentence_map(RAW, CLEAN, [(start, end)])
    tally = Tally()
    score_article([_event(7, "ASSAULT", "RUS", "UKR")], gold, where, tally, "a")
    assert tally.matched_required == 1
