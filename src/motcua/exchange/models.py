"""Official documents: registers, outgoing and incoming documents, their history and exchange.

The rules (numbers, notations, what may travel over the axis, allowed transitions) are in
``exchange.rules``; every write goes through ``exchange.services``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.text import fold
from motcua.exchange.rules import STATUS_NAMES
from motcua.org.models import Agency, Division
from motcua.outbox.models import Deliverable


class DocumentType(models.TextChoices):
    # NĐ 30/2020 Phụ lục III: the types and their abbreviations (rules.TYPE_ABBREVIATIONS)
    OFFICIAL_LETTER = "cong_van", _("Công văn")
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    DECISION = "quyet_dinh", _("Quyết định")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    STATUTE = "quy_che", _("Quy chế")
    REGULATION = "quy_dinh", _("Quy định")
    COMMUNIQUE = "thong_cao", _("Thông cáo")
    NOTICE = "thong_bao", _("Thông báo")
    GUIDANCE = "huong_dan", _("Hướng dẫn")
    PROGRAMME = "chuong_trinh", _("Chương trình")
    PLAN = "ke_hoach", _("Kế hoạch")
    OPTION = "phuong_an", _("Phương án")
    SCHEME = "de_an", _("Đề án")
    PROJECT = "du_an", _("Dự án")
    REPORT = "bao_cao", _("Báo cáo")
    MINUTES = "bien_ban", _("Biên bản")
    SUBMISSION = "to_trinh", _("Tờ trình")
    CONTRACT = "hop_dong", _("Hợp đồng")
    TELEGRAM = "cong_dien", _("Công điện")
    MEMORANDUM = "ban_ghi_nho", _("Bản ghi nhớ")
    AGREEMENT = "ban_thoa_thuan", _("Bản thỏa thuận")
    POWER_OF_ATTORNEY = "giay_uy_quyen", _("Giấy ủy quyền")
    INVITATION = "giay_moi", _("Giấy mời")
    INTRODUCTION = "giay_gioi_thieu", _("Giấy giới thiệu")
    LEAVE = "giay_nghi_phep", _("Giấy nghỉ phép")
    DISPATCH_SLIP = "phieu_gui", _("Phiếu gửi")
    TRANSFER_SLIP = "phieu_chuyen", _("Phiếu chuyển")
    NOTICE_SLIP = "phieu_bao", _("Phiếu báo")
    TRUE_COPY = "sao_y", _("Bản sao y")
    EXTRACT_COPY = "trich_sao", _("Bản trích sao")
    REPRINT_COPY = "sao_luc", _("Bản sao lục")


class Urgency(models.TextChoices):
    # NĐ 30/2020 art. 10; edXML OtherInfo/Priority 0-3 (rules.PRIORITY)
    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Khẩn")
    VERY_URGENT = "very_urgent", _("Thượng khẩn")
    EXPRESS = "express", _("Hỏa tốc")


class Confidentiality(models.TextChoices):
    # Luật Bảo vệ bí mật nhà nước 2018 art. 8: mật, tối mật, tuyệt mật
    NORMAL = "normal", _("Thường")
    CONFIDENTIAL = "confidential", _("Mật")
    SECRET = "secret", _("Tối mật")
    TOP_SECRET = "top_secret", _("Tuyệt mật")


class OutgoingState(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    SENT = "sent", _("Đã gửi")


class IncomingState(models.TextChoices):
    RECEIVED = "received", _("Đã đến")
    REGISTERED = "registered", _("Đã vào sổ")
    ASSIGNED = "assigned", _("Đã phân công")
    PROCESSING = "processing", _("Đang xử lý")
    COMPLETED = "completed", _("Hoàn thành")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    RECALLED = "recalled", _("Đã thu hồi")
    REPLACED = "replaced", _("Đã được thay thế")


class Transport(models.TextChoices):
    DIRECT = "direct", _("Trong hệ thống")
    AXIS = "axis", _("Trục liên thông văn bản quốc gia")


def document_file_key(instance: models.Model, filename: str) -> str:
    """A random storage key: the original name is kept in the row, never in the path."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    key = uuid.uuid4().hex
    return f"documents/{key[:2]}/{key}.{extension[:8]}"


