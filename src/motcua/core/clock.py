"""A clock set to a past instant, for the demo's activity of the past months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock


@contextmanager
def frozen(instant: dt.datetime) -> Iterator[None]:
    """The services' clock (``timezone.now``, every auto_now field) reads ``instant``."""
    with mock.patch("django.utils.timezone.now", return_value=instant):
        yield
