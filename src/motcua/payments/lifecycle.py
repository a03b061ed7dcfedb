"""A payment attempt's lifecycle as one table (integrations §3.4–3.5): it starts pending when
the platform gives the payment address (INIT) and ends once, paid, failed or cancelled, when the
platform says so (its notification, or our QUERY). A final state never moves again: a replayed
or late notification changes nothing."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Refused
from motcua.core.lifecycle import Rule, Table
from motcua.core.lifecycle import rows as _rule
from motcua.payments.models import PaymentState


class Event(StrEnum):
    START = "start"
    PAY = "pay"
    FAIL = "fail"
    CANCEL = "cancel"


PLATFORM = "platform"  # the payment platform: its notification, or its answer to our QUERY
PAYER = "payer"  # whoever pays the dossier's fee (its applicant)
S, E = PaymentState, Event

RULES: list[Rule] = [
    *_rule(E.START, None, {PAYER}, [], S.PENDING),
    *_rule(E.PAY, S.PENDING, {PLATFORM}, [], S.PAID),
    *_rule(E.FAIL, S.PENDING, {PLATFORM}, [], S.FAILED),
    *_rule(E.CANCEL, S.PENDING, {PLATFORM}, [], S.CANCELLED),
]


class Settled(Refused):
    """The attempt has its final state already."""


TABLE = Table(RULES, refused=Settled, label=lambda state: (
    PaymentState(state).label if state else _("chưa bắt đầu")),
    not_possible=_("Giao dịch đang ở trạng thái “%(state)s”, không thể “%(action)s”."))


def next_state(event: Event, state: str | None) -> str:
    """The state after ``event``; Settled when ``state`` is final."""
    return TABLE.rule_for(event, state).next_state(None)
