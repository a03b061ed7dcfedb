"""The dossier aggregate: the dossier, its steps, pauses, attachments, history and code counter.

Timestamps are the ones the national formulas read (domain §1.2, §5): submitted_at
(NgayNopHoSo), accepted_at (NgayTiepNhan), due_at (NgayHenTra), finished_at
(NgayKetThucXuLy), returned_at (NgayTra).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Channel, Component, ProcedureVersion, ProcessStep
from motcua.core.choices import ChoiceLabels
from motcua.core.encryption import sensitive_storage
from motcua.core.text import fold
from motcua.dossiers.deadlines import Timeliness
from motcua.org.models import Agency


class Status(models.IntegerChoices):
    # The national sync codes 1-10 (domain §1.2)
    SUBMITTED = 1, _("Mới đăng ký")
    ACCEPTED = 2, _("Được tiếp nhận")
    REFUSED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT_REQUESTED = 5, _("Yêu cầu bổ sung giấy tờ")
    AWAITING_PAYMENT = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWAL_REQUESTED = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    FINISHED = 9, _("Đã xử lý xong")
    DELIVERED = 10, _("Đã trả kết quả")


class SubStatus(models.TextChoices):
    NONE = "", _("—")
    # HV sub-states of a pre-acceptance supplement (domain §1.3 T4)
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Chờ bổ sung để tiếp nhận")
    SUPPLEMENT_RECEIVED = "supplement_received", _("Công dân đã gửi bổ sung")


# What waits for the applicant: papers to add (before or after acceptance), a fee to pay
AWAITING_APPLICANT = Q(status__in=(Status.SUPPLEMENT_REQUESTED, Status.AWAITING_PAYMENT)) \
    | Q(status=Status.SUBMITTED, sub_status=SubStatus.AWAITING_SUPPLEMENT)


class OwnerType(models.TextChoices):
    # HV sync owner types 1-4 (domain §3.2)
    CITIZEN = "citizen", _("Công dân")
    BUSINESS = "business", _("Doanh nghiệp")
    AGENCY = "agency", _("Cơ quan nhà nước")
    OTHER = "other", _("Tổ chức khác")


class Delivery(models.TextChoices):
    COUNTER = "counter", _("Nhận tại bộ phận một cửa")
    POST = "post", _("Nhận qua bưu chính công ích")
    ONLINE = "online", _("Nhận bản điện tử trực tuyến")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("Hài lòng")
    NORMAL = "normal", _("Bình thường")
    DISSATISFIED = "dissatisfied", _("Không hài lòng")


NATIONAL_CHANNEL = {Channel.DIRECT: 1, Channel.ONLINE: 2, Channel.POSTAL: 3}


class Dossier(ChoiceLabels, models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=60, unique=True)
    procedure_version = models.ForeignKey(
        ProcedureVersion, models.PROTECT, related_name="dossiers", verbose_name=_("thủ tục")
    )
    receiving_agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="received_dossiers",
        verbose_name=_("cơ quan tiếp nhận"),
    )
    deciding_agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="decided_dossiers",
        verbose_name=_("cơ quan giải quyết"),
    )
    channel = models.CharField(_("kênh nộp"), max_length=6, choices=Channel.choices)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
        related_name="dossiers", verbose_name=_("tài khoản người nộp"),
    )
    owner_type = models.CharField(_("loại chủ hồ sơ"), max_length=10, choices=OwnerType.choices)
    owner_name = models.CharField(_("chủ hồ sơ"), max_length=255)
    owner_id_number = models.CharField(_("số định danh chủ hồ sơ"), max_length=20)
    owner_phone = models.CharField(_("điện thoại"), max_length=15, blank=True)
    owner_email = models.EmailField(_("thư điện tử"), blank=True)
    owner_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    submitter_name = models.CharField(_("người nộp"), max_length=255, blank=True)
    submitter_id_number = models.CharField(_("số định danh người nộp"), max_length=20, blank=True)
    submitter_phone = models.CharField(_("điện thoại người nộp"), max_length=15, blank=True)
    submitter_email = models.EmailField(_("thư điện tử người nộp"), blank=True)
    submitter_address = models.CharField(_("địa chỉ người nộp"), max_length=500, blank=True)
    submitter_type = models.CharField(_("loại người nộp"), max_length=10, blank=True,
                                      choices=OwnerType.choices)
    subject = models.CharField(_("trích yếu"), max_length=500)
    delivery = models.CharField(_("hình thức nhận kết quả"), max_length=8,
                                choices=Delivery.choices, default=Delivery.COUNTER)
    delivery_address = models.CharField(_("địa chỉ nhận kết quả"), max_length=500, blank=True)
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)

    status = models.PositiveSmallIntegerField(_("trạng thái"), choices=Status.choices)
    sub_status = models.CharField(_("trạng thái chi tiết"), max_length=20, blank=True,
                                  choices=SubStatus.choices)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)

    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    due_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True)
    original_due_at = models.DateTimeField(_("ngày hẹn trả ban đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ngày kết thúc xử lý"), null=True, blank=True)
    returned_at = models.DateTimeField(_("ngày trả kết quả"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày từ chối, dừng xử lý"), null=True, blank=True)
    close_reason = models.TextField(_("lý do từ chối, dừng xử lý"), blank=True)

    extended_at = models.DateTimeField(_("ngày xin lỗi, hẹn lại"), null=True, blank=True)
    extension_reason = models.TextField(_("lý do hẹn lại"), blank=True)
    extension_previous_due_at = models.DateTimeField(_("hẹn trả trước khi hẹn lại"),
                                                     null=True, blank=True)

    # Figures fixed when they happen, so a period's report reads them instead of recomputing
    # working time for every dossier (stats.selectors); ``motcua recompute_figures`` rebuilds them.
    timeliness = models.CharField(_("đúng hạn khi giải quyết"), max_length=8, blank=True,
                                  choices=[(Timeliness.EARLY, _("Trước hạn")),
                                           (Timeliness.ON_TIME, _("Đúng hạn")),
                                           (Timeliness.LATE, _("Quá hạn"))])
    resolution_hours = models.DecimalField(
        _("thời gian giải quyết (giờ làm việc)"), max_digits=10, decimal_places=2, null=True,
        blank=True, help_text=_("Từ tiếp nhận đến khi có kết quả, trừ thời gian tạm dừng."))
    supplement_requests = models.PositiveSmallIntegerField(
        _("số lần yêu cầu bổ sung khi giải quyết"), default=0)

    result_received_by = models.CharField(_("người nhận kết quả"), max_length=255, blank=True)
    rating = models.CharField(_("đánh giá"), max_length=12, choices=Rating.choices, blank=True)
    rating_comment = models.TextField(_("góp ý"), blank=True)
    rated_at = models.DateTimeField(_("ngày đánh giá"), null=True, blank=True)

    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["receiving_agency", "status"], name="dossier_receiving_status"),
            models.Index(fields=["deciding_agency", "status"], name="dossier_deciding_status"),
            models.Index(fields=["status", "due_at"], name="dossier_status_due"),
            models.Index(fields=["owner_id_number"], name="dossier_owner_id"),
            # a verified account's "Hồ sơ của tôi" also takes the counter dossiers it submitted:
            # without this index the OR of its branches read the whole table (400 ms at a million)
            models.Index(fields=["submitter_id_number"], name="dossier_submitter_id",
                         condition=~models.Q(submitter_id_number="")),
            # keyset pages of the officers' queues walk these in order (bench_queues.py)
            models.Index(fields=["due_at", "id"], name="dossier_due_keyset"),
            models.Index(fields=["submitted_at", "id"], name="dossier_submitted_keyset"),
            # a queue narrowed to a procedure, in the deadline order of its pages
            models.Index(fields=["procedure_version", "due_at", "submitted_at", "id"],
                         name="dossier_version_due"),
            # the API's list, newest first: its page walks this backwards instead of sorting
            models.Index(fields=["created_at", "id"], name="dossier_created_keyset"),
            # the reports take the dossiers accepted before a period's end (stats.selectors)
            models.Index(fields=["accepted_at"], name="dossier_accepted"),
            # "Hồ sơ của tôi": the few dossiers that wait for the applicant, read off their own
            # index whatever the applicant's number of dossiers (its pages, newest first: the
            # PostgreSQL index of migration 0013)
            models.Index(fields=["applicant", "updated_at", "id"], condition=AWAITING_APPLICANT,
                         name="dossier_applicant_awaiting"),
            # a closed period's "không hài lòng" leaves out the ratings given after its end
            models.Index(fields=["rated_at"], condition=models.Q(rating="dissatisfied"),
                         name="dossier_dissatisfied_rated"),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs) -> None:
        self.search_text = fold(
            f"{self.code} {self.owner_name} {self.owner_id_number} {self.submitter_name} "
            f"{self.subject}"
        )
        super().save(*args, **kwargs)

    @property
    def national_channel(self) -> int:
        return NATIONAL_CHANNEL[Channel(self.channel)]

    @property
    def is_extended(self) -> bool:
        return self.extended_at is not None

    @property
    def is_refused(self) -> bool:
        return self.status == Status.REFUSED

    @property
    def closed_without_result(self) -> bool:
        """Refused at reception or stopped: no result and no due date will come."""
        return self.status in (Status.REFUSED, Status.STOPPED)


class StepState(models.TextChoices):
    ACTIVE = "active", _("Đang thực hiện")
    DONE = "done", _("Đã chuyển tiếp")
    SENT_BACK = "sent_back", _("Bị trả lại")


class DossierStep(models.Model):
    """One pass of the dossier through a step of its process, with that step's due instant."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="steps")
    step = models.ForeignKey(ProcessStep, models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=StepState.choices, default=StepState.ACTIVE)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                 blank=True, related_name="+")
    # domain §1.1: the division head assigns the specialist step to one person (phân công thụ lý)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("người thụ lý"))
    overrun_hours = models.DecimalField(
        _("quá thời gian của bước (giờ làm việc)"), max_digits=8, decimal_places=2, null=True,
        blank=True, help_text=_("Thời gian làm việc vượt quá thời hạn của bước khi kết thúc."))

    class Meta:
        verbose_name = _("bước xử lý của hồ sơ")
        verbose_name_plural = _("bước xử lý của hồ sơ")
        ordering = ["dossier", "started_at", "id"]
        indexes = [models.Index(fields=["agency", "state"], name="dossierstep_agency_state")]

    def __str__(self) -> str:
        return f"{self.dossier.code} {self.step.key}"


