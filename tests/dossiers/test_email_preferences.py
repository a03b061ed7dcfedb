"""The kinds of notification a person turned off on the account page come by e-mail no more;
their inbox still has them."""

import time_machine

from motcua.dossiers import guard
from motcua.org.models import NotificationKind, User
from motcua.outbox.models import Channel, OutboxMessage
from tests.backoffice.test_slips import in_processing
from tests.helpers import CITIZEN, local


def turn_off(username: str, *kinds: NotificationKind) -> None:
    User.objects.filter(username=username).update(email_notifications_off=list(kinds))


def emails(topic: str) -> list[str]:
    return list(OutboxMessage.objects.filter(topic=topic).exclude(channel=Channel.INBOX)
                .values_list("recipient", flat=True))


def test_a_citizen_without_progress_mails_is_told_in_the_inbox_only(flow):
    turn_off(CITIZEN, NotificationKind.DOSSIER_PROGRESS)
    run = flow(until="processing")
    assert emails("submitted") == [] and emails("receipt") == []
    assert OutboxMessage.objects.filter(channel=Channel.INBOX, topic="receipt").exists()
    run.ok("khcn.truongphong", "complete_step")
    run.ok("khcn.chuyenvien", "request_supplement", items=["Bản sao giấy phép"], reason="Hết hạn")
    assert emails("supplement_request") == [f"{CITIZEN}@example.vn"]  # a kind still on


def test_the_late_guard_skips_who_turned_deadline_mails_off(world):
    turn_off("khcn.truongphong", NotificationKind.DEADLINES)
    in_processing()  # due 16/03/2026 09:00
    with time_machine.travel(local(2026, 3, 13, 10, 0), tick=False):
        assert guard.run(local(2026, 3, 13, 10, 0)) == 1
    assert emails("late_guard") == ["khcn.tiepnhan@example.vn"]
