"""Reading enum members from request input."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

E = TypeVar("E", bound=Enum)


def member(enum: type[E], value: object) -> E | None:
    """The member of ``enum`` whose value is ``value``, or None for anything else."""
    try:
        return enum(value)
    except ValueError:
        return None
