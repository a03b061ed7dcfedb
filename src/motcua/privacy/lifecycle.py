"""The lifecycle of a data-subject request as one table: state, action, who may act, guards,
next state (NĐ 356/2025 art. 5; L91/2025 art. 13-14).

Pure: the services gather the ``Facts`` of one request and one step, this module says whether
the step may happen and where it leads. What each step changes (the clocks, the answer, the
erasure of a deletion) is in ``services``. The clocks are measured, not enforced: a late step is
still done, and shown late.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Forbidden, Refused
from motcua.core.lifecycle import Rule, Table, first_refusal, state_allows
from motcua.core.lifecycle import rows as _rule
from motcua.privacy.models import RequestStatus as Status
from motcua.voice.lifecycle import state_guard


class Action(StrEnum):
    SUBMIT = "submit"
    ACKNOWLEDGE = "acknowledge"
    EXTEND = "extend"
    ANSWER = "answer"
    REFUSE = "refuse"


OWNER = "owner"  # the citizen whose data it is
OFFICER = "privacy_officer"  # the personal-data officer (L91 art. 33(2))


@dataclass
class Facts:
    details: str = ""
    reason: str = ""
    answer: str = ""
    extended: bool = False


def details_given(facts: Facts) -> str | None:
    return None if facts.details.strip() else _("Nêu rõ nội dung yêu cầu.")


def reason_given(facts: Facts) -> str | None:
    # L91 art. 13(3), 14(5): a refusal, a kept datum or an extension is told with its reason
    return None if facts.reason.strip() else _("Phải nêu rõ lý do.")


def answer_written(facts: Facts) -> str | None:
    return None if facts.answer.strip() else _("Nhập nội dung trả lời người yêu cầu.")


@state_guard
def not_extended_yet(facts: Facts) -> str | None:
    # NĐ 356/2025 art. 5: the time limit may be extended once
    return _("Yêu cầu đã được gia hạn một lần.") if facts.extended else None


A, S = Action, Status
OPEN = (S.SUBMITTED, S.ACKNOWLEDGED)

RULES: list[Rule] = [
    # action              from             who        guards                          to
    *_rule(A.SUBMIT, None, {OWNER}, [details_given], S.SUBMITTED),
    *_rule(A.ACKNOWLEDGE, S.SUBMITTED, {OFFICER}, [], S.ACKNOWLEDGED),  # ≤ 2 working days
    *_rule(A.EXTEND, S.ACKNOWLEDGED, {OFFICER}, [not_extended_yet, reason_given]),
    *_rule(A.ANSWER, S.ACKNOWLEDGED, {OFFICER}, [answer_written], S.DONE),
    *_rule(A.REFUSE, OPEN, {OFFICER}, [reason_given], S.REFUSED),  # L91 art. 14(2), (5)
]


class NotAllowed(Refused):
    """The step cannot happen now (422); not by this actor is ``Forbidden`` (403)."""


TABLE = Table(RULES, refused=NotAllowed, label=lambda status: (
    Status(status).label if status else _("chưa gửi")),
    not_possible=_("Không thể thực hiện “%(action)s” khi yêu cầu ở trạng thái “%(state)s”."))
rule_for = TABLE.rule_for


def check(rule: Rule, actor_roles: set[str], facts: Facts) -> None:
    """Raise Forbidden, or NotAllowed with the first reason the step cannot happen."""
    if not actor_roles & rule.actors:
        raise Forbidden(_("Bạn không có vai trò được thực hiện thao tác này."))
    refusal = first_refusal(rule, facts)
    if refusal:
        raise NotAllowed(refusal[1])


def offered(rule: Rule, actor_roles: set[str], facts: Facts) -> bool:
    return bool(actor_roles & rule.actors) and state_allows(rule, facts)
