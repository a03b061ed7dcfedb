"""Writes of the citizens' voice: the letter register (intake common to every track) and every
action on a feedback case (PAKN).

Each write is one transaction: the letter or case, its history row and the outbox messages to
the sender commit together or not at all. The lifecycle table decides; the effect functions
below change the case.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core import files
from motcua.core.counters import take_next
from motcua.core.dates import to_local
from motcua.core.errors import Conflict, Forbidden, InvalidInput, NotFound, ServiceError
from motcua.dossiers.selectors import visible_dossiers
from motcua.org.models import Agency, Role, User
from motcua.org.selectors import agency_by_code, holding
from motcua.outbox import services as outbox
from motcua.voice import (
    clocks,
    complaint_lifecycle,
    lifecycle,
    national_pakn,
    parties,
    selectors,
)
from motcua.voice.complaint_lifecycle import Action as ComplaintAction
from motcua.voice.lifecycle import OWNER, Action, Facts
from motcua.voice.models import (
    Classification,
    ClockUnit,
    ComplaintCase,
    ComplaintParty,
    ComplaintStatus,
    FeedbackCase,
    Instance,
    Letter,
    LetterChannel,
    LetterOutcome,
    LetterSequence,
    NationalFeedback,
    RefusalReason,
    Subject,
)
from motcua.voice.models import FeedbackStatus as Status
from motcua.workcal.selectors import calendar_for

TOPIC = "feedback"
# a scan typed in at the desk: a PDF or a picture
SCAN_KINDS = ("pdf", "png", "jpeg")  # core.files.KINDS names a JPEG picture "jpeg"


logger = logging.getLogger(__name__)


class ClockRuleMissing(ServiceError):
    """No time limit of the law is in force for the day (the seeded rules were removed or end
    too early): nothing is stored, the operator adds the rule (503 to the API; a page keeps its
    form with the message)."""

    status = 503


@contextmanager
def _clock_rules_in_force() -> Iterator[None]:
    try:
        yield
    except clocks.NoRule as missing:
        logger.error("voice: no clock rule in force: %s", missing)
        raise ClockRuleMissing(_(
            "Chưa có quy định thời hạn đang có hiệu lực cho việc này nên chưa lưu được; vui lòng "
            "báo người quản trị hệ thống.")) from missing


class StaleVersion(Conflict):
    """The case changed since the caller read it (409)."""


@dataclass
class Sender:
    name: str
    address: str
    phone: str = ""
    email: str = ""


@dataclass
class LetterIn:
    """A letter typed in at the reception desk: received there, by post, or forwarded."""

    channel: str
    sender: Sender
    title: str
    content: str
    forwarded_by: str = ""
    agency: str | None = None  # the identifier code, when the officer works for several


@dataclass
class Part:
    """One content of a mixed letter, split into a letter of its own (domain §2.2)."""

    classification: str
    title: str
    content: str


@dataclass
class FeedbackIn:
    """A feedback or petition filed on the portal (NĐ 20/2008 art. 7(1))."""

    sender: Sender
    title: str
    content: str
    subject: str = Subject.REGULATION
    dossier_code: str = ""  # subject "dossier": the dossier it is about
    agency: str = ""  # subject "regulation": the identifier code of the agency asked
    wants_public: bool = True


@dataclass
class ActionInput:
    reason: str = ""
    recipient: str = ""
    supplement: str = ""
    class_766: str = ""
    content_type: int | None = None
    answer_title: str = ""
    answer_body: str = ""


# -- intake common to every track ---------------------------------------------------------------


def _desk_agency(user: User, code: str | None) -> Agency:
    """The agency whose register the officer writes in: the one named, else their only one."""
    held = holding(user, [Role.RECEPTION_OFFICER])
    ids = {one.agency_id for one in held}
    if code:
        agency = agency_by_code(code)
        if agency is None or agency.pk not in ids:
            raise Forbidden(_("Bạn không tiếp nhận đơn cho cơ quan %(code)s.") % {"code": code})
        return agency
    if len(ids) != 1:
        raise Forbidden(_("Chọn cơ quan tiếp nhận đơn (bạn là cán bộ tiếp nhận của %(n)s cơ "
                          "quan).") % {"n": len(ids)})
    return Agency.objects.get(pk=ids.pop())


def _checked_sender(sender: Sender) -> Sender:
    # NĐ 20/2008 art. 7(1): the sender's name, address and a way to answer them
    if not sender.name.strip() or not sender.address.strip():
        raise InvalidInput(_("Ghi họ tên và địa chỉ người gửi."))
    if not sender.phone.strip() and not sender.email.strip():
        raise InvalidInput(_("Ghi số điện thoại hoặc thư điện tử của người gửi."))
    return Sender(sender.name.strip(), sender.address.strip(), sender.phone.strip(),
                  sender.email.strip())


def _checked_text(title: str, content: str) -> None:
    if not title.strip() or not content.strip():
        raise InvalidInput(_("Ghi tiêu đề và nội dung."))


def _new_letter(agency: Agency, now: dt.datetime, **fields) -> Letter:
    """Register a letter under the agency's next number of the year (NĐ 20/2008 art. 9(1)(c)):
    taken under a row lock inside the caller's transaction, so no duplicate and no gap."""
    year = to_local(now).year
    number = take_next(LetterSequence, agency=agency, year=year)
    return Letter.objects.create(agency=agency, year=year, number=number, received_at=now,
                                 **fields)