class DocumentRegister(models.Model):
    """A series of outgoing numbers of an agency (NĐ 30/2020 art. 15: one per agency and year;
    advisory bodies issuing under the agency's seal keep their own series)."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="document_registers",
                               verbose_name=_("cơ quan"))
    name = models.CharField(_("tên sổ"), max_length=200)
    is_default = models.BooleanField(_("sổ chung của cơ quan"), default=False)

    class Meta:
        verbose_name = _("sổ văn bản đi")
        verbose_name_plural = _("sổ văn bản đi")
        ordering = ["agency__name", "-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="register_name_per_agency"),
            models.UniqueConstraint(fields=["agency"], condition=Q(is_default=True),
                                    name="register_one_default_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.agency.name}"


class DocumentPolicy(models.Model):
    """An agency's own rules for its electronic documents; an agency without one: the defaults."""

    agency = models.OneToOneField(Agency, models.CASCADE, related_name="document_policy",
                                  verbose_name=_("cơ quan"))
    # NĐ 30/2020 art. 13(5): an electronic document carries the competent person's signature
    signature_required = models.BooleanField(
        _("bắt buộc chữ ký số của người ký"), default=False,
        help_text=_("Khi bật, văn bản điện tử chưa có chữ ký số của người có thẩm quyền không "
                    "được ban hành, không được gửi. Khi tắt, hệ thống chỉ cảnh báo."))

    class Meta:
        verbose_name = _("quy định văn bản điện tử của cơ quan")
        verbose_name_plural = _("quy định văn bản điện tử của cơ quan")

    def __str__(self) -> str:
        return str(self.agency)


class OutgoingCounter(models.Model):
    """The last number issued in a register in a year, taken under a row lock."""

    register = models.ForeignKey(DocumentRegister, models.CASCADE, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["register", "year"], name="outgoing_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.register_id} {self.year}: {self.last}"


class ArrivalCounter(models.Model):
    """The last arrival number (số đến) of an agency in a year (NĐ 30/2020 art. 22)."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="arrival_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class OutgoingDocument(models.Model):
    """A document issued by an agency (văn bản đi)."""

    agency = models.ForeignKey(Agency, models.PROTECT, related_name="outgoing_documents",
                               verbose_name=_("cơ quan ban hành"))
    register = models.ForeignKey(DocumentRegister, models.PROTECT, related_name="documents",
                                 verbose_name=_("sổ văn bản đi"))
    document_type = models.CharField(_("loại văn bản"), max_length=20,
                                     choices=DocumentType.choices)
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    notation = models.CharField(_("ký hiệu"), max_length=60, blank=True,
                                help_text=_("Ví dụ 12/QĐ-UBND; cấp khi ban hành."))
    drafting_unit_abbreviation = models.CharField(
        _("chữ viết tắt đơn vị soạn thảo"), max_length=20, blank=True,
        help_text=_("Công văn: ký hiệu gồm chữ viết tắt cơ quan và đơn vị soạn thảo, "
                    "ví dụ VPCP-TTĐT."))
    subject = models.CharField(_("trích yếu"), max_length=500)
    place = models.CharField(_("địa danh"), max_length=50, blank=True)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("người ký"))
    signer_competence = models.CharField(_("quyền hạn ký"), max_length=50, blank=True,
                                         help_text=_("Ví dụ TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH."))
    signer_position = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    confidentiality = models.CharField(_("độ mật"), max_length=12,
                                       choices=Confidentiality.choices,
                                       default=Confidentiality.NORMAL)
    reply_due_date = models.DateField(_("hạn trả lời"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=OutgoingState.choices,
                             default=OutgoingState.DRAFT)
    main_file = models.FileField(_("tệp văn bản (PDF)"), upload_to=document_file_key,
                                 max_length=200, blank=True)
    main_file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    signed_by_person_at = models.DateTimeField(_("người có thẩm quyền ký số lúc"), null=True,
                                               blank=True)
    sealed_at = models.DateTimeField(_("cơ quan ký số lúc"), null=True, blank=True)
    issued_at = models.DateTimeField(_("ngày ban hành"), null=True, blank=True)
    sent_at = models.DateTimeField(_("ngày gửi"), null=True, blank=True)
    document_id = models.CharField(_("mã văn bản liên thông"), max_length=150, blank=True,
                                   help_text=_("DocumentId của gói tin edXML."))
    recall_requested_at = models.DateTimeField(_("yêu cầu thu hồi lúc"), null=True, blank=True)
    recall_reason = models.TextField(_("lý do thu hồi"), blank=True)
    # Luật Tiếp cận thông tin 2016 art. 19(1)(a): the agency's documents on its portal
    portal_published_at = models.DateTimeField(_("đăng lên cổng thông tin lúc"), null=True,
                                               blank=True)
    portal_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người đăng lên cổng thông tin"))
    portal_withdrawn_at = models.DateTimeField(_("gỡ khỏi cổng thông tin lúc"), null=True,
                                               blank=True)
    portal_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("người gỡ khỏi cổng thông tin"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                   verbose_name=_("người tạo"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("văn bản đi")
        verbose_name_plural = _("văn bản đi")
        ordering = ["-year", "-number", "-created_at"]
        constraints = [
            # NĐ 30/2020 art. 15: a number is used once in a register's year
            models.UniqueConstraint(fields=["register", "year", "number"],
                                    condition=Q(number__isnull=False),
                                    name="outgoing_number_once_per_register_year"),
            models.CheckConstraint(
                condition=(Q(state=OutgoingState.DRAFT, number__isnull=True)
                           | (~Q(state=OutgoingState.DRAFT) & Q(number__isnull=False,
                                                                year__isnull=False))),
                name="outgoing_number_iff_issued",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "year", "state"], name="outgoing_agency_year"),
            models.Index(fields=["document_id"], name="outgoing_document_id"),
            models.Index(fields=["agency", "-issued_at"], name="outgoing_on_portal",
                         condition=Q(portal_published_at__isnull=False,
                                     portal_withdrawn_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.notation or f"{self.get_document_type_display()} ({_('dự thảo')})"

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(f"{self.notation} {self.subject}")
        super().save(*args, **kwargs)

    @property
    def on_portal(self) -> bool:
        """Published on the agency's portal and not withdrawn since."""
        return self.portal_published_at is not None and self.portal_withdrawn_at is None


class OutgoingAttachment(models.Model):
    """Another file sent with an outgoing document (phụ lục, tài liệu kèm theo)."""

    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=document_file_key, max_length=200)
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("tệp đính kèm văn bản đi")
        verbose_name_plural = _("tệp đính kèm văn bản đi")

    def __str__(self) -> str:
        return self.name


