"""The lifecycle of a complaint (khiếu nại) as one table: state, action, who may act, guards,
next state.

Domain feedback-complaints §4.4 (K1-K10) on the same core table as the feedback's. Pure: the
services gather the ``Facts`` of one case and one request. The head of the agency is the
resolver (Luật Khiếu nại 2011 art. 18-26); verification and dialogue may be done by the unit he
assigns (art. 29(1)(b)); a complainant withdraws at any time (art. 10). Clocks are measured,
not enforced: a late step is still done.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from motcua.core.lifecycle import Rule, Table
from motcua.core.lifecycle import rows as _rule
from motcua.core.lifecycle import rules_from as core_rules_from
from motcua.org.models import Role
from motcua.voice.lifecycle import OWNER, NotAllowed, reason_given, state_guard
from motcua.voice.models import ActKind, Outcome, RefusalReason
from motcua.voice.models import ComplaintStatus as Status


class Action(StrEnum):
    FILE = "file"
    RECEIVE = "receive"
    ACCEPT = "accept"
    REFUSE = "refuse"
    VERIFY = "verify"
    HOLD_DIALOGUE = "hold_dialogue"
    DECLARE_COMPLEX = "declare_complex"
    SUSPEND = "suspend"
    RESUME = "resume"
    DECIDE = "decide"
    WITHDRAW = "withdraw"
    CLOSE = "close"


@dataclass
class Facts:
    """What the guards read: the case's state and the request's input (merged with the case's
    details where the request may complete them)."""

    # the case's state
    instance: int = 1
    complex: bool = False
    dialogue_held: bool = False
    suspended_from: str = ""
    final_reached: bool = False
    # the request's input
    reason: str = ""
    refusal_reason: str = ""
    act_kind: str = ""
    act_reference: str = ""
    respondent: str = ""
    remote_area: bool = False
    complex_case: bool = False
    outcome: str = ""
    decision: str = ""
    several: bool = False  # others complain together with the filer (as the request leaves it)
    appointment_checked: bool = False


# -- guards: each returns the refusal (Vietnamese) or None -------------------------------------


def art_11_reason_chosen(facts: Facts) -> str | None:
    # Luật Khiếu nại 2011 art. 11, 27: a refusal cites one of the nine grounds, never text alone
    if facts.refusal_reason in RefusalReason.values:
        return None
    return _("Chọn một lý do không thụ lý theo Điều 11 Luật Khiếu nại.")


def act_named(facts: Facts) -> str | None:
    # Luật Khiếu nại 2011 art. 8(2): the letter names the decision or act and who took it
    if facts.act_kind in ActKind.values and facts.act_reference.strip() \
            and facts.respondent.strip():
        return None
    return _("Ghi loại, số hiệu (hoặc nội dung) của quyết định, hành vi bị khiếu nại và người bị "
             "khiếu nại.")


def several_signed_and_appointed(facts: Facts) -> str | None:
    # NĐ 124/2020 art. 6(2), 16(1) as amended by NĐ 155/2026: all signatures and the written
    # appointment of the representatives before a complaint of several people is accepted
    if not facts.several or facts.appointment_checked:
        return None
    return _("Nhiều người cùng khiếu nại: xác nhận đơn có đủ chữ ký của những người khiếu nại và "
             "văn bản cử người đại diện trước khi thụ lý.")


def decision_written(facts: Facts) -> str | None:
    # Luật Khiếu nại 2011 art. 31, 40: the decision concludes right, partly right or wrong
    if facts.outcome in Outcome.values and facts.decision.strip():
        return None
    return _("Chọn kết luận và nhập nội dung quyết định giải quyết khiếu nại.")


@state_guard
def dialogue_held_at_second_instance(facts: Facts) -> str | None:
    # Luật Khiếu nại 2011 art. 39: at the second instance the resolver must hold a dialogue
    if facts.instance == 1 or facts.dialogue_held:
        return None
    return _("Giải quyết khiếu nại lần hai phải tổ chức đối thoại trước khi ra quyết định.")


@state_guard
def not_yet_complex(facts: Facts) -> str | None:
    # Luật Khiếu nại 2011 art. 28, 37: one longer ceiling, from acceptance, not a new extension
    return _("Vụ việc đã được xác định là phức tạp.") if facts.complex else None


@state_guard
def decision_final(facts: Facts) -> str | None:
    # Luật Khiếu nại 2011 art. 44: final 30 days (45 in a remote area) after issue
    if facts.final_reached:
        return None
    return _("Quyết định giải quyết khiếu nại chưa có hiệu lực pháp luật.")


def _back_from_suspension(facts: Facts) -> str:
    # NĐ 124/2020 art. 28b as amended by NĐ 155/2026: resolution continues where it stopped
    return facts.suspended_from or Status.ACCEPTED


# -- the table ----------------------------------------------------------------------------------


A, S, R = Action, Status, Role
RESOLVER = {R.AGENCY_LEADER}
VERIFIERS = {R.SPECIALIST, R.DIVISION_HEAD, R.AGENCY_LEADER}
DESK = {R.RECEPTION_OFFICER, R.CLERK}
WORKING = (S.ACCEPTED, S.VERIFYING, S.DIALOGUE)
OPEN = (S.RECEIVED, *WORKING, S.SUSPENDED)

RULES: list[Rule] = [
    # action                 from        who            guards                       to
    *_rule(A.FILE, None, {OWNER}, [], S.RECEIVED),  # K1: filed on the portal
    *_rule(A.RECEIVE, None, {R.RECEPTION_OFFICER}, [], S.RECEIVED),  # K1: from the register
    *_rule(A.ACCEPT, S.RECEIVED, RESOLVER, [act_named, several_signed_and_appointed],
           S.ACCEPTED),  # K4, Mẫu 03
    *_rule(A.REFUSE, S.RECEIVED, RESOLVER, [art_11_reason_chosen], S.NOT_ACCEPTED),  # K2
    *_rule(A.VERIFY, S.ACCEPTED, VERIFIERS, [], S.VERIFYING),  # K5
    *_rule(A.HOLD_DIALOGUE, S.VERIFYING, VERIFIERS, [reason_given], S.DIALOGUE),  # K6
    *_rule(A.DECLARE_COMPLEX, WORKING, RESOLVER, [not_yet_complex, reason_given]),  # §4.3
    *_rule(A.SUSPEND, WORKING, RESOLVER, [reason_given], S.SUSPENDED),  # K7, Mẫu 14a
    *_rule(A.RESUME, S.SUSPENDED, RESOLVER, [], _back_from_suspension),  # K7, Mẫu 14b
    *_rule(A.DECIDE, (S.VERIFYING, S.DIALOGUE), RESOLVER,
           [dialogue_held_at_second_instance, decision_written], S.DECIDED),  # K9
    *_rule(A.WITHDRAW, OPEN, {OWNER, R.RECEPTION_OFFICER}, [reason_given],
           S.TERMINATED),  # K8: written withdrawal (art. 10)
    *_rule(A.CLOSE, S.DECIDED, DESK | RESOLVER, [decision_final], S.CLOSED),  # K10
]

TABLE = Table(RULES, refused=NotAllowed, label=lambda status: (
    Status(status).label if status else _("chưa nhận đơn")),
    not_possible=_("Không thể thực hiện “%(action)s” khi khiếu nại ở trạng thái “%(state)s”."))
rule_for = TABLE.rule_for


def rules_from(status: Status | None) -> list[Rule]:
    return core_rules_from(RULES, status)
