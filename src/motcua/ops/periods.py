"""Periods of the scheduler's jobs. Pure: no Django import.

A job runs once per period. Every machine computes the same period for the same instant, so the
period's start is the key that several schedulers agree on (``JobRun(job, period_start)``).
Periods are counted from midnight in Asia/Ho_Chi_Minh on 01/01/1970 (UTC+7, no daylight saving),
plus an offset: a daily job with an offset of 30 minutes has periods from 00:30 to 00:30.
"""

from __future__ import annotations

import datetime as dt

from motcua.core.dates import VN_TZ

ORIGIN = dt.datetime(1970, 1, 1, tzinfo=VN_TZ)


def period_start(now: dt.datetime, period: dt.timedelta,
                 offset: dt.timedelta = dt.timedelta(0)) -> dt.datetime:
    """The start (UTC) of the period that holds ``now``, an aware instant."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if period <= dt.timedelta(0):
        raise ValueError("the period must be positive")
    anchor = ORIGIN + offset % period
    elapsed = now - anchor
    return (anchor + (elapsed // period) * period).astimezone(dt.UTC)

