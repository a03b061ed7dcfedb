"""E-mail across a crash (docs/reliability.md, "E-mail: what is guaranteed"): every attempt of an
outbox row carries the row's own Message-ID, so a copy sent again after a crash between the SMTP
server's acceptance and the recorded delivery is recognisably the same message; once the delivery
is recorded the row is never sent again."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from motcua.outbox import delivery, services
from motcua.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)


class Crash(BaseException):
    """The worker dies (not an error the loop catches)."""


def post(recipient: str = "an@example.vn") -> OutboxMessage:
    return services.post(topic="test", recipient=recipient, subject="Hồ sơ", body="Đã tiếp nhận")


def test_each_row_has_its_own_stable_message_id(settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.ninhbinh.gov.vn"
    first, second = post(), post()
    assert services.message_id(first) == services.message_id(
        OutboxMessage.objects.get(pk=first.pk))
    assert services.message_id(first) != services.message_id(second)
    assert services.message_id(first).endswith("@dichvucong.ninhbinh.gov.vn>")


def test_a_crash_after_sending_resends_once_with_the_same_message_id(monkeypatch):
    with time_machine.travel(START, tick=False) as clock:
        message = post()

        def crash(*args, **kwargs):
            raise Crash  # sent, the delivery not recorded

        with monkeypatch.context() as patched:
            patched.setattr(delivery, "_sent", crash)
            with pytest.raises(Crash):
                services.deliver(message.pk)
        assert len(mail.outbox) == 1
        assert services.deliver_due() == (0, 0)  # the claim's lease: no other worker sends it
        clock.shift(dt.timedelta(minutes=2))
        assert services.deliver_due() == (1, 0)
        clock.shift(dt.timedelta(hours=7))
        assert services.deliver_due() == (0, 0)  # delivered: never again
    first, again = (sent.extra_headers["Message-ID"] for sent in mail.outbox)
    assert first == again == services.message_id(message)
    assert len(mail.outbox) == 2
