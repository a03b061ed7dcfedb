"""Reads on official documents, always scoped to what the caller may see.

- The clerk and the agency's leaders see every document of their agency.
- A division head sees the agency's outgoing documents once issued, its own drafts, and the
  incoming documents assigned to their division or to them.
- A specialist sees their own drafts, the issued outgoing documents, and the incoming documents
  assigned to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.dates import to_local
from motcua.core.text import fold, words
from motcua.exchange import lifecycle, rules
from motcua.exchange.models import (
    DocumentEvent,
    DocumentPolicy,
    DocumentRegister,
    ExchangeStatus,
    IncomingDocument,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingState,
    ReceivedPackage,
)
from motcua.org.models import Agency, Role, User
from motcua.org.selectors import Held, agency_ids, holding

DOCUMENT_ROLES = (Role.CLERK, Role.SPECIALIST, Role.DIVISION_HEAD, Role.AGENCY_LEADER)
WHOLE_REGISTER_ROLES = (Role.CLERK, Role.AGENCY_LEADER)
CLERK = Role.CLERK.value


def person_name(user: User | None) -> str:
    """How an officer is named on the pages, the registers and in packages: full name, else
    the username; "" for nobody."""
    return (user.get_full_name() or user.username) if user else ""


def document_holds(user: User) -> tuple[Held, ...]:
    """The user's active roles that work on documents (read once per request)."""
    return holding(user, DOCUMENT_ROLES)


def document_agencies(user: User) -> QuerySet[Agency]:
    """The agencies whose registers ``user`` works in."""
    return Agency.objects.filter(pk__in=agency_ids(document_holds(user))).order_by("name")


def document_roles(user: User, agency: Agency) -> set[str]:
    return {held.role for held in document_holds(user) if held.agency_id == agency.pk}


def visible_outgoing(user: User) -> QuerySet[OutgoingDocument]:
    rows = document_holds(user)
    whole = {held.agency_id for held in rows if held.role in WHOLE_REGISTER_ROLES}
    part = agency_ids(rows) - whole
    condition = Q(agency__in=whole) | (
        Q(agency__in=part) & (~Q(state=OutgoingState.DRAFT) | Q(created_by=user)))
    if not rows:
        return OutgoingDocument.objects.none()
    return OutgoingDocument.objects.filter(condition)


def visible_incoming(user: User) -> QuerySet[IncomingDocument]:
    rows = document_holds(user)
    if not rows:
        return IncomingDocument.objects.none()
    condition = Q(pk__in=[])
    for held in rows:
        if held.role in WHOLE_REGISTER_ROLES:
            condition |= Q(agency=held.agency_id)
        elif held.role == Role.DIVISION_HEAD and held.division_id is not None:
            condition |= Q(agency=held.agency_id, assigned_division=held.division_id)
    condition |= Q(assigned_specialist=user) | Q(assigned_leader=user)
    return IncomingDocument.objects.filter(condition)


def _filter(queryset, *, agency, year, year_field, document_type, state, text):
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    if year is not None:
        queryset = queryset.filter(**{year_field: year})
    if document_type:
        queryset = queryset.filter(document_type=document_type)
    if state:
        queryset = queryset.filter(state=state)
    for word in fold(text or "").split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def outgoing_register(user: User, *, agency: Agency | None = None, year: int | None = None,
                      document_type: str = "", state: str = "", text: str = "",
                      register: DocumentRegister | None = None) -> QuerySet[OutgoingDocument]:
    """The outgoing register the user may see, filtered; newest number first."""
    queryset = _filter(visible_outgoing(user), agency=agency, year=year, year_field="year",
                       document_type=document_type, state=state, text=text)
    if register is not None:
        queryset = queryset.filter(register=register)
    return queryset.select_related("agency", "register", "signer").order_by(
        "-year", "-number", "-created_at")