class PauseKind(models.TextChoices):
    # NĐ 118/2025, as NĐ 61/2018 art. 15(3): before acceptance, "guide once, completely"
    SUPPLEMENT_BEFORE_ACCEPTANCE = "supplement_before", _("Bổ sung trước khi tiếp nhận")
    SUPPLEMENT = "supplement", _("Bổ sung trong khi giải quyết")
    PAYMENT = "payment", _("Chờ thực hiện nghĩa vụ tài chính")


class Pause(models.Model):
    """A supplement or payment interval: the clock stops (or restarts) around it."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="pauses")
    kind = models.CharField(max_length=18, choices=PauseKind.choices)
    requested_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    items = models.JSONField(default=list, blank=True)
    amount_vnd = models.PositiveBigIntegerField(null=True, blank=True)
    how_to_pay = models.TextField(_("cách thực hiện nghĩa vụ tài chính"), blank=True)

    class Meta:
        verbose_name = _("thời gian tạm dừng")
        verbose_name_plural = _("thời gian tạm dừng")
        ordering = ["dossier", "requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier.code} {self.kind} {self.requested_at:%d/%m/%Y}"


def attachment_key(instance: Attachment, filename: str) -> str:
    """A random storage key: the original name is kept in the row, never in the path."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    key = uuid.uuid4().hex
    return f"dossiers/{key[:2]}/{key}.{extension}"