def _sender_fields(sender: Sender) -> dict:
    return {"sender_name": sender.name, "sender_address": sender.address,
            "sender_phone": sender.phone, "sender_email": sender.email}


def register_letter(user: User, letter: LetterIn, scan: UploadedFile | None = None) -> Letter:
    """The reception officer writes a letter into the agency's register, with its scan."""
    if letter.channel not in (LetterChannel.DESK, LetterChannel.POST, LetterChannel.FORWARDED,
                              LetterChannel.HOTLINE, LetterChannel.EMAIL):
        raise InvalidInput(_("Chọn nguồn đơn: tại nơi tiếp nhận, bưu chính, cơ quan khác chuyển "
                             "đến, đường dây nóng hoặc thư điện tử."))
    if letter.channel == LetterChannel.FORWARDED and not letter.forwarded_by.strip():
        raise InvalidInput(_("Ghi tên cơ quan chuyển đơn."))
    agency = _desk_agency(user, letter.agency)
    sender = _checked_sender(letter.sender)
    _checked_text(letter.title, letter.content)
    uploads = [scan] if scan else []
    storage = Letter._meta.get_field("scan").storage
    with files.staged(storage, uploads, _scan_key, SCAN_KINDS) as stored, \
            transaction.atomic():
        return _new_letter(
            agency, timezone.now(), channel=letter.channel, received_by=user,
            title=letter.title.strip(), content=letter.content.strip(),
            forwarded_by=letter.forwarded_by.strip(), scan=stored[0][1] if stored else "",
            scan_type=stored[0][0].content_type if stored else "", **_sender_fields(sender))


def _scan_key(checked: files.CheckedFile) -> str:
    return f"voice/letters/{checked.sha256}{checked.extension}"


def _letter_for_update(user: User, letter_id: int) -> Letter:
    letter = selectors.visible_letters(user).select_for_update().filter(pk=letter_id).first()
    if letter is None:
        raise NotFound(_("Không tìm thấy đơn."))
    if letter.outcome:
        raise lifecycle.NotAllowed(_("Đơn đã được xử lý: %(outcome)s.") % {
            "outcome": LetterOutcome(letter.outcome).label})
    return letter


def classify_letter(user: User, letter_id: int, classification: str,
                    parts: Sequence[Part] = ()) -> Letter:
    """Classify a registered letter (domain §2.2). Feedback opens a PAKN case at once, a
    complaint a complaint case waiting for acceptance; a mixed letter is split into one letter
    per content (Luật Tiếp công dân art. 25(3)), each classified in turn; a denunciation waits
    in the register for its track."""
    if classification not in Classification.values or not classification:
        raise InvalidInput(_("Chọn cách phân loại đơn."))
    with transaction.atomic():
        letter = _letter_for_update(user, letter_id)
        now = timezone.now()
        letter.classification = classification
        if classification == Classification.MIXED:
            _split(user, letter, parts, now)
        elif classification in OPENERS:
            letter.outcome = LetterOutcome.OPENED_CASE
        letter.save()
        if letter.outcome == LetterOutcome.OPENED_CASE:
            OPENERS[classification](letter, user, now)
        return letter


