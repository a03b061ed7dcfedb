"""The outbox under a mail outage: no notification is lost, each is delivered once it returns.

Real dossier actions (online submissions, acceptances) post their notices while the SMTP server
is unreachable (Django's SMTP backend pointed at a local port nothing listens on: connection
refused). The clock is simulated and moves minute by minute; each minute the delivery runs as
in production. After the outage a real SMTP server (``tests/outbox/mailserver.py``) listens on
that port, and the clock goes on until every message is sent. Then: each notice arrived
exactly once, with its recipient, subject and body, and none was given up during the outage.

Two paths: the cron safety net (``motcua outbox_deliver`` each minute, the first attempt made
right after the commit as the immediate task backend does), for a 10-minute and an 8-hour
outage; and the worker path (the database task backend: each failed task schedules its own
retry, ``motcua db_worker`` runs them) with the cron every 5 minutes beside it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from contextlib import nullcontext

import pytest
import time_machine

from motcua.catalog.selectors import current_version
from motcua.dossiers import services
from motcua.org.models import User
from motcua.outbox import delivery
from motcua.outbox import services as outbox
from motcua.outbox.models import Channel, OutboxMessage
from tests.dossiers.conftest import local, pdf
from tests.outbox.mailserver import MailServer, free_port

CITIZEN, OFFICER = "037090001234", "khcn.tiepnhan"
PROCEDURE = "DP.BC002"
SUBMISSIONS, ACCEPTED = 6, 3  # 6 "submitted" notices and 3 "receipt" notices
START = local(2026, 3, 2, 9, 0)
MINUTE = dt.timedelta(minutes=1)
# The outbox gives a message up after MAX_ATTEMPTS; the attempts are spaced by the backoff, so
# an outage shorter than this loses nothing (1 + 2 + 4 + … + 256 minutes = 8 h 31 min).
MAILS = OutboxMessage.objects.filter(channel=Channel.EMAIL)  # the inbox is not sent
LONGEST_OUTAGE = sum((delivery.backoff(n) for n in range(1, delivery.MAX_ATTEMPTS)),
                     dt.timedelta())


@pytest.fixture
def mail_down(settings):
    """Django's SMTP backend aimed at a local port where nothing listens; the port."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return port


def _file_dossiers(after_commit) -> None:
    """SUBMISSIONS online dossiers of the citizen, ACCEPTED of them accepted at the counter."""
    citizen = User.objects.get(username=CITIZEN)
    officer = User.objects.get(username=OFFICER)
    orders = [c.order for c in current_version(PROCEDURE).components.all()
              if c.required and not c.from_national_database]
    for number in range(SUBMISSIONS):
        registration = services.Registration(procedure=PROCEDURE,
                                             subject=f"Thông báo hoạt động bưu chính {number}")
        with after_commit():
            dossier = services.submit(citizen, registration, [(o, pdf()) for o in orders])
        if number < ACCEPTED:
            with after_commit():
                services.act(officer, dossier.code, "accept", dossier.version)


def _nothing_given_up() -> bool:
    return not MAILS.filter(failed_at__isnull=False).exists()


def _pending() -> int:
    return MAILS.filter(delivered_at__isnull=True).count()


def _check_each_delivered_once(sink: MailServer, since: dt.datetime) -> list[OutboxMessage]:
    messages = list(MAILS.order_by("pk"))
    assert len(messages) == SUBMISSIONS + ACCEPTED
    assert Counter(m.topic for m in messages) == {"submitted": SUBMISSIONS, "receipt": ACCEPTED}
    received = Counter((mail["X-Envelope-To"], str(mail["Subject"]).strip())
                       for mail in sink.received)
    assert received == Counter((m.recipient, m.subject) for m in messages)
    assert max(received.values()) == 1, "a notice arrived twice"
    bodies = {str(mail["Subject"]).strip(): mail.get_content().replace("\r\n", "\n").strip()
              for mail in sink.received}
    for message in messages:
        assert bodies[message.subject] == message.body.strip()
        assert message.failed_at is None and message.delivered_at >= since
        assert message.attempts <= delivery.MAX_ATTEMPTS
    return messages


