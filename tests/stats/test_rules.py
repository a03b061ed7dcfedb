"""The pure pieces: periods, days as people and programs write them, rates."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.core.dates import parse_day
from motcua.stats.rules import BadPeriod, Counts, Period, percent


def test_a_period_runs_from_local_midnight_to_the_next_midnight_after_its_last_day():
    period = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert period.lo.isoformat() == "2026-03-01T00:00:00+07:00"
    assert period.hi.isoformat() == "2026-04-01T00:00:00+07:00"
    with pytest.raises(BadPeriod):
        Period(dt.date(2026, 3, 2), dt.date(2026, 3, 1))


def test_satisfaction_reads_as_its_numerator_over_its_denominator():
    # QĐ 766/QĐ-TTg indicator 5.4: never "100 %" beside "0 / 2"
    from motcua.stats.indicators import indicators

    for counts, shown in ((Counts(early=2), (Decimal("100.00"), 2, 2)),
                          (Counts(early=8, late=2, dissatisfied=1), (Decimal("70.00"), 7, 10))):
        [satisfaction] = [i for i in indicators(counts, (0, 0), (0, 0)) if i.code == "5.4"]
        assert (satisfaction.value, satisfaction.numerator, satisfaction.denominator) == shown
        assert satisfaction.value == percent(satisfaction.numerator, satisfaction.denominator)


def test_months_are_cut_to_the_period():
    months = Period(dt.date(2026, 1, 15), dt.date(2026, 3, 10)).months()
    assert [(m.start.day, m.end.day) for m in months] == [(15, 31), (1, 28), (1, 10)]


def test_days_are_read_as_dd_mm_yyyy_or_iso():
    assert parse_day("31/12/2026") == parse_day("2026-12-31") == dt.date(2026, 12, 31)
    with pytest.raises(ValueError, match="31/02/2026"):
        parse_day("31/02/2026")


def test_rates_round_half_up_and_nothing_over_nothing_is_no_rate():
    assert percent(2, 3) == Decimal("66.67")
    assert percent(1, 8) == Decimal("12.50")
    assert percent(0, 0) is None
    assert Counts().on_time_rate is None and Counts().satisfaction is None


def test_satisfaction_is_100_minus_the_late_and_the_dislike_rates():
    # QĐ 766/QĐ-TTg indicator 5.4
    counts = Counts(early=8, late=2, dissatisfied=1)  # (2 + 1) of 10 resolved
    assert counts.satisfaction == Decimal("70.00")
