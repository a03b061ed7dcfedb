"""Whether an instant falls in working time, and the next one that does (for extensions)."""

import pytest

from .conftest import at


@pytest.mark.parametrize("instant", [
    at(2026, 3, 16, 7, 0), at(2026, 3, 16, 11, 30), at(2026, 3, 16, 13, 30),
    at(2026, 3, 16, 17, 0), at(2026, 8, 22, 9, 0),  # a make-up Saturday is worked
])
def test_office_hours_of_a_working_day_are_working_time(calendar, instant):
    assert calendar.is_working_time(instant)
    assert calendar.next_working_instant(instant) == instant


@pytest.mark.parametrize(("instant", "next_one"), [
    (at(2026, 3, 22, 10, 0), at(2026, 3, 23, 7, 0)),  # Sunday: Monday's opening
    (at(2026, 3, 16, 6, 0), at(2026, 3, 16, 7, 0)),  # before the opening
    (at(2026, 3, 16, 12, 0), at(2026, 3, 16, 13, 30)),  # the lunch break
    (at(2026, 3, 20, 17, 1), at(2026, 3, 23, 7, 0)),  # Friday after the close
    (at(2026, 2, 17, 9, 0), at(2026, 2, 23, 7, 0)),  # Tết 2026 (CV 9859/VPCP-KGVX)
])
def test_outside_working_time_the_next_opening_is_suggested(calendar, instant, next_one):
    assert not calendar.is_working_time(instant)
    assert calendar.next_working_instant(instant) == next_one
