"""The registers as Excel files: the columns of the registers of NĐ 30/2020 Phụ lục IV.

Dates are written as text dd/mm/yyyy (Vietnam time), as the paper register prints them.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from motcua.core.dates import vn_date
from motcua.core.spreadsheets import table_workbook
from motcua.exchange.models import IncomingDocument, OutgoingDocument
from motcua.exchange.rules import format_number
from motcua.exchange.selectors import person_name


def outgoing_header() -> list[str]:
    # NĐ 30/2020 Phụ lục IV: Sổ đăng ký văn bản đi
    return [_("Số, ký hiệu văn bản"), _("Ngày tháng văn bản"),
            _("Tên loại và trích yếu nội dung văn bản"), _("Người ký"), _("Nơi nhận văn bản"),
            _("Đơn vị, người nhận bản lưu"), _("Số lượng bản"), _("Ngày chuyển"), _("Ký nhận"),
            _("Ghi chú")]


def outgoing_row(document: OutgoingDocument) -> list:
    recipients = "; ".join(r.name for r in document.recipients.all())
    note = [document.get_state_display()]
    if document.confidentiality != "normal":
        note.append(document.get_confidentiality_display())
    if document.urgency != "normal":
        note.append(document.get_urgency_display())
    return [
        document.notation or _("(dự thảo)"), vn_date(document.issued_at),
        f"{document.get_document_type_display()}: {document.subject}",
        person_name(document.signer), recipients,
        "", "", vn_date(document.sent_at), "", ", ".join(note),
    ]


def incoming_header() -> list[str]:
    # NĐ 30/2020 Phụ lục IV: Sổ đăng ký văn bản đến
    return [_("Ngày đến"), _("Số đến"), _("Tác giả"), _("Số, ký hiệu"), _("Ngày tháng"),
            _("Tên loại và trích yếu nội dung"), _("Đơn vị hoặc người nhận"), _("Ký nhận"),
            _("Ghi chú")]


def incoming_row(document: IncomingDocument) -> list:
    receivers = [x for x in (
        person_name(document.assigned_leader),
        document.assigned_division and document.assigned_division.name,
        person_name(document.assigned_specialist),
    ) if x]
    type_name = document.get_document_type_display() if document.document_type else (
        document.type_name)
    return [
        vn_date(document.registered_at or document.arrived_at),
        format_number(document.arrival_number) if document.arrival_number else "",
        document.sender_name, document.code, vn_date(document.original_date),
        f"{type_name}: {document.subject}" if type_name else document.subject,
        "; ".join(receivers), "", _incoming_note(document),
    ]


def _incoming_note(document: IncomingDocument) -> str:
    """The state, and the document it replaces (domain §2.3: the register shows the link)."""
    if document.replaces is None:
        return document.get_state_display()
    return _("%(state)s; thay thế văn bản %(code)s") % {
        "state": document.get_state_display(),
        "code": document.replaces.code or document.replaces.document_id}


REGISTER_WIDTHS = (18, 14, 60, 24, 40, 20, 10, 14, 12, 24)


def outgoing_workbook(documents: QuerySet[OutgoingDocument], title: str) -> bytes:
    rows = (outgoing_row(d) for d in documents.prefetch_related("recipients"))
    return table_workbook(title, outgoing_header(), rows, _("Sổ văn bản đi"), REGISTER_WIDTHS)


def incoming_workbook(documents: Iterable[IncomingDocument], title: str) -> bytes:
    return table_workbook(title, incoming_header(), (incoming_row(d) for d in documents),
                          _("Sổ văn bản đến"), REGISTER_WIDTHS)