def _split(user: User, letter: Letter, parts: Sequence[Part], now: dt.datetime) -> None:
    # Luật Tiếp công dân art. 25(3); NĐ 154/2026 art. 14(4): one letter per content
    if len(parts) < 2 or any(part.classification not in (
            Classification.FEEDBACK, Classification.COMPLAINT, Classification.DENUNCIATION)
            for part in parts):
        raise InvalidInput(_("Đơn nhiều nội dung phải tách thành ít nhất hai đơn, mỗi đơn một "
                             "loại: phản ánh kiến nghị, khiếu nại hoặc tố cáo."))
    letter.outcome = LetterOutcome.SPLIT
    for part in parts:
        _checked_text(part.title, part.content)
        child = _new_letter(
            letter.agency, now, channel=letter.channel, received_by=user,
            applicant=letter.applicant, forwarded_by=letter.forwarded_by, scan=letter.scan,
            scan_type=letter.scan_type,
            title=part.title.strip(), content=part.content.strip(), parent=letter,
            classification=part.classification,
            outcome=LetterOutcome.OPENED_CASE if part.classification in OPENERS
            else LetterOutcome.OPEN,
            **_sender_fields(_sender_of(letter)))
        if part.classification in OPENERS:
            OPENERS[part.classification](child, user, now)


def _sender_of(letter: Letter) -> Sender:
    return Sender(letter.sender_name, letter.sender_address, letter.sender_phone,
                  letter.sender_email)


def forward_letter(user: User, letter_id: int, recipient: str, reason: str) -> Letter:
    """Not ours: forward the letter to the competent body and tell the sender (NĐ 20/2008 art.
    9(1)(d); Luật Tố cáo art. 24(2)). The limit it ran under is kept with it: the track's
    transfer clock, or the reception answer clock for a letter of no track yet."""
    if not recipient.strip() or not reason.strip():
        raise InvalidInput(_("Ghi cơ quan có thẩm quyền nhận đơn và lý do chuyển."))
    with transaction.atomic():
        letter = _letter_for_update(user, letter_id)
        with _clock_rules_in_force():
            letter.transfer_due = clocks.due(
                calendar_for(letter.agency), letter.received_at,
                clocks.in_force(selectors.clock_rows(), *clocks.letter_transfer_clock(
                    letter.classification), to_local(letter.received_at).date()))
        letter.outcome = LetterOutcome.FORWARDED
        letter.transferred_to = recipient.strip()
        letter.transferred_at = timezone.now()
        letter.save()
        _tell_sender(letter, "", _("Đơn của ông/bà đã được chuyển đến %(to)s") % {
            "to": letter.transferred_to}, reason.strip())
        return letter


# -- feedback and petitions (PAKN) --------------------------------------------------------------


def submit_feedback(user: User, feedback: FeedbackIn) -> FeedbackCase:
    """A citizen files a feedback on the portal: on a regulation, to the agency they name, or on
    the handling of one of their dossiers, to the agency that received it (domain §3.4)."""
    if not user.is_authenticated or not user.is_applicant:
        raise Forbidden(_("Đăng nhập bằng tài khoản công dân, doanh nghiệp để gửi phản ánh."))
    sender = _checked_sender(feedback.sender)
    _checked_text(feedback.title, feedback.content)
    dossier = None
    if feedback.subject == Subject.DOSSIER:
        dossier = _dossier_named(user, feedback.dossier_code)
        agency = dossier.receiving_agency
    elif feedback.subject == Subject.REGULATION:
        agency = agency_by_code(feedback.agency.strip())
        if agency is None:
            raise InvalidInput(_("Chọn cơ quan nhận phản ánh."))
    else:
        raise InvalidInput(_("Chọn nội dung phản ánh: quy định hành chính hoặc một hồ sơ."))
    with transaction.atomic():
        now = timezone.now()
        letter = _new_letter(agency, now, channel=LetterChannel.PORTAL, applicant=user,
                             title=feedback.title.strip(), content=feedback.content.strip(),
                             classification=Classification.FEEDBACK,
                             outcome=LetterOutcome.OPENED_CASE, **_sender_fields(sender))
        return _open_case(letter, user, Action.SUBMIT, now, feedback.subject, dossier,
                          feedback.wants_public)


def _dossier_named(user: User, code: str):
    """The dossier ``user`` may see with this code (a citizen's own, an officer's agency's)."""
    dossier = visible_dossiers(user).filter(code=code.strip()).first()
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ %(code)s của bạn.") % {"code": code})
    return dossier


