"""Citizens' voice API (/api/v1/feedback, /api/v1/complaints, /api/v1/letters): feedback and
petitions (PAKN), complaints and the letter register.

Scoped like the pages: a case that is not yours is a 404, an action your role may not do a 403,
a refused input a 422 with the reason, a stale version a 409.
"""

from __future__ import annotations

import datetime as dt
import enum

from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja import Status as Answer
from ninja.pagination import paginate

from motcua.core.apitools.pagination import Pagination
from motcua.core.apitools.types import NEEDS_LOGIN, LocalDateTime, Message
from motcua.voice import parties, selectors, services
from motcua.voice.complaint_lifecycle import Action as ComplaintActionName
from motcua.voice.lifecycle import Action
from motcua.voice.models import (
    ActKind,
    Class766,
    Classification,
    ComplaintCase,
    ComplaintStatus,
    FeedbackCase,
    FeedbackStatus,
    LetterChannel,
    Outcome,
    RefusalReason,
    Subject,
)

router = Router(tags=["feedback"])
LetterId = Path(..., ge=1, le=2_147_483_647)
ERRORS = {**NEEDS_LOGIN, 403: Message, 404: Message, 409: Message, 503: Message}
FeedbackAction = enum.StrEnum("FeedbackAction", {
    action.name: action.value for action in Action if action not in (Action.SUBMIT,
                                                                     Action.RECEIVE)})
ComplaintAction = enum.StrEnum("ComplaintAction", {
    action.name: action.value for action in ComplaintActionName
    if action not in (ComplaintActionName.FILE, ComplaintActionName.RECEIVE)})
DeskChannel = enum.StrEnum("DeskChannel", {
    channel.name: channel.value for channel in LetterChannel if channel != LetterChannel.PORTAL})
Part = enum.StrEnum("PartClassification", {
    c.name: c.value for c in Classification if c not in (Classification.UNCLASSIFIED,
                                                         Classification.MIXED)})
LetterClass = enum.StrEnum("LetterClassification", {
    c.name: c.value for c in Classification if c != Classification.UNCLASSIFIED})


class SenderIn(Schema):
    name: str = Field(min_length=1, max_length=255)
    address: str = Field(min_length=1, max_length=500)
    phone: str = Field("", max_length=15)
    email: str = Field("", max_length=254)

    def sender(self) -> services.Sender:
        return services.Sender(self.name, self.address, self.phone, self.email)


class FeedbackIn(Schema):
    subject: Subject = Subject.REGULATION
    dossier_code: str = Field("", max_length=60, description="subject dossier: its code")
    agency: str = Field("", max_length=35,
                        description="subject regulation: the identifier code of the agency")
    title: str = Field(min_length=1, max_length=255)
    content: str = Field(min_length=1, max_length=20_000)
    sender: SenderIn
    wants_public: bool = True


class FeedbackActionIn(Schema):
    version: int = Field(ge=1, le=2_147_483_647, description="the case version you saw")
    reason: str = Field("", max_length=5000)
    recipient: str = Field("", max_length=255)
    supplement: str = Field("", max_length=20_000)
    class_766: Class766 | None = None
    content_type: int | None = Field(None, ge=1, le=8)
    answer_title: str = Field("", max_length=255)
    answer_body: str = Field("", max_length=20_000)

    def params(self) -> services.ActionInput:
        return services.ActionInput(
            reason=self.reason, recipient=self.recipient, supplement=self.supplement,
            class_766=self.class_766 or "", content_type=self.content_type,
            answer_title=self.answer_title, answer_body=self.answer_body)


class FeedbackEventOut(Schema):
    action: str
    at: LocalDateTime
    from_status: str
    to_status: str
    note: str


class FeedbackOut(Schema):
    code: str
    status: FeedbackStatus
    version: int
    subject: Subject
    agency: str
    dossier_code: str | None
    title: str
    started_at: LocalDateTime
    refuse_due: LocalDateTime
    transfer_due: LocalDateTime
    supplement_due: LocalDateTime
    answer_due: LocalDateTime
    publish_due: LocalDateTime | None
    answer_title: str
    answer_body: str
    actions: list[str]
    history: list[FeedbackEventOut]


