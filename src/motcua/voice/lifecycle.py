"""The lifecycle of a feedback or petition (PAKN) as one table: state, action, who may act,
guards, next state.

Domain feedback-complaints §3.6 (P1-P7). Pure: the services gather the ``Facts`` of one case
and one request, this module says whether the action may happen and where it leads. What each
action changes (timestamps, the answer, the publication clock) is in ``services``. The clocks
(refuse within 2 working days, …) are measured, not enforced: a late step is still done, and
counted late (QĐ 766 indicator 5.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Forbidden, Refused
from motcua.core.lifecycle import Guard, Rule, Table, first_refusal, state_allows
from motcua.core.lifecycle import rows as _rule
from motcua.core.lifecycle import rules_from as core_rules_from
from motcua.org.models import Role
from motcua.voice.models import Class766, ContentType
from motcua.voice.models import FeedbackStatus as Status


class Action(StrEnum):
    SUBMIT = "submit"
    RECEIVE = "receive"
    REFUSE = "refuse"
    TRANSFER = "transfer"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    ACCEPT = "accept"
    ANSWER = "answer"
    SEND_BACK = "send_back"
    APPROVE = "approve"
    PUBLISH = "publish"
    ANSWER_PRIVATELY = "answer_privately"


OWNER = "owner"  # the account that sent the feedback


@dataclass
class Facts:
    """What the guards read: the case's state and the request's input."""

    wants_public: bool = True
    reason: str = ""
    recipient: str = ""
    supplement: str = ""
    class_766: str = ""
    content_type: int | None = None
    answer_title: str = ""
    answer_body: str = ""




def state_guard(guard: Guard) -> Guard:
    """Marks a guard that reads only the case's state, not the request's input: the pages offer
    an action only when every such guard of its rule passes (``offered``)."""
    guard.reads_state_only = True
    return guard


# -- guards: each returns the refusal (Vietnamese) or None -------------------------------------


def reason_given(facts: Facts) -> str | None:
    return None if facts.reason.strip() else _("Phải nêu rõ lý do.")


def recipient_named(facts: Facts) -> str | None:
    # NĐ 20/2008 art. 9(1)(d): what is not ours goes to the competent body
    return None if facts.recipient.strip() else _("Ghi tên cơ quan có thẩm quyền nhận chuyển.")


def supplement_given(facts: Facts) -> str | None:
    return None if facts.supplement.strip() else _("Nhập thông tin bổ sung.")


def classified(facts: Facts) -> str | None:
    # QĐ 766 indicator 5.1 (the class) and NĐ 20/2008 art. 5 (the content type)
    if facts.class_766 in Class766.values and facts.content_type in ContentType.values:
        return None
    return _("Chọn nhóm phản ánh (chỉ số 5.1) và loại nội dung theo Điều 5 Nghị định 20/2008.")


def answer_written(facts: Facts) -> str | None:
    if facts.answer_title.strip() and facts.answer_body.strip():
        return None
    return _("Nhập tiêu đề và nội dung trả lời.")


@state_guard
def sender_agreed_to_publish(facts: Facts) -> str | None:
    # domain §3.5-3.6 P7: the sender's "public / not public" choice binds the agency
    if facts.wants_public:
        return None
    return _("Người gửi không đồng ý công khai: chỉ trả lời riêng người gửi.")


def private_answer_justified(facts: Facts) -> str | None:
    # domain §3.6 P7: private when the sender chose so, or (with a reason) the content is personal
    if not facts.wants_public or facts.reason.strip():
        return None
    return _("Người gửi đồng ý công khai: nêu lý do không công khai (nội dung cá nhân).")


# -- the table ----------------------------------------------------------------------------------


A, S, R = Action, Status, Role
OFFICER = R.RECEPTION_OFFICER
LEADERS = {R.DIVISION_HEAD, R.AGENCY_LEADER}
WAITING = (S.SUBMITTED, S.SUPPLEMENTED)

RULES: list[Rule] = [
    # action                    from          who               guards                  to
    *_rule(A.SUBMIT, None, {OWNER}, [], S.SUBMITTED),  # P1: registered at once
    *_rule(A.RECEIVE, None, {OFFICER}, [], S.SUBMITTED),  # P1 (desk, post, forwarded)
    *_rule(A.REFUSE, WAITING, {OFFICER}, [reason_given], S.REFUSED),  # P2
    *_rule(A.TRANSFER, WAITING, {OFFICER}, [recipient_named, reason_given],
           S.TRANSFERRED),  # P3
    *_rule(A.REQUEST_SUPPLEMENT, WAITING, {OFFICER}, [reason_given],
           S.AWAITING_SUPPLEMENT),  # P4
    *_rule(A.SUPPLEMENT, S.AWAITING_SUPPLEMENT, {OWNER, OFFICER}, [supplement_given],
           S.SUPPLEMENTED),  # P4
    *_rule(A.ACCEPT, WAITING, {OFFICER}, [classified], S.PROCESSING),  # P5
    *_rule(A.ANSWER, S.PROCESSING, {R.SPECIALIST, OFFICER}, [answer_written],
           S.AWAITING_APPROVAL),  # P6: the unit drafts
    *_rule(A.SEND_BACK, S.AWAITING_APPROVAL, LEADERS, [reason_given], S.PROCESSING),  # P6
    *_rule(A.APPROVE, S.AWAITING_APPROVAL, LEADERS, [], S.APPROVED),  # P6: the head approves
    *_rule(A.PUBLISH, S.APPROVED, {R.CLERK, OFFICER}, [sender_agreed_to_publish],
           S.PUBLISHED),  # P7
    *_rule(A.ANSWER_PRIVATELY, S.APPROVED, {R.CLERK, OFFICER}, [private_answer_justified],
           S.ANSWERED_PRIVATE),  # P7
]

class NotAllowed(Refused):
    """The action cannot happen now (422); not by this actor is ``Forbidden`` (403)."""


TABLE = Table(RULES, refused=NotAllowed, label=lambda status: (
    Status(status).label if status else _("chưa đăng ký")),
    not_possible=_("Không thể thực hiện “%(action)s” khi phản ánh ở trạng thái “%(state)s”."))
rule_for = TABLE.rule_for


def rules_from(status: Status | None) -> list[Rule]:
    """The table's rows for a state (before roles and guards)."""
    return core_rules_from(RULES, status)


def check(rule: Rule, actor_roles: set[str], facts: Facts) -> None:
    """Raise Forbidden, or NotAllowed with the first reason the action cannot happen."""
    if not actor_roles & rule.actors:
        raise Forbidden(_("Bạn không có vai trò được thực hiện thao tác này."))
    refusal = first_refusal(rule, facts)
    if refusal:
        raise NotAllowed(refusal[1])


def offered(rule: Rule, actor_roles: set[str], facts: Facts) -> bool:
    """The actor holds the rule's role and the case passes every state guard of the rule."""
    return bool(actor_roles & rule.actors) and state_allows(rule, facts)
