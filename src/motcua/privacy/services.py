"""Every write of personal data's cases, each one use case in one transaction: a citizen's
request and its steps (one lifecycle table: ``lifecycle``), the erasure of what may be erased,
the citizen's export of their own data, and the breach register. Each request and each closing
is a security event for the SOC (security-operations §3.5: personal-data requests)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.dates import VN_TZ, vn_date, vn_datetime
from motcua.core.errors import Conflict, InvalidInput, NotFound, ServiceError
from motcua.dossiers.models import Dossier
from motcua.org.models import User
from motcua.privacy import lifecycle, rules, selectors
from motcua.privacy.lifecycle import OFFICER, OWNER, Action, Facts
from motcua.privacy.models import (
    OFFICER_GROUP,
    Breach,
    DataRequest,
    Notice,
    RequestEvent,
    RequestKind,
    RequestStatus,
)
from motcua.secops import events
from motcua.slips.render import pdf
from motcua.voice.clocks import NoRule
from motcua.workcal.selectors import calendar_for

logger = logging.getLogger(__name__)
ERASED = "(đã xóa theo yêu cầu)"  # what stands where a name was, once erased


class ClockRuleMissing(ServiceError):
    """No time limit of the law is in force for the day: nothing is stored, the operator adds
    the rule (the page keeps its form with the message)."""

    status = page_status = 503


class StaleVersion(Conflict):
    """The request changed since the page was drawn (409)."""


@contextmanager
def _clock_rules_in_force() -> Iterator[None]:
    try:
        yield
    except NoRule as missing:
        logger.error("privacy: no clock rule in force: %s", missing)
        raise ClockRuleMissing(_(
            "Chưa có quy định thời hạn đang có hiệu lực cho việc này nên chưa lưu được; vui lòng "
            "báo người quản trị hệ thống.")) from missing


def _local_day(instant: dt.datetime) -> dt.date:
    return instant.astimezone(VN_TZ).date()


# -- data-subject requests ----------------------------------------------------------------------


def submit_request(user: User, kind: str, details: str) -> DataRequest:
    """A citizen's request about their own data, with its clocks from the rows in force today."""
    if kind not in RequestKind.values:
        raise InvalidInput(_("Chọn loại yêu cầu."))
    rule = lifecycle.rule_for(Action.SUBMIT, None)
    lifecycle.check(rule, {OWNER} if user.is_applicant else set(), Facts(details=details))
    now = timezone.now()
    today = _local_day(now)
    calendar, rows = calendar_for(), selectors.clock_rows()
    with _clock_rules_in_force():
        acknowledge = rules.acknowledge_due(calendar, rows, now, today)
        answer = rules.answer_due(calendar, rows, now, kind, today)
    with transaction.atomic():
        request = DataRequest.objects.create(
            applicant=user, kind=kind, details=details.strip(), status=RequestStatus.SUBMITTED,
            submitted_at=now, rules_on=today, acknowledge_due=acknowledge, answer_due=answer)
        _history(request, Action.SUBMIT, user, OWNER, now, "", "")
        events.record("pd_request_received", user=user, object_type="pd_request",
                      object_id=request.code, pd_request__kind=kind)
    return request


@dataclass
class StepInput:
    reason: str = ""
    answer: str = ""


def actor_roles(user: User, request: DataRequest) -> set[str]:
    return ({OWNER} if request.applicant_id == user.pk else set()) | (
        {OFFICER} if selectors.is_officer(user) else set())


def _facts(request: DataRequest, step: StepInput) -> Facts:
    return Facts(details=request.details, reason=step.reason, answer=step.answer,
                 extended=request.extended_at is not None)


def allowed_actions(user: User, request: DataRequest) -> list[str]:
    """The steps ``user`` is offered on ``request`` now."""
    roles, facts = actor_roles(user, request), _facts(request, StepInput())
    return [rule.action for rule in lifecycle.RULES if rule.source == request.status
            and lifecycle.offered(rule, roles, facts)]


