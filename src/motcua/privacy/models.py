"""Personal data (security-operations §2; Law 91/2025/QH15, Decree 356/2025/NĐ-CP): the
citizens' data-subject requests with their legal clocks, and the register of breaches and
cyber-incidents with their notification clocks.

The time limits of the requests are rows with their legal source and effective date
(``ClockRule``), never constants: a request keeps the rows in force on the day it was sent.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.voice.models import ClockUnit  # the clocks are read as voice.clocks rows

# the personal-data officer (L91 art. 33(2)): the accounts of this group work the requests and
# the breach register; the group is made by the migrations, members are added in the admin
OFFICER_GROUP = "Cán bộ bảo vệ dữ liệu cá nhân"


class RequestKind(models.TextChoices):
    # NĐ 356/2025 art. 5: the kinds of request, each with its own time limit
    ACCESS = "access", _("Xem, chỉnh sửa, nhận bản sao dữ liệu cá nhân")
    RESTRICT = "restrict", _("Rút lại sự đồng ý, hạn chế hoặc phản đối xử lý")
    DELETE = "delete", _("Xóa dữ liệu cá nhân")
    PROTECT = "protect", _("Yêu cầu áp dụng biện pháp bảo vệ dữ liệu cá nhân")


class Clock(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Xác nhận đã nhận yêu cầu")
    ANSWER = "answer", _("Thực hiện yêu cầu")
    EXTENSION = "extension", _("Gia hạn một lần")


class ClockRule(models.Model):
    """One legal time limit of a kind of request (``kind`` empty: every kind), in force from
    ``effective_from`` until the next row of the same kind and clock takes over."""

    kind = models.CharField(_("loại yêu cầu"), max_length=10, blank=True,
                            choices=RequestKind.choices)
    clock = models.CharField(_("thời hạn"), max_length=12, choices=Clock.choices)
    value = models.PositiveSmallIntegerField(_("số ngày"))
    unit = models.CharField(_("đơn vị"), max_length=13, choices=ClockUnit.choices)
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=255)
    effective_from = models.DateField(_("hiệu lực từ"))

    class Meta:
        verbose_name = _("thời hạn giải quyết yêu cầu về dữ liệu cá nhân")
        verbose_name_plural = _("thời hạn giải quyết yêu cầu về dữ liệu cá nhân")
        ordering = ["kind", "clock", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "clock", "effective_from"],
                                    name="privacy_clock_once_per_date"),
            models.CheckConstraint(condition=Q(value__gt=0), name="privacy_clock_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind or '*'}/{self.clock}: {self.value} {self.unit} ({self.legal_source})"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ xác nhận")
    ACKNOWLEDGED = "acknowledged", _("Đã xác nhận, đang giải quyết")
    DONE = "done", _("Đã thực hiện")
    REFUSED = "refused", _("Không thực hiện (có nêu lý do)")


class DataRequest(models.Model):
    """A citizen's request about their own personal data, and its clocks."""

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT,
                                  related_name="data_requests", verbose_name=_("người yêu cầu"))
    kind = models.CharField(_("loại yêu cầu"), max_length=10, choices=RequestKind.choices)
    details = models.TextField(_("nội dung yêu cầu"))
    status = models.CharField(_("trạng thái"), max_length=12, choices=RequestStatus.choices)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)
    submitted_at = models.DateTimeField(_("ngày gửi"))
    rules_on = models.DateField(_("áp dụng thời hạn hiệu lực ngày"))
    acknowledge_due = models.DateTimeField(_("hạn xác nhận"))
    answer_due = models.DateTimeField(_("hạn thực hiện"))
    acknowledged_at = models.DateTimeField(_("ngày xác nhận"), null=True, blank=True)
    extended_at = models.DateTimeField(_("ngày gia hạn"), null=True, blank=True)
    extension_reason = models.TextField(_("lý do gia hạn"), blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    answer = models.TextField(_("trả lời"), blank=True)
    # L91 art. 14(2), (5): what the law requires to be kept, each with the reason told
    kept = models.JSONField(_("dữ liệu được giữ lại và lý do"), default=list, blank=True)

    class Meta:
        verbose_name = _("yêu cầu của chủ thể dữ liệu")
        verbose_name_plural = _("yêu cầu của chủ thể dữ liệu")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()}"

    @property
    def code(self) -> str:
        return f"DLCN-{self.pk:06d}"


class RequestEvent(models.Model):
    """One step of a request, written in the same transaction as the change."""

    request = models.ForeignKey(DataRequest, models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+")
    role = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField()
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request.code} v{self.version} {self.action}"


class Notice(models.TextChoices):
    # L91 art. 23(1): to the personal-data protection authority (Bộ Công an, A05)
    PERSONAL_DATA = "personal_data", _("Thông báo vi phạm dữ liệu cá nhân (Mẫu 08)")
    # NĐ 331/2026 art. 31(2)(d): a serious incident's first notice, then the report
    INCIDENT_INITIAL = "incident_initial", _("Thông báo ban đầu sự cố an ninh mạng")
    INCIDENT_REPORT = "incident_report", _("Báo cáo sự cố an ninh mạng")


class Breach(models.Model):
    """A personal-data violation, a cybersecurity incident, or both: what the decree asks the
    notice to say (NĐ 356/2025 art. 28) and when each notice was sent. The discovery starts
    every clock (security-operations §2.5)."""

    personal_data = models.BooleanField(_("vi phạm dữ liệu cá nhân"), default=True)
    cyber_incident = models.BooleanField(_("sự cố an ninh mạng"), default=False)
    serious = models.BooleanField(_("sự cố nghiêm trọng"), default=False)
    discovered_at = models.DateTimeField(_("thời điểm phát hiện"))
    occurred_at = models.DateTimeField(_("thời điểm xảy ra"), null=True, blank=True)
    place = models.CharField(_("địa điểm, hệ thống"), max_length=255)
    act = models.TextField(_("hành vi vi phạm"))
    actors = models.CharField(_("tổ chức, cá nhân liên quan"), max_length=500, blank=True)
    data_categories = models.CharField(_("loại dữ liệu cá nhân liên quan"), max_length=500,
                                       blank=True)
    subjects_count = models.PositiveIntegerField(_("số chủ thể dữ liệu"), default=0)
    records_count = models.PositiveIntegerField(_("số bản ghi"), default=0)
    officer_contact = models.CharField(_("liên hệ người phụ trách bảo vệ dữ liệu cá nhân"),
                                       max_length=255)
    consequences = models.TextField(_("hậu quả có thể xảy ra"))
    mitigation = models.TextField(_("biện pháp đã triển khai"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("người ghi nhận"))
    recorded_at = models.DateTimeField(_("ngày ghi nhận"))
    personal_data_notified_at = models.DateTimeField(_("ngày thông báo vi phạm dữ liệu"),
                                                     null=True, blank=True)
    incident_initial_at = models.DateTimeField(_("ngày thông báo ban đầu sự cố"), null=True,
                                               blank=True)
    incident_report_at = models.DateTimeField(_("ngày báo cáo sự cố"), null=True, blank=True)

    class Meta:
        verbose_name = _("vi phạm dữ liệu cá nhân, sự cố an ninh mạng")
        verbose_name_plural = _("sổ vi phạm dữ liệu cá nhân, sự cố an ninh mạng")
        ordering = ["-discovered_at"]
        constraints = [
            models.CheckConstraint(condition=Q(personal_data=True) | Q(cyber_incident=True),
                                   name="breach_is_something"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.place}"

    @property
    def code(self) -> str:
        return f"VP-{self.pk:05d}"