class OutgoingRecipient(models.Model):
    """One recipient of an outgoing document: an agency of this installation or another one."""

    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="recipients")
    agency = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("cơ quan trong hệ thống"))
    identifier_code = models.CharField(_("mã định danh"), max_length=35)
    name = models.CharField(_("tên cơ quan nhận"), max_length=255)
    transport = models.CharField(_("đường gửi"), max_length=6, choices=Transport.choices,
                                 blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    status_code = models.CharField(_("trạng thái hiện tại"), max_length=2, blank=True)
    status_at = models.DateTimeField(_("cập nhật lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["document", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "identifier_code"],
                                    name="recipient_once_per_document"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.identifier_code})"

    @property
    def is_internal(self) -> bool:
        return self.agency_id is not None


class ExchangeStatus(models.Model):
    """A status a recipient reported for an outgoing document (append-only; QCVN 102 §2)."""

    recipient = models.ForeignKey(OutgoingRecipient, models.CASCADE, related_name="statuses")
    code = models.CharField(_("mã trạng thái"), max_length=2)
    at = models.DateTimeField(_("thời điểm"))
    description = models.TextField(_("mô tả"), blank=True)
    staff = models.CharField(_("cán bộ"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("trạng thái liên thông")
        verbose_name_plural = _("trạng thái liên thông")
        ordering = ["recipient", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.recipient} {self.code}"

    @property
    def name(self) -> str:
        """The code's meaning (QCVN 102 §2.2): 03 → Đã tiếp nhận."""
        return STATUS_NAMES.get(self.code, "")


class IncomingDocument(models.Model):
    """A document received by an agency (văn bản đến)."""

    agency = models.ForeignKey(Agency, models.PROTECT, related_name="incoming_documents",
                               verbose_name=_("cơ quan nhận"))
    arrival_number = models.PositiveIntegerField(_("số đến"), null=True, blank=True)
    arrival_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("thời điểm đến"))
    registered_at = models.DateTimeField(_("ngày vào sổ"), null=True, blank=True)
    sender_identifier_code = models.CharField(_("mã định danh nơi gửi"), max_length=35)
    sender_name = models.CharField(_("cơ quan gửi"), max_length=255)
    document_id = models.CharField(_("mã văn bản liên thông"), max_length=150)
    # QCVN 102 gives CodeNumber ≤ 11 characters [UNCERTAIN]; real packages carry more
    original_number = models.CharField(_("số"), max_length=50, blank=True)
    original_notation = models.CharField(_("ký hiệu"), max_length=60, blank=True)
    original_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    document_type = models.CharField(_("loại văn bản"), max_length=20, blank=True,
                                     choices=DocumentType.choices)
    type_name = models.CharField(_("tên loại (theo gói tin)"), max_length=100, blank=True)
    subject = models.CharField(_("trích yếu"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=255, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=255, blank=True)
    urgency = models.CharField(_("độ khẩn"), max_length=12, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    reply_due_date = models.DateField(_("hạn trả lời của nơi gửi"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=10, choices=IncomingState.choices,
                             default=IncomingState.RECEIVED)
    transport = models.CharField(_("nhận qua"), max_length=6, choices=Transport.choices)
    axis_doc_id = models.CharField(_("mã gói tin trên trục"), max_length=100, blank=True)
    raw_package = models.FileField(_("gói tin edXML gốc"), upload_to=document_file_key,
                                   max_length=200, blank=True)
    main_file = models.FileField(_("tệp văn bản"), upload_to=document_file_key,
                                 max_length=200, blank=True)
    main_file_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    signatures = models.JSONField(_("kiểm tra chữ ký số"), default=list, blank=True)
    signatures_ok = models.BooleanField(_("chữ ký số hợp lệ"), null=True, blank=True)
    source_document = models.ForeignKey(
        OutgoingDocument, models.SET_NULL, null=True, blank=True, related_name="deliveries",
        verbose_name=_("văn bản đi gốc (trong hệ thống)"))
    replaces = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="replaced_by",
        verbose_name=_("thay thế văn bản"))
    assigned_leader = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                        blank=True, related_name="+",
                                        verbose_name=_("lãnh đạo chỉ đạo"))
    assigned_division = models.ForeignKey(Division, models.PROTECT, null=True, blank=True,
                                          related_name="+", verbose_name=_("phòng, ban xử lý"))
    assigned_specialist = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                            blank=True, related_name="+",
                                            verbose_name=_("chuyên viên xử lý"))
    processing_due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    completed_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do từ chối"), blank=True)
    recall_requested_at = models.DateTimeField(_("nơi gửi yêu cầu thu hồi lúc"), null=True,
                                               blank=True)
    recall_reason = models.TextField(_("lý do thu hồi"), blank=True)
    state_before_recall = models.CharField(max_length=10, blank=True,
                                           choices=IncomingState.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("văn bản đến")
        verbose_name_plural = _("văn bản đến")
        ordering = ["-arrived_at"]
        constraints = [
            # QCVN 102 §2.3: the same package delivered twice is received once
            models.UniqueConstraint(fields=["agency", "sender_identifier_code", "document_id"],
                                    name="incoming_once_per_sender_document"),
            # NĐ 30/2020 art. 22: an arrival number is used once in an agency's year
            models.UniqueConstraint(fields=["agency", "arrival_year", "arrival_number"],
                                    condition=Q(arrival_number__isnull=False),
                                    name="arrival_number_once_per_agency_year"),
        ]
        indexes = [
            models.Index(fields=["agency", "arrival_year", "state"], name="incoming_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.original_number}/{self.original_notation} — {self.sender_name}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(
            f"{self.original_number}/{self.original_notation} {self.sender_name} {self.subject}"
        )
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        """Number and notation as printed: 12/QĐ-UBND."""
        return f"{self.original_number}/{self.original_notation}".strip("/")


class IncomingAttachment(models.Model):
    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=document_file_key, max_length=200)
    name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("tệp đính kèm văn bản đến")
        verbose_name_plural = _("tệp đính kèm văn bản đến")

    def __str__(self) -> str:
        return self.name


class DocumentEvent(models.Model):
    """One action on an outgoing or incoming document, written with the change."""

    outgoing = models.ForeignKey(OutgoingDocument, models.CASCADE, null=True, blank=True,
                                 related_name="events")
    incoming = models.ForeignKey(IncomingDocument, models.CASCADE, null=True, blank=True,
                                 related_name="events")
    action = models.CharField(max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+")
    at = models.DateTimeField()
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử văn bản")
        verbose_name_plural = _("lịch sử văn bản")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outgoing__isnull=False, incoming__isnull=True)
                           | Q(outgoing__isnull=True, incoming__isnull=False)),
                name="document_event_one_document",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class MessageKind(models.TextChoices):
    DOCUMENT = "edoc", _("Văn bản")
    STATUS = "status", _("Trạng thái")


class ExchangeMessage(Deliverable):
    """A package waiting to leave (written in the change's transaction, delivered after commit
    with retries by the outbox's delivery loop, kind ``exchange``)."""

    kind = models.CharField(_("loại gói tin"), max_length=6, choices=MessageKind.choices)
    transport = models.CharField(_("đường gửi"), max_length=6, choices=Transport.choices)
    sender = models.ForeignKey(Agency, models.PROTECT, related_name="+",
                               verbose_name=_("cơ quan gửi"))
    recipients = models.JSONField(_("mã định danh nơi nhận"), default=list)
    package = models.BinaryField(_("gói tin edXML"))
    outgoing = models.ForeignKey(OutgoingDocument, models.SET_NULL, null=True, blank=True,
                                 related_name="messages")
    incoming = models.ForeignKey(IncomingDocument, models.SET_NULL, null=True, blank=True,
                                 related_name="messages")
    status_code = models.CharField(max_length=2, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    axis_doc_id = models.CharField(_("mã gói tin trên trục"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("gói tin chờ gửi")
        verbose_name_plural = _("gói tin chờ gửi")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                         name="exchange_message_due"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.status_code} → {', '.join(self.recipients)}"


class ReceivedPackage(models.Model):
    """A package taken in (from the axis, or handed over directly): its id, its raw bytes, what
    became of it. One with an error could not be taken in: it is kept, listed for the clerk and
    the operator, and taken in again when they try after a fix."""

    axis_doc_id = models.CharField(_("mã gói tin"), max_length=100, unique=True,
                                   help_text=_("Mã trên trục; gói tin trong hệ thống: direct:…"))
    kind = models.CharField(_("loại gói tin"), max_length=6, choices=MessageKind.choices)
    transport = models.CharField(_("nhận qua"), max_length=6, choices=Transport.choices,
                                 default=Transport.AXIS)
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)
    processed_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    raw = models.BinaryField(_("gói tin gốc"), blank=True, default=b"")
    sender_code = models.CharField(_("mã định danh nơi gửi"), max_length=35, blank=True)
    sender_name = models.CharField(_("cơ quan gửi"), max_length=255, blank=True)
    document_id = models.CharField(_("mã văn bản liên thông"), max_length=150, blank=True)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="+",
                                      verbose_name=_("cơ quan nhận"))
    acknowledged_at = models.DateTimeField(_("đã báo trục lúc"), null=True, blank=True)
    retried_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True)
    retried_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("người thử lại"))

    class Meta:
        verbose_name = _("gói tin đã nhận")
        verbose_name_plural = _("gói tin đã nhận")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.axis_doc_id

    @property
    def failed(self) -> bool:
        return bool(self.error)


