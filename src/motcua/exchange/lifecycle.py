"""The lifecycles of official documents as one table: state, action, who may act, guards, next
state.

Outgoing: draft → issued → sent (sending again to recipients added later stays "sent"), the
signer's and the agency's signatures on the way, and the recall request of a sent document.
Incoming (domain §2.3): received → registered or refused → assigned → processing → completed,
the answers to the sender's recall (15/16) and to its update or replacement (15/16; an accepted
replacement supersedes the document: "replaced").

Pure: ``exchange.selectors`` gathers the ``Facts`` of one document (and ``exchange.services``
adds the request's input), this module says whether the action may happen and where it leads.
What each action changes (numbers, packages, statuses) is in ``exchange.services``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import Conflict, Forbidden, InvalidInput, ServiceError
from motcua.core.lifecycle import Guard, Rule, Table, first_refusal, state_allows
from motcua.core.lifecycle import rows as _rule
from motcua.core.lifecycle import rules_from as core_rules_from
from motcua.exchange.models import IncomingState, OutgoingState
from motcua.org.models import Role


class OutgoingAction(models.TextChoices):
    EDIT = "edit", _("Sửa dự thảo")
    ISSUE = "issue", _("Ban hành, cấp số")
    SIGN = "sign", _("Ký số (người có thẩm quyền)")
    SEAL = "seal", _("Ký số của cơ quan (đóng dấu)")
    SEND = "send", _("Gửi văn bản")
    RECALL = "recall", _("Yêu cầu thu hồi")
    PUBLISH = "publish", _("Đăng lên cổng thông tin")
    WITHDRAW = "withdraw", _("Gỡ khỏi cổng thông tin")


class IncomingAction(models.TextChoices):
    REGISTER = "register", _("Vào sổ văn bản đến")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    ASSIGN = "assign", _("Phân công xử lý")
    PROCESS = "process", _("Bắt đầu xử lý")
    COMPLETE = "complete", _("Hoàn thành xử lý")
    ACCEPT_RECALL = "accept_recall", _("Đồng ý thu hồi")
    REFUSE_RECALL = "refuse_recall", _("Từ chối thu hồi")
    ACCEPT_CHANGE = "accept_change", _("Đồng ý cập nhật, thay thế")
    REFUSE_CHANGE = "refuse_change", _("Từ chối cập nhật, thay thế")


# who may do what (NĐ 30/2020 art. 14-24: the clerk numbers, issues, registers, sends)
CLERK, LEADER = Role.CLERK.value, Role.AGENCY_LEADER.value
DRAFTERS = frozenset({CLERK, Role.SPECIALIST.value, Role.DIVISION_HEAD.value, LEADER})
# NĐ 30/2020 art. 13: the head of the agency (or a deputy, a division head by delegation) signs
SIGNERS = frozenset({LEADER, Role.DIVISION_HEAD.value})
ASSIGNERS = frozenset({LEADER, CLERK})
# who may be named on an assignment: the leader who directs it, the person who handles it
DIRECTING_LEADERS = SIGNERS
HANDLERS = DRAFTERS
# the person the document is assigned to (leader or specialist), or a division head when it is
# assigned to no division: given by the selectors beside the roles held in the agency
ASSIGNEE = "assignee"


@dataclass(frozen=True)
class Facts:
    """What the guards read: the document's state and the request's input."""

    has_main_file: bool = False
    signed_by_person: bool = False
    sealed: bool = False
    signature_required: bool = False  # the agency's policy: no electronic document unsigned
    agency_name: str = ""
    recipients_left: bool = False  # recipients not yet sent to (or the ones the request names)
    outside_recipients: bool = False  # the recipients named include one outside the agency
    notation_problem: str = ""  # why the number and notation cannot be written, if so
    recall_requested: bool = False
    secret: str = ""  # the confidentiality (Mật, Tối mật, Tuyệt mật) of a state-secret document
    on_portal: bool = False  # published on the agency's portal and not withdrawn
    change_pending: bool = False
    change_is_replacement: bool = False
    reason: str = ""
    assignee_named: bool = False




def state_guard(refusal: type[ServiceError] = Conflict) -> Callable[[Guard], Guard]:
    """Marks a guard that reads only the document's state, not the request's input: an action is
    offered only when every such guard of its rule passes (``offered``). Its refusal is a
    ``Conflict`` (409) unless said otherwise; a guard on the input refuses with InvalidInput."""

    def mark(guard: Guard) -> Guard:
        guard.reads_state_only = True
        guard.refusal = refusal
        return guard

    return mark


# -- guards: each returns the refusal (Vietnamese) or None -------------------------------------


def _reason_or(facts: Facts, refusal) -> str | None:
    return None if facts.reason.strip() else refusal


def refusal_reason_given(facts: Facts) -> str | None:
    # NĐ 30/2020 art. 21(2), domain §2.3: a document returned to its sender (02) says why
    return _reason_or(facts, _("Nhập lý do từ chối tiếp nhận."))


def recall_reason_given(facts: Facts) -> str | None:
    # QĐ 28/2018 art. 9: the sender's recall request (13) says why
    return _reason_or(facts, _("Nhập lý do thu hồi văn bản."))


def recall_refusal_reason_given(facts: Facts) -> str | None:
    # domain §2.2: the receiver keeping a document despite the recall (16) says why
    return _reason_or(facts, _("Nhập lý do từ chối thu hồi."))


def change_refusal_reason_given(facts: Facts) -> str | None:
    # domain §2.2: the receiver refusing an update or a replacement (16) says why
    return _reason_or(facts, _("Nhập lý do từ chối cập nhật, thay thế."))


def _signed_or(facts: Facts, doing) -> str | None:
    # NĐ 30/2020 art. 13(5): the competent person signs an electronic document digitally; the
    # agency's policy says whether an unsigned one may still be issued or sent (offered with a
    # warning on the page, refused when the request comes)
    if not (facts.has_main_file and not facts.signed_by_person and facts.signature_required):
        return None
    return _("%(agency)s yêu cầu văn bản điện tử có chữ ký số của người có thẩm quyền: văn bản "
             "chưa được ký số nên chưa %(doing)s được.") % {"agency": facts.agency_name,
                                                           "doing": doing}


def signed_before_issue(facts: Facts) -> str | None:
    return _signed_or(facts, _("ban hành"))


def signed_before_sending(facts: Facts) -> str | None:
    return _signed_or(facts, _("gửi"))


@state_guard()
def signed_before_publishing(facts: Facts) -> str | None:
    return _signed_or(facts, _("đăng lên cổng thông tin"))


def notation_can_be_written(facts: Facts) -> str | None:
    # NĐ 30/2020 Phụ lục I §II.3: the notation needs the type's and the agency's abbreviations
    return facts.notation_problem or None


@state_guard(InvalidInput)
def main_file_present(facts: Facts) -> str | None:
    return None if facts.has_main_file else _("Văn bản chưa có tệp PDF để ký.")


@state_guard()
def not_signed_yet(facts: Facts) -> str | None:
    return None if not facts.signed_by_person else _("Văn bản đã được ký.")


@state_guard()
def signed_by_person(facts: Facts) -> str | None:
    # NĐ 30/2020 Phụ lục I: the agency's signature covers the signer's, so it comes after it
    return None if facts.signed_by_person else _("Người có thẩm quyền chưa ký văn bản.")


@state_guard()
def not_sealed_yet(facts: Facts) -> str | None:
    return None if not facts.sealed else _("Văn bản đã được ký số cơ quan.")


@state_guard(InvalidInput)
def recipients_left(facts: Facts) -> str | None:
    return None if facts.recipients_left else _("Không còn nơi nhận nào chưa gửi.")


def no_state_secret_over_axis(facts: Facts) -> str | None:
    # QĐ 28/2018/QĐ-TTg art. 2(2): state-secret documents never go over the axis
    if not (facts.secret and facts.outside_recipients):
        return None
    return _("Văn bản có độ mật “%(level)s” không được gửi qua Trục liên thông văn bản quốc gia. "
             "Hãy gửi bản giấy theo quy định về bảo vệ bí mật nhà nước.") % {
        "level": facts.secret}


@state_guard()
def not_state_secret(facts: Facts) -> str | None:
    # Luật Tiếp cận thông tin 2016 art. 6(1): state secrets are not information citizens access
    if not facts.secret:
        return None
    return _("Văn bản có độ mật “%(level)s” không được đăng lên cổng thông tin.") % {
        "level": facts.secret}


@state_guard()
def file_to_publish(facts: Facts) -> str | None:
    # Luật Tiếp cận thông tin 2016 art. 19(1)(a): readers get the document itself, its PDF
    return None if facts.has_main_file else _("Văn bản chưa có tệp PDF để đăng.")


@state_guard()
def issued_first(facts: Facts) -> str | None:
    # NĐ 30/2020 art. 15: a document is issued (signed, then numbered) before anyone reads it
    return _("Chỉ đăng lên cổng thông tin văn bản đã ban hành (đã ký, đã cấp số).")


@state_guard()
def not_on_portal(facts: Facts) -> str | None:
    return None if not facts.on_portal else _("Văn bản đã được đăng trên cổng thông tin.")


@state_guard()
def on_portal(facts: Facts) -> str | None:
    return None if facts.on_portal else _("Văn bản không có trên cổng thông tin.")


@state_guard()
def recall_not_requested_yet(facts: Facts) -> str | None:
    return None if not facts.recall_requested else _("Đã yêu cầu thu hồi văn bản này.")


@state_guard()
def no_recall_pending(facts: Facts) -> str | None:
    # QĐ 28/2018 art. 9: the sender's recall request is answered before the document is taken in
    if not facts.recall_requested:
        return None
    return _("Nơi gửi đang yêu cầu thu hồi văn bản: xử lý yêu cầu thu hồi trước.")


@state_guard()
def recall_pending(facts: Facts) -> str | None:
    if facts.recall_requested:
        return None
    return _("Không có yêu cầu thu hồi đang chờ cho văn bản này.")


@state_guard()
def change_pending(facts: Facts) -> str | None:
    # QCVN 102 §1.3, domain §2.3(5): an update or a replacement is answered 15 or 16
    if facts.change_pending:
        return None
    return _("Không có cập nhật hoặc thay thế nào đang chờ trả lời.")


def assignee_named(facts: Facts) -> str | None:
    if facts.assignee_named:
        return None
    return _("Chọn lãnh đạo, phòng ban hoặc chuyên viên xử lý.")


# -- the table ----------------------------------------------------------------------------------


def replaced_when_replacement(facts: Facts) -> str | None:
    """The next state of an accepted change: a replacement supersedes the document, an update
    keeps its state (domain §2.3(5))."""
    return IncomingState.REPLACED if facts.change_is_replacement else None


Out, In = OutgoingState, IncomingState
OA, IA = OutgoingAction, IncomingAction
UNSENT = (Out.DRAFT, Out.ISSUED)
ISSUED = (Out.ISSUED, Out.SENT)
HELD = (In.RECEIVED, In.REGISTERED, In.ASSIGNED, In.PROCESSING, In.COMPLETED)  # not given up

OUTGOING: list[Rule] = [
    # action, from, who, guards, to (left out: the state stays)
    *_rule(OA.EDIT, Out.DRAFT, DRAFTERS, []),  # NĐ 30/2020 art. 15: an issued one keeps its text
    *_rule(OA.SIGN, UNSENT, SIGNERS, [main_file_present, not_signed_yet]),
    # NĐ 30/2020 art. 15(1): numbered per register from 01 on 1 January, allocated at issue
    *_rule(OA.ISSUE, Out.DRAFT, {CLERK}, [signed_before_issue, notation_can_be_written],
           Out.ISSUED),
    *_rule(OA.SEAL, Out.ISSUED, {CLERK}, [signed_by_person, not_sealed_yet]),
    *_rule(OA.SEND, (Out.ISSUED, Out.SENT), {CLERK},
           [recipients_left, signed_before_sending, no_state_secret_over_axis], Out.SENT),
    # QĐ 28/2018 art. 9: the sender asks every recipient to give the document back (13)
    *_rule(OA.RECALL, Out.SENT, {CLERK, LEADER}, [recall_reason_given, recall_not_requested_yet]),
    # Luật Tiếp cận thông tin 2016 art. 19(1)(a): the clerk puts an issued document (numbered
    # after its signature, NĐ 30/2020 art. 15) on the agency's portal, and takes it off
    *_rule(OA.PUBLISH, ISSUED, {CLERK},
           [not_on_portal, not_state_secret, file_to_publish, signed_before_publishing,
            recall_not_requested_yet]),
    *_rule(OA.PUBLISH, Out.DRAFT, {CLERK}, [issued_first]),  # never offered: says why
    *_rule(OA.WITHDRAW, ISSUED, {CLERK}, [on_portal]),
]

INCOMING: list[Rule] = [
    # NĐ 30/2020 art. 22: registered (số đến) and 03 sent; art. 21(2): or returned (02)
    *_rule(IA.REGISTER, In.RECEIVED, {CLERK}, [no_recall_pending], In.REGISTERED),
    *_rule(IA.REFUSE, In.RECEIVED, {CLERK}, [refusal_reason_given], In.REFUSED),
    *_rule(IA.ASSIGN, (In.REGISTERED, In.ASSIGNED, In.PROCESSING), ASSIGNERS, [assignee_named],
           In.ASSIGNED),
    *_rule(IA.PROCESS, In.ASSIGNED, {ASSIGNEE, CLERK, LEADER}, [], In.PROCESSING),
    *_rule(IA.COMPLETE, (In.ASSIGNED, In.PROCESSING), {ASSIGNEE, CLERK, LEADER}, [],
           In.COMPLETED),
    # QĐ 28/2018 art. 9, domain §2.2: 15 gives the document back, 16 keeps it with a reason
    *_rule(IA.ACCEPT_RECALL, HELD, {CLERK, LEADER}, [recall_pending], In.RECALLED),
    *_rule(IA.REFUSE_RECALL, HELD, {CLERK, LEADER}, [recall_pending, recall_refusal_reason_given]),
    *_rule(IA.ACCEPT_CHANGE, HELD, {CLERK, LEADER}, [change_pending], replaced_when_replacement),
    *_rule(IA.REFUSE_CHANGE, HELD, {CLERK, LEADER}, [change_pending, change_refusal_reason_given]),
]

class NotAllowed(Conflict):
    """The action cannot happen in the document's state (409); not by this actor is
    ``Forbidden`` (403)."""


def _state_label(state: str) -> str:
    return (OutgoingState if state in OutgoingState.values else IncomingState)(state).label


TABLE = Table(OUTGOING + INCOMING, refused=NotAllowed, label=_state_label,
              not_possible=_("Không thể thực hiện “%(action)s” khi văn bản ở trạng thái "
                             "“%(state)s”."))
rule_for = TABLE.rule_for
rules_from = core_rules_from


def check(rule: Rule, actor_roles: set[str], facts: Facts) -> None:
    """Raise Forbidden, or the first guard's refusal (``NotAllowed`` for the state, InvalidInput
    for the request's input). ``actor_roles``: the roles held in the document's agency, and
    ASSIGNEE for the person the document is assigned to."""
    if not actor_roles & rule.actors:
        raise Forbidden(_("Bạn không có vai trò cần thiết ở cơ quan này để thực hiện việc này."))
    refusal = first_refusal(rule, facts)
    if refusal:
        guard, problem = refusal
        kind = getattr(guard, "refusal", InvalidInput)
        raise (NotAllowed if kind is Conflict else kind)(problem)


def offered(rule: Rule, actor_roles: set[str], facts: Facts) -> bool:
    """The actor holds the rule's role and the document's state passes every state guard: what
    ``check`` would refuse whatever the actor typed is not offered."""
    return bool(actor_roles & rule.actors) and state_allows(rule, facts)
