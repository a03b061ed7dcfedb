"""Phân công thụ lý: the division head gives the specialist step to one person (domain §1.1)."""

import pytest

from motcua.dossiers.models import DossierEvent, DossierStep
from motcua.org.models import Role
from tests.dossiers.conftest import local
from tests.dossiers.test_lifecycle import HEAD, LEADER, SPECIALIST
from tests.factories.org import StaffFactory

SECOND = "khcn.chuyenvien2"


@pytest.fixture
def second_specialist(world):
    """Another specialist of the postal division of the Department of Science."""
    return StaffFactory(username=SECOND, full_name="Hà Văn Quang", role=Role.SPECIALIST,
                        agency=world.agency, division=world.division)


def specialist_step(run):
    return next(s for s in run.dossier["steps"] if s["key"] == "B2" and s["state"] == "active")


def test_the_division_head_assigns_the_specialist_when_ending_the_assignment_step(
        flow, second_specialist):
    # domain §1.1: the division head assigns the dossier to a case specialist, with a step deadline
    run = flow(until="processing")
    run.ok(HEAD, "assign", assignee=SECOND, step_due_at="2026-03-06T16:00:00+07:00")
    b1 = next(s for s in run.dossier["steps"] if s["key"] == "B1")
    assert b1["state"] == "done"
    step = specialist_step(run)
    assert step["assignee"] == SECOND and step["due_at"] == "2026-03-06T16:00:00+07:00"
    event = DossierEvent.objects.filter(dossier__code=run.code).latest("version")
    assert (event.action, event.role, event.payload["assignee"]) == ("assign", "division_head",
                                                                     SECOND)


def test_the_new_assignee_is_told_in_their_inbox(flow, second_specialist):
    from motcua.outbox.models import OutboxMessage

    run = flow(until="processing")
    run.ok(HEAD, "assign", assignee=SECOND)
    run.ok(HEAD, "assign", assignee=SPECIALIST, at=local(2026, 3, 2, 14, 0))
    told = OutboxMessage.objects.filter(reference=run.code, topic="step_reached",
                                        created_at__gte=local(2026, 3, 2, 14, 0))
    assert list(told.values_list("user__username", flat=True)) == [SPECIALIST]


def test_an_assigned_step_is_done_by_its_assignee_only(flow, second_specialist):
    run = flow(until="processing")
    run.ok(HEAD, "assign", assignee=SECOND)
    status, _ = run.do(SPECIALIST, "complete_step")
    assert status == 403
    run.ok(SECOND, "complete_step")


def test_the_division_head_may_change_the_assignee_while_the_step_runs(flow, second_specialist):
    run = flow(until="processing")
    run.ok(HEAD, "assign", assignee=SECOND)
    run.ok(HEAD, "assign", assignee=SPECIALIST, at=local(2026, 3, 3, 9, 0))
    assert specialist_step(run)["assignee"] == SPECIALIST
    assert DossierStep.objects.filter(dossier__code=run.code, step__key="B2").count() == 1
    status, _ = run.do(SECOND, "complete_step")
    assert status == 403
    run.ok(SPECIALIST, "complete_step")


@pytest.mark.parametrize(("body", "words"), [
    ({"assignee": LEADER}, "Chọn chuyên viên"),  # not a specialist of the step
    ({"assignee": "nobody"}, "Chọn chuyên viên"),
    ({"assignee": SPECIALIST, "step_due_at": "2026-03-02T09:00:00+07:00"}, "Hạn của bước"),
    ({"assignee": SPECIALIST, "step_due_at": "2026-04-30T09:00:00+07:00"}, "Hạn của bước"),
])
def test_the_assignee_holds_the_step_and_the_deadline_fits_the_dossier(flow, body, words):
    run = flow(until="processing")
    status, answer = run.do(HEAD, "assign", **body)
    assert status == 422 and words in answer["detail"]


def test_only_a_division_head_assigns_and_only_a_specialist_step(flow):
    run = flow(until="processing")
    status, _ = run.do(SPECIALIST, "assign", assignee=SPECIALIST)
    assert status == 403
    run.ok(HEAD, "assign", assignee=SPECIALIST)
    run.ok(SPECIALIST, "complete_step")  # B3: the head reviews; no specialist step to assign
    status, answer = run.do(HEAD, "assign", assignee=SPECIALIST)
    assert status == 422 and "phân công" in answer["detail"]
