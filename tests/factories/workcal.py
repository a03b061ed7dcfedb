"""The calendar's override rows: a day off or a swapped working day.

The test database holds the announced 2025-2026 schedules already (migration 0002 seeds them,
as a fresh installation has them); the deadline code needs nothing more. Add a day of your own:
``DayOffFactory(date=dt.date(2026, 3, 9))``, ``WorkingSaturdayFactory(date=...)``. The calendar
cache is cleared around every test (root conftest), and after each row made here.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from motcua.workcal.models import CalendarOverride
from motcua.workcal.selectors import clear_calendar_cache


class DayOffFactory(DjangoModelFactory):
    class Meta:
        model = CalendarOverride
        django_get_or_create = ("date",)
        skip_postgeneration_save = True

    date = factory.Faker("date_between", start_date="-1y", end_date="+1y")
    kind = CalendarOverride.Kind.DAY_OFF
    reason = "Nghỉ theo thông báo của tỉnh"
    legal_source = "Thông báo của UBND tỉnh"

    @factory.post_generation
    def _forget_cached_calendar(row, create, extracted, **kwargs):  # noqa: N805
        clear_calendar_cache()


class WorkingSaturdayFactory(DayOffFactory):
    """A Saturday worked to make up a swapped day off (a swap's other half)."""

    kind = CalendarOverride.Kind.WORKING_DAY
    reason = "Làm bù cho ngày nghỉ hoán đổi"