def take_national_feedback() -> list[FeedbackCase]:
    """The PAKN filed on the national system and routed to one of our agencies (domain §3.3),
    each registered once in that agency's register and opened at once (T0: when it reaches us,
    766F §5.2); one a transaction. An item for an agency we do not know, or without a sender
    or a content, is left there and logged."""
    taken = []
    for item in national_pakn.routed():
        code = str(item.get("MaPAKNQG") or "").strip()[:60]
        agency = agency_by_code(str(item.get("MaDonVi") or "").strip())
        try:
            if not code or agency is None:
                raise InvalidInput(_("Không rõ mã hoặc cơ quan nhận."))
            sender = _checked_sender(Sender(*(str(item.get(key) or "")[:size] for key, size in (
                ("HoTen", 255), ("DiaChi", 500), ("SoDienThoai", 15), ("Email", 254)))))
            title, content = (str(item.get(key) or "").strip() for key in ("TieuDe", "NoiDung"))
            _checked_text(title, content)
        except InvalidInput as invalid:
            logger.warning("voice: national PAKN %s not taken: %s", code or "?", invalid)
            continue
        if NationalFeedback.objects.filter(national_code=code).exists():
            continue
        with transaction.atomic():
            now = timezone.now()
            letter = _new_letter(agency, now, channel=LetterChannel.NATIONAL, title=title[:255],
                                 content=content, classification=Classification.FEEDBACK,
                                 outcome=LetterOutcome.OPENED_CASE, **_sender_fields(sender))
            case = _open_case(letter, None, Action.RECEIVE, now, Subject.REGULATION)
            NationalFeedback.objects.create(case=case, national_code=code, received=True,
                                            delivered_at=now)
        taken.append(case)
    return taken


def scheduled_national_pull() -> int:
    """The scheduler's job: the PAKN filed nationally, when PAKN_URL is set (else nothing)."""
    return len(take_national_feedback()) if national_pakn.configured() else 0


def _open_case(letter: Letter, user: User, action: Action, now: dt.datetime, subject: str,
               dossier=None, wants_public: bool = True) -> FeedbackCase:
    """P1: the case is registered at once and its clocks start (T0 = now), under the rules in
    force today, which it keeps (domain §9)."""
    on = to_local(now).date()
    with _clock_rules_in_force():
        dues = clocks.feedback_dues(calendar_for(letter.agency), selectors.clock_rows(), now, on)
    case = FeedbackCase.objects.create(
        code=f"PA-{letter.agency.identifier_code}-{letter.year}-{letter.number:05d}",
        letter=letter, agency=letter.agency, subject=subject, dossier=dossier,
        wants_public=wants_public, status=Status.SUBMITTED, started_at=now, rules_on=on,
        refuse_due=dues["refuse"], transfer_due=dues["transfer"],
        supplement_due=dues["supplement"], answer_due=dues["answer"])
    _record(case, action, user, OWNER if action is Action.SUBMIT else Role.RECEPTION_OFFICER,
            now, None, due_at=case.answer_due)
    _tell_sender(letter, case.code, _("Đã tiếp nhận phản ánh, kiến nghị %(code)s") % {
        "code": case.code}, _("Hạn trả lời: %(due)s.") % {
        "due": f"{to_local(case.answer_due):%d/%m/%Y %H:%M}"})
    return case


def act(user: User, code: str, action: Action | str, seen_version: int,
        params: ActionInput | None = None) -> FeedbackCase:
    """Do ``action`` on the case as it was at ``seen_version``; 409 if it changed since."""
    return _act(FEEDBACK_TRACK, user, code, action, seen_version, params or ActionInput())


@dataclass(frozen=True)
class _TrackSteps:
    """What ``_act`` needs of a track: its cases as ``user`` sees them, its actions and table,
    the facts its guards read, the effects of its actions and its messages."""

    cases: Callable[[User], QuerySet]
    actions: type[StrEnum]
    creating: tuple[str, ...]  # the actions that make a case, refused here
    created_elsewhere: str
    rule_for: Callable
    statuses: type
    facts: Callable
    effects: dict
    running_due: Callable
    not_found: str
    stale: str
    # who the caller is on a case, when the track does not read it from the letter
    actor_roles: Callable[[User, object], set[str]] | None = None


def _act(track: _TrackSteps, user: User, code: str, action: str, seen_version: int, params):
    """One step of a track's lifecycle table on one case, in one transaction: the table decides,
    the track's effect changes the case, the history row is written with it."""
    try:
        action = track.actions(action)
    except ValueError:
        raise InvalidInput(_("Thao tác không hợp lệ.")) from None
    if action in track.creating:
        raise InvalidInput(track.created_elsewhere)
    with transaction.atomic():
        case = track.cases(user).select_for_update().filter(code=code).first()
        if case is None:
            raise NotFound(track.not_found % {"code": code})
        if case.version != seen_version:
            raise StaleVersion(track.stale % {"v": case.version})
        rule = track.rule_for(action, track.statuses(case.status))
        roles = (track.actor_roles or _actor_roles)(user, case)
        facts = track.facts(case, params)
        lifecycle.check(rule, roles, facts)
        now = timezone.now()
        before = case.status
        if action in track.effects:  # some actions change the state only
            track.effects[action](case, user, params, now)
        case.status = rule.next_state(facts)
        case.version += 1
        case.save()
        _record(case, action, user, min(roles & rule.actors), now, before,
                params.reason or getattr(params, "supplement", ""), track.running_due(case))
        return case