class FeedbackListOut(Schema):
    code: str
    status: FeedbackStatus
    title: str
    started_at: LocalDateTime
    answer_due: LocalDateTime


class LetterIn(Schema):
    channel: DeskChannel
    forwarded_by: str = Field("", max_length=255)
    agency: str | None = Field(None, max_length=35,
                               description="the agency's identifier code, for an officer of "
                                           "several")
    title: str = Field(min_length=1, max_length=255)
    content: str = Field(min_length=1, max_length=20_000)
    sender: SenderIn


class PartIn(Schema):
    classification: Part
    title: str = Field(min_length=1, max_length=255)
    content: str = Field(min_length=1, max_length=20_000)


class ClassificationIn(Schema):
    classification: LetterClass
    parts: list[PartIn] = Field(default_factory=list, max_length=10,
                                description="a mixed letter: one part per content")


class ForwardIn(Schema):
    recipient: str = Field(min_length=1, max_length=255)
    reason: str = Field(min_length=1, max_length=5000)


class LetterOut(Schema):
    id: int
    year: int
    number: int
    channel: str
    classification: str
    outcome: str
    title: str
    received_at: LocalDateTime
    feedback_codes: list[str]


def _feedback_out(user, case: FeedbackCase) -> dict:
    return {
        "code": case.code, "status": case.status, "version": case.version,
        "subject": case.subject, "agency": case.agency.identifier_code,
        "dossier_code": case.dossier.code if case.dossier_id else None,
        "title": case.letter.title, "started_at": case.started_at,
        "refuse_due": case.refuse_due, "transfer_due": case.transfer_due,
        "supplement_due": case.supplement_due, "answer_due": case.answer_due,
        "publish_due": case.publish_due, "answer_title": case.answer_title,
        "answer_body": case.answer_body, "actions": services.allowed_actions(user, case),
        "history": list(selectors.history(case).values("action", "at", "from_status",
                                                       "to_status", "note")),
    }


def _case(request, code: str) -> FeedbackCase:
    case = selectors.visible_cases(request.user).select_related(
        "letter", "agency", "dossier").filter(code=code).first()
    if case is None:
        raise Http404(_("Không tìm thấy phản ánh %(code)s.") % {"code": code})
    return case


def _letter_out(letter) -> dict:
    codes = [part.feedback.code for part in [letter, *letter.parts.all()]
             if hasattr(part, "feedback")]
    return {"id": letter.pk, "year": letter.year, "number": letter.number,
            "channel": letter.channel, "classification": letter.classification,
            "outcome": letter.outcome, "title": letter.title, "received_at": letter.received_at,
            "feedback_codes": codes}


@router.post("/feedback", response={201: FeedbackOut, **ERRORS})
def create_feedback(request, payload: FeedbackIn):
    """A citizen sends a feedback or petition: on a regulation, or on one of their dossiers."""
    case = services.submit_feedback(request.user, services.FeedbackIn(
        sender=payload.sender.sender(), title=payload.title, content=payload.content,
        subject=payload.subject, dossier_code=payload.dossier_code, agency=payload.agency,
        wants_public=payload.wants_public))
    return Answer(201, _feedback_out(request.user, _case(request, case.code)))


@router.get("/feedback", response={200: list[FeedbackListOut], **NEEDS_LOGIN})
@paginate(Pagination)
def list_feedback(request):
    """The feedback cases you may see: your own, or your agencies', newest first."""
    return selectors.visible_cases(request.user).annotate(title=F("letter__title")).order_by(
        "-started_at", "-pk").values("code", "status", "title", "started_at", "answer_due")


@router.get("/feedback/{code}", response={200: FeedbackOut, **ERRORS})
def get_feedback(request, code: str):
    """One feedback case with its clocks, its answer, the actions you may do and its history."""
    return _feedback_out(request.user, _case(request, code))


@router.post("/feedback/{code}/actions/{action}", response={200: FeedbackOut, **ERRORS})
def act_on_feedback(request, code: str, action: FeedbackAction, payload: FeedbackActionIn):
    """One action of the lifecycle table on the version you saw."""
    services.act(request.user, _case(request, code).code, action.value, payload.version,
                 payload.params())
    return _feedback_out(request.user, _case(request, code))


