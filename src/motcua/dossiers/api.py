"""Dossier API: register, list, read, act on a dossier; upload files; the public lookup.

A request body is JSON, or multipart/form-data with the JSON in the ``data`` field and files in
fields named ``component_<order>`` (the component of the procedure they belong to), or ``result``
(the electronic result, sent with an approval).
"""

import datetime as dt
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema
from ninja import Status as Answer
from ninja.decorators import decorate_view
from ninja.errors import ValidationError as InputError
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import ValidationError, ValidationInfo, field_validator

from motcua.catalog.models import Channel
from motcua.core.apitools.pagination import Pagination
from motcua.core.apitools.types import NEEDS_LOGIN, REFUSALS, LocalDateTime, Message
from motcua.core.dates import VN_TZ
from motcua.core.errors import InvalidInput
from motcua.core.identifiers import clean_applicant_id, clean_phone
from motcua.core.routers import replica_reads
from motcua.core.throttles import AddressThrottle
from motcua.core.uploads import RequestTooLarge
from motcua.dossiers import selectors, services
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Delivery, Dossier, OwnerType, Rating, Status
from motcua.workcal.engine import FIRST_YEAR, LAST_YEAR, DeadlineError, in_span

router = Router(tags=["dossiers"])
FILE_FIELD = re.compile(r"component_([1-9][0-9]{0,2})|result")  # result: approve only
MAX_FILES = 50


# -- input -------------------------------------------------------------------------------------


class PartyIn(Schema):
    type: OwnerType = OwnerType.CITIZEN
    name: str = Field(min_length=1, max_length=255)
    id_number: str = Field(min_length=1, max_length=20, description=(
        "citizen: the 12-digit personal ID number; otherwise the tax code (10 digits, "
        "a branch adds -NNN)"))
    phone: str = Field("", max_length=20, description="10 digits from 0, +84…, or a landline")
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=500)

    @field_validator("id_number")
    @classmethod
    def _id_number(cls, value: str, info: ValidationInfo) -> str:
        return _checked(clean_applicant_id, info.data.get("type", OwnerType.CITIZEN), value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        return _checked(clean_phone, value) if value.strip() else ""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value:
            try:
                validate_email(value)
            except DjangoValidationError:
                raise ValueError("invalid email address") from None
        return value


def _checked(clean, *args) -> str:
    """A core.identifiers check as a schema's check: its message in the 422 answer."""
    try:
        return clean(*args)
    except DjangoValidationError as error:
        raise ValueError(error.messages[0]) from None


class AttachmentRef(Schema):
    component: int = Field(ge=1, le=999, description="order of the procedure's component")
    upload: int = Field(ge=1, le=2**62, description="id from POST /uploads")


class PaperIn(Schema):
    component: int = Field(ge=1, le=999, description="order of the procedure's component")
    originals: int = Field(0, ge=0, le=999)
    certified_copies: int = Field(0, ge=0, le=999)
    photocopies: int = Field(0, ge=0, le=999)


class DossierIn(Schema):
    procedure: str = Field(min_length=1, max_length=60, description="procedure code")
    subject: str = Field(min_length=1, max_length=500)
    receiving_agency: str | None = Field(None, max_length=35, description="identifier code")
    owner: PartyIn | None = Field(None, description="online: the account's person by default")
    submitter: PartyIn | None = None
    channel: Channel | None = Field(None, description="counter receipt: direct or postal")
    delivery: Delivery = Delivery.COUNTER
    delivery_address: str = Field("", max_length=500)
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=MAX_FILES)
    documents: list[PaperIn] = Field(default_factory=list, max_length=100,
                                     description="counter receipt: papers handed in, per component")
    sets: int = Field(1, ge=1, le=99, description="number of sets handed in")