def _actor_roles(user: User, case) -> set[str]:
    return selectors.staff_roles(user, case) | (
        {OWNER} if case.letter.applicant_id == user.pk else set())


def _facts(case: FeedbackCase, params: ActionInput) -> Facts:
    """The guards read the request's input as given, and whether the sender agreed to publish."""
    return Facts(wants_public=case.wants_public, **asdict(params))


def allowed_actions(user: User, case: FeedbackCase) -> list[str]:
    """The actions ``user`` may do now on the case (what the request must say is checked when
    it comes)."""
    roles, facts = _actor_roles(user, case), _facts(case, ActionInput())
    return [rule.action.value for rule in lifecycle.rules_from(Status(case.status))
            if lifecycle.offered(rule, roles, facts)]


def _record(case, action: StrEnum, user: User, role: str, now: dt.datetime,
            before: str | None, note: str = "", due_at: dt.datetime | None = None):
    return case.events.create(due_at=due_at,  action=action.value, actor=user, role=role, at=now,
        from_status=before or "", to_status=case.status, note=note, version=case.version)


def _tell_sender(letter: Letter, code: str, subject: str, body: str, topic: str = TOPIC) -> None:
    """The sender hears of every step that concerns them: an e-mail, and the portal inbox when
    they filed with an account (sent after commit by the outbox)."""
    reference = code or f"{letter.agency.identifier_code}/{letter.year}/{letter.number}"
    outbox.post(topic=topic, recipient=letter.sender_email, subject=subject, body=body,
                reference=reference)
    if letter.applicant_id:
        outbox.notify(user=letter.applicant, topic=topic, subject=subject, body=body,
                      reference=reference)


# -- effects: what each action changes ----------------------------------------------------------


def _close(case: FeedbackCase, params: ActionInput, now: dt.datetime, subject: str) -> None:
    case.closed_at = now
    case.close_reason = params.reason.strip()
    _tell_sender(case.letter, case.code, subject, case.close_reason)


def _refuse(case, user, params, now) -> None:
    _close(case, params, now, _("Phản ánh %(code)s không được tiếp nhận") % {"code": case.code})


def _transfer(case, user, params, now) -> None:
    letter = case.letter
    letter.outcome = LetterOutcome.FORWARDED
    letter.transferred_to = params.recipient.strip()
    letter.transferred_at = now
    letter.save()
    _close(case, params, now, _("Phản ánh %(code)s đã được chuyển đến %(to)s") % {
        "code": case.code, "to": letter.transferred_to})


def _request_supplement(case, user, params, now) -> None:
    case.supplement_request = params.reason.strip()
    # QĐ 766 indicator 5.2 measures the first request only
    case.supplement_requested_at = case.supplement_requested_at or now
    _tell_sender(case.letter, case.code, _("Phản ánh %(code)s cần bổ sung thông tin") % {
        "code": case.code}, case.supplement_request)


def _supplement(case, user, params, now) -> None:
    case.supplement = "\n\n".join(filter(None, [case.supplement, params.supplement.strip()]))


def _accept(case, user, params, now) -> None:
    case.class_766 = params.class_766
    case.content_type = params.content_type
    case.assignee = case.assignee or user


def _answer(case, user, params, now) -> None:
    case.answer_title = params.answer_title.strip()
    case.answer_body = params.answer_body.strip()
    case.answered_by = user


def _approve(case, user, params, now) -> None:
    case.approved_by = user
    case.approved_at = now
    with _clock_rules_in_force():
        rule = clocks.in_force(selectors.clock_rows(), "feedback", "publish", case.rules_on)
    case.publish_due = clocks.due(calendar_for(case.agency), now, rule)


def _publish(case, user, params, now) -> None:
    case.published_at = case.closed_at = now
    national_pakn.queue_published(case)  # the answer goes up to the national system too
    _tell_sender(case.letter, case.code, _("Phản ánh %(code)s đã có trả lời") % {
        "code": case.code}, f"{case.answer_title}\n\n{case.answer_body}")


def _answer_privately(case, user, params, now) -> None:
    case.closed_at = now
    case.close_reason = params.reason.strip()
    _tell_sender(case.letter, case.code, _("Phản ánh %(code)s đã có trả lời") % {
        "code": case.code}, f"{case.answer_title}\n\n{case.answer_body}")


