"""The clock rules of the three tracks, as seeded (domain feedback-complaints §3.3, §4.3, §5.3,
§9): each rule by its legal source, the variants, and the 01/7/2026 change. Pure: the seeded
rows and the engine over the seeded calendar, no database."""

import datetime as dt
from importlib import import_module

import pytest

from motcua.voice.clocks import ClockRow, NoRule, due, feedback_dues, in_force, is_late
from motcua.workcal.engine import Calendar, WorkingDays
from motcua.workcal.schedule import schedule_loader
from tests.workcal.conftest import at, seeded_overrides

SEED = import_module("motcua.voice.migrations.0002_seed_clock_rules")
ROWS = [ClockRow(track, clock, value, unit, source, effective_from, variant)
        for track, clock, variant, value, unit, _starts, source, effective_from in SEED.RULES]
MONDAY = at(2026, 3, 2, 9)  # no day off in March 2026
CALENDAR = Calendar(WorkingDays(schedule_loader(seeded_overrides())))


def _due(track, clock, start, variant="", on=None):
    return due_of(in_force(ROWS, track, clock, on or start.date(), variant), start)


def due_of(row, start):
    return due(CALENDAR, start, row)


def test_pakn_refuse_or_return_within_2_working_days_qd_766_indicator_5_2():
    assert _due("feedback", "refuse", MONDAY) == at(2026, 3, 4, 9)


def test_pakn_first_supplement_request_within_5_working_days_qd_766_indicator_5_2():
    assert _due("feedback", "supplement", MONDAY) == at(2026, 3, 9, 9)


def test_pakn_answer_within_15_working_days_qd_766_indicator_5_2():
    assert _due("feedback", "answer", MONDAY) == at(2026, 3, 23, 9)


def test_pakn_published_within_2_working_days_of_approval_qd_766_indicator_5_2():
    friday = at(2026, 3, 6, 15)  # the weekend does not count
    assert _due("feedback", "publish", friday) == at(2026, 3, 10, 15)


def test_pakn_transfer_within_5_working_days_nd_20_2008_art_9_1_d_before_the_national_rule():
    row = in_force(ROWS, "feedback", "transfer", dt.date(2022, 6, 22))
    assert (row.value, row.unit) == (5, "working_days")
    assert "20/2008" in row.legal_source
    assert due_of(row, MONDAY) == at(2026, 3, 9, 9)


def test_pakn_transfer_the_stricter_2_working_days_of_qd_766_apply_domain_3_6_p3():
    assert _due("feedback", "transfer", MONDAY) == at(2026, 3, 4, 9)


def test_pakn_dues_all_run_from_t0_under_the_rules_of_the_acceptance_day():
    assert feedback_dues(CALENDAR, ROWS, MONDAY, MONDAY.date()) == {
        "refuse": at(2026, 3, 4, 9), "transfer": at(2026, 3, 4, 9),
        "supplement": at(2026, 3, 9, 9), "answer": at(2026, 3, 23, 9)}


def test_pakn_clock_skips_the_holidays_of_the_calendar():
    # Thursday 30/04 and Friday 01/05/2026 are public holidays (Labour Code 2019 art. 112)
    assert _due("feedback", "refuse", at(2026, 4, 29, 9)) == at(2026, 5, 5, 9)


def test_complaint_acceptance_10_days_luat_khieu_nai_2011_art_27_until_30_6_2026():
    row = in_force(ROWS, "complaint", "accept", dt.date(2026, 6, 30))
    assert (row.value, row.unit, row.legal_source) == (
        10, "calendar_days", "Luật Khiếu nại 02/2011/QH13 điều 27")


def test_complaint_acceptance_7_working_days_nd_155_2026_from_1_7_2026():
    row = in_force(ROWS, "complaint", "accept", dt.date(2026, 7, 1))
    assert (row.value, row.unit) == (7, "working_days")
    assert "155/2026" in row.legal_source


def test_a_complaint_keeps_the_rule_of_its_receipt_day_nd_155_2026_art_22():
    wednesday = at(2026, 7, 1, 9)
    # received on 30/06: 10 days end on Saturday 11/07, so at the close of Monday 13/07
    old = in_force(ROWS, "complaint", "accept", dt.date(2026, 6, 30))
    assert due_of(old, wednesday) == at(2026, 7, 13, 17)
    assert _due("complaint", "accept", wednesday) == at(2026, 7, 10, 9)


@pytest.mark.parametrize(("clock", "variant", "days", "article"), [
    ("resolve", "", 30, "điều 28"),
    ("resolve", "complex", 45, "điều 28"),
    ("resolve", "remote", 45, "điều 28"),
    ("resolve", "remote_complex", 60, "điều 28"),
    ("resolve_appeal", "", 45, "điều 37"),
    ("resolve_appeal", "complex", 60, "điều 37"),
    ("resolve_appeal", "remote", 60, "điều 37"),
    ("resolve_appeal", "remote_complex", 70, "điều 37"),
])
def test_complaint_resolution_luat_khieu_nai_2011_art_28_and_37(clock, variant, days, article):
    row = in_force(ROWS, "complaint", clock, dt.date(2026, 12, 5), variant)
    assert (row.value, row.unit) == (days, "calendar_days")
    assert row.legal_source.endswith(article)


def test_complaint_calendar_days_ending_on_a_day_off_run_to_the_next_working_day_blds_148_5():
    # 30 days from Wednesday 01/04/2026 end on Friday 01/05, a holiday, then a weekend
    assert _due("complaint", "resolve", at(2026, 4, 1, 9)) == at(2026, 5, 4, 17)


@pytest.mark.parametrize(("clock", "variant", "value", "unit", "article"), [
    ("accept", "", 7, "working_days", "điều 24(1)"),
    ("accept", "complex", 10, "working_days", "điều 24(1)"),
    ("transfer", "", 5, "working_days", "điều 24(2)"),
    ("resolve", "", 30, "calendar_days", "điều 30(1)"),
])
def test_denunciation_clocks_luat_to_cao_2018(clock, variant, value, unit, article):
    row = in_force(ROWS, "denunciation", clock, dt.date(2026, 12, 5), variant)
    assert (row.value, row.unit) == (value, unit)
    assert row.legal_source.endswith(article)


def test_no_rule_before_the_law_came_into_force():
    with pytest.raises(NoRule):
        in_force(ROWS, "complaint", "accept", dt.date(2012, 6, 30))


def test_every_seeded_rule_cites_its_source_and_counts_in_a_unit_the_engine_knows():
    assert all(row.legal_source and row.unit in {"working_days", "calendar_days"}
               for row in ROWS)
    assert len({(r.track, r.clock, r.variant, r.effective_from) for r in ROWS}) == len(ROWS)


def test_late_is_strictly_after_the_due_instant():
    assert not is_late(MONDAY, MONDAY)
    assert is_late(MONDAY + dt.timedelta(seconds=1), MONDAY)
    assert not is_late(MONDAY, None)