class ActionIn(Schema):
    version: int = Field(ge=1, le=2**31, description="the dossier version you saw")
    reason: str = Field("", max_length=4000)
    note: str = Field("", max_length=4000)
    items: list[str] = Field(default_factory=list, max_length=100,
                             description="request_supplement: every missing item")
    step: str | None = Field(None, max_length=10, description="step key, when several run")
    to: str | None = Field(None, max_length=10, description="send_back: the step to return to")
    amount_vnd: int | None = Field(None, ge=0, le=10**15,
                                   description="request_payment: the amount to pay (VND)")
    how_to_pay: str = Field("", max_length=4000, description="request_payment: how to pay "
                            "(default: the deciding agency's instructions)")
    assignee: str = Field("", max_length=150, description="assign: the specialist's username")
    step_due_at: dt.datetime | None = Field(None, description="assign: the step's deadline")
    paid_online: bool = Field(False, description="confirm_payment: the applicant paid through "
                              "an online service outside motcua (noted in the history; QĐ 766 "
                              "indicator 3.6 counts only the payments motcua's payment "
                              "platform settled)")
    new_due_at: dt.datetime | None = Field(None, description="extend: the new due instant")
    recipient: str = Field("", max_length=255, description="deliver: who received the result")
    rating: Rating | None = None
    comment: str = Field("", max_length=4000)
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=MAX_FILES)

    @field_validator("items")
    @classmethod
    def _items_short(cls, value: list[str]) -> list[str]:
        if any(len(item) > 500 for item in value):
            raise ValueError("each item at most 500 characters")
        return value

    @field_validator("new_due_at", "step_due_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("give the time zone, e.g. 2026-12-01T17:00:00+07:00")
        return _in_calendar(value)


class DossierFilter(Schema):
    status: Status | None = None
    procedure: str | None = Field(None, max_length=60)
    due_before: dt.datetime | None = None
    q: str = Field("", max_length=200, description="code, owner, subject; diacritics ignored")

    @field_validator("due_before")
    @classmethod
    def _local_when_naive(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=VN_TZ)
        return _in_calendar(value)


def _in_calendar(value: dt.datetime | None) -> dt.datetime | None:
    """An instant inside the working calendar's years, read in Vietnamese time."""
    try:
        return value if value is None else in_span(value)
    except (DeadlineError, OverflowError):
        raise ValueError(f"year must be within {FIRST_YEAR}-{LAST_YEAR} (+07:00)") from None


# -- output ------------------------------------------------------------------------------------


class PartyOut(Schema):
    name: str
    id_number: str
    phone: str
    email: str
    address: str
    type: str


class DossierStepOut(Schema):
    key: str = Field(alias="step.key")
    name: str = Field(alias="step.name")
    role: str = Field(alias="step.role")
    agency: str = Field(alias="agency.identifier_code")
    state: str
    started_at: LocalDateTime
    due_at: LocalDateTime
    ended_at: LocalDateTime | None
    assignee: str | None = Field(None, alias="assignee.username",
                                 description="the specialist the step is assigned to")


class PauseOut(Schema):
    kind: str
    requested_at: LocalDateTime
    completed_at: LocalDateTime | None
    reason: str
    items: list[str]
    amount_vnd: int | None
    how_to_pay: str


class AttachmentOut(Schema):
    id: int
    component: int | None = Field(None, alias="component.order")
    name: str = Field(alias="original_name")
    content_type: str
    size: int
    sha256: str
    is_result: bool


class PaperOut(Schema):
    component: int = Field(alias="component.order")
    name: str = Field(alias="component.name")
    originals: int
    certified_copies: int
    photocopies: int


class EventOut(Schema):
    version: int
    action: str
    actor: str | None = Field(None, alias="actor.username")
    role: str
    at: LocalDateTime
    from_status: int | None
    to_status: int
    step: str = Field(alias="step_key")
    note: str
    payload: dict


class ExtensionOut(Schema):
    extended_at: LocalDateTime
    reason: str = Field(alias="extension_reason")
    previous_due_at: LocalDateTime | None = Field(alias="extension_previous_due_at")


class DossierListOut(Schema):
    code: str
    version: int
    status: int
    status_label: str = Field(alias="get_status_display")
    procedure: str = Field(alias="procedure_version.procedure.code")
    procedure_name: str = Field(alias="procedure_version.name")
    receiving_agency: str = Field(alias="receiving_agency.identifier_code")
    deciding_agency: str = Field(alias="deciding_agency.identifier_code")
    channel: str
    channel_code: int = Field(alias="national_channel")
    owner_name: str
    subject: str
    submitted_at: LocalDateTime | None
    accepted_at: LocalDateTime | None
    due_at: LocalDateTime | None


# what DossierListOut reads: a page's rows carry none of the dossier's other columns (the
# parties, the search text, the reasons), a quarter of the row's width
LIST_COLUMNS = ("code", "version", "status", "channel", "owner_name", "subject", "submitted_at",
                "accepted_at", "due_at", "created_at", "procedure_version__name",
                "procedure_version__procedure__national_code",
                "procedure_version__procedure__local_suffix",
                "receiving_agency__identifier_code", "deciding_agency__identifier_code")


class DossierOut(DossierListOut):
    sub_status: str
    procedure_version: int = Field(alias="procedure_version.number")
    owner_type: str
    owner: PartyOut
    submitter: PartyOut
    delivery: str
    delivery_address: str
    original_due_at: LocalDateTime | None
    due_estimated: bool = Field(description="due_at is counted into a year whose days off are "
                                            "not announced yet (dự kiến): it may still move")
    finished_at: LocalDateTime | None
    returned_at: LocalDateTime | None
    closed_at: LocalDateTime | None
    close_reason: str
    extension: ExtensionOut | None
    result_received_by: str
    rating: str
    rating_comment: str
    actions: list[str] = Field(description="actions you may do now: your roles, the state, "
                                           "its guards")
    steps: list[DossierStepOut]
    pauses: list[PauseOut]
    attachments: list[AttachmentOut]
    sets: int
    documents: list[PaperOut] = Field(alias="paper_documents")
    history: list[EventOut] = Field(alias="events")

    @staticmethod
    def resolve_owner(dossier: Dossier) -> dict:
        return _party(dossier, "owner")

    @staticmethod
    def resolve_submitter(dossier: Dossier) -> dict:
        return _party(dossier, "submitter")

    @staticmethod
    def resolve_due_estimated(dossier: Dossier) -> bool:
        return selectors.due_is_estimated(dossier)

    @staticmethod
    def resolve_extension(dossier: Dossier) -> Dossier | None:
        return dossier if dossier.is_extended else None

    @staticmethod
    def resolve_actions(dossier: Dossier, context) -> list[str]:
        return services.allowed_actions(context["request"].user, dossier)


def _party(dossier: Dossier, prefix: str) -> dict:
    fields = ("name", "id_number", "phone", "email", "address", "type")
    return {name: getattr(dossier, f"{prefix}_{name}") for name in fields}


class LookupOut(Schema):
    code: str
    status: int
    status_label: str
    procedure_name: str
    accepted_at: LocalDateTime | None
    due_at: LocalDateTime | None
    finished_at: LocalDateTime | None
    returned_at: LocalDateTime | None
    current_steps: list[str]


class UploadOut(Schema):
    id: int
    name: str = Field(alias="original_name")
    content_type: str
    size: int
    sha256: str


# 401 with no valid token or session; 403 also for a session without its CSRF token (POST)
ERRORS = {**NEEDS_LOGIN, 403: Message, 404: Message, 409: Message, 503: Message}
# A multipart request over the size cap.
WITH_FILES = {**ERRORS, 413: Message}


# -- reading a JSON or multipart body ------------------------------------------------------


def _body(request: HttpRequest, schema: type[Schema]) -> tuple[Schema, list]:
    """The validated body and the files sent with it as (component order, file)."""
    content_type = request.content_type or ""
    try:
        if content_type == "multipart/form-data":
            raw = request.POST.get("data", "{}")
            if "\x00" in raw or "\\u0000" in raw:
                raise InvalidInput(_("Dữ liệu gửi lên có ký tự không hợp lệ (NUL)."))
            new_files = _files(request)
        else:
            raw, new_files = request.body, []
        return schema.model_validate_json(raw or b"{}"), new_files
    except ValidationError as error:  # the same 422 as for the inputs ninja reads
        errors = error.errors(include_url=False, include_input=False)  # ctx: the messages
        raise InputError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from None
    except RequestTooLarge:
        raise  # 413, answered by the API's handler
    except (MultiPartParserError, UnicodeDecodeError, ValueError) as error:
        raise InvalidInput(_("Nội dung yêu cầu không đọc được: %(e)s") % {"e": error}) from None


def _files(request: HttpRequest) -> list:
    new_files = []
    for name in request.FILES:
        match = FILE_FIELD.fullmatch(name)
        if not match:
            raise InvalidInput(_("Tên trường tệp phải có dạng component_<số thứ tự> (hoặc result "
                                 "khi phê duyệt): %(n)s.")
                             % {"n": name[:40]})
        order = int(match.group(1)) if match.group(1) else services.RESULT
        new_files += [(order, file) for file in request.FILES.getlist(name)]
    if len(new_files) > MAX_FILES:
        raise InvalidInput(_("Tối đa %(n)s tệp mỗi lần gửi.") % {"n": MAX_FILES})
    return new_files


def _refs(refs: list[AttachmentRef]) -> list[tuple[int, int]]:
    return [(ref.component, ref.upload) for ref in refs]


def _party_in(party: PartyIn | None) -> services.Party | None:
    return services.Party(**party.dict()) if party else None


def body_doc(schema: str) -> dict:
    """OpenAPI for a body read by ``_body``: the schema as JSON, or multipart with files."""
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}},
        "multipart/form-data": {"schema": {
            "type": "object",
            "properties": {"data": {"type": "string", "description": f"the JSON body ({schema})"}},
            "additionalProperties": {"type": "string", "format": "binary"},
            "propertyNames": {"pattern": "^(data|result|component_[1-9][0-9]{0,2})$"},
        }},
    }}}


