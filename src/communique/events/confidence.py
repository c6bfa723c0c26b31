"""Event confidence: a logistic model over what the coder knows about each event.

The weights (``data/events/confidence.json``) are fitted by
``scripts/fit_event_confidence.py`` on the train split of the events news gold: an event
that matches a required gold record is right, one that matches nothing is wrong. The
features are the evidence the coder has: a pattern rather than a verb's default code, a
named actor, a recipient, the modality flags, a quotation, a subordinate clause. The
confidence is the model's probability, so its bands can be read as precision (measured on
the dev split by ``communique evaluate events-news``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from communique.errors import DataFileError
from communique.events import salience
from communique.events.candidates import Candidate

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "confidence.json"
# Pronoun, descriptor and setting mentions are weaker evidence of who acted than names.
_WEAK_MENTIONS = frozenset({"pronoun", "descriptor", "setting"})
_VERBAL_CONFLICT = frozenset({"ACCUSE", "THREATEN", "REJECT"})
_BACKGROUND_DEPS = frozenset({"advcl", "relcl", "acl", "pcomp", "amod", "npadvmod"})



@dataclass(frozen=True)
class Evidence:
    """Where an event's parties came from: the actor mentions' types (name, descriptor,
    pronoun, setting) and the rule that found the recipient."""

    actor_kinds: tuple[str, ...] = ()
    recipient_source: str | None = None


Feature = Callable[[Candidate, Evidence, dict[str, Any]], bool]


def subordinate(cand: Candidate) -> bool:
    """True when the trigger sits in an adverbial, relative or participial clause."""
    current = cand.token
    for _ in range(4):
        if current.dep_ in _BACKGROUND_DEPS:
            return True
        if current.dep_ in ("ROOT", "ccomp") or current.head.i == current.i:
            return False
        current = current.head
    return False


def _flag(name: str) -> Feature:
    return lambda cand, ev, event: bool(event["modality"].get(name))


FEATURES: tuple[tuple[str, Feature], ...] = (
    ("pattern", lambda cand, ev, event: cand.match.specific),
    ("verb", lambda cand, ev, event: cand.token.pos_ == "VERB"),
    ("named_actor", lambda cand, ev, event: bool(ev.actor_kinds) and
     all(k not in _WEAK_MENTIONS for k in ev.actor_kinds)),
    ("recipient", lambda cand, ev, event: bool(event["recipients"]) and
     not event["reciprocal"]),
    ("reciprocal", lambda cand, ev, event: bool(event["reciprocal"])),
    ("dyadic_without_recipient", lambda cand, ev, event: not event["recipients"] and
     salience.dyadic(event["cameo"])),
    ("negated", _flag("negated")),
    ("intent", _flag("intent")),
    ("hypothetical", _flag("hypothetical")),
    ("historical", _flag("historical")),
    ("reported", _flag("reported")),
    ("in_quote", lambda cand, ev, event: "reported_by" in event),
    ("subordinate", lambda cand, ev, event: subordinate(cand)),
    ("material", lambda cand, ev, event: event["quad"] in (2, 4)),
    # Verbal conflict (criticism, threats, rejections) is more often right than cooperation
    # words, which news uses loosely ("strengthen ties"); a meeting is concrete.
    ("verbal_conflict", lambda cand, ev, event: event["plover"] in _VERBAL_CONFLICT),
    ("consult", lambda cand, ev, event: event["plover"] == "CONSULT"),
    ("parsed_recipient", lambda cand, ev, event: ev.recipient_source == "parsed-object"),
    ("pronoun_actor", lambda cand, ev, event: "pronoun" in ev.actor_kinds),
)


def features(cand: Candidate, evidence: Evidence, event: dict[str, Any]) -> list[float]:
    """The feature vector of one event (1.0 / 0.0 per feature, in ``FEATURES`` order)."""
    return [1.0 if test(cand, evidence, event) else 0.0 for _, test in FEATURES]


@lru_cache(maxsize=1)
def weights() -> tuple[float, dict[str, float]]:
    """The fitted intercept and weights; every feature must have one."""
    try:
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
        bias = float(data["intercept"])
        table = {str(k): float(v) for k, v in data["weights"].items()}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"{WEIGHTS_FILE}: unreadable confidence weights ({exc}); "
                            "rebuild it with scripts/fit_event_confidence.py") from exc
    missing = [name for name, _ in FEATURES if name not in table]
    if missing:
        raise DataFileError(f"{WEIGHTS_FILE}: no weight for {', '.join(missing)}; "
                            "rebuild it with scripts/fit_event_confidence.py")
    return bias, table


def confidence(cand: Candidate, evidence: Evidence, event: dict[str, Any]) -> float:
    """The probability that the event is right, rounded to two places, in [0.05, 0.95]."""
    bias, table = weights()
    score = bias + sum(table[name] * value
                       for (name, _), value in zip(FEATURES, features(cand, evidence, event),
                                                   strict=True))
    probability = 1.0 / (1.0 + math.exp(-score))
    return round(min(0.95, max(0.05, probability)), 2)
