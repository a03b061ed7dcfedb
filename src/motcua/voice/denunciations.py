"""Writes of the denunciation track (tố cáo, domain feedback-complaints §5): filing on the
portal, opening from the register, and every step of its lifecycle table through the shared
``services._act``.

The denouncer's identity leaves the letter when the case opens: name, ID number, address and
contact go to ``Denouncer`` (Luật Tố cáo 2018 art. 47(2), 56: kept secret, stripped before the
file reaches the verifiers); the letter keeps its number, title and content. Messages to the
denouncer go through the outbox from that table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.dates import to_local
from motcua.core.errors import Forbidden, InvalidInput
from motcua.org.models import Role, User
from motcua.org.selectors import agency_by_code
from motcua.outbox import services as outbox
from motcua.voice import clocks, selectors
from motcua.voice import denunciation_lifecycle as table
from motcua.voice import denunciation_selectors as reads
from motcua.voice.denunciation_lifecycle import Action
from motcua.voice.lifecycle import OWNER, offered
from motcua.voice.models import (
    Classification,
    Denouncer,
    DenunciationCase,
    DenunciationRefusal,
    DenunciationStatus,
    Letter,
    LetterChannel,
    LetterOutcome,
)
from motcua.voice.services import (
    Sender,
    _act,
    _checked_sender,
    _checked_text,
    _clock_rules_in_force,
    _new_letter,
    _record,
    _TrackSteps,
)
from motcua.workcal.selectors import calendar_for

TOPIC = "denunciation"
TRACK = "denunciation"
# what the letter keeps once the identity has moved to its own table
STRIPPED = {"sender_name": "", "sender_address": "", "sender_phone": "", "sender_email": "",
            "applicant": None}


@dataclass
class DenunciationIn:
    """A denunciation filed on the portal (Luật Tố cáo 2018 art. 23(1))."""

    sender: Sender
    title: str
    content: str
    agency: str  # the identifier code of the resolver
    accused: str
    acts: str
    id_number: str = ""


@dataclass
class DenunciationInput:
    """What a denunciation action may carry."""

    reason: str = ""
    recipient: str = ""
    refusal_reason: str = ""
    accused: str = ""
    acts: str = ""
    conditions_met: bool = False
    complexity: int = 0
    finding: str = ""
    conclusion: str = ""


def file_denunciation(user: User, denunciation: DenunciationIn) -> DenunciationCase:
    """A citizen files a denunciation on the portal: registered at once in the resolver's
    register, its acceptance clock running from now (art. 24(1))."""
    if not user.is_authenticated or not user.is_applicant:
        raise Forbidden(_("Đăng nhập bằng tài khoản công dân để gửi tố cáo."))
    sender = _checked_sender(denunciation.sender)
    _checked_text(denunciation.title, denunciation.content)
    if not denunciation.accused.strip() or not denunciation.acts.strip():
        # art. 23(1): the letter names the act and the accused
        raise InvalidInput(_("Ghi người bị tố cáo và hành vi vi phạm bị tố cáo."))
    agency = agency_by_code(denunciation.agency.strip())
    if agency is None:
        raise InvalidInput(_("Chọn cơ quan giải quyết tố cáo."))
    with transaction.atomic():
        now = timezone.now()
        letter = _new_letter(agency, now, channel=LetterChannel.PORTAL,
                             title=denunciation.title.strip(),
                             content=denunciation.content.strip(),
                             classification=Classification.DENUNCIATION,
                             outcome=LetterOutcome.OPENED_CASE, **STRIPPED)
        return _open(letter, user, now, Action.FILE, Denouncer(
            account=user, name=sender.name, address=sender.address, phone=sender.phone,
            email=sender.email, id_number=denunciation.id_number.strip()),
            accused=denunciation.accused.strip(), acts=denunciation.acts.strip())


def open_from_letter(letter: Letter, user: User, now: dt.datetime) -> DenunciationCase:
    """A letter of the register classified as a denunciation: its sender becomes the case's
    denouncer, kept apart, and the letter keeps no trace of them (art. 56)."""
    denouncer = Denouncer(account=letter.applicant, name=letter.sender_name,
                          address=letter.sender_address, phone=letter.sender_phone,
                          email=letter.sender_email)
    for field, value in STRIPPED.items():
        setattr(letter, field, value)
    letter.save()
    return _open(letter, user, now, Action.RECEIVE, denouncer)


def _open(letter: Letter, user: User, now: dt.datetime, action: Action, denouncer: Denouncer,
          **details) -> DenunciationCase:
    """Registered; classification, identity and conditions are checked within 7 working days
    (art. 24(1)), under the rule in force on the day the letter came."""
    with _clock_rules_in_force():
        rule = clocks.in_force(selectors.clock_rows(), TRACK, "accept",
                               to_local(letter.received_at).date())
    case = DenunciationCase.objects.create(
        code=f"TC-{letter.agency.identifier_code}-{letter.year}-{letter.number:05d}",
        letter=letter, agency=letter.agency, status=DenunciationStatus.RECEIVED,
        accept_due=clocks.due(calendar_for(letter.agency), letter.received_at, rule), **details)
    denouncer.case = case
    denouncer.save()
    # the history names no account that filed it: its actor would be the denouncer (art. 56)
    filed = action is Action.FILE
    _record(case, action, None if filed else user, OWNER if filed else Role.RECEPTION_OFFICER,
            now, None, due_at=case.accept_due)
    _tell(case, _("Đã nhận đơn tố cáo %(code)s"), _(
        "Hạn thụ lý hoặc thông báo không thụ lý: %(due)s.") % {
        "due": f"{to_local(case.accept_due):%d/%m/%Y %H:%M}"})
    return case


def act_on_denunciation(user: User, code: str, action: Action | str, seen_version: int,
                        params: DenunciationInput | None = None) -> DenunciationCase:
    """Do ``action`` on the denunciation as it was at ``seen_version``; 409 if it changed."""
    return _act(DENUNCIATION_TRACK, user, code, action, seen_version,
                params or DenunciationInput())


def _facts(case: DenunciationCase, params: DenunciationInput) -> table.Facts:
    """The case's state (the identity's words only to keep them out of what is published) and
    the request's input completed with the case's."""
    denouncer = Denouncer.objects.filter(case=case).first()
    traces = tuple(value.strip() for value in (
        denouncer.name, denouncer.id_number, denouncer.address, denouncer.phone,
        denouncer.email) if value.strip()) if denouncer else ()
    suspended_from = next((before for action, before in case.events.order_by(
        "-version").values_list("action", "from_status") if action == Action.SUSPEND), "")
    return table.Facts(
        identified=bool(denouncer and denouncer.name.strip() and denouncer.address.strip()),
        complexity=case.complexity, extensions=case.extensions, suspended_from=suspended_from,
        display_over=case.published_until is not None
        and timezone.now() >= case.published_until,
        denouncer_traces=traces, reason=params.reason, recipient=params.recipient,
        refusal_reason=params.refusal_reason, accused=params.accused or case.accused,
        acts=params.acts or case.acts, conditions_met=params.conditions_met,
        complexity_asked=params.complexity, finding=params.finding,
        conclusion=params.conclusion or case.conclusion)


def allowed_denunciation_actions(user: User, case: DenunciationCase) -> list[str]:
    """The actions ``user`` may do now on the denunciation."""
    roles, facts = _roles(user, case), _facts(case, DenunciationInput())
    return [rule.action.value for rule in table.rules_from(DenunciationStatus(case.status))
            if offered(rule, roles, facts)]


def _roles(user: User, case: DenunciationCase) -> set[str]:
    return selectors.staff_roles(user, case) | reads.owner_roles(user, case)


def _tell(case: DenunciationCase, subject: str, body: str) -> None:
    """The denouncer hears of each step (art. 29(3), 34(4), 35(3)): to the address kept in the
    identity table, and the portal inbox of their account."""
    denouncer = Denouncer.objects.filter(case=case).first()
    if denouncer is None:
        return
    subject = subject % {"code": case.code}
    outbox.post(topic=TOPIC, recipient=denouncer.email, subject=subject, body=body,
                reference=case.code)
    if denouncer.account_id:
        outbox.notify(user=denouncer.account, topic=TOPIC, subject=subject, body=body,
                      reference=case.code)


def _due(case: DenunciationCase, clock: str, start: dt.datetime) -> dt.datetime:
    with _clock_rules_in_force():
        rule = clocks.in_force(selectors.clock_rows(), TRACK, clock, case.rules_on)
    return clocks.due(calendar_for(case.agency), start, rule)


def _notice(case: DenunciationCase, now: dt.datetime, subject: str, body: str) -> None:
    # art. 29(3), 34(4), 35(3): the denouncer is told within 5 working days; sent at once here
    case.notice_due = _due(case, "notify", now)
    _tell(case, subject, body)


def _day(instant: dt.datetime) -> str:
    return f"{to_local(instant):%d/%m/%Y}"


# -- effects: what each action changes ----------------------------------------------------------


def _accept(case, user, params, now) -> None:
    # art. 29; NĐ 31/2019 Mẫu 04-06; the case keeps the rules in force today (domain §9)
    case.accused = (params.accused or case.accused).strip()
    case.acts = (params.acts or case.acts).strip()
    case.note = params.reason.strip()
    case.accepted_at, case.rules_on = now, to_local(now).date()
    case.resolve_due = _due(case, "resolve", now)
    _notice(case, now, _("Thông báo thụ lý tố cáo %(code)s"), _(
        "Hạn giải quyết: %(due)s.") % {"due": _day(case.resolve_due)})


def _refuse(case, user, params, now) -> None:
    reason = DenunciationRefusal(params.refusal_reason)
    case.refusal_reason, case.note, case.closed_at = reason.value, params.reason.strip(), now
    case.rules_on = to_local(now).date()
    _notice(case, now, _("Thông báo không thụ lý tố cáo %(code)s"),
            f"{reason.label} ({reason.citation}). {case.note}".strip())


def _transfer(case, user, params, now) -> None:
    # art. 24(2); TT 05/2021 Mẫu 03: transferred once, the denouncer told
    letter = case.letter
    letter.outcome = LetterOutcome.FORWARDED
    letter.transferred_to, letter.transferred_at = params.recipient.strip(), now
    letter.save()
    case.note, case.closed_at = params.reason.strip(), now
    _tell(case, _("Đơn tố cáo %(code)s đã được chuyển cơ quan có thẩm quyền"),
          f"{letter.transferred_to}. {case.note}")


def _open_check(case, user, params, now) -> None:
    # art. 25: not a denunciation; the content may still be inspected
    case.note, case.closed_at = params.reason.strip(), now


def _extend(case, user, params, now) -> None:
    # art. 30(1); NĐ 31/2019 art. 3 and Mẫu 01: 30 days more, notified to both sides
    case.complexity = max(case.complexity, params.complexity)
    case.complexity_reason = "\n".join(filter(None, [case.complexity_reason,
                                                     params.reason.strip()]))
    case.extensions += 1
    case.resolve_due = _due(case, "extend", case.resolve_due)
    _notice(case, now, _("Gia hạn giải quyết tố cáo %(code)s"), _(
        "Hạn giải quyết: %(due)s.") % {"due": _day(case.resolve_due)})


def _suspend(case, user, params, now) -> None:
    case.suspended_at = now
    _notice(case, now, _("Tạm đình chỉ giải quyết tố cáo %(code)s"), params.reason.strip())


def _resume(case, user, params, now) -> None:
    # art. 34(2): the time suspended is not counted in the resolution time
    case.resolve_due += now - case.suspended_at
    case.suspended_at = None
    _notice(case, now, _("Tiếp tục giải quyết tố cáo %(code)s"), _(
        "Hạn giải quyết: %(due)s.") % {"due": _day(case.resolve_due)})


def _terminate(case, user, params, now) -> None:
    case.note, case.closed_at, case.suspended_at = params.reason.strip(), now, None
    _notice(case, now, _("Đình chỉ giải quyết tố cáo %(code)s"), case.note)


def _conclude(case, user, params, now) -> None:
    # art. 35; NĐ 31/2019 Mẫu 12; published within 7 working days (art. 40(1))
    case.finding, case.conclusion, case.concluded_at = (
        params.finding, params.conclusion.strip(), now)
    case.publish_due = _due(case, "publish", now)
    _notice(case, now, _("Thông báo kết quả giải quyết tố cáo %(code)s"),
            case.get_finding_display())


def _publish(case, user, params, now) -> None:
    # art. 40(2); NĐ 31/2019 art. 6: on the portal at least 15 consecutive days
    case.published_from = now
    case.published_until = _due(case, "display", now)


def _close(case, user, params, now) -> None:
    case.closed_at = now


DENUNCIATION_TRACK = _TrackSteps(
    cases=reads.visible_denunciations, actions=Action,
    creating=(Action.FILE, Action.RECEIVE),
    created_elsewhere=gettext_lazy("Tố cáo mới được gửi trên cổng hoặc vào sổ tiếp nhận đơn."),
    rule_for=table.rule_for, statuses=DenunciationStatus, facts=_facts,
    effects={Action.ACCEPT: _accept, Action.REFUSE: _refuse, Action.TRANSFER: _transfer,
             Action.OPEN_CHECK: _open_check, Action.EXTEND: _extend, Action.SUSPEND: _suspend,
             Action.RESUME: _resume, Action.TERMINATE: _terminate, Action.CONCLUDE: _conclude,
             Action.PUBLISH: _publish, Action.CLOSE: _close},
    running_due=reads.running_due, actor_roles=_roles,
    not_found=gettext_lazy("Không tìm thấy tố cáo %(code)s."),
    stale=gettext_lazy("Tố cáo đã được người khác cập nhật (phiên bản %(v)s); tải lại rồi thao "
                       "tác lại."))
