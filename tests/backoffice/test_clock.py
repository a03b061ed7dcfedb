"""When a dossier's clock runs: one answer for the queues and the leaders' overdue list."""

import datetime as dt

import time_machine
from django.utils import timezone

from motcua.backoffice.selectors import Queue, queue_dossiers
from motcua.dossiers.models import Dossier, Status
from motcua.org.models import User
from motcua.stats.selectors import overdue_now
from tests.backoffice.conftest import received


def overdue_in_queue_and_list(dossier: Dossier) -> tuple[bool, bool]:
    officer = User.objects.get(username="khcn.tiepnhan")
    in_queue = queue_dossiers(officer, Queue.OVERDUE, timezone.now()).filter(pk=dossier.pk)
    listed = [row.pk for row in overdue_now({dossier.receiving_agency_id})]
    return in_queue.exists(), dossier.pk in listed


def test_the_clock_runs_while_a_withdrawal_request_waits_for_the_one_stop(staff):
    # TT 03/2025 art. 7, NĐ 118/2025 art. 21: the one-stop's stop notice ends the dossier; until
    # then the clock runs (only a wait for the citizen stops it: NĐ 61/2018 art. 19(4))
    dossier = received()
    Dossier.objects.filter(pk=dossier.pk).update(status=Status.WITHDRAWAL_REQUESTED)
    with time_machine.travel(dossier.due_at + dt.timedelta(hours=1), tick=False):
        assert overdue_in_queue_and_list(dossier) == (True, True)


def test_a_wait_for_the_citizen_is_overdue_neither_in_the_queue_nor_in_the_list(staff):
    dossier = received()
    Dossier.objects.filter(pk=dossier.pk).update(status=Status.SUPPLEMENT_REQUESTED)
    with time_machine.travel(dossier.due_at + dt.timedelta(hours=1), tick=False):
        assert overdue_in_queue_and_list(dossier) == (False, False)