EFFECTS = {
    Action.REFUSE: _refuse,
    Action.TRANSFER: _transfer,
    Action.REQUEST_SUPPLEMENT: _request_supplement,
    Action.SUPPLEMENT: _supplement,
    Action.ACCEPT: _accept,
    Action.ANSWER: _answer,
    Action.APPROVE: _approve,
    Action.PUBLISH: _publish,
    Action.ANSWER_PRIVATELY: _answer_privately,
}


FEEDBACK_TRACK = _TrackSteps(
    cases=selectors.visible_cases, actions=Action, creating=(Action.SUBMIT, Action.RECEIVE),
    created_elsewhere=gettext_lazy("Phản ánh mới được gửi trên cổng hoặc vào sổ tiếp nhận đơn."),
    rule_for=lifecycle.rule_for, statuses=Status, facts=_facts, effects=EFFECTS,
    running_due=selectors.running_due,
    not_found=gettext_lazy("Không tìm thấy phản ánh %(code)s."),
    stale=gettext_lazy("Phản ánh đã được người khác cập nhật (phiên bản %(v)s); tải lại rồi thao "
                       "tác lại."))


# -- complaints (khiếu nại), domain §4 ------------------------------------------------------------

COMPLAINT_TOPIC = "complaint"


@dataclass
class ComplaintIn:
    """A complaint filed on the portal (Luật Khiếu nại 2011 art. 8(2); NĐ 124/2020 Mẫu 01)."""

    sender: Sender
    title: str
    content: str
    agency: str  # the identifier code of the resolver (the author of the act, or its superior)
    act_kind: str
    act_reference: str
    respondent: str
    demand: str = ""
    instance: int = Instance.FIRST
    known_on: dt.date | None = None
    remote_area: bool = False
    dossier_code: str = ""  # the dossier whose handling is complained of, if any
    # others complaining together with the sender (Luật Khiếu nại 2011 art. 8(4))
    co_complainants: list[parties.Party] = field(default_factory=list)


@dataclass
class ComplaintInput:
    """What a complaint action may carry; blank act details keep the case's."""

    reason: str = ""
    refusal_reason: str = ""
    instance: int | None = None
    act_kind: str = ""
    act_reference: str = ""
    respondent: str = ""
    remote_area: bool | None = None
    complex_case: bool = False
    outcome: str = ""
    decision: str = ""
    dossier_code: str = ""  # at acceptance: the dossier the complaint is about, if any
    # at acceptance: the others complaining together (None keeps the case's)
    co_complainants: list[parties.Party] | None = None
    appointment_checked: bool = False  # their signatures and the representatives' appointment


def _checked_parties(given: list[parties.Party]) -> list[parties.Party]:
    try:
        return parties.checked(given)
    except parties.PartiesInvalid as invalid:
        raise InvalidInput(str(invalid)) from None


def _set_parties(case: ComplaintCase, given: list[parties.Party]) -> None:
    case.parties.all().delete()
    ComplaintParty.objects.bulk_create(
        ComplaintParty(case=case, position=number, name=party.name, id_number=party.id_number,
                       address=party.address, representative=party.representative)
        for number, party in enumerate(given, 1))


def file_complaint(user: User, complaint: ComplaintIn) -> ComplaintCase:
    """A citizen files a complaint on the portal: registered at once in the resolver's register,
    its acceptance clock running from now (Luật Khiếu nại 2011 art. 27)."""
    if not user.is_authenticated or not user.is_applicant:
        raise Forbidden(_("Đăng nhập bằng tài khoản công dân, doanh nghiệp để gửi khiếu nại."))
    sender = _checked_sender(complaint.sender)
    _checked_text(complaint.title, complaint.content)
    agency = agency_by_code(complaint.agency.strip())
    if agency is None:
        raise InvalidInput(_("Chọn cơ quan giải quyết khiếu nại."))
    if complaint.instance not in Instance.values:
        raise InvalidInput(_("Chọn khiếu nại lần đầu hoặc lần hai."))
    problem = complaint_lifecycle.act_named(complaint_lifecycle.Facts(
        act_kind=complaint.act_kind, act_reference=complaint.act_reference,
        respondent=complaint.respondent))
    if problem:
        raise InvalidInput(problem)
    dossier = _dossier_named(user, complaint.dossier_code) if complaint.dossier_code.strip() \
        else None
    others = _checked_parties(complaint.co_complainants)
    with transaction.atomic():
        now = timezone.now()
        letter = _new_letter(agency, now, channel=LetterChannel.PORTAL, applicant=user,
                             title=complaint.title.strip(), content=complaint.content.strip(),
                             classification=Classification.COMPLAINT,
                             outcome=LetterOutcome.OPENED_CASE, **_sender_fields(sender))
        case = _open_complaint(
            letter, user, now, ComplaintAction.FILE, instance=complaint.instance,
            act_kind=complaint.act_kind, act_reference=complaint.act_reference.strip(),
            respondent=complaint.respondent.strip(), demand=complaint.demand.strip(),
            known_on=complaint.known_on, remote_area=complaint.remote_area, dossier=dossier)
        _set_parties(case, others)
        return case