def act(user: User, code: str, action: str, seen_version: int,
        step: StepInput | None = None) -> DataRequest:
    """Do ``action`` on the request as it was at ``seen_version`` (409 if it changed since)."""
    step = step or StepInput()
    try:
        action = Action(action)
    except ValueError:
        raise InvalidInput(_("Thao tác không hợp lệ.")) from None
    if action == Action.SUBMIT:
        raise InvalidInput(_("Yêu cầu mới được gửi từ trang của công dân."))
    with transaction.atomic():
        mine = selectors.visible_requests(user).select_for_update(of=("self",))
        request = selectors.find(mine, code)
        if request is None:
            raise NotFound(_("Không tìm thấy yêu cầu."))
        if request.version != seen_version:
            raise StaleVersion(_("Yêu cầu đã thay đổi (phiên bản %(v)s); vui lòng tải lại "
                                 "trang.") % {"v": request.version})
        rule = lifecycle.rule_for(action, RequestStatus(request.status))
        roles, facts = actor_roles(user, request), _facts(request, step)
        lifecycle.check(rule, roles, facts)
        now = timezone.now()
        before = request.status
        STEPS[action](request, user, step, now)
        request.status = rule.next_state(facts)
        request.version += 1
        request.save()
        _history(request, action, user, min(roles & rule.actors), now, before,
                 step.reason or step.answer)
        if request.status in (RequestStatus.DONE, RequestStatus.REFUSED):
            events.record("pd_request_closed", user=user, object_type="pd_request",
                          object_id=request.code, pd_request__kind=request.kind,
                          outcome="success" if request.status == RequestStatus.DONE
                          else "failure")
    return request


def _acknowledge(request, user, step, now) -> None:
    request.acknowledged_at = now


def _extend(request, user, step, now) -> None:
    with _clock_rules_in_force():
        request.answer_due = rules.extended_due(calendar_for(), selectors.clock_rows(),
                                                request.answer_due, request.kind,
                                                request.rules_on)
    request.extended_at, request.extension_reason = now, step.reason.strip()


def _answer(request, user, step, now) -> None:
    request.answer, request.closed_at = step.answer.strip(), now
    if request.kind == RequestKind.DELETE:  # L91 art. 14: erase what the law lets go
        request.kept = erase(request.applicant, now).kept


def _refuse(request, user, step, now) -> None:
    request.answer, request.closed_at = step.reason.strip(), now


STEPS = {Action.ACKNOWLEDGE: _acknowledge, Action.EXTEND: _extend, Action.ANSWER: _answer,
         Action.REFUSE: _refuse}


def _history(request: DataRequest, action: str, user: User, role: str, now: dt.datetime,
             before: str, note: str) -> None:
    RequestEvent.objects.create(request=request, action=action, actor=user, role=role, at=now,
                                from_status=before, to_status=request.status, note=note,
                                version=request.version)


# -- erasure (anonymisation) --------------------------------------------------------------------


@dataclass
class Erasure:
    erased: list[str] = field(default_factory=list)
    kept: list[dict] = field(default_factory=list)  # {"what": …, "reason": …}


def _ended_at(dossier: Dossier) -> dt.datetime | None:
    ends = [t for t in (dossier.returned_at, dossier.closed_at, dossier.finished_at) if t]
    return max(ends) if ends else None


def erase(user: User, now: dt.datetime | None = None) -> Erasure:
    """Erase the personal data of ``user`` that the law lets go, and say what is kept and why
    (L91 art. 14(2), (5)): a dossier within its retention keeps its owner's details, and the
    account stays while such a dossier needs it; the letters stay under the law on complaints,
    denunciations and reception of citizens; the rest goes."""
    now = now or timezone.now()
    done = Erasure()
    with transaction.atomic():
        mine = list(selectors.own_dossiers(user).values_list("pk", flat=True))
        for dossier in Dossier.objects.select_for_update().filter(pk__in=mine).order_by("pk"):
            ended = _ended_at(dossier)
            if rules.dossier_may_be_erased(ended, now):
                _erase_dossier(dossier)
                done.erased.append(_("Hồ sơ %(code)s: thông tin chủ hồ sơ, người nộp")
                                   % {"code": dossier.code})
            elif ended is None:
                done.kept.append({"what": _("Hồ sơ %(code)s") % {"code": dossier.code},
                                  "reason": _("Hồ sơ đang được giải quyết (Luật 91/2025 điều "
                                              "19(1)(c)).")})
            else:
                done.kept.append({"what": _("Hồ sơ %(code)s") % {"code": dossier.code},
                                  "reason": _("Hồ sơ thủ tục hành chính được lưu trữ theo pháp "
                                              "luật về lưu trữ đến ngày %(day)s (Luật 91/2025 "
                                              "điều 14(2)).") % {
                                                  "day": vn_date(rules.dossier_kept_until(ended))}})
        if selectors.own_letters(user).exists():
            done.kept.append({"what": _("Đơn, phản ánh, kiến nghị đã gửi"), "reason": _(
                "Đơn thư được lưu theo pháp luật về tiếp công dân, khiếu nại, tố cáo và xử lý "
                "phản ánh, kiến nghị (Luật 91/2025 điều 14(2)).")})
        if done.kept:
            done.kept.append({"what": _("Tài khoản"), "reason": _(
                "Tài khoản gắn với các hồ sơ, đơn thư được giữ lại ở trên.")})
        else:
            _erase_account(user)
            done.erased.append(_("Tài khoản: họ tên, thư điện tử, điện thoại, tên đăng nhập"))
    return done