# -- endpoints --------------------------------------------------------------------------------


@router.post("/uploads", response={201: UploadOut, **WITH_FILES})
def create_upload(request, file: File[UploadedFile]):
    """Store a file (checked for size, type and viruses); refer to its id in a later request."""
    return Answer(201, services.upload(request.user, file))


@router.post("/dossiers", response={201: DossierOut, **WITH_FILES},
             openapi_extra=body_doc("DossierIn"))
def create_dossier(request):
    """An applicant's online submission (status 1) or an officer's counter receipt (status 2)."""
    payload, new_files = _body(request, DossierIn)
    registration = services.Registration(
        procedure=payload.procedure, subject=payload.subject,
        receiving_agency=payload.receiving_agency, owner=_party_in(payload.owner),
        submitter=_party_in(payload.submitter), channel=payload.channel,
        delivery=payload.delivery, delivery_address=payload.delivery_address,
        attachments=_refs(payload.attachments), sets=payload.sets,
        documents=[services.PaperCount(**paper.dict()) for paper in payload.documents],
    )
    register = services.submit if request.user.is_applicant else services.receive
    # the dossier as registered, with the rows it wrote: not read back (the same answer as
    # GET /dossiers/{code}, without its eight queries)
    return Answer(201, register(request.user, registration, new_files))


