"""Property tests of the deadline engine (hypothesis)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.workcal.engine import HOURS_PER_WORKING_DAY, duration_micros

from .conftest import VN

starts = st.datetimes(
    min_value=dt.datetime(2024, 12, 1), max_value=dt.datetime(2027, 1, 31)
).map(lambda naive: naive.replace(microsecond=0, tzinfo=VN))
units = st.sampled_from(["working_hours", "working_days"])
# Multiples of a quarter hour or an eighth of a day, up to 30 days.
amounts = st.integers(min_value=1, max_value=30 * 8 * 4).map(lambda n: n / 4)


def value_in(unit, hours):
    return hours / HOURS_PER_WORKING_DAY if unit == "working_days" else hours


@settings(max_examples=400, deadline=None)
@given(start=starts, hours=amounts, unit=units)
def test_due_lies_inside_office_hours_or_on_a_closing_time(calendar, start, hours, unit):
    due = calendar.due(start, value_in(unit, hours), unit)
    assert calendar.is_working_day(due.date())
    clock = due.time()
    in_morning = dt.time(7) < clock <= dt.time(11, 30)
    in_afternoon = dt.time(13, 30) < clock <= dt.time(17)
    assert in_morning or in_afternoon
    assert due > start


@settings(max_examples=300, deadline=None)
@given(start=starts, a=amounts, b=amounts, unit=units)
def test_durations_add_up(calendar, start, a, b, unit):
    first = calendar.due(start, value_in(unit, a), unit)
    assert calendar.due(first, value_in(unit, b), unit) == calendar.due(
        start, value_in(unit, a + b), unit
    )


@settings(max_examples=300, deadline=None)
@given(start=starts, hours=amounts, unit=units)
def test_elapsed_of_due_is_the_duration(calendar, start, hours, unit):
    value = value_in(unit, hours)
    due = calendar.due(start, value, unit)
    assert calendar.elapsed(start, due) == dt.timedelta(
        microseconds=duration_micros(value, unit)
    )


@settings(max_examples=300, deadline=None)
@given(s1=starts, s2=starts, hours=amounts, unit=units)
def test_due_is_monotonic_in_start(calendar, s1, s2, hours, unit):
    early, late = sorted((s1, s2))
    value = value_in(unit, hours)
    assert calendar.due(early, value, unit) <= calendar.due(late, value, unit)


@settings(max_examples=300, deadline=None)
@given(start=starts, a=amounts, b=amounts, unit=units)
def test_due_is_monotonic_in_duration(calendar, start, a, b, unit):
    short, long = sorted((a, b))
    assert calendar.due(start, value_in(unit, short), unit) <= calendar.due(
        start, value_in(unit, long), unit
    )


@settings(max_examples=200, deadline=None)
@given(start=starts, end=starts, cut=starts)
def test_elapsed_is_additive_over_a_split(calendar, start, end, cut):
    start, cut, end = sorted((start, end, cut))
    assert calendar.elapsed(start, end) == calendar.elapsed(start, cut) + calendar.elapsed(
        cut, end
    )
