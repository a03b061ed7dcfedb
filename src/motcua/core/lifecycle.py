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
