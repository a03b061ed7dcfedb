"""catalog.limits: the national catalogue's time-limit texts read into values (pure)."""

import datetime as dt
from decimal import Decimal

import pytest

from motcua.catalog.limits import (
    SAME_DAY,
    LimitError,
    LimitProblem,
    TimeLimit,
    add_months,
    parse_time_limit,
)

WD, CD, WH = "working_days", "calendar_days", "working_hours"
VN = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 ngày làm việc", TimeLimit(Decimal(5), WD, 0, "05 ngày làm việc")),
        (
            "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
            TimeLimit(Decimal(10), WD, 0, "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"),
        ),
        ("0,5 ngày làm việc", TimeLimit(Decimal("0.5"), WD, 0, "0,5 ngày làm việc")),
        ("03 giờ làm việc", TimeLimit(Decimal(3), WH, 0, "03 giờ làm việc")),
        (
            "02 tháng và 15 ngày làm việc",
            TimeLimit(Decimal(15), WD, 2, "02 tháng và 15 ngày làm việc"),
        ),
        ("01 tháng", TimeLimit(Decimal(0), CD, 1, "01 tháng")),
        (  # the national portal's cell: the limit, then the sentence that states it again
            "10 Ngày làm việc\n10 ngày làm việc kể từ ngày nhận được hồ sơ",
            TimeLimit(Decimal(10), WD, 0, "10 Ngày làm việc\n10 ngày làm việc kể từ ngày nhận "
                      "được hồ sơ"),
        ),
        ("Trong ngày", TimeLimit(Decimal(0), SAME_DAY, 0, "Trong ngày")),
        ("Khác", TimeLimit(None, "", 0, "Khác")),
        ("Không quy định", TimeLimit(None, "", 0, "Không quy định")),
    ],
)
def test_real_catalogue_texts_are_read_to_their_limit(text, expected):
    assert parse_time_limit(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("30 ngày", LimitProblem.BARE_DAYS),  # working or calendar days: the operator decides
        ("24 giờ", LimitProblem.BARE_HOURS),
        (
            "05 ngày làm việc đối với cấp mới; 03 ngày làm việc đối với cấp lại",
            LimitProblem.SEVERAL,
        ),
        ("1,5 tháng", LimitProblem.PART_MONTH),
        ("1/2 ngày làm việc", LimitProblem.UNREADABLE),  # not 2 working days
        ("05 - 07 ngày làm việc", LimitProblem.SEVERAL),  # not 7 working days
        ("05 đến 07 ngày làm việc", LimitProblem.SEVERAL),
        ("sớm nhất có thể", LimitProblem.UNREADABLE),
    ],
)
def test_an_unclear_text_is_refused_with_its_reason_never_guessed(text, problem):
    with pytest.raises(LimitError) as refused:
        parse_time_limit(text)
    assert refused.value.problem is problem


@pytest.mark.parametrize("unit", [WD, CD])
def test_bare_days_take_the_unit_the_operator_chose(unit):
    assert parse_time_limit("30 ngày", bare_days=unit) == TimeLimit(Decimal(30), unit, 0, "30 ngày")


def test_limits_in_working_hours_for_comparing_with_a_process():
    assert parse_time_limit("05 ngày làm việc").working_hours == 40
    assert parse_time_limit("Trong ngày").working_hours == 8
    assert parse_time_limit("Khác").working_hours is None
    assert parse_time_limit("02 tháng và 15 ngày làm việc").working_hours is None


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.datetime(2026, 3, 2, 9, tzinfo=VN), 2, dt.datetime(2026, 5, 2, 9, tzinfo=VN)),
        # no 31/04: the last day of April (Civil Code 2015 art. 148(3))
        (dt.datetime(2026, 1, 31, 9, tzinfo=VN), 3, dt.datetime(2026, 4, 30, 9, tzinfo=VN)),
        (dt.datetime(2026, 1, 31, 9, tzinfo=VN), 1, dt.datetime(2026, 2, 28, 9, tzinfo=VN)),
        (dt.datetime(2026, 11, 30, 9, tzinfo=VN), 3, dt.datetime(2027, 2, 28, 9, tzinfo=VN)),
    ],
)
def test_months_end_on_the_corresponding_day_civil_code_art_148_3(start, months, expected):
    assert add_months(start, months) == expected