@pytest.mark.parametrize("outage", [dt.timedelta(minutes=10), dt.timedelta(hours=8)],
                         ids=["10-minutes", "8-hours"])
def test_an_outage_loses_no_notice_and_sends_each_once(outage, world, media_in_tmp,
                                                       mail_down, settings,
                                                       django_capture_on_commit_callbacks):
    assert outage < LONGEST_OUTAGE
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with time_machine.travel(START, tick=False) as clock:
        _file_dossiers(lambda: django_capture_on_commit_callbacks(execute=True))
        # the first attempt came right after each commit, and failed
        assert _pending() == SUBMISSIONS + ACCEPTED
        assert not MAILS.filter(attempts=0).exists()
        assert all("ConnectionRefusedError" in error
                   for error in MAILS.values_list("last_error", flat=True))
        for minute in range(1, outage // MINUTE + 1):
            clock.shift(MINUTE)
            assert outbox.deliver_due()[0] == 0
            assert _nothing_given_up(), f"a notice given up after {minute} minutes"
        assert _pending() == SUBMISSIONS + ACCEPTED

        back = START + outage
        with MailServer(mail_down) as sink:
            waited = 0
            while _pending():
                clock.shift(MINUTE)
                waited += 1
                outbox.deliver_due()
                assert waited <= delivery.LONGEST_RETRY // MINUTE, "still undelivered"
            for _ in range(60):  # an hour more: nothing goes out a second time
                clock.shift(MINUTE)
                assert outbox.deliver_due() == (0, 0)
            messages = _check_each_delivered_once(sink, since=back)
    print(f"\noutbox outage {outage}: {len(messages)} notices, all delivered once "
          f"{waited} min after the mail server returned, "
          f"at most {max(m.attempts for m in messages)} attempts each")


def _worker() -> None:
    """`motcua db_worker --batch`: run every task that is ready now, then stop."""
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
           startup_delay=False, max_tasks=None, worker_id="outage-test",
           excluded_queue_names=[]).run()


def test_an_outage_on_the_worker_path_loses_no_notice(transactional_db, media_in_tmp, mail_down,
                                                      settings):
    from django_tasks_db.models import DBTaskResult

    from tests.factories.world import minimal_world

    minimal_world()  # committed: the worker reads it from another transaction
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
    outage = dt.timedelta(minutes=10)
    with time_machine.travel(START, tick=False) as clock:
        _file_dossiers(nullcontext)  # real commits: each one queues its delivery task
        assert DBTaskResult.objects.count() == SUBMISSIONS + ACCEPTED

        def each_minute(minute: int) -> None:
            clock.shift(MINUTE)
            _worker()
            if minute % 5 == 0:  # the cron safety net, as docs/dossiers.md advises
                outbox.deliver_due()

        _worker()  # the first attempts, right after the commits
        for minute in range(1, outage // MINUTE + 1):
            each_minute(minute)
            assert _nothing_given_up(), f"a notice given up after {minute} minutes"
        assert _pending() == SUBMISSIONS + ACCEPTED
        assert min(MAILS.values_list("attempts", flat=True)) >= 3

        with MailServer(mail_down) as sink:
            minute = outage // MINUTE
            while _pending():
                minute += 1
                each_minute(minute)
                assert minute <= outage // MINUTE + 60, "still undelivered after an hour"
            waited = minute - outage // MINUTE
            for _ in range(60):
                minute += 1
                each_minute(minute)
            messages = _check_each_delivered_once(sink, since=START + outage)
        assert not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
    print(f"\noutbox outage on the worker path: {len(messages)} notices, all delivered once "
          f"{waited} min after the mail server returned")

