"""The ranking inside an emulation cluster or block (cụm, khối thi đua). Pure: no Django.

A member's total is its cluster score on every criterion (bonus criteria add, penalty
criteria subtract); the members are ranked by total, highest first, and equal totals share a
rank (1, 1, 3). A tie is not settled by the software: the cluster head and deputy decide it
(``settled``: the member ids in the order they decided), and only then do the tied members get
ranks of their own. The flag goes to the one leader; an unsettled tie at the top has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

REGULAR, BONUS, PENALTY = "regular", "bonus", "penalty"


@dataclass(frozen=True)
class Criterion:
    id: int
    max_points: Decimal
    kind: str = REGULAR


@dataclass(frozen=True)
class Standing:
    member: int
    total: Decimal
    rank: int
    tied: bool  # shares its rank with another member (not settled)


def points_problem(criterion: Criterion, points: Decimal) -> str | None:
    """Why ``points`` cannot be scored on ``criterion`` (``None``: they can): between 0 and the
    criterion's maximum, the scoring table's own bound (Luật 06/2022 điều 16; the table is
    provincial data)."""
    if points < 0:
        return "negative"
    if points > criterion.max_points:
        return "above_max"
    return None


def total(criteria: Iterable[Criterion], points: Mapping[int, Decimal]) -> Decimal:
    """A member's total: regular and bonus points add, penalty points subtract; an unscored
    criterion counts 0."""
    result = Decimal(0)
    for criterion in criteria:
        value = points.get(criterion.id, Decimal(0))
        result += -value if criterion.kind == PENALTY else value
    return result


def rank(totals: Mapping[int, Decimal], settled: Sequence[int] = ()) -> list[Standing]:
    """The members by total, highest first. Equal totals share a rank unless ``settled`` (the
    head and deputy's order, TANDTC: after two ballots the authority decides) orders them; a
    member missing from ``settled`` keeps sharing its rank with the others it ties with."""
    order = {member: place for place, member in enumerate(settled)}
    keyed = sorted(totals.items(), key=lambda item: (-item[1], order.get(item[0], len(order)),
                                                     item[0]))
    standings: list[Standing] = []
    for position, (member, value) in enumerate(keyed, start=1):
        previous = standings[-1] if standings else None
        if previous is not None and previous.total == value and not (
                member in order and previous.member in order):
            standings.append(Standing(member, value, previous.rank, True))
            if not previous.tied:
                standings[-2] = Standing(previous.member, previous.total, previous.rank, True)
            continue
        standings.append(Standing(member, value, position, False))
    return standings


def leader(standings: Sequence[Standing]) -> int | None:
    """The cluster's leader, who may be proposed for the provincial flag (BN-86 điều 3(1)):
    the one member ranked first, none while the first place is an unsettled tie."""
    first = [standing for standing in standings if standing.rank == 1]
    return first[0].member if len(first) == 1 else None
