"""The clocks of personal data, pure: the request limits as seeded (NĐ 356/2025 art. 5), the
breach and incident deadlines (L91 art. 23(1); NĐ 331/2026 art. 31(2)(d)), and the retention of
dossiers. The seeded rows and the engine over the seeded calendar, no database."""

import datetime as dt
from importlib import import_module

import pytest

from motcua.privacy import rules
from motcua.voice.clocks import ClockRow, NoRule
from motcua.workcal.engine import Calendar, WorkingDays
from motcua.workcal.schedule import schedule_loader
from tests.workcal.conftest import at, seeded_overrides

SEED = import_module("motcua.privacy.migrations.0002_seed_clock_rules")
ROWS = [ClockRow(rules.TRACK, clock, value, unit, SEED.DECREE_356, SEED.IN_FORCE, kind)
        for kind, clock, value, unit in SEED.RULES]
CALENDAR = Calendar(WorkingDays(schedule_loader(seeded_overrides())))
MONDAY = at(2026, 3, 2, 9)  # no day off in March 2026
FRIDAY = at(2026, 3, 6, 10)


def test_acknowledge_within_2_working_days_nd_356_art_5():
    assert rules.acknowledge_due(CALENDAR, ROWS, MONDAY, MONDAY.date()) == at(2026, 3, 4, 9)


def test_acknowledge_skips_the_weekend_nd_356_art_5():
    # sent on a Friday morning: Monday and Tuesday are the two working days
    assert rules.acknowledge_due(CALENDAR, ROWS, FRIDAY, FRIDAY.date()) == at(2026, 3, 10, 10)


@pytest.mark.parametrize(("kind", "days"), [("access", 10), ("restrict", 15), ("delete", 20),
                                            ("protect", 15)])
def test_answer_within_10_15_or_20_days_by_kind_nd_356_art_5(kind, days):
    due = rules.answer_due(CALENDAR, ROWS, MONDAY, kind, MONDAY.date())
    assert due.date() >= (MONDAY + dt.timedelta(days=days)).date()
    assert due - MONDAY < dt.timedelta(days=days + 3)  # a day off at the end runs on


def test_answer_of_a_view_request_is_10_calendar_days_nd_356_art_5():
    assert rules.answer_due(CALENDAR, ROWS, MONDAY, "access", MONDAY.date()) == \
        at(2026, 3, 12, 9)


def test_a_limit_ending_on_a_day_off_runs_to_the_next_working_day_civil_code_art_148():
    # 20 days from Monday 02/03 is Sunday 22/03: the close of Monday 23/03
    assert rules.answer_due(CALENDAR, ROWS, MONDAY, "delete", MONDAY.date()) == \
        at(2026, 3, 23, 17)


def test_one_extension_as_long_again_nd_356_art_5():
    first = rules.answer_due(CALENDAR, ROWS, MONDAY, "access", MONDAY.date())
    # 10 more days from Thursday 12/03 09:00 end on Sunday 22/03: the close of Monday 23/03
    assert rules.extended_due(CALENDAR, ROWS, first, "access", MONDAY.date()) == \
        at(2026, 3, 23, 17)


def test_a_request_keeps_the_rows_in_force_on_the_day_it_was_sent():
    later = ClockRow(rules.TRACK, "answer", 7, "calendar_days", "a later decree",
                     dt.date(2026, 6, 1), "access")
    rows = [*ROWS, later]
    assert rules.answer_due(CALENDAR, rows, MONDAY, "access", MONDAY.date()) == \
        at(2026, 3, 12, 9)
    assert rules.answer_due(CALENDAR, rows, MONDAY, "access", dt.date(2026, 6, 1)) == \
        at(2026, 3, 9, 9)


def test_no_rule_before_the_decree_is_in_force_is_guessed():
    with pytest.raises(NoRule):
        rules.answer_due(CALENDAR, ROWS, at(2025, 12, 1, 9), "access", dt.date(2025, 12, 1))


def test_personal_data_breach_notice_within_72_hours_of_discovery_l91_art_23():
    found = at(2026, 12, 5, 22)
    assert rules.breach_dues(found, personal_data=True, cyber_incident=False, serious=False) \
        == {"personal_data": at(2026, 12, 8, 22)}


def test_serious_incident_initial_notice_24_hours_report_72_nd_331_art_31():
    found = at(2026, 12, 5, 22)
    assert rules.breach_dues(found, personal_data=False, cyber_incident=True, serious=True) == {
        "incident_initial": at(2026, 12, 6, 22), "incident_report": at(2026, 12, 8, 22)}
    assert rules.breach_dues(found, personal_data=False, cyber_incident=True, serious=False) \
        == {"incident_report": at(2026, 12, 8, 22)}


def test_a_dossier_is_kept_through_its_retention_l91_art_14_2():
    ended = at(2016, 2, 29, 10)
    assert rules.dossier_kept_until(ended) == at(2026, 2, 28, 10)
    assert not rules.dossier_may_be_erased(ended, at(2026, 2, 27, 10))
    assert rules.dossier_may_be_erased(ended, at(2026, 2, 28, 10))
    assert not rules.dossier_may_be_erased(None, at(2099, 1, 1, 0))  # still being handled