def _open_complaint(letter: Letter, user: User, now: dt.datetime,
                    action: ComplaintAction | None = None, **details) -> ComplaintCase:
    """K1: the complaint is registered; acceptance is due under the rule in force on the day
    the letter was received (10 days, 7 working days from 01/7/2026: NĐ 155/2026)."""
    action = action or ComplaintAction.RECEIVE
    with _clock_rules_in_force():
        rule = clocks.in_force(selectors.clock_rows(), "complaint", "accept",
                               to_local(letter.received_at).date())
    case = ComplaintCase.objects.create(
        code=f"KN-{letter.agency.identifier_code}-{letter.year}-{letter.number:05d}",
        letter=letter, agency=letter.agency, status=ComplaintStatus.RECEIVED,
        accept_due=clocks.due(calendar_for(letter.agency), letter.received_at, rule), **details)
    _record(case, action, user, OWNER if action is ComplaintAction.FILE
            else Role.RECEPTION_OFFICER, now, None, due_at=case.accept_due)
    _tell_sender(letter, case.code, _("Đã nhận đơn khiếu nại %(code)s") % {"code": case.code},
                 _("Hạn thụ lý hoặc thông báo không thụ lý: %(due)s.") % {
                     "due": f"{to_local(case.accept_due):%d/%m/%Y %H:%M}"}, COMPLAINT_TOPIC)
    return case


def act_on_complaint(user: User, code: str, action: ComplaintAction | str, seen_version: int,
                     params: ComplaintInput | None = None) -> ComplaintCase:
    """Do ``action`` on the complaint as it was at ``seen_version``; 409 if it changed since."""
    return _act(COMPLAINT_TRACK, user, code, action, seen_version, params or ComplaintInput())


def _complaint_facts(case: ComplaintCase, params: ComplaintInput) -> complaint_lifecycle.Facts:
    """The case's state, and the request's input completed with the case's act details."""
    events = list(case.events.values_list("action", "from_status"))
    suspended_from = next((before for action, before in reversed(events)
                           if action == ComplaintAction.SUSPEND), "")
    final = next((d.until for d in selectors.complainant_deadlines(case) if d.clock == "final"),
                 None)
    several = bool(params.co_complainants) if params.co_complainants is not None \
        else case.parties.exists()
    return complaint_lifecycle.Facts(
        several=several, appointment_checked=params.appointment_checked,
        instance=params.instance or case.instance, complex=case.complex,
        dialogue_held=any(action == ComplaintAction.HOLD_DIALOGUE for action, _ in events),
        suspended_from=suspended_from,
        final_reached=final is not None and timezone.now() >= final,
        reason=params.reason, refusal_reason=params.refusal_reason,
        act_kind=params.act_kind or case.act_kind,
        act_reference=params.act_reference or case.act_reference,
        respondent=params.respondent or case.respondent,
        remote_area=case.remote_area if params.remote_area is None else params.remote_area,
        complex_case=params.complex_case, outcome=params.outcome, decision=params.decision)


def allowed_complaint_actions(user: User, case: ComplaintCase) -> list[str]:
    """The actions ``user`` may do now on the complaint."""
    roles, facts = _actor_roles(user, case), _complaint_facts(case, ComplaintInput())
    return [rule.action.value for rule in complaint_lifecycle.rules_from(
        ComplaintStatus(case.status)) if lifecycle.offered(rule, roles, facts)]


def _tell_complainant(case: ComplaintCase, subject: str, body: str) -> None:
    _tell_sender(case.letter, case.code, subject % {"code": case.code}, body, COMPLAINT_TOPIC)


def _resolve_due(case: ComplaintCase, start: dt.datetime) -> dt.datetime:
    with _clock_rules_in_force():
        return clocks.complaint_resolve_due(
            calendar_for(case.agency), selectors.clock_rows(), start, case.instance,
            clocks.complaint_variant(case.remote_area, case.complex), case.rules_on)


