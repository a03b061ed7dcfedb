"""Dossiers driven through the API: the engine fixes the figures the reports read, and a closed
period's report does not move when the dossiers go on after it."""

import datetime as dt
from decimal import Decimal

import time_machine

from motcua.dossiers.models import Dossier, DossierStep
from motcua.stats import selectors
from motcua.stats.rules import Period
from tests.dossiers.test_lifecycle import CLERK, HEAD, LEADER, OFFICER, SPECIALIST
from tests.stats.conftest import CITIZEN, local

PERIOD = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 20))


def decide(run, times):
    for username, at in zip((HEAD, SPECIALIST, HEAD, LEADER), times, strict=False):
        run.ok(username, "complete_step", at=at)
    return run.ok(CLERK, "approve", at=times[-1])


def report():
    by_agency = selectors.report_06a(PERIOD, selectors.By.AGENCY)
    return by_agency, [(i.code, i.value) for i in selectors.index_766(PERIOD)]


def test_approval_fixes_timeliness_working_time_and_step_overruns(flow):
    run = flow(until="processing")  # accepted and forwarded Monday 02/03/2026 10:00
    decide(run, [local(2026, 3, 3, 10), local(2026, 3, 4, 10), local(2026, 3, 4, 15),
                 local(2026, 3, 5, 10), local(2026, 3, 6, 10)])
    dossier = Dossier.objects.get(code=run.code)
    # Monday 10:00 to Friday 10:00: four working days of 8 hours, due 16/03: early
    assert (dossier.timeliness, dossier.resolution_hours) == ("early", Decimal(32))
    # B1 has 4 working hours from 02/03 10:00: due 16:00; done 03/03 10:00 is 1 h + 3 h over
    first = DossierStep.objects.get(dossier=dossier, step__key="B1")
    assert first.overrun_hours == Decimal(4)
    assert not DossierStep.objects.filter(dossier=dossier, step__key="B2", overrun_hours__gt=0)
    assert all(event.due_at == dossier.due_at for event in dossier.events.filter(
        action__in=["accept", "approve"]))


def test_a_supplement_request_during_processing_is_counted(flow):
    run = flow(until="processing")
    run.ok(OFFICER, "request_supplement", items=["Bản sao hợp đồng"], reason="Thiếu",
           at=local(2026, 3, 3, 9))
    assert Dossier.objects.get(code=run.code).supplement_requests == 1


def test_recomputing_a_closed_period_after_new_activity_gives_the_same_numbers(flow):
    slow = flow(until="processing")  # due 16/03 17:00, still at work when the period ends
    quick = flow(until="processing")
    decide(quick, [local(2026, 3, 3, 10), local(2026, 3, 4, 10), local(2026, 3, 4, 15),
                   local(2026, 3, 5, 10), local(2026, 3, 6, 10)])
    with time_machine.travel(local(2026, 3, 20, 16), tick=False):
        during = report()  # the last afternoon of the period
    with time_machine.travel(local(2026, 3, 23, 8), tick=False):
        closed = report()
    [(science, figures)] = [(row.code, row.counts) for row in closed[0]]
    assert (figures.received, figures.early, figures.overdue) == (2, 1, 1)

    # after the period: a fee is asked and paid (the due instant moves past the period's end),
    # the slow one is decided late and delivered, both are rated
    slow.ok(SPECIALIST, "request_payment", reason="Lệ phí", amount_vnd=100_000,
            at=local(2026, 3, 23, 8))
    slow.ok(OFFICER, "confirm_payment", paid_online=True, at=local(2026, 3, 31, 8))
    assert Dossier.objects.get(code=slow.code).due_at > PERIOD.hi
    decide(slow, [local(2026, 4, 1, 9), local(2026, 4, 2, 9), local(2026, 4, 3, 9),
                  local(2026, 4, 6, 9), local(2026, 4, 7, 9)])
    for run, rating in ((slow, "dissatisfied"), (quick, "satisfied")):
        run.ok(OFFICER, "deliver", recipient="Chủ hồ sơ", at=local(2026, 4, 8, 9))
        run.ok(CITIZEN, "rate", rating=rating, at=local(2026, 4, 9, 9))
    later = report()
    assert later == closed == during