@router.post("/letters", response={201: LetterOut, **ERRORS})
def create_letter(request, payload: LetterIn):
    """The reception officer writes a letter into the agency's register."""
    letter = services.register_letter(request.user, services.LetterIn(
        channel=payload.channel.value, sender=payload.sender.sender(), title=payload.title,
        content=payload.content, forwarded_by=payload.forwarded_by, agency=payload.agency))
    return Answer(201, _letter_out(letter))


@router.post("/letters/{letter_id}/classification", response={200: LetterOut, **ERRORS})
def classify_letter(request, payload: ClassificationIn, letter_id: int = LetterId):
    """Classify a registered letter; a mixed one is split into its parts."""
    letter = services.classify_letter(
        request.user, letter_id, payload.classification.value,
        [services.Part(p.classification.value, p.title, p.content) for p in payload.parts])
    return _letter_out(letter)


@router.post("/letters/{letter_id}/forward", response={200: LetterOut, **ERRORS})
def forward_letter(request, payload: ForwardIn, letter_id: int = LetterId):
    """Forward a letter that is not the agency's to the competent body; the sender is told."""
    return _letter_out(services.forward_letter(request.user, letter_id, payload.recipient,
                                               payload.reason))


# -- complaints ---------------------------------------------------------------------------------

COMPLAINTS = ["complaints"]


class CoComplainantIn(Schema):
    """Another person complaining together with the sender."""

    name: str = Field(min_length=1, max_length=255)
    id_number: str = Field("", max_length=20, description="personal identification number")
    address: str = Field(min_length=1, max_length=500)
    representative: bool = Field(False, description="appointed to represent the group")

    def party(self) -> parties.Party:
        return parties.Party(self.name, self.address, self.id_number, self.representative)


class CoComplainantOut(Schema):
    name: str
    representative: bool


class ComplaintIn(Schema):
    agency: str = Field(min_length=1, max_length=35,
                        description="the identifier code of the resolver agency")
    instance: int = Field(1, ge=1, le=2, description="1: first instance, 2: second")
    act_kind: ActKind
    act_reference: str = Field(min_length=1, max_length=500,
                               description="number, date and author of the decision or act")
    respondent: str = Field(min_length=1, max_length=255)
    demand: str = Field("", max_length=20_000)
    known_on: dt.date | None = Field(None, description="the day the complainant learnt of it")
    remote_area: bool = False
    dossier_code: str = Field("", max_length=60,
                              description="the code of one of your dossiers it is about, if any")
    co_complainants: list[CoComplainantIn] = Field([], max_length=parties.MAX_PARTIES,
                                           description="others complaining together with you")
    title: str = Field(min_length=1, max_length=255)
    content: str = Field(min_length=1, max_length=20_000)
    sender: SenderIn


class ComplaintActionIn(Schema):
    version: int = Field(ge=1, le=2_147_483_647, description="the case version you saw")
    reason: str = Field("", max_length=5000)
    refusal_reason: RefusalReason | None = None
    instance: int | None = Field(None, ge=1, le=2)
    act_kind: ActKind | None = None
    act_reference: str = Field("", max_length=500)
    respondent: str = Field("", max_length=255)
    remote_area: bool | None = None
    complex_case: bool = False
    outcome: Outcome | None = None
    decision: str = Field("", max_length=20_000)
    dossier_code: str = Field("", max_length=60,
                              description="accept: the dossier the complaint is about, if any")
    co_complainants: list[CoComplainantIn] | None = Field(
        None, max_length=parties.MAX_PARTIES,
        description="accept: the others complaining together (omitted: kept as they are)")
    appointment_checked: bool = Field(
        False, description="accept: all signed and the representatives appointed in writing")

    def params(self) -> services.ComplaintInput:
        data = self.dict(exclude={"version", "co_complainants"})
        for name in ("refusal_reason", "act_kind", "outcome"):
            data[name] = data[name] or ""
        if self.co_complainants is not None:
            data["co_complainants"] = [one.party() for one in self.co_complainants]
        return services.ComplaintInput(**data)


