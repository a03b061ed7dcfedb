"""The dossier lifecycle as one table: state, action, who may act, guards, next state.

Domain §1.3 (transitions T1-T15). Pure: the services gather the ``Facts`` of one dossier and
one request, this module says whether the action may happen and where it leads. What each
action changes (timestamps, due instants, steps) is in ``services``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from motcua.core.dates import vn_datetime
from motcua.core.errors import Forbidden, Refused
from motcua.core.lifecycle import Guard, Rule, Table, first_refusal, state_allows
from motcua.core.lifecycle import rows as _rule
from motcua.core.lifecycle import rules_from as core_rules_from
from motcua.dossiers.models import Rating, Status, SubStatus
from motcua.org.models import Role
from motcua.workcal.engine import HOURS_PER_WORKING_DAY


class Action(StrEnum):
    SUBMIT = "submit"
    RECEIVE = "receive"
    ACCEPT = "accept"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    REFUSE = "refuse"
    FORWARD = "forward"
    COMPLETE_STEP = "complete_step"
    SEND_BACK = "send_back"
    REQUEST_PAYMENT = "request_payment"
    CONFIRM_PAYMENT = "confirm_payment"
    EXTEND = "extend"
    APPROVE = "approve"
    DELIVER = "deliver"
    WITHDRAW = "withdraw"
    ACCEPT_WITHDRAWAL = "accept_withdrawal"
    ASSIGN = "assign"
    STOP = "stop"
    RATE = "rate"


OWNER = "owner"  # the applicant whose account filed the dossier
STEP = "step"  # whoever holds the role of the dossier's current process step
PAYMENT_PLATFORM = "payment_platform"  # an online payment confirmed by its platform (§3.6)

# NĐ 118/2025, as NĐ 61/2018 art. 19(4): a supplement notice within 3 working days of receipt
SUPPLEMENT_WINDOW_HOURS = 3 * HOURS_PER_WORKING_DAY
# NĐ 118/2025, as NĐ 61/2018 art. 19(9): the apology at the latest 1 (working) day before due
EXTENSION_NOTICE_HOURS = HOURS_PER_WORKING_DAY


@dataclass(frozen=True)
class StepFacts:
    is_last: bool
    can_send_back: bool
    can_return_to: bool  # a done step before it to return to (the one named, if any)
    others_running: bool  # parallel branches still at work


@dataclass
class Facts:
    """What the guards read: the dossier's state and the request's input."""

    sub_status: str = ""
    supplements_before_acceptance: int = 0
    hours_since_acceptance: Decimal | None = None
    hours_left: Decimal | None = None
    extended: bool = False
    rated: bool = False
    step: StepFacts | None = None
    step_problem: str = ""
    reason: str = ""
    items: list[str] = field(default_factory=list)
    recipient: str = ""
    rating: str = ""
    new_due_later: bool = False
    new_due_off_hours: dt.datetime | None = None  # set when outside working time: the next one
    assignable: bool = False  # a specialist step of the deciding agency runs, or starts next
    assignee_ok: bool = False  # the chosen person may do that step
    step_due_ok: bool = True  # the step deadline asked for, if any, fits the dossier's
    amount_given: bool = False
    electronic_delivery: bool = False  # the applicant asked for the electronic result
    result_attached: bool = False  # a result file is sent with the request, or stored already




def state_guard(guard: Guard) -> Guard:
    """Marks a guard that reads only the dossier's state, not the request's input: the pages
    offer an action only when every such guard of its rule passes (``offered``)."""
    guard.reads_state_only = True
    return guard


# -- guards: each returns the refusal (Vietnamese) or None -------------------------------------


def reason_given(facts: Facts) -> str | None:
    return None if facts.reason.strip() else _("Phải nêu rõ lý do.")


def items_listed(facts: Facts) -> str | None:
    if any(item.strip() for item in facts.items):
        return None
    return _("Liệt kê đầy đủ các giấy tờ cần bổ sung, hoàn thiện.")


@state_guard
def first_request_before_acceptance(facts: Facts) -> str | None:
    # NĐ 118/2025, as NĐ 61/2018 art. 15(3): guide once, completely
    if facts.supplements_before_acceptance == 0:
        return None
    return _("Chỉ được yêu cầu bổ sung một lần trước khi tiếp nhận (hướng dẫn một lần, đầy đủ).")


@state_guard
def not_awaiting_supplement(facts: Facts) -> str | None:
    if facts.sub_status != SubStatus.AWAITING_SUPPLEMENT:
        return None
    return _("Hồ sơ đang chờ người nộp bổ sung.")


@state_guard
def supplement_requested(facts: Facts) -> str | None:
    if facts.sub_status == SubStatus.AWAITING_SUPPLEMENT:
        return None
    return _("Hồ sơ không có yêu cầu bổ sung nào đang chờ.")


@state_guard
def within_supplement_window(facts: Facts) -> str | None:
    # NĐ 118/2025, as NĐ 61/2018 art. 19(4): notice within 3 working days of receipt
    hours = facts.hours_since_acceptance
    if hours is not None and hours <= SUPPLEMENT_WINDOW_HOURS:
        return None
    return _("Đã quá 3 ngày làm việc kể từ ngày tiếp nhận: không được yêu cầu bổ sung.")


@state_guard
def step_chosen(facts: Facts) -> str | None:
    if facts.step is not None:
        return None
    return facts.step_problem or _("Không có bước đang xử lý.")


@state_guard
def step_not_last(facts: Facts) -> str | None:
    # the end of a parallel branch is completed; the end of the process is approved
    if facts.step is None or not facts.step.is_last or facts.step.others_running:
        return None
    return _("Đây là bước cuối của quy trình: dùng thao tác phê duyệt (approve).")


@state_guard
def step_is_last(facts: Facts) -> str | None:
    if facts.step is None or facts.step.is_last:
        return None
    return _("Chỉ phê duyệt ở bước cuối của quy trình nội bộ.")


@state_guard
def no_branch_running(facts: Facts) -> str | None:
    if facts.step is None or not facts.step.others_running:
        return None
    return _("Còn bước xử lý song song chưa xong: chưa thể phê duyệt.")


@state_guard
def step_can_send_back(facts: Facts) -> str | None:
    if facts.step is None or (facts.step.can_send_back and facts.step.can_return_to):
        return None
    return _("Bước này không được trả lại bước trước (hoặc bước được chọn không phải bước "
             "liền trước đã xử lý).")


@state_guard
def not_extended(facts: Facts) -> str | None:
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9): only one rescheduling
    return None if not facts.extended else _("Hồ sơ đã được hẹn lại một lần.")


@state_guard
def a_working_day_left(facts: Facts) -> str | None:
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9): the apology at the latest 1 day before the due date
    if facts.hours_left is not None and facts.hours_left >= EXTENSION_NOTICE_HOURS:
        return None
    return _("Còn dưới 1 ngày làm việc đến hạn trả: không được gia hạn.")


def new_due_later(facts: Facts) -> str | None:
    return None if facts.new_due_later else _("Ngày hẹn mới phải sau ngày hẹn hiện tại.")


def new_due_in_working_time(facts: Facts) -> str | None:
    # NĐ 118/2025, as NĐ 61/2018 art. 19(9): the apology promises a day the result is returned,
    # so within the office hours of a working day (a Sunday or a holiday is never one)
    if facts.new_due_off_hours is None:
        return None
    return _("Ngày hẹn mới rơi vào ngày nghỉ hoặc ngoài giờ làm việc: chọn thời điểm trong giờ "
             "làm việc của một ngày làm việc (gần nhất: %(next)s).") % {
        "next": vn_datetime(facts.new_due_off_hours)}


def recipient_named(facts: Facts) -> str | None:
    return None if facts.recipient.strip() else _("Ghi tên người nhận kết quả.")


@state_guard
def not_rated(facts: Facts) -> str | None:
    return None if not facts.rated else _("Hồ sơ đã được đánh giá.")


@state_guard
def specialist_step_open(facts: Facts) -> str | None:
    # domain §1.1: the division head assigns the dossier to a case specialist
    if facts.assignable:
        return None
    return _("Không có bước thụ lý của chuyên viên đang chờ phân công.")


def assignee_may_do_the_step(facts: Facts) -> str | None:
    if facts.assignee_ok:
        return None
    return _("Chọn chuyên viên thụ lý thuộc cơ quan (và phòng) của bước xử lý.")


def step_due_within_dossier_due(facts: Facts) -> str | None:
    if facts.step_due_ok:
        return None
    return _("Hạn của bước phải sau thời điểm hiện tại và không muộn hơn ngày hẹn trả hồ sơ.")


def amount_given(facts: Facts) -> str | None:
    return None if facts.amount_given else _("Nhập số tiền phải nộp (đồng).")


def electronic_result_attached(facts: Facts) -> str | None:
    # NĐ 45/2020 art. 14, as amended by NĐ 118/2025 art. 40(8): a result asked for online is the
    # electronic result returned through the system, so the approval that issues it carries it
    if not facts.electronic_delivery or facts.result_attached:
        return None
    return _("Người nộp đăng ký nhận kết quả bản điện tử trực tuyến: phải đính kèm tệp kết quả "
             "(bản điện tử) khi phê duyệt.")


def rating_given(facts: Facts) -> str | None:
    return None if facts.rating in Rating.values else _(
        "Chọn mức đánh giá: satisfied, normal hoặc dissatisfied."
    )


# -- the table ----------------------------------------------------------------------------------


A, S, R = Action, Status, Role
OFFICER = R.RECEPTION_OFFICER
BEFORE_DECISION = (S.SUBMITTED, S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED,
                   S.AWAITING_PAYMENT)

RULES: list[Rule] = [
    # action                  from                     who                 guards          to
    *_rule(A.SUBMIT, None, {OWNER}, [], S.SUBMITTED),  # T1
    *_rule(A.RECEIVE, None, {OFFICER}, [], S.ACCEPTED),  # T2
    *_rule(A.ACCEPT, S.SUBMITTED, {OFFICER}, [not_awaiting_supplement], S.ACCEPTED),  # T3
    *_rule(A.REQUEST_SUPPLEMENT, S.SUBMITTED, {OFFICER},  # T4
           [first_request_before_acceptance, items_listed, reason_given], S.SUBMITTED),
    *_rule(A.SUPPLEMENT, S.SUBMITTED, {OWNER}, [supplement_requested], S.SUBMITTED),  # T4
    *_rule(A.REFUSE, S.SUBMITTED, {OFFICER}, [reason_given], S.REFUSED),  # T5
    *_rule(A.FORWARD, S.ACCEPTED, {OFFICER, R.CLERK}, [], S.PROCESSING),  # T6
    *_rule(A.COMPLETE_STEP, S.PROCESSING, {STEP}, [step_chosen, step_not_last],
           S.PROCESSING),  # T7
    *_rule(A.SEND_BACK, S.PROCESSING, {STEP}, [step_chosen, step_can_send_back, reason_given],
           S.PROCESSING),  # T7
    *_rule(A.REQUEST_SUPPLEMENT, S.PROCESSING, {R.SPECIALIST, OFFICER},  # T8
           [within_supplement_window, items_listed, reason_given], S.SUPPLEMENT_REQUESTED),
    *_rule(A.SUPPLEMENT, S.SUPPLEMENT_REQUESTED, {OWNER, OFFICER}, [], S.PROCESSING),  # T9
    *_rule(A.REQUEST_PAYMENT, S.PROCESSING, {R.SPECIALIST, OFFICER},
           [amount_given, reason_given], S.AWAITING_PAYMENT),  # T10
    *_rule(A.CONFIRM_PAYMENT, S.AWAITING_PAYMENT, {OFFICER, R.SPECIALIST, PAYMENT_PLATFORM},
           [], S.PROCESSING),  # T10
    *_rule(A.EXTEND, S.PROCESSING, {R.AGENCY_LEADER, OFFICER},  # T12
           [not_extended, reason_given, a_working_day_left, new_due_later,
            new_due_in_working_time], S.PROCESSING),
    *_rule(A.APPROVE, S.PROCESSING, {STEP},  # T11
           [step_chosen, step_is_last, no_branch_running, electronic_result_attached],
           S.FINISHED),
    *_rule(A.DELIVER, S.FINISHED, {OFFICER}, [recipient_named], S.DELIVERED),  # T13
    *_rule(A.ASSIGN, S.PROCESSING, {R.DIVISION_HEAD},  # T7
           [specialist_step_open, assignee_may_do_the_step, step_due_within_dossier_due],
           S.PROCESSING),
    *_rule(A.WITHDRAW, BEFORE_DECISION, {OWNER}, [], S.WITHDRAWAL_REQUESTED),  # T14
    # TT 03/2025 art. 7, NĐ 118/2025 art. 21: the withdrawal needs no decision yet (the request
    # is only possible before one); the one-stop stops the dossier and issues the stop notice
    *_rule(A.ACCEPT_WITHDRAWAL, S.WITHDRAWAL_REQUESTED, {OFFICER}, [], S.STOPPED),  # T14
    *_rule(A.STOP, BEFORE_DECISION[1:], {OFFICER, R.AGENCY_LEADER}, [reason_given],
           S.STOPPED),  # T15
    *_rule(A.RATE, S.DELIVERED, {OWNER}, [not_rated, rating_given], S.DELIVERED),
]

class NotAllowed(Refused):
    """The action cannot happen now (422); not by this actor is ``Forbidden`` (403)."""


TABLE = Table(RULES, refused=NotAllowed, label=lambda status: (
    Status(status).label if status else _("chưa đăng ký")),
    not_possible=_("Không thể thực hiện “%(action)s” khi hồ sơ ở trạng thái “%(state)s”."))
rule_for = TABLE.rule_for


def rules_from(status: Status | None) -> list[Rule]:
    """The table's rows for a state (before roles and guards)."""
    return core_rules_from(RULES, status)


def _holds(rule: Rule, actor_roles: set[str], may_do_step: bool) -> bool:
    return bool(actor_roles & rule.actors) or (STEP in rule.actors and may_do_step)


def check(rule: Rule, actor_roles: set[str], facts: Facts, *, may_do_step: bool = False) -> None:
    """Raise Forbidden, or NotAllowed with the first reason the action cannot happen.

    ``actor_roles``: the roles the actor holds in the dossier's agencies (and OWNER);
    ``may_do_step``: the actor holds the current step's role in the step's agency and division.
    """
    if not _holds(rule, actor_roles, may_do_step) and not (
            STEP in rule.actors and facts.step is None):
        raise Forbidden(_("Bạn không có vai trò được thực hiện thao tác này."))
    refusal = first_refusal(rule, facts)
    if refusal:
        raise NotAllowed(refusal[1])


def offered(rule: Rule, actor_roles: set[str], facts: Facts, *, may_do_step: bool = False
            ) -> bool:
    """The actor holds the rule's role and the dossier's state passes every state guard:
    what ``check`` would refuse whatever the actor typed is not offered."""
    return _holds(rule, actor_roles, may_do_step) and state_allows(rule, facts)
