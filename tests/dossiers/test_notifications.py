"""The in-app inbox: who is told what, in the event's transaction; the daily deadline reminders."""

import pytest
import time_machine

from motcua.dossiers import reminders
from motcua.org.models import User
from motcua.outbox import selectors, services
from tests.dossiers.conftest import CITIZEN, OTHER_CITIZEN, local, pdf
from tests.dossiers.test_assignment import second_specialist  # noqa: F401


def topics(username: str) -> list[str]:
    user = User.objects.get(username=username)
    return list(selectors.inbox(user).order_by("pk").values_list("topic", flat=True))


def test_the_citizen_is_told_in_the_inbox_at_each_step_that_concerns_them(flow):
    run = flow(until="processing")
    assert topics(CITIZEN) == ["submitted", "receipt"]
    run.ok("khcn.truongphong", "complete_step")
    run.ok("khcn.chuyenvien", "request_supplement", items=["Bản sao giấy phép"], reason="Hết hạn")
    note = selectors.inbox(User.objects.get(username=CITIZEN)).first()
    assert note.topic == "supplement_request" and note.reference == run.code
    assert "Bản sao giấy phép" in note.body and note.read_at is None
    assert topics(OTHER_CITIZEN) == []


def test_the_citizen_is_told_in_the_inbox_of_a_payment_request(flow):
    run = flow(until="processing")
    run.ok("khcn.truongphong", "complete_step")
    run.ok("khcn.chuyenvien", "request_payment", amount_vnd=500_000, reason="Lệ phí cấp phép")
    note = selectors.inbox(User.objects.get(username=CITIZEN)).first()
    assert note.topic == "payment_request" and note.reference == run.code
    assert "500.000" in note.body and "Lệ phí cấp phép" in note.body


def test_an_officer_is_told_when_a_dossier_reaches_their_step(flow):
    run = flow(until="accepted")
    assert topics("khcn.truongphong") == []
    run.ok("khcn.tiepnhan", "forward")
    assert topics("khcn.truongphong") == ["step_reached"]  # B1 Phân công thụ lý
    assert topics("khcn.chuyenvien") == []
    run.ok("khcn.truongphong", "complete_step")
    assert topics("khcn.chuyenvien") == ["step_reached"]  # B2 Thẩm định
    note = selectors.inbox(User.objects.get(username="khcn.chuyenvien")).get()
    assert note.reference == run.code and "Thẩm định" in note.subject


def test_the_holder_of_the_step_is_told_when_a_supplement_arrives(flow, api):
    run = flow(until="processing")
    run.ok("khcn.truongphong", "complete_step")
    run.ok("khcn.chuyenvien", "request_supplement", items=["Bản sao giấy phép"], reason="Hết hạn")
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        status, _ = api(CITIZEN).post(f"/dossiers/{run.code}/actions/supplement",
                                      {"version": run.dossier["version"]},
                                      files={"component_2": pdf("moi.pdf")})
    assert status == 200
    assert topics("khcn.chuyenvien") == ["step_reached", "supplement_arrived"]
    assert "supplement_arrived" not in topics("khcn.giamdoc")


def test_an_action_that_fails_tells_nobody(flow, monkeypatch):
    """The notification is written in the action's transaction: it fails, nobody is told."""
    from motcua.dossiers import services as dossier_services

    run = flow(until="accepted")

    def broken(*args, **kwargs):
        raise RuntimeError("history row not written")

    monkeypatch.setattr(dossier_services, "_record", broken)
    with pytest.raises(RuntimeError):
        run.do("khcn.tiepnhan", "forward")
    assert topics("khcn.truongphong") == []


def test_nobody_reads_or_marks_anothers_notification(flow):
    flow()
    owner, other = (User.objects.get(username=name) for name in (CITIZEN, OTHER_CITIZEN))
    mine = selectors.inbox(owner).get()
    assert selectors.notification_for(other, mine.pk) is None
    assert services.mark_read(other, mine.pk) == 0
    assert services.mark_read(other) == 0
    mine.refresh_from_db()
    assert mine.read_at is None and selectors.unread_count(owner) == 1
    assert services.mark_read(owner, mine.pk) == 1
    assert selectors.unread_count(owner) == 0


def test_due_today_and_overdue_reminders_once_a_day_per_dossier(flow):
    # accepted Monday 02/03/2026 10:00, forwarded: due Monday 16/03/2026 10:00 (10 working days)
    run = flow(until="processing")
    with time_machine.travel(local(2026, 3, 13, 7, 0), tick=False):  # the Friday before: nothing
        assert reminders.run(local(2026, 3, 13, 7, 0)) == 0
    with time_machine.travel(local(2026, 3, 16, 7, 0), tick=False):
        assert reminders.run(local(2026, 3, 16, 7, 0)) == 1  # the head holds B1
        assert reminders.run(local(2026, 3, 16, 7, 0)) == 0  # the same day again: nothing new
    with time_machine.travel(local(2026, 3, 16, 23, 59), tick=False):  # still the same day
        assert reminders.run(local(2026, 3, 16, 23, 59)) == 1  # now overdue: told that once
        assert reminders.run(local(2026, 3, 16, 23, 59)) == 0
    with time_machine.travel(local(2026, 3, 17, 7, 0), tick=False):  # the next day: again
        assert reminders.run(local(2026, 3, 17, 7, 0)) == 1
        assert reminders.run(local(2026, 3, 17, 7, 0)) == 0
    assert topics("khcn.truongphong") == ["step_reached", "due_today", "overdue", "overdue"]
    note = selectors.inbox(User.objects.get(username="khcn.truongphong")).first()
    assert note.reference == run.code and "10:00 16/03/2026" in note.body


def test_an_assigned_step_reaches_its_assignee_alone(flow, second_specialist):  # noqa: F811
    run = flow(until="processing")
    run.ok("khcn.truongphong", "assign", assignee=second_specialist.username)
    assert topics(second_specialist.username) == ["step_reached"]
    assert topics("khcn.chuyenvien") == []
    run.ok("khcn.truongphong", "assign", assignee="khcn.chuyenvien",
           at=local(2026, 3, 2, 11, 0))  # the head changes their mind
    assert topics("khcn.chuyenvien") == ["step_reached"]


def test_an_assigned_step_reminds_its_assignee_alone(flow, second_specialist):  # noqa: F811
    run = flow(until="processing")
    run.ok("khcn.truongphong", "assign", assignee=second_specialist.username)
    with time_machine.travel(local(2026, 3, 16, 7, 0), tick=False):  # the dossier's due day
        assert reminders.run(local(2026, 3, 16, 7, 0)) == 1
    assert topics(second_specialist.username)[-1] == "due_today"
    assert "due_today" not in topics("khcn.chuyenvien")


def test_a_paused_dossier_gets_no_deadline_reminder(flow):
    """Supplement and payment waits stop the clock (NĐ 118/2025 art. 19)."""
    run = flow(until="processing")
    run.ok("khcn.truongphong", "complete_step")
    run.ok("khcn.chuyenvien", "request_supplement", items=["Bản sao"], reason="Thiếu")
    with time_machine.travel(local(2026, 3, 17, 7, 0), tick=False):
        assert reminders.run(local(2026, 3, 17, 7, 0)) == 0
