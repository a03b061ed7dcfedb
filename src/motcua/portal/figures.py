"""Figures shown to citizens, computed from plain values (no database)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal

# Below this many finished dossiers a percentile says more about chance than about the service.
MIN_FINISHED = 20


def percentile(values: Sequence[Decimal], share: int) -> Decimal | None:
    """The nearest-rank percentile: the smallest value at or below which ``share`` % lie."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share / 100 * len(ordered)), 1) - 1]


def half_days_up(days: Decimal) -> Decimal:
    """2.1 -> 2.5, 2.5 -> 2.5: what a citizen is told is never shorter than what happened."""
    return (days * 2).to_integral_value(ROUND_CEILING) / 2
