import datetime as dt
from importlib import import_module

import pytest

from motcua.workcal.engine import Calendar, WorkingDays
from motcua.workcal.schedule import DayKind, Override, schedule_loader

VN = dt.timezone(dt.timedelta(hours=7))
SEED = import_module("motcua.workcal.migrations.0002_seed_2025_2026_schedules")


def at(year, month, day, hour=0, minute=0, second=0):
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=VN)


def seeded_overrides():
    return [Override(day, DayKind(kind), reason) for day, kind, reason, _src in SEED.SCHEDULE]


@pytest.fixture(scope="session")
def calendar():
    """The pure engine over the library and the seeded 2025-2026 schedules (no database)."""
    return Calendar(WorkingDays(schedule_loader(seeded_overrides())))
