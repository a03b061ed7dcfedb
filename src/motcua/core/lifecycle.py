"""The row every lifecycle table is made of (dossiers, official documents, feedback).

A rule is one row: the action, the state it starts from (None: it creates the thing), who may
take it, its named guards (each returns why it refuses, or None) and the state it leads to.
``rows`` writes the same row for each of several starting states.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Guard = Callable[[Any], str | None]


@dataclass(frozen=True)
class Rule:
    action: str
    source: str | None
    actors: frozenset[str]
    guards: tuple[Guard, ...]
    # a state, a function of the facts giving one, or None: the state stays
    target: str | Callable[[Any], str | None] | None = None

    def next_state(self, facts: Any) -> str | None:
        target = self.target(facts) if callable(self.target) else self.target
        return target or self.source


def rows(action, sources, actors, guards, target=None) -> list[Rule]:
    """One rule per starting state: ``sources`` is a state or a tuple of states."""
    sources = sources if isinstance(sources, tuple) else (sources,)
    return [Rule(action, source, frozenset(actors), tuple(guards), target) for source in sources]


def rules_from(rules: list[Rule], state: str | None) -> list[Rule]:
    """A table's rows for a state (before roles and guards)."""
    return [rule for rule in rules if rule.source == state]


def first_refusal(rule: Rule, facts: Any) -> tuple[Guard, str] | None:
    """The first guard that refuses, with its reason; None when every guard lets it happen."""
    for guard in rule.guards:
        problem = guard(facts)
        if problem:
            return guard, problem
    return None


def state_allows(rule: Rule, facts: Any) -> bool:
    """No state guard (``reads_state_only``) refuses: what would be refused whatever the actor
    typed is not offered."""
    return not any(guard(facts) for guard in rule.guards
                   if getattr(guard, "reads_state_only", False))


class Table:
    """A lifecycle table's rows found by (action, state); an action the state has no row for is
    refused with ``refused(not_possible % {action, state})``, the state named by ``label``."""

    def __init__(self, rules: list[Rule], *, refused: type[Exception], not_possible,
                 label: Callable[[str | None], str]):
        self.rules = rules
        self._by_key = {(rule.action, rule.source): rule for rule in rules}
        self._refused, self._not_possible, self._label = refused, not_possible, label

    def rule_for(self, action: str, state: str | None) -> Rule:
        rule = self._by_key.get((action, state))
        if rule is None:
            raise self._refused(self._not_possible % {"action": action,
                                                      "state": self._label(state)})
        return rule