def incoming_register(user: User, *, agency: Agency | None = None, year: int | None = None,
                      document_type: str = "", state: str = "",
                      text: str = "") -> QuerySet[IncomingDocument]:
    """The incoming register the user may see, filtered; newest arrival first."""
    queryset = _filter(visible_incoming(user), agency=agency, year=year,
                       year_field="arrival_year", document_type=document_type, state=state,
                       text=text)
    return queryset.select_related("agency", "assigned_division", "assigned_specialist",
                                   "assigned_leader", "replaces").order_by("-arrived_at", "-pk")


def outgoing_for(user: User, pk: int) -> OutgoingDocument | None:
    return visible_outgoing(user).select_related("agency", "register", "signer").filter(
        pk=pk).first()


def incoming_for(user: User, pk: int) -> IncomingDocument | None:
    return (visible_incoming(user).filter(pk=pk)
            .select_related("agency", "assigned_leader", "assigned_division",
                            "assigned_specialist").first())


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a document's history: an action here, or a status a recipient reported."""

    at: dt.datetime
    kind: str  # "event" or "status"
    action: str  # the event's action, or the status code
    label: str  # Vietnamese, for display
    actor: str  # the officer, or the reporting agency
    note: str
    # statuses carry the sender's time to the second: order them by when they arrived here
    order_at: dt.datetime | None = None


EVENT_LABELS = {
    "create": gettext_lazy("Tạo dự thảo"),
    "edit": gettext_lazy("Sửa dự thảo"),
    "issue": gettext_lazy("Ban hành, cấp số"),
    "sign": gettext_lazy("Người có thẩm quyền ký số"),
    "seal": gettext_lazy("Cơ quan ký số"),
    "send": gettext_lazy("Gửi văn bản"),
    "request_recall": gettext_lazy("Yêu cầu thu hồi"),
    "status": gettext_lazy("Nhận trạng thái"),
    "publish": gettext_lazy("Đăng lên cổng thông tin"),
    "withdraw": gettext_lazy("Gỡ khỏi cổng thông tin"),
    "receive": gettext_lazy("Văn bản đến"),
    "register": gettext_lazy("Vào sổ văn bản đến"),
    "refuse": gettext_lazy("Từ chối tiếp nhận"),
    "assign": gettext_lazy("Phân công xử lý"),
    "start_processing": gettext_lazy("Bắt đầu xử lý"),
    "complete": gettext_lazy("Hoàn thành"),
    "recall_requested": gettext_lazy("Nơi gửi yêu cầu thu hồi"),
    "accept_recall": gettext_lazy("Đồng ý thu hồi"),
    "refuse_recall": gettext_lazy("Từ chối thu hồi"),
    "update_received": gettext_lazy("Nơi gửi cập nhật văn bản"),
    "replace_received": gettext_lazy("Nơi gửi thay thế văn bản"),
    "accept_update": gettext_lazy("Đồng ý cập nhật"),
    "refuse_update": gettext_lazy("Từ chối cập nhật"),
    "accept_replace": gettext_lazy("Đồng ý thay thế"),
    "refuse_replace": gettext_lazy("Từ chối thay thế"),
    # exchange.rescheduling: the deadline moved by a year's announced days off
    "calendar_announced": gettext_lazy("Tính lại hạn xử lý theo lịch nghỉ đã công bố"),
}


def _event_entries(events) -> list[TimelineEntry]:
    return [TimelineEntry(
        at=e.at, kind="event", action=e.action, label=str(EVENT_LABELS.get(e.action, e.action)),
        actor=person_name(e.actor),
        note=e.note) for e in events.select_related("actor")]


def outgoing_timeline(document: OutgoingDocument) -> list[TimelineEntry]:
    """The document's events and every status each recipient reported, in time order."""
    entries = _event_entries(DocumentEvent.objects.filter(outgoing=document)
                             .exclude(action="status"))
    for status in ExchangeStatus.objects.filter(recipient__document=document).select_related(
            "recipient"):
        entries.append(TimelineEntry(
            at=status.at, kind="status", action=status.code,
            label=f"{status.code} — {status.name}",
            actor=status.recipient.name, note=status.description,
            order_at=max(status.at, status.received_at)))
    return sorted(entries, key=lambda entry: entry.order_at or entry.at)