@router.get("/dossiers", response={200: list[DossierListOut], **NEEDS_LOGIN})
@decorate_view(replica_reads())
@paginate(Pagination)
def list_dossiers(request, filters: Query[DossierFilter]):
    """The dossiers you may see, newest first."""
    return selectors.search_dossiers(
        request.user, status=filters.status, procedure=filters.procedure,
        due_before=filters.due_before, q=filters.q,
    ).only(*LIST_COLUMNS)


@router.get("/dossiers/{code}", response={200: DossierOut, **ERRORS})
def get_dossier(request, code: str):
    """One dossier with its steps, pauses, attachments and full history."""
    return _detail(request, code)


@router.post("/dossiers/{code}/actions/{action}", response={200: DossierOut, **WITH_FILES},
             openapi_extra=body_doc("ActionIn"))
def act_on_dossier(request, code: str, action: Action):
    """Do one lifecycle action on the dossier version you saw (409 if it changed since)."""
    payload, new_files = _body(request, ActionIn)
    params = services.ActionInput(
        reason=payload.reason, note=payload.note, items=payload.items, step=payload.step,
        to=payload.to,
        amount_vnd=payload.amount_vnd, paid_online=payload.paid_online,
        how_to_pay=payload.how_to_pay, assignee=payload.assignee,
        step_due_at=payload.step_due_at,
        new_due_at=payload.new_due_at, recipient=payload.recipient,
        rating=payload.rating or "", comment=payload.comment,
        attachments=_refs(payload.attachments),
    )
    services.act(request.user, code, action, payload.version, params, new_files)
    return _detail(request, code)


@router.get("/lookup", response={200: LookupOut, 404: Message, **REFUSALS},
            auth=None, throttle=[AddressThrottle("lookup")])
@decorate_view(replica_reads())
def lookup(request, code: str = Query(..., max_length=60),
           id_number: str = Query(..., max_length=20)):
    """Public status by code and the owner's (or submitter's) ID number; no personal data."""
    dossier = selectors.public_status(code, id_number)
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ với mã và số định danh này."))
    return dossier


def _detail(request, code: str) -> Dossier:
    dossier = selectors.dossier_for(request.user, code)
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
    return dossier
