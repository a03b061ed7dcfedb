"""Citizens' voice API (/api/v1/feedback, /api/v1/letters): feedback and petitions (PAKN) and
the letter register.

Scoped like the pages: a case that is not yours is a 404, an action your role may not do a 403,
a refused input a 422 with the reason, a stale version a 409.
"""

from __future__ import annotations

import enum

from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja import Status as Answer
from ninja.pagination import paginate

from motcua.core.apitools.pagination import Pagination
from motcua.core.apitools.types import NEEDS_LOGIN, LocalDateTime, Message
from motcua.voice import selectors, services
from motcua.voice.lifecycle import Action
from motcua.voice.models import (
    Class766,
    Classification,
    FeedbackCase,
    FeedbackStatus,
    LetterChannel,
    Subject,
)

router = Router(tags=["feedback"])
LetterId = Path(..., ge=1, le=2_147_483_647)
ERRORS = {**NEEDS_LOGIN, 403: Message, 404: Message, 409: Message, 503: Message}
FeedbackAction = enum.StrEnum("FeedbackAction", {
    action.name: action.value for action in Action if action not in (Action.SUBMIT,
                                                                     Action.RECEIVE)})
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
