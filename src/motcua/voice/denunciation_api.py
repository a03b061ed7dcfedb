"""Denunciations API (/api/v1/denunciations), mirroring the complaints': file, list, read, one
step of the lifecycle table. No answer carries the denouncer's identity: the denouncer reads it
on their own pages, the resolver on the case page (Luật Tố cáo 2018 art. 56).

Scoped like the pages: a case that is not yours is a 404, an action your role may not do a 403,
a refused input a 422 with the reason, a stale version a 409.
"""

from __future__ import annotations

import enum

from django.db.models import F
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja import Status as Answer
from ninja.pagination import paginate

from motcua.core.apitools.pagination import Pagination
from motcua.core.apitools.types import NEEDS_LOGIN, LocalDateTime
from motcua.voice import denunciation_selectors as reads
from motcua.voice import denunciations
from motcua.voice.api import ERRORS, FeedbackEventOut, SenderIn
from motcua.voice.denunciation_lifecycle import Action as ActionName
from motcua.voice.models import DenunciationCase, DenunciationRefusal, DenunciationStatus, Finding

router = Router(tags=["denunciations"])
DenunciationAction = enum.StrEnum("DenunciationAction", {
    action.name: action.value for action in ActionName
    if action not in (ActionName.FILE, ActionName.RECEIVE)})


class DenunciationIn(Schema):
    agency: str = Field(min_length=1, max_length=35,
                        description="the identifier code of the resolver agency")
    accused: str = Field(min_length=1, max_length=255)
    acts: str = Field(min_length=1, max_length=5000)
    title: str = Field(min_length=1, max_length=255)
    content: str = Field(min_length=1, max_length=20_000)
    id_number: str = Field("", max_length=20)
    sender: SenderIn


class DenunciationActionIn(Schema):
    version: int = Field(ge=1, le=2_147_483_647, description="the case version you saw")
    reason: str = Field("", max_length=5000)
    recipient: str = Field("", max_length=255)
    refusal_reason: DenunciationRefusal | None = None
    accused: str = Field("", max_length=255)
    acts: str = Field("", max_length=5000)
    conditions_met: bool = False
    complexity: int = Field(0, ge=0, le=2)
    finding: Finding | None = None
    conclusion: str = Field("", max_length=20_000)

    def params(self) -> denunciations.DenunciationInput:
        data = self.dict(exclude={"version"})
        for name in ("refusal_reason", "finding"):
            data[name] = data[name] or ""
        return denunciations.DenunciationInput(**data)


class DenunciationOut(Schema):
    code: str
    status: DenunciationStatus
    version: int
    agency: str
    accused: str
    acts: str
    received_at: LocalDateTime
    accept_due: LocalDateTime
    accepted_at: LocalDateTime | None
    resolve_due: LocalDateTime | None
    extensions: int
    notice_due: LocalDateTime | None
    refusal_reason: str
    finding: str
    conclusion: str
    publish_due: LocalDateTime | None
    published_from: LocalDateTime | None
    published_until: LocalDateTime | None
    actions: list[str]
    history: list[FeedbackEventOut]


class DenunciationListOut(Schema):
    code: str
    status: DenunciationStatus
    accused: str
    accept_due: LocalDateTime
    resolve_due: LocalDateTime | None


def _out(user, case: DenunciationCase) -> dict:
    fields = ("code", "status", "version", "accused", "acts", "accept_due", "accepted_at",
              "resolve_due", "extensions", "notice_due", "refusal_reason", "finding",
              "conclusion", "publish_due", "published_from", "published_until")
    return {
        **{name: getattr(case, name) for name in fields},
        "agency": case.agency.identifier_code, "received_at": case.letter.received_at,
        "actions": denunciations.allowed_denunciation_actions(user, case),
        "history": list(reads.denunciation_history(case).values(
            "action", "at", "from_status", "to_status", "note")),
    }


def _case(request, code: str) -> DenunciationCase:
    case = reads.visible_denunciations(request.user).select_related(
        "letter", "agency").filter(code=code).first()
    if case is None:
        raise Http404(_("Không tìm thấy tố cáo %(code)s.") % {"code": code})
    return case


@router.post("/denunciations", response={201: DenunciationOut, **ERRORS})
def create_denunciation(request, payload: DenunciationIn):
    """A citizen files a denunciation."""
    case = denunciations.file_denunciation(request.user, denunciations.DenunciationIn(
        sender=payload.sender.sender(), title=payload.title, content=payload.content,
        agency=payload.agency, accused=payload.accused, acts=payload.acts,
        id_number=payload.id_number))
    return Answer(201, _out(request.user, _case(request, case.code)))


@router.get("/denunciations", response={200: list[DenunciationListOut], **NEEDS_LOGIN})
@paginate(Pagination)
def list_denunciations(request):
    """The denunciations you may see: your own, or your agencies', newest first."""
    return reads.visible_denunciations(request.user).annotate(
        received=F("letter__received_at")).order_by("-received", "-pk").values(
        "code", "status", "accused", "accept_due", "resolve_due")


@router.get("/denunciations/{code}", response={200: DenunciationOut, **ERRORS})
def get_denunciation(request, code: str):
    """One denunciation with its clocks, your actions, its history."""
    return _out(request.user, _case(request, code))


@router.post("/denunciations/{code}/actions/{action}", response={200: DenunciationOut, **ERRORS})
def act_on_denunciation(request, code: str, action: DenunciationAction,
                        payload: DenunciationActionIn):
    """One action of the denunciation lifecycle table on the version you saw."""
    denunciations.act_on_denunciation(request.user, _case(request, code).code, action.value,
                                      payload.version, payload.params())
    return _out(request.user, _case(request, code))
