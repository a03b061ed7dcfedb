"""The events motcua records from Django's own signals (sign-in, lockout, admin changes)."""

from __future__ import annotations


def connect() -> None:
    """Connect the receivers (``SecopsConfig.ready``)."""