class Attachment(models.Model):
    """A file of a dossier (or an upload not yet attached to one)."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, null=True, blank=True,
                                related_name="attachments")
    component = models.ForeignKey(Component, models.PROTECT, null=True, blank=True,
                                  related_name="+")
    # encrypted at rest when FILE_ENCRYPTION_KEYS is set (ID-card images: NĐ 356/2025 art. 4)
    file = models.FileField(upload_to=attachment_key, max_length=200,
                            storage=sensitive_storage)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    is_result = models.BooleanField(_("kết quả giải quyết"), default=False,
                                    help_text=_("Bản điện tử của kết quả, đính kèm khi phê duyệt."))

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["dossier", "component__order", "id"]

    def __str__(self) -> str:
        return self.original_name


class PaperDocument(models.Model):
    """A paper document handed in at the counter, with its counts (Mẫu 01's table)."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="paper_documents")
    component = models.ForeignKey(Component, models.PROTECT, related_name="+")
    originals = models.PositiveSmallIntegerField(_("bản chính"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("bản sao chứng thực"), default=0)
    photocopies = models.PositiveSmallIntegerField(_("bản photo"), default=0)

    class Meta:
        verbose_name = _("giấy tờ nộp bản giấy")
        verbose_name_plural = _("giấy tờ nộp bản giấy")
        ordering = ["dossier", "component__order"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "component"], name="paper_once"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.component_id}"


class DossierEvent(models.Model):
    """One action on a dossier, written in the same transaction as the change."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="events")
    action = models.CharField(max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+")
    role = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField()
    from_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices)
    step_key = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField()
    # the dossier's due instant after this event: what "due" was at any past instant
    due_at = models.DateTimeField(null=True, blank=True)
    # the tamper-evident chain (dossiers.chain): the previous version's hash, and this row's
    prev_hash = models.CharField(max_length=64, blank=True, default="")
    hash = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["dossier", "version"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "version"], name="event_version_unique"),
        ]
        indexes = [
            models.Index(fields=["dossier", "at"], name="event_dossier_at"),
            # the payments of a period (QĐ 766 indicator 3.6) are confirmation events
            models.Index(fields=["action", "at"], name="event_action_at"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier.code} v{self.version} {self.action}"


class AuditDigest(models.Model):
    """The day's seal of every dossier's history: how many, the heads' hash, chained by day.

    ``root`` links ``prev_root`` (the previous digest's root) with the day, the counts and
    ``heads_hash`` (dossiers.chain.digest_root), so a digest deleted or edited shows in the next.
    """

    day = models.DateField(_("ngày"), unique=True)
    created_at = models.DateTimeField(_("lúc lập"), auto_now_add=True)
    dossiers = models.PositiveIntegerField(_("số hồ sơ"))
    events = models.PositiveBigIntegerField(_("số dòng lịch sử"))
    heads_hash = models.CharField(_("mã băm các đầu chuỗi"), max_length=64)
    prev_root = models.CharField(_("gốc của bản tóm tắt trước"), max_length=64)
    root = models.CharField(_("gốc"), max_length=64)

    class Meta:
        verbose_name = _("bản tóm tắt nhật ký")
        verbose_name_plural = _("bản tóm tắt nhật ký")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.root[:12]}"


class AuditHead(models.Model):
    """The last event of a dossier's history as the latest digest recorded it.

    One row per dossier, moved forward by each digest. ``dossier_id`` is a plain number, not a
    foreign key, so the row outlives a deleted dossier and the deletion shows.
    """

    dossier_id = models.PositiveBigIntegerField(unique=True)
    code = models.CharField(max_length=60)
    version = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)
    day = models.DateField()

    class Meta:
        verbose_name = _("đầu chuỗi nhật ký")
        verbose_name_plural = _("đầu chuỗi nhật ký")
        ordering = ["dossier_id"]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"


class DailySequence(models.Model):
    """The per-agency, per-day counter behind dossier codes (TT 01/2018 art. 19)."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="sequence_agency_day"),
            models.CheckConstraint(condition=Q(last__gte=0), name="sequence_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%d/%m/%Y}: {self.last}"


class MonthlyFigure(models.Model):
    """A change to one month's report figures of one (receiving agency, deciding agency,
    procedure version), written with the dossier event that made it (dossiers.figures).

    Append-only in the event's transaction (no row is updated, so two submissions never wait
    for the same counter row); the month's figures are the sum of its rows, folded into one by
    ``dossiers.figures.compact``; ``motcua monthly_figures --rebuild`` rebuilds them all from the
    dossiers. Counts may be negative (a change taken back: a dossier stopped after acceptance
    leaves the running ones)."""

    month = models.DateField(_("tháng"))  # its first day, Vietnam date
    receiving_agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    deciding_agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    procedure_version = models.ForeignKey(ProcedureVersion, models.CASCADE, related_name="+")
    received_online = models.IntegerField(default=0)  # accepted in the month, per channel
    received_direct = models.IntegerField(default=0)
    received_postal = models.IntegerField(default=0)
    ended = models.IntegerField(default=0)  # accepted dossiers decided, refused or stopped
    early = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)  # ended without a result (06a: on time)
    on_time_766 = models.IntegerField(default=0)  # the ended ones QĐ 766 indicator 2.1 counts
    resolution_hours = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    dissatisfied_rated = models.IntegerField(default=0)  # ended, rated "không hài lòng"
    late_unexplained = models.IntegerField(default=0)  # decided late, no step over its time

    class Meta:
        verbose_name = _("số liệu tháng")
        verbose_name_plural = _("số liệu tháng")
        indexes = [models.Index(fields=["month"], name="monthlyfigure_month")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.deciding_agency_id} {self.procedure_version_id}"


class MonthlyDelay(models.Model):
    """A change to one month's delay attribution: of the dossiers decided late in the month,
    how many had this step run past its allowance and the working hours over (the leaders'
    "where the time went"). Kept like ``MonthlyFigure``."""

    month = models.DateField(_("tháng"))
    receiving_agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    deciding_agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    step_agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    step = models.ForeignKey(ProcessStep, models.CASCADE, related_name="+")
    dossiers = models.IntegerField(default=0)
    hours = models.DecimalField(max_digits=14, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("số liệu chậm muộn tháng")
        verbose_name_plural = _("số liệu chậm muộn tháng")
        indexes = [models.Index(fields=["month"], name="monthlydelay_month")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.step_agency_id} {self.step_id}"