class DeadlineOut(Schema):
    label: str
    until: LocalDateTime
    legal_source: str


class ComplaintOut(Schema):
    code: str
    status: ComplaintStatus
    version: int
    instance: int
    agency: str
    title: str
    act_kind: str
    act_reference: str
    respondent: str
    dossier_code: str | None
    co_complainants: list[CoComplainantOut]
    received_at: LocalDateTime
    accept_due: LocalDateTime
    accepted_at: LocalDateTime | None
    resolve_due: LocalDateTime | None
    refusal_reason: str
    outcome: str
    decision: str
    complainant_deadlines: list[DeadlineOut]
    actions: list[str]
    history: list[FeedbackEventOut]


class ComplaintListOut(Schema):
    code: str
    status: ComplaintStatus
    title: str
    accept_due: LocalDateTime
    resolve_due: LocalDateTime | None


def _complaint_out(user, case: ComplaintCase) -> dict:
    return {
        "code": case.code, "status": case.status, "version": case.version,
        "instance": case.instance, "agency": case.agency.identifier_code,
        "title": case.letter.title, "act_kind": case.act_kind,
        "act_reference": case.act_reference, "respondent": case.respondent,
        "dossier_code": case.dossier.code if case.dossier_id else None,
        "co_complainants": list(case.parties.values("name", "representative")),
        "received_at": case.letter.received_at, "accept_due": case.accept_due,
        "accepted_at": case.accepted_at, "resolve_due": case.resolve_due,
        "refusal_reason": case.refusal_reason, "outcome": case.outcome,
        "decision": case.decision,
        "complainant_deadlines": [vars(d) for d in selectors.complainant_deadline_rows(case)],
        "actions": services.allowed_complaint_actions(user, case),
        "history": list(selectors.complaint_history(case).values(
            "action", "at", "from_status", "to_status", "note")),
    }


def _complaint(request, code: str) -> ComplaintCase:
    case = selectors.visible_complaints(request.user).select_related(
        "letter", "agency", "dossier").filter(code=code).first()
    if case is None:
        raise Http404(_("Không tìm thấy khiếu nại %(code)s.") % {"code": code})
    return case


@router.post("/complaints", response={201: ComplaintOut, **ERRORS}, tags=COMPLAINTS)
def create_complaint(request, payload: ComplaintIn):
    """A citizen files a complaint against a decision or act."""
    case = services.file_complaint(request.user, services.ComplaintIn(
        sender=payload.sender.sender(), title=payload.title, content=payload.content,
        agency=payload.agency, instance=payload.instance, act_kind=payload.act_kind.value,
        act_reference=payload.act_reference, respondent=payload.respondent,
        demand=payload.demand, known_on=payload.known_on, remote_area=payload.remote_area,
        dossier_code=payload.dossier_code,
        co_complainants=[one.party() for one in payload.co_complainants]))
    return Answer(201, _complaint_out(request.user, _complaint(request, case.code)))


@router.get("/complaints", response={200: list[ComplaintListOut], **NEEDS_LOGIN},
            tags=COMPLAINTS)
@paginate(Pagination)
def list_complaints(request):
    """The complaints you may see: your own, or your agencies', newest first."""
    return selectors.visible_complaints(request.user).annotate(
        title=F("letter__title")).order_by("-letter__received_at", "-pk").values(
        "code", "status", "title", "accept_due", "resolve_due")


@router.get("/complaints/{code}", response={200: ComplaintOut, **ERRORS}, tags=COMPLAINTS)
def get_complaint(request, code: str):
    """One complaint with its clocks, the complainant's deadlines, your actions, its history."""
    return _complaint_out(request.user, _complaint(request, code))


@router.post("/complaints/{code}/actions/{action}", response={200: ComplaintOut, **ERRORS},
             tags=COMPLAINTS)
def act_on_complaint(request, code: str, action: ComplaintAction, payload: ComplaintActionIn):
    """One action of the complaint lifecycle table on the version you saw."""
    services.act_on_complaint(request.user, _complaint(request, code).code, action.value,
                              payload.version, payload.params())
    return _complaint_out(request.user, _complaint(request, code))
