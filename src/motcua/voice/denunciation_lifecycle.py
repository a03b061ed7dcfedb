"""The lifecycle of a denunciation (tố cáo) as one table: state, action, who may act, guards,
next state.

Domain feedback-complaints §5 on the same core table as the complaint's. Pure: the services
gather the ``Facts`` of one case and one request. The head of the agency is the resolver (Luật
Tố cáo 2018 art. 12-18); verification is done by the team he assigns (art. 31); an anonymous
letter is not a denunciation but may open a check (art. 25). Clocks are measured, not enforced:
a late step is still done.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from motcua.core.lifecycle import Rule, Table
from motcua.core.lifecycle import rows as _rule
from motcua.core.lifecycle import rules_from as core_rules_from
from motcua.org.models import Role
from motcua.voice.lifecycle import OWNER, NotAllowed, reason_given, recipient_named, state_guard
from motcua.voice.models import DenunciationRefusal, Finding
from motcua.voice.models import DenunciationStatus as Status

MAX_EXTENSIONS = 2  # Luật Tố cáo 2018 art. 30(1): very complex cases, twice at most


class Action(StrEnum):
    FILE = "file"
    RECEIVE = "receive"
    ACCEPT = "accept"
    REFUSE = "refuse"
    TRANSFER = "transfer"
    OPEN_CHECK = "open_check"
    VERIFY = "verify"
    EXTEND = "extend"
    SUSPEND = "suspend"
    RESUME = "resume"
    TERMINATE = "terminate"
    CONCLUDE = "conclude"
    PUBLISH = "publish"
    CLOSE = "close"


@dataclass
class Facts:
    """What the guards read: the case's state and the request's input."""

    # the case's state
    identified: bool = True  # the denouncer's name and address are known
    complexity: int = 0
    extensions: int = 0
    suspended_from: str = ""
    display_over: bool = False
    denouncer_traces: tuple[str, ...] = ()  # the identity's words, never shown
    # the request's input
    reason: str = ""
    recipient: str = ""
    refusal_reason: str = ""
    accused: str = ""
    acts: str = ""
    conditions_met: bool = False
    complexity_asked: int = 0
    finding: str = ""
    conclusion: str = ""


# -- guards: each returns the refusal (Vietnamese) or None -------------------------------------


def refusal_reason_chosen(facts: Facts) -> str | None:
    # Luật Tố cáo 2018 art. 27, 29(1): a refusal cites one of the listed grounds
    if facts.refusal_reason in DenunciationRefusal.values:
        return None
    return _("Chọn một lý do không thụ lý theo Điều 27, 29 Luật Tố cáo.")


def acceptance_conditions_met(facts: Facts) -> str | None:
    # Luật Tố cáo 2018 art. 29(1): lawful letter, capacity, our authority, an identifiable
    # violator and violation; the decision (Mẫu 04) names the accused and the acts accepted
    if facts.conditions_met and facts.accused.strip() and facts.acts.strip():
        return None
    return _("Xác nhận đủ bốn điều kiện thụ lý (Điều 29 khoản 1 Luật Tố cáo) và ghi người bị "
             "tố cáo, hành vi bị tố cáo.")


@state_guard
def denouncer_identified(facts: Facts) -> str | None:
    # Luật Tố cáo 2018 art. 25: an anonymous letter is not handled as a denunciation
    if facts.identified:
        return None
    return _("Đơn không rõ họ tên, địa chỉ người tố cáo: không thụ lý như tố cáo.")


@state_guard
def extension_left(facts: Facts) -> str | None:
    # Luật Tố cáo 2018 art. 30(1): complex once, very complex twice, by 30 days each
    if facts.extensions < MAX_EXTENSIONS and (facts.extensions == 0
                                              or facts.extensions < facts.complexity):
        return None
    return _("Đã gia hạn hết số lần luật cho phép.")


def complexity_found(facts: Facts) -> str | None:
    # NĐ 31/2019 art. 3: complex (one criterion) extends once, very complex (two or more) twice
    level = max(facts.complexity, facts.complexity_asked)
    if level in (1, 2) and facts.extensions < level and facts.reason.strip():
        return None
    return _("Ghi tiêu chí phức tạp: vụ việc phức tạp được gia hạn một lần, đặc biệt phức tạp "
             "hai lần.")


def conclusion_written(facts: Facts) -> str | None:
    # Luật Tố cáo 2018 art. 35(2); NĐ 31/2019 Mẫu 12: true, partly true or false, and why
    if facts.finding in Finding.values and facts.conclusion.strip():
        return None
    return _("Chọn kết luận và nhập nội dung kết luận nội dung tố cáo.")


@state_guard
def denouncer_not_revealed(facts: Facts) -> str | None:
    # Luật Tố cáo 2018 art. 40(3), 47(2): the published conclusion never identifies the denouncer
    text = facts.conclusion.casefold()
    if any(trace and trace.casefold() in text for trace in facts.denouncer_traces):
        return _("Nội dung kết luận có thông tin của người tố cáo: sửa trước khi công khai.")
    return None


@state_guard
def shown_fifteen_days(facts: Facts) -> str | None:
    # Luật Tố cáo 2018 art. 40(2); NĐ 31/2019 art. 6: on show at least 15 consecutive days
    if facts.display_over:
        return None
    return _("Kết luận phải được công khai đủ 15 ngày liên tục.")


def _back_from_suspension(facts: Facts) -> str:
    return facts.suspended_from or Status.VERIFYING


# -- the table ----------------------------------------------------------------------------------


A, S, R = Action, Status, Role
RESOLVER = {R.AGENCY_LEADER}
VERIFIERS = {R.SPECIALIST, R.DIVISION_HEAD, R.AGENCY_LEADER}
DESK = {R.RECEPTION_OFFICER}
WORKING = (S.ACCEPTED, S.VERIFYING)
OPEN = (*WORKING, S.SUSPENDED)

RULES: list[Rule] = [
    # action                 from        who            guards                       to
    *_rule(A.FILE, None, {OWNER}, [], S.RECEIVED),  # filed on the portal (art. 22)
    *_rule(A.RECEIVE, None, DESK, [], S.RECEIVED),  # from the register (art. 22-23)
    *_rule(A.ACCEPT, S.RECEIVED, RESOLVER, [denouncer_identified, acceptance_conditions_met],
           S.ACCEPTED),  # art. 29, Mẫu 04-06
    *_rule(A.REFUSE, S.RECEIVED, RESOLVER, [denouncer_identified, refusal_reason_chosen],
           S.NOT_ACCEPTED),  # art. 27, 29(1)
    *_rule(A.TRANSFER, S.RECEIVED, DESK | RESOLVER, [recipient_named, reason_given],
           S.TRANSFERRED),  # art. 24(2), TT 05/2021 Mẫu 03
    *_rule(A.OPEN_CHECK, S.RECEIVED, RESOLVER, [reason_given],
           S.CHECK_OPENED),  # art. 25: anonymous, untraceable or false name
    *_rule(A.VERIFY, S.ACCEPTED, RESOLVER, [], S.VERIFYING),  # art. 31, Mẫu 07
    *_rule(A.EXTEND, WORKING, RESOLVER, [extension_left, complexity_found]),  # art. 30, Mẫu 01
    *_rule(A.SUSPEND, WORKING, RESOLVER, [reason_given], S.SUSPENDED),  # art. 34(1)
    *_rule(A.RESUME, S.SUSPENDED, RESOLVER, [], _back_from_suspension),  # art. 34(2)
    *_rule(A.TERMINATE, OPEN, RESOLVER, [reason_given], S.TERMINATED),  # art. 33, 34(3)
    *_rule(A.CONCLUDE, S.VERIFYING, RESOLVER, [conclusion_written, denouncer_not_revealed],
           S.CONCLUDED),  # art. 35, Mẫu 12
    *_rule(A.PUBLISH, S.CONCLUDED, RESOLVER | {R.CLERK}, [denouncer_not_revealed],
           S.PUBLISHED),  # art. 40
    *_rule(A.CLOSE, S.PUBLISHED, RESOLVER | {R.CLERK}, [shown_fifteen_days], S.CLOSED),
]

TABLE = Table(RULES, refused=NotAllowed, label=lambda status: (
    Status(status).label if status else _("chưa nhận đơn")),
    not_possible=_("Không thể thực hiện “%(action)s” khi tố cáo ở trạng thái “%(state)s”."))
rule_for = TABLE.rule_for


def rules_from(status: Status | None) -> list[Rule]:
    return core_rules_from(RULES, status)