def incoming_timeline(document: IncomingDocument) -> list[TimelineEntry]:
    return _event_entries(DocumentEvent.objects.filter(incoming=document))


def recipients_with_statuses(
        document: OutgoingDocument) -> list[tuple[OutgoingRecipient, list[ExchangeStatus]]]:
    """Each recipient with the statuses it reported, both in order (the exchange view)."""
    recipients = document.recipients.prefetch_related("statuses")  # statuses: by at, pk
    return [(recipient, list(recipient.statuses.all())) for recipient in recipients]


# -- what the caller may do now (pages and API offer these; the services decide) ----------


def signature_required(agency: Agency) -> bool:
    """Whether the agency refuses to issue or send an electronic document its signer has not
    signed (its DocumentPolicy; not required by default)."""
    return DocumentPolicy.objects.filter(agency=agency, signature_required=True).exists()


def unsigned(document: OutgoingDocument) -> bool:
    return rules.lacks_signature(bool(document.main_file),
                                 document.signed_by_person_at is not None)


def signature_warning(document: OutgoingDocument) -> str:
    """What the officer reads about issuing or sending an electronic document its signer has
    not signed; "" for a signed one or a paper one."""
    if not unsigned(document):
        return ""
    if signature_required(document.agency):
        return _("Văn bản điện tử chưa có chữ ký số của người có thẩm quyền. %(agency)s yêu cầu "
                 "ký số trước khi ban hành và gửi.") % {"agency": document.agency.name}
    return _("Văn bản điện tử chưa có chữ ký số của người có thẩm quyền: nơi nhận sẽ thấy "
             "“Văn bản không có chữ ký số”. Nên ký số trước khi ban hành và gửi.")


def _notation_problem(document: OutgoingDocument) -> str:
    """Why the document's notation cannot be written (NĐ 30/2020 Phụ lục I), or ""."""
    try:
        rules.notation_suffix(document.document_type, document.agency.abbreviation,
                              document.drafting_unit_abbreviation)
    except rules.RuleError as error:
        return str(error)
    return ""


def outgoing_facts(document: OutgoingDocument,
                   targets: list[OutgoingRecipient] | None = None) -> lifecycle.Facts:
    """What the lifecycle's guards read of an outgoing document; ``targets``: the recipients a
    sending names (by default the ones not yet sent to)."""
    if targets is None:
        targets = list(document.recipients.filter(sent_at__isnull=True))
    return lifecycle.Facts(
        has_main_file=bool(document.main_file),
        signed_by_person=document.signed_by_person_at is not None,
        sealed=document.sealed_at is not None,
        signature_required=unsigned(document) and signature_required(document.agency),
        agency_name=document.agency.name,
        recipients_left=bool(targets), notation_problem=_notation_problem(document),
        outside_recipients=any(not recipient.is_internal for recipient in targets),
        recall_requested=document.recall_requested_at is not None,
        secret=document.get_confidentiality_display()
        if rules.is_state_secret(document.confidentiality) else "",
        on_portal=document.on_portal,
    )


def incoming_facts(document: IncomingDocument) -> lifecycle.Facts:
    """What the lifecycle's guards read of an incoming document."""
    change = pending_change(document)
    return lifecycle.Facts(
        recall_requested=document.recall_requested_at is not None,
        change_pending=change is not None,
        change_is_replacement=change is not None and change.replacement_id is not None,
    )


def actor_roles(user: User, document: OutgoingDocument | IncomingDocument) -> set[str]:
    """The roles ``user`` holds in the document's agency, and ASSIGNEE for the person an
    incoming document is assigned to (or a division head when it names no division)."""
    roles = document_roles(user, document.agency)
    if isinstance(document, IncomingDocument) and (
            user.pk in (document.assigned_specialist_id, document.assigned_leader_id)
            or (Role.DIVISION_HEAD.value in roles and document.assigned_division_id is None)):
        roles.add(lifecycle.ASSIGNEE)
    return roles