def _erase_dossier(dossier: Dossier) -> None:
    dossier.owner_name = ERASED
    for name in ("owner_id_number", "owner_phone", "owner_email", "owner_address",
                 "submitter_name", "submitter_id_number", "submitter_phone", "submitter_email",
                 "submitter_address", "delivery_address", "result_received_by",
                 "rating_comment", "search_text"):
        setattr(dossier, name, "")
    dossier.save()


def _erase_account(user: User) -> None:
    user.username = f"da-xoa-{user.pk}"
    user.first_name = user.last_name = user.email = user.phone = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


# -- the citizen's export of their own data -----------------------------------------------------


def export(user: User, fmt: str, request=None) -> bytes:
    """The citizen's own data as JSON or PDF (NĐ 356/2025 art. 5: view and copy); a data
    export is a security event (security-operations §3.5)."""
    events.record("data_export", request=request, user=user, object_type="own_data",
                  object_id=user.pk, export__format=fmt)
    if fmt == "json":
        return json.dumps(selectors.own_data(user), ensure_ascii=False, indent=2,
                          cls=DjangoJSONEncoder).encode()
    return pdf("privacy/own_data.html", {"data": selectors.own_data(user, when=vn_datetime),
                                         "made_at": timezone.now()})


# -- the breach register ------------------------------------------------------------------------


@dataclass
class BreachIn:
    discovered_at: dt.datetime
    place: str
    act: str
    consequences: str
    mitigation: str
    officer_contact: str
    personal_data: bool = True
    cyber_incident: bool = False
    serious: bool = False
    occurred_at: dt.datetime | None = None
    actors: str = ""
    data_categories: str = ""
    subjects_count: int = 0
    records_count: int = 0


def _officer_only(user: User) -> None:
    if not selectors.is_officer(user):
        raise NotFound(_("Không tìm thấy."))


def record_breach(user: User, breach: BreachIn) -> Breach:
    """A breach in the register, its clocks running from the discovery; an incident for the
    SOC (security-operations §3.5 ``incident_opened``)."""
    _officer_only(user)
    now = timezone.now()
    if not (breach.personal_data or breach.cyber_incident):
        raise InvalidInput(_("Chọn vi phạm dữ liệu cá nhân, sự cố an ninh mạng, hoặc cả hai."))
    if breach.discovered_at > now:
        raise InvalidInput(_("Thời điểm phát hiện không thể ở tương lai."))
    with transaction.atomic():
        made = Breach.objects.create(recorded_by=user, recorded_at=now, **breach.__dict__)
        events.record("incident_opened", user=user, object_type="breach", object_id=made.code)
    return made


NOTICE_FIELDS = {Notice.PERSONAL_DATA: "personal_data_notified_at",
                 Notice.INCIDENT_INITIAL: "incident_initial_at",
                 Notice.INCIDENT_REPORT: "incident_report_at"}


def mark_notified(user: User, pk: int, notice: str) -> Breach:
    """The notice ``notice`` was sent now; only a notice the breach owes, once."""
    _officer_only(user)
    with transaction.atomic():
        breach = Breach.objects.select_for_update().filter(pk=pk).first()
        if breach is None:
            raise NotFound(_("Không tìm thấy."))
        if notice not in dues_of(breach):
            raise InvalidInput(_("Vi phạm này không phải gửi thông báo đó."))
        name = NOTICE_FIELDS[Notice(notice)]
        if getattr(breach, name):
            raise InvalidInput(_("Thông báo này đã được ghi nhận."))
        setattr(breach, name, timezone.now())
        breach.save(update_fields=[name])
    return breach


def breach_notice(user: User, pk: int) -> bytes:
    """The personal-data breach notice (NĐ 356/2025 art. 28, Mẫu 08) as a PDF to sign and send;
    only the officer reads it, and only a breach of personal data has one."""
    breach = selectors.breaches(user).filter(pk=pk, personal_data=True).first()
    if breach is None:
        raise NotFound(_("Không tìm thấy."))
    return pdf("privacy/breach_notice.html", {
        "breach": breach, "made_at": timezone.now(),
        "due": dues_of(breach)[Notice.PERSONAL_DATA]})


def dues_of(breach: Breach) -> dict[str, dt.datetime]:
    return rules.breach_dues(breach.discovered_at, personal_data=breach.personal_data,
                             cyber_incident=breach.cyber_incident, serious=breach.serious)


def make_officer(user: User) -> None:
    """Name ``user`` a personal-data officer (L91 art. 33(2))."""
    user.groups.add(Group.objects.get_or_create(name=OFFICER_GROUP)[0])
