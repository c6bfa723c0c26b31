"""Rule ledgers: ordered, named, documented rules that a cascade runs in turn.

A cascade of decisions (which coded triggers are dropped, where a missing recipient comes
from) is written as an ordered tuple of small functions, each registered under a name with
an example sentence. The ledger is what ``explain`` reports ("dropped by
content-of-request"), what ``communique evaluate SUITE --disable NAME`` switches off to
measure one rule's contribution, and what ``docs/rules.md`` is generated from.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from communique.errors import UsageError

F = TypeVar("F", bound=Callable[..., object])

_ALL: dict[str, Rule[Any]] = {}
_LEDGERS: list[Ledger[Any]] = []
_DISABLED: ContextVar[frozenset[str]] = ContextVar("communique_disabled_rules",
                                                  default=frozenset())


@dataclass(frozen=True)
class Rule(Generic[F]):
    """One named rule of a ledger: its function, example sentence and decision."""

    name: str
    ledger: str
    example: str
    decides: str
    func: F


class Ledger(Generic[F]):
    """An ordered collection of rules; ``rule`` registers a function in order of definition."""

    def __init__(self, name: str, summary: str) -> None:
        self.name = name
        self.summary = summary
        self._rules: list[Rule[F]] = []
        _LEDGERS.append(self)

    def rule(self, name: str, example: str) -> Callable[[F], F]:
        """Register the decorated function as the next rule of this ledger."""

        def register(func: F) -> F:
            if any(r.name == name for r in self._rules):
                raise ValueError(f"rule {name!r} is registered twice in {self.name}")
            doc = (func.__doc__ or "").strip().split("\n\n")[0]
            decides = " ".join(doc.split())
            self._rules.append(Rule(name, self.name, example, decides, func))
            _ALL[name] = self._rules[-1]
            return func

        return register

    def __iter__(self) -> Iterator[Rule[F]]:
        """The rules in order, without those disabled in the current context."""
        disabled = _DISABLED.get()
        return iter([r for r in self._rules if r.name not in disabled])

    def all(self) -> tuple[Rule[F], ...]:
        """Every rule in order, disabled or not (for documentation)."""
        return tuple(self._rules)


def ledgers() -> tuple[Ledger[Any], ...]:
    """Every ledger defined so far (import the modules that define them first)."""
    return tuple(_LEDGERS)


def known_rules() -> dict[str, Rule[Any]]:
    """Every registered rule by name."""
    return dict(_ALL)


@contextlib.contextmanager
def disabled(names: frozenset[str] | set[str] | tuple[str, ...]) -> Iterator[None]:
    """Run the enclosed code with the named rules switched off (for measuring them).

    Only works in this process: worker processes do not inherit the setting.
    """
    unknown = sorted(set(names) - set(_ALL))
    if unknown:
        raise UsageError(f"unknown rule(s): {', '.join(unknown)}; "
                         "see docs/rules.md for the rule names")
    token = _DISABLED.set(_DISABLED.get() | frozenset(names))
    try:
        yield
    finally:
        _DISABLED.reset(token)
