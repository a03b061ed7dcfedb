"""The outbox sweeper: a message whose delivery task was lost is queued again, not sent here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from motcua.ops import jobs
from motcua.outbox.delivery import STUCK_AFTER
from motcua.outbox.models import OutboxMessage


def _message(due_ago: dt.timedelta, **fields) -> OutboxMessage:
    return OutboxMessage.objects.create(
        topic="submitted", recipient="a@example.vn", subject="s", body="b",
        next_attempt_at=timezone.now() - due_ago, **fields)


@pytest.fixture
def queued(monkeypatch):
    return _queued(monkeypatch, "outbox")


def _queued(monkeypatch, kind: str) -> list[int]:
    """The rows of ``kind`` whose delivery task the sweep queues (nothing is queued for real)."""
    sent: list[int] = []
    monkeypatch.setattr("motcua.outbox.delivery.enqueue",
                        lambda queued_kind, row_id: sent.append(row_id) if queued_kind == kind
                        else None)
    return sent


@pytest.mark.django_db
def test_a_message_stuck_past_the_limit_is_queued_again(queued, mailoutbox,
                                                        django_capture_on_commit_callbacks):
    stuck = _message(STUCK_AFTER + dt.timedelta(minutes=1))
    _message(STUCK_AFTER - dt.timedelta(minutes=1))  # its task may still be on its way
    _message(dt.timedelta(hours=1), delivered_at=timezone.now())
    _message(dt.timedelta(hours=1), failed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.outbox_sweep() == 1
    assert queued == [stuck.pk]
    assert mailoutbox == []  # the workers send, not the scheduler
    stuck.refresh_from_db()
    assert timezone.now() - stuck.next_attempt_at < dt.timedelta(seconds=5)


@pytest.mark.django_db
def test_a_requeued_message_waits_the_limit_again_before_the_next_requeue(
        queued, django_capture_on_commit_callbacks):
    _message(STUCK_AFTER * 3)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.outbox_sweep() == 1
        assert jobs.outbox_sweep() == 0
    assert len(queued) == 1


@pytest.mark.django_db
def test_a_document_package_whose_task_was_lost_is_queued_again(
        monkeypatch, django_capture_on_commit_callbacks):
    from motcua.exchange.models import ExchangeMessage
    from tests.exchange.documents import make_office

    sent = _queued(monkeypatch, "exchange")
    sender = make_office("000.00.31.H40", "Sở Nội vụ", "SNV", "snv").agency

    def package(due_ago: dt.timedelta, **fields) -> ExchangeMessage:
        return ExchangeMessage.objects.create(
            kind="edoc", transport="direct", sender=sender, recipients=["000.00.32.H40"],
            package=b"<edXML/>", next_attempt_at=timezone.now() - due_ago, **fields)

    stuck = package(STUCK_AFTER + dt.timedelta(minutes=1))
    package(STUCK_AFTER - dt.timedelta(minutes=1))  # its task may still be on its way
    package(dt.timedelta(hours=1), delivered_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.exchange_sweep() == 1
    assert sent == [stuck.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.exchange_sweep() == 0  # requeued: due from now, not stuck again yet
