"""The outbox: written with the change, delivered after commit, retried with backoff."""

import datetime as dt

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from motcua.outbox import delivery, services
from motcua.outbox.delivery import deliver_row
from motcua.outbox.models import OutboxMessage

NOW = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)


def post(**extra):
    return services.post(topic="receipt", recipient="an@example.vn", subject="Tiếp nhận",
                         body="Nội dung", reference="X-1", **extra)


@pytest.mark.django_db
def test_nothing_is_queued_without_a_recipient():
    assert services.post(topic="t", recipient="", subject="s", body="b") is None
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_a_message_is_delivered_after_commit(mailoutbox, django_capture_on_commit_callbacks,
                                             settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        message = post()
        assert mailoutbox == []  # nothing leaves before the transaction commits
    message.refresh_from_db()
    assert message.delivered_at is not None and message.attempts == 1
    assert [m.subject for m in mailoutbox] == ["Tiếp nhận"]


@pytest.mark.django_db
def test_a_rolled_back_change_sends_nothing(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        post()
        raise RuntimeError
    assert not OutboxMessage.objects.exists()
    assert mailoutbox == []


def test_backoff_doubles_up_to_six_hours():
    assert [delivery.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert delivery.backoff(20) == dt.timedelta(hours=6)


@pytest.mark.django_db
def test_a_failed_delivery_is_retried_later_then_given_up(monkeypatch, mailoutbox):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(services.EmailMessage, "send", broken)
    with time_machine.travel(NOW, tick=False):
        message = post()
        services.deliver(message.pk)
    message.refresh_from_db()
    assert message.attempts == 1 and "SMTP down" in message.last_error
    assert message.next_attempt_at == NOW + dt.timedelta(minutes=1)
    with time_machine.travel(NOW + dt.timedelta(seconds=30), tick=False):
        assert services.deliver(message.pk) is None  # not due yet
    for attempt in range(2, delivery.MAX_ATTEMPTS + 1):
        message.refresh_from_db()
        with time_machine.travel(message.next_attempt_at, tick=False):
            services.deliver(message.pk)
    message.refresh_from_db()
    assert message.attempts == delivery.MAX_ATTEMPTS and message.failed_at is not None
    monkeypatch.undo()
    assert services.deliver_due() == (0, 0)  # given up: an operator looks at it


@pytest.mark.django_db
def test_the_task_schedules_its_retry_on_a_backend_that_defers(monkeypatch, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["default"]}}
    monkeypatch.setattr(services.EmailMessage, "send", lambda *a, **k: 1 / 0)
    message = post()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=1), tick=False):
        assert deliver_row.call("outbox", message.pk) is False
    from django_tasks_db.models import DBTaskResult

    retry = DBTaskResult.objects.get()
    assert retry.run_after is not None and retry.args_kwargs["args"] == ["outbox", message.pk]


@pytest.mark.django_db
def test_the_command_delivers_what_is_due(run_command, mailoutbox):
    post()
    post()
    assert run_command("outbox_deliver") == (0, "đã gửi 2, lỗi 0\n", "")
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_an_operator_can_send_a_given_up_message_again(mailoutbox,
                                                       django_capture_on_commit_callbacks,
                                                       settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    message = post()
    OutboxMessage.objects.filter(pk=message.pk).update(failed_at=timezone.now(), attempts=10)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.retry_now([message.pk]) == 1
    message.refresh_from_db()
    assert message.delivered_at is not None and len(mailoutbox) == 1