def document_facts(document: OutgoingDocument | IncomingDocument) -> lifecycle.Facts:
    if isinstance(document, OutgoingDocument):
        return outgoing_facts(document)
    return incoming_facts(document)


def allowed_actions(user: User, document: OutgoingDocument | IncomingDocument) -> list[str]:
    """The actions ``user`` may do on the document now: the lifecycle's rows from its state
    whose role they hold and whose state guards pass (the request's input is checked when it
    comes)."""
    table = (lifecycle.OUTGOING if isinstance(document, OutgoingDocument)
             else lifecycle.INCOMING)
    rows = lifecycle.rules_from(table, document.state)
    if not rows:
        return []
    roles, facts = actor_roles(user, document), document_facts(document)
    return [str(rule.action) for rule in rows if lifecycle.offered(rule, roles, facts)]


def clerk_agency_ids(user: User) -> set[int]:
    return {held.agency_id for held in document_holds(user) if held.role == CLERK}


def sees_failed_packages(user: User) -> bool:
    """The packages that could not be taken in: for the operator and the agencies' clerks."""
    return user.is_superuser or bool(clerk_agency_ids(user))


def failed_packages(user: User) -> QuerySet[ReceivedPackage]:
    """Packages that could not be taken in, newest first: every one for the operator, those
    addressed to their agencies for a clerk."""
    failed = ReceivedPackage.objects.exclude(error="").prefetch_related("agencies")
    if user.is_superuser:
        return failed.order_by("-received_at")
    return failed.filter(agencies__in=clerk_agency_ids(user)).distinct().order_by("-received_at")


def failed_package_for(user: User, pk: int) -> ReceivedPackage | None:
    return failed_packages(user).filter(pk=pk).first()


def may_retry(user: User, stored: ReceivedPackage) -> bool:
    return user.is_superuser or bool(
        clerk_agency_ids(user) & {agency.pk for agency in stored.agencies.all()})


def pending_change(document: IncomingDocument):
    """The oldest update or replacement of the document waiting for an answer, or None."""
    return document.changes.filter(decision="").select_related("replacement").first()


# -- the agency's portal (read by cms.platform_content, for anyone) -------------------------


@dataclass(frozen=True)
class PublishedDocument:
    """What a portal's reader sees of a published document: its public fields only."""

    pk: int
    notation: str
    issued_on: dt.date
    document_type: str
    type_label: str
    subject: str
    signer: str
    signer_position: str


def published_documents(agency: Agency, *, year: int | None = None, document_type: str = "",
                        text: str = "") -> QuerySet[OutgoingDocument]:
    """The agency's documents its clerk published on its portal and has not withdrawn nor
    recalled from its recipients, newest issue first, filtered by year, type and the folded words
    of the number or the subject."""
    queryset = OutgoingDocument.objects.filter(
        agency=agency, state__in=lifecycle.ISSUED, portal_published_at__isnull=False,
        portal_withdrawn_at__isnull=True, recall_requested_at__isnull=True,
        confidentiality=rules.SENDABLE_OVER_AXIS,
    ).exclude(main_file="")
    if year is not None:
        queryset = queryset.filter(year=year)
    if document_type:
        queryset = queryset.filter(document_type=document_type)
    for word in words(text or ""):
        queryset = queryset.filter(search_text__contains=word)
    return queryset.select_related("signer").order_by("-issued_at", "-pk")


def published_document(agency: Agency, pk: int) -> OutgoingDocument | None:
    """One document on the agency's portal (for its file); None once withdrawn."""
    return published_documents(agency).filter(pk=pk).first()


def published_years(agency: Agency) -> list[int]:
    """The years the agency's published documents were numbered in, the latest first."""
    return list(published_documents(agency).order_by("-year").values_list("year", flat=True)
                .distinct())


def public_entry(document: OutgoingDocument) -> PublishedDocument:
    return PublishedDocument(
        pk=document.pk, notation=document.notation, issued_on=to_local(document.issued_at).date(),
        document_type=document.document_type, type_label=document.get_document_type_display(),
        subject=document.subject, signer=person_name(document.signer),
        signer_position=document.signer_position)