def _c_accept(case, user, params, now) -> None:
    # Luật Khiếu nại 2011 art. 27, 36; the case keeps the rules in force today (domain §9)
    facts = _complaint_facts(case, params)
    case.instance, case.act_kind = facts.instance, facts.act_kind
    case.act_reference, case.respondent = facts.act_reference.strip(), facts.respondent.strip()
    case.remote_area, case.complex = facts.remote_area, params.complex_case
    case.complex_reason = params.reason.strip() if params.complex_case else ""
    case.note = params.reason.strip()
    if params.dossier_code.strip():
        case.dossier = _dossier_named(user, params.dossier_code)
    if params.co_complainants is not None:
        _set_parties(case, _checked_parties(params.co_complainants))
    case.accepted_at, case.rules_on = now, to_local(now).date()
    case.resolve_due = _resolve_due(case, now)
    _tell_complainant(case, _("Thông báo thụ lý giải quyết khiếu nại %(code)s"), _(
        "Hạn giải quyết: %(due)s.") % {"due": f"{to_local(case.resolve_due):%d/%m/%Y}"})


def _c_refuse(case, user, params, now) -> None:
    reason = RefusalReason(params.refusal_reason)
    case.refusal_reason, case.note, case.closed_at = reason.value, params.reason.strip(), now
    _tell_complainant(case, _("Thông báo không thụ lý giải quyết khiếu nại %(code)s"),
                      f"{reason.label} ({reason.citation}). {case.note}".strip())


def _c_declare_complex(case, user, params, now) -> None:
    # NĐ 124/2020 art. 3a as amended: the criteria are written into the file
    case.complex, case.complex_reason = True, params.reason.strip()
    case.resolve_due = _resolve_due(case, case.accepted_at)


def _c_suspend(case, user, params, now) -> None:
    case.suspended_at = now
    _tell_complainant(case, _("Tạm đình chỉ giải quyết khiếu nại %(code)s"), params.reason)


def _c_resume(case, user, params, now) -> None:
    # NĐ 124/2020 art. 28b as amended: the time left at the suspension runs from the resumption
    left = (case.resolve_due - case.suspended_at).days
    case.resolve_due = calendar_for(case.agency).due(now, max(left, 0), ClockUnit.CALENDAR_DAYS)
    case.suspended_at = None
    _tell_complainant(case, _("Tiếp tục giải quyết khiếu nại %(code)s"), _(
        "Hạn giải quyết: %(due)s.") % {"due": f"{to_local(case.resolve_due):%d/%m/%Y}"})


def _c_decide(case, user, params, now) -> None:
    case.outcome, case.decision, case.decided_at = params.outcome, params.decision.strip(), now
    _tell_complainant(case, _("Quyết định giải quyết khiếu nại %(code)s"), "\n".join(
        f"{deadline.label}: {deadline.until:%d/%m/%Y}"
        for deadline in selectors.complainant_deadline_rows(case)))


def _c_withdraw(case, user, params, now) -> None:
    case.closed_at, case.close_note = now, params.reason.strip()
    _tell_complainant(case, _("Đình chỉ giải quyết khiếu nại %(code)s (rút đơn)"), params.reason)


def _c_close(case, user, params, now) -> None:
    case.closed_at = now


COMPLAINT_TRACK = _TrackSteps(
    cases=selectors.visible_complaints, actions=ComplaintAction,
    creating=(ComplaintAction.FILE, ComplaintAction.RECEIVE),
    created_elsewhere=gettext_lazy("Khiếu nại mới được gửi trên cổng hoặc vào sổ tiếp nhận đơn."),
    rule_for=complaint_lifecycle.rule_for, statuses=ComplaintStatus, facts=_complaint_facts,
    effects={ComplaintAction.ACCEPT: _c_accept, ComplaintAction.REFUSE: _c_refuse,
             ComplaintAction.DECLARE_COMPLEX: _c_declare_complex,
             ComplaintAction.SUSPEND: _c_suspend, ComplaintAction.RESUME: _c_resume,
             ComplaintAction.DECIDE: _c_decide, ComplaintAction.WITHDRAW: _c_withdraw,
             ComplaintAction.CLOSE: _c_close},
    running_due=selectors.complaint_running_due,
    not_found=gettext_lazy("Không tìm thấy khiếu nại %(code)s."),
    stale=gettext_lazy("Khiếu nại đã được người khác cập nhật (phiên bản %(v)s); tải lại rồi "
                       "thao tác lại."))
OPENERS = {
    Classification.FEEDBACK: lambda letter, user, now: _open_case(
        letter, user, Action.RECEIVE, now, Subject.REGULATION),
    Classification.COMPLAINT: _open_complaint,
    Classification.DENUNCIATION: lambda letter, user, now: _denunciations().open_from_letter(
        letter, user, now),
}


def _denunciations():
    # the denunciation track builds on this module's intake and steps (imported when used)
    from motcua.voice import denunciations

    return denunciations