class ChangeKind(models.TextChoices):
    # QCVN 102 §1.3 (as implemented): BussinessDocType 2 update, 3 replace
    UPDATE = "update", _("Cập nhật văn bản")
    REPLACE = "replace", _("Thay thế văn bản")


class ChangeDecision(models.TextChoices):
    PENDING = "", _("Chờ xử lý")
    ACCEPTED = "accepted", _("Đã đồng ý")
    REFUSED = "refused", _("Đã từ chối")


class DocumentChange(models.Model):
    """An update or a replacement the sender sent for an incoming document, and the answer
    (15 agrees, 16 refuses; domain §2.3)."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="changes",
                                 verbose_name=_("văn bản được cập nhật, thay thế"))
    kind = models.CharField(_("loại"), max_length=7, choices=ChangeKind.choices)
    replacement = models.ForeignKey(IncomingDocument, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("văn bản thay thế"))
    reason = models.TextField(_("lý do của nơi gửi"), blank=True)
    differences = models.JSONField(_("nội dung thay đổi"), default=list, blank=True)
    receivers = models.JSONField(_("thay đổi nơi nhận"), default=list, blank=True)
    package = models.BinaryField(_("gói tin edXML"))
    package_sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)
    decision = models.CharField(_("trả lời"), max_length=8, blank=True,
                                choices=ChangeDecision.choices)
    decided_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("người trả lời"))
    note = models.TextField(_("ghi chú, lý do"), blank=True)

    class Meta:
        verbose_name = _("cập nhật, thay thế văn bản đến")
        verbose_name_plural = _("cập nhật, thay thế văn bản đến")
        ordering = ["received_at", "pk"]
        constraints = [
            # the same package delivered twice is one change
            models.UniqueConstraint(fields=["document", "package_sha256"],
                                    name="document_change_once_per_package"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.document}"
