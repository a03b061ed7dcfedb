"""The procedure catalogue: procedures, their versions in force, components, fees, processes."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.limits import SAME_DAY, TimeLimit
from motcua.catalog.process import working_hours_of
from motcua.core.text import search_document
from motcua.org.models import Agency, Division, Role
from motcua.workcal.engine import Unit

# National TTHC database codes: "1.009374", "2.001594" (domain §3.2).
NATIONAL_CODE_PATTERN = re.compile(r"[0-9A-Z]{1,3}(\.[0-9A-Z]{3,9})+")
DEFAULT_CUTOFF = dt.time(15, 0)  # NĐ 118/2025, as NĐ 61/2018 art. 18(2); per procedure


class Sector(models.Model):
    """Lĩnh vực: the field a procedure belongs to."""

    code = models.CharField(_("mã lĩnh vực"), max_length=30, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """An administrative procedure (TTHC), identified by its national code and local suffix."""

    national_code = models.CharField(_("mã TTHC quốc gia"), max_length=40)
    local_suffix = models.CharField(_("hậu tố địa phương"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["national_code", "local_suffix"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_code", "local_suffix"], name="procedure_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"{self.national_code}.{self.local_suffix}" if self.local_suffix else (
            self.national_code
        )

    def clean(self) -> None:
        if not NATIONAL_CODE_PATTERN.fullmatch(self.national_code or ""):
            raise ValidationError(
                {"national_code": _("Mã TTHC có dạng 1.009374 (chữ số và dấu chấm).")}
            )


class Level(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")
    DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")


class OnlineLevel(models.TextChoices):
    # NĐ 42/2022 art. 11(1), as amended by NĐ 118/2025 art. 40(7)
    FULL = "full", _("Trực tuyến toàn trình")
    PARTIAL = "partial", _("Trực tuyến một phần")
    INFORMATION = "information", _("Chỉ cung cấp thông tin")


class ResultType(models.TextChoices):
    PAPER = "paper", _("Bản giấy")
    ELECTRONIC = "electronic", _("Bản điện tử")
    BOTH = "both", _("Bản giấy và bản điện tử")


class SupplementPolicy(models.TextChoices):
    # NĐ 61/2018 art. 19(4): recount from the start once the full dossier arrives; whether NĐ
    # 118/2025 keeps it is unconfirmed (domain §10), hence a policy per procedure
    RESTART = "restart", _("Tính lại từ đầu")
    # Pause: the due date moves by the paused time (766 formula, domain §1.5(6))
    PAUSE = "pause", _("Tạm dừng, cộng thời gian bổ sung")


class Channel(models.TextChoices):
    # KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích (domain §1.2)
    DIRECT = "direct", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POSTAL = "postal", _("Bưu chính công ích")


LIMIT_UNITS = [(Unit.WORKING_HOURS.value, _("giờ làm việc")),
               (Unit.WORKING_DAYS.value, _("ngày làm việc")),
               (Unit.CALENDAR_DAYS.value, _("ngày")),
               (SAME_DAY, _("trong ngày"))]


def limit_label(limit: TimeLimit) -> str:
    """The limit as the portal and the slips write it: '2 tháng và 15 ngày làm việc'."""
    if not limit.is_fixed:
        return limit.text or str(_("Không quy định"))
    units = dict(LIMIT_UNITS)
    if limit.unit == SAME_DAY:
        return str(units[SAME_DAY]).capitalize()
    amount = f"{limit.value.normalize():f}".replace(".", ",")
    if not limit.months:
        return f"{amount} {units[limit.unit]}"
    if not limit.value:
        return str(_("%(months)d tháng")) % {"months": limit.months}
    return str(_("%(months)d tháng và %(amount)s %(unit)s")) % {
        "months": limit.months, "amount": amount, "unit": units[limit.unit]}


class ProcedureVersionQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> ProcedureVersionQuerySet:
        return self.filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on), effective_from__lte=on
        )


class ProcedureVersion(models.Model):
    """The procedure's rules in force over a period. A dossier keeps the version it got."""

    procedure = models.ForeignKey(
        Procedure, models.PROTECT, related_name="versions", verbose_name=_("thủ tục")
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    effective_from = models.DateField(_("hiệu lực từ ngày"))
    effective_to = models.DateField(_("hiệu lực đến hết ngày"), null=True, blank=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    search_text = models.TextField(editable=False, default="")  # folded: see index_for_search
    search_marked = models.TextField(editable=False, default="")  # the same, diacritics kept
    sector = models.ForeignKey(Sector, models.PROTECT, verbose_name=_("lĩnh vực"))
    level = models.CharField(_("cấp thực hiện"), max_length=10, choices=Level.choices)
    # every level that carries it out ("Cấp tỉnh, Cấp xã"), comma-separated; ``level`` first
    levels = models.CharField(_("các cấp thực hiện"), max_length=40, blank=True)
    deciding_agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="decided_procedures",
        verbose_name=_("cơ quan quyết định"),
    )
    receiving_agencies = models.ManyToManyField(
        Agency, related_name="received_procedures", verbose_name=_("nơi tiếp nhận"), blank=True
    )
    channels = models.JSONField(_("kênh nộp hồ sơ"), default=list)
    online_level = models.CharField(
        _("mức độ trực tuyến"), max_length=12, choices=OnlineLevel.choices
    )
    result_type = models.CharField(_("loại kết quả"), max_length=10, choices=ResultType.choices)
    # the national catalogue's KETQUATHUCHIEN[].MAKETQUA, TENKETQUA (integrations §1.6): the code
    # and name DVCQG files the electronic result under (MaGiayToKetQua, integrations §6.2)
    result_code = models.CharField(_("mã kết quả (MAKETQUA)"), max_length=60, blank=True)
    result_name = models.CharField(_("tên giấy tờ kết quả"), max_length=500, blank=True)
    time_limit_value = models.DecimalField(
        _("thời hạn giải quyết"), max_digits=8, decimal_places=2, null=True, blank=True,
        help_text=_("Để trống nếu thủ tục không quy định thời hạn."),
    )
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=14, blank=True, choices=LIMIT_UNITS
    )
    time_limit_months = models.PositiveSmallIntegerField(
        _("số tháng (tính trước)"), default=0,
        help_text=_("Thời hạn có tháng: tính tháng theo lịch trước, rồi đến số ngày."),
    )
    time_limit_text = models.CharField(
        _("thời hạn như văn bản ghi"), max_length=500, blank=True,
        help_text=_("Ví dụ: Khác; 02 tháng và 15 ngày làm việc."),
    )
    cutoff = models.TimeField(_("giờ chốt tiếp nhận"), null=True, blank=True,
                              default=DEFAULT_CUTOFF)
    supplement_policy = models.CharField(
        _("khi bổ sung hồ sơ"), max_length=8, choices=SupplementPolicy.choices,
        default=SupplementPolicy.RESTART,
    )
    immediate_result = models.BooleanField(_("trả kết quả ngay"), default=False)
    legal_basis = models.JSONField(_("căn cứ pháp lý"), default=list, blank=True)
    description = models.TextField(_("trình tự thực hiện, ghi chú"), blank=True)
    # NĐ 63/2010/NĐ-CP art. 8 (as amended by NĐ 92/2017): a procedure states who uses it
    # (đối tượng thực hiện) and its requirements and conditions beside its steps and papers
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    requirements = models.TextField(_("yêu cầu, điều kiện"), blank=True)

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure", "effective_from"], name="version_start_unique"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="version_period_ordered",
            ),
            models.CheckConstraint(
                condition=(Q(time_limit_value__isnull=True) & Q(time_limit_unit=""))
                | (Q(time_limit_value__gte=0) & ~Q(time_limit_unit="")),
                name="version_time_limit_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number} — {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.levels = ",".join(dict.fromkeys([self.level, *self.level_set]))
        self.index_for_search()
        super().save(*args, **kwargs)

    @property
    def level_set(self) -> list[str]:
        return [code for code in self.levels.split(",") if code] or [self.level]

    @property
    def level_labels(self) -> list[str]:
        return [Level(code).label for code in self.level_set if code in Level.values]

    def index_for_search(self) -> None:
        """The name first (an exact name is where the document starts), then the sector, the
        deciding agency and the code: what a citizen may type to find the procedure."""
        sections = (self.name, self.sector.name, self.deciding_agency.name, self.procedure.code)
        self.search_text = search_document(sections)
        self.search_marked = search_document(sections, marks=True)

    @property
    def accepts_online(self) -> bool:
        return Channel.ONLINE in self.channels and self.online_level != OnlineLevel.INFORMATION

    @property
    def channel_labels(self) -> list[str]:
        return [Channel(code).label for code in self.channels if code in Channel.values]

    def receivers(self) -> list:
        """The agencies that receive it: its receiving points, else the deciding agency."""
        return list(self.receiving_agencies.all()) or [self.deciding_agency]

    @property
    def has_time_limit(self) -> bool:
        return self.time_limit_value is not None

    @property
    def default_limit(self) -> TimeLimit:
        """The limit of every channel the version does not list on its own."""
        return TimeLimit(self.time_limit_value, self.time_limit_unit, self.time_limit_months,
                         self.time_limit_text)

    def limit_for(self, channel: str) -> TimeLimit:
        """The limit of a dossier filed through ``channel`` (the export's "Cách thức thực
        hiện": one limit per channel), else the version's default."""
        own = next((c for c in self.channel_limits.all() if c.channel == channel), None)
        return own.limit if own else self.default_limit

    def limits_by_channel(self) -> list[ChannelLimit]:
        """Each channel the version accepts with the limit a dossier filed through it gets: its
        own row of "Cách thức thực hiện", else the default (unsaved, with no description)."""
        own = {way.channel: way for way in self.channel_limits.all()}
        default = self.default_limit
        return [own.get(channel) or ChannelLimit(
            version=self, channel=channel, value=default.value, unit=default.unit,
            months=default.months, text=default.text) for channel in self.channels]

    def fees_for(self, channel: str) -> list[Fee]:
        """The fees of ``channel``: those of every channel and those of that one."""
        return [fee for fee in self.fees.all() if fee.channel in ("", channel)]

    @property
    def limit_label(self) -> str:
        return limit_label(self.default_limit)

    @property
    def time_limit_hours(self) -> Decimal | None:
        """The limit in working hours, for comparing with the process."""
        return self.default_limit.working_hours

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            errors["effective_to"] = _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        if (self.time_limit_value is None) != (not self.time_limit_unit):
            errors["time_limit_unit"] = _("Nhập cả thời hạn và đơn vị, hoặc để trống cả hai.")
        if (
            self.time_limit_unit == Unit.CALENDAR_DAYS and self.time_limit_value is not None
            and self.time_limit_value != self.time_limit_value.to_integral_value()
        ):
            errors["time_limit_value"] = _("Thời hạn tính theo ngày phải là số nguyên.")
        unknown = set(self.channels or []) - set(Channel.values)
        if unknown or not self.channels:
            errors["channels"] = _("Chọn ít nhất một kênh: direct, online, postal.")
        elif self.online_level == OnlineLevel.FULL and Channel.ONLINE not in self.channels:
            errors["channels"] = _("Thủ tục toàn trình phải cho phép nộp trực tuyến.")
        if errors:
            raise ValidationError(errors)


class ChannelLimit(models.Model):
    """The time limit of one channel when it differs from the version's default (5 days
    online, 15 at the counter): a dossier's due instant reads its own channel's."""

    version = models.ForeignKey(
        ProcedureVersion, models.CASCADE, related_name="channel_limits",
        verbose_name=_("phiên bản"),
    )
    channel = models.CharField(_("kênh"), max_length=6, choices=Channel.choices)
    value = models.DecimalField(_("thời hạn"), max_digits=8, decimal_places=2, null=True,
                                blank=True)
    unit = models.CharField(_("đơn vị"), max_length=14, blank=True, choices=LIMIT_UNITS)
    months = models.PositiveSmallIntegerField(_("số tháng (tính trước)"), default=0)
    text = models.CharField(_("thời hạn như văn bản ghi"), max_length=500, blank=True)
    description = models.TextField(_("mô tả cách thức"), blank=True)

    class Meta:
        verbose_name = _("thời hạn theo kênh")
        verbose_name_plural = _("thời hạn theo kênh")
        ordering = ["version", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["version", "channel"],
                                    name="channel_limit_unique"),
            models.CheckConstraint(
                condition=(Q(value__isnull=True) & Q(unit=""))
                | (Q(value__gte=0) & ~Q(unit="")),
                name="channel_limit_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.label}"

    @property
    def limit(self) -> TimeLimit:
        return TimeLimit(self.value, self.unit, self.months, self.text)

    @property
    def label(self) -> str:
        return limit_label(self.limit)


class CopyForm(models.TextChoices):
    ORIGINAL = "original", _("Bản chính")
    CERTIFIED_COPY = "certified_copy", _("Bản sao chứng thực")
    COPY = "copy", _("Bản sao")


class Component(models.Model):
    """A document the dossier must (or may) contain."""

    version = models.ForeignKey(
        ProcedureVersion, models.CASCADE, related_name="components", verbose_name=_("phiên bản")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    required = models.BooleanField(_("bắt buộc"), default=True)
    form = models.CharField(_("loại bản"), max_length=14, choices=CopyForm.choices,
                            default=CopyForm.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("số bản"), default=1)
    template = models.FileField(_("mẫu đơn, tờ khai"), upload_to="catalog/templates/",
                                blank=True)
    from_national_database = models.BooleanField(
        _("khai thác từ CSDL quốc gia"), default=False,
        help_text=_("Không bắt người nộp nộp lại giấy tờ đã có trong cơ sở dữ liệu."),
    )

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="component_order_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def asked_of_applicant(self) -> bool:
        """Required of the applicant: required and not taken by the agency from a national
        database (domain §1.4), on the portal and at the counter alike."""
        return self.required and not self.from_national_database


class FeeKind(models.TextChoices):
    FEE = "fee", _("Phí")
    CHARGE = "charge", _("Lệ phí")


class Fee(models.Model):
    version = models.ForeignKey(
        ProcedureVersion, models.CASCADE, related_name="fees", verbose_name=_("phiên bản")
    )
    kind = models.CharField(_("loại"), max_length=6, choices=FeeKind.choices)
    name = models.CharField(_("tên khoản thu"), max_length=300)
    amount_vnd = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    channel = models.CharField(_("kênh"), max_length=6, choices=Channel.choices, blank=True,
                               help_text=_("Để trống nếu thu như nhau ở mọi kênh."))

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["version", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount_vnd:,} đồng".replace(",", ".")


class ProcessStep(models.Model):
    """One step of the internal process, with the role that does it and its time."""

    version = models.ForeignKey(
        ProcedureVersion, models.CASCADE, related_name="steps", verbose_name=_("phiên bản")
    )
    key = models.CharField(_("mã bước"), max_length=10, help_text=_("Ví dụ B1, B2."))
    order = models.PositiveSmallIntegerField(_("thứ tự hiển thị"))
    name = models.CharField(_("tên bước"), max_length=300)
    role = models.CharField(_("vai trò thực hiện"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("cơ quan phối hợp"),
        help_text=_("Để trống nếu là cơ quan giải quyết; chọn cơ quan khác cho bước liên thông."),
    )
    division = models.ForeignKey(
        Division, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("phòng, ban"),
    )
    duration_value = models.DecimalField(_("thời gian"), max_digits=6, decimal_places=2)
    duration_unit = models.CharField(
        _("đơn vị"), max_length=14, default=Unit.WORKING_DAYS.value,
        choices=[(Unit.WORKING_HOURS.value, _("giờ làm việc")),
                 (Unit.WORKING_DAYS.value, _("ngày làm việc"))],
    )
    can_send_back = models.BooleanField(_("được trả lại bước trước"), default=False)
    next_steps = models.ManyToManyField(
        "self", symmetrical=False, related_name="previous_steps", blank=True,
        verbose_name=_("bước tiếp theo"),
    )

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("quy trình nội bộ")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="step_key_unique"),
            models.CheckConstraint(condition=Q(duration_value__gte=0), name="step_duration_ok"),
        ]

    def __str__(self) -> str:
        return f"{self.key}. {self.name}"

    @property
    def duration_hours(self) -> Decimal:
        return working_hours_of(self.duration_value, self.duration_unit)


class NationalCode(models.Model):
    """Which national catalogue record a local procedure follows (integrations §1.6): DVCQG's
    ``MATTHC`` (``1.001776`` where the province writes ``1.001776.000.00.00.H56``) and its
    public service ``MADVC``. Kept by the operator; the catalogue pull adds one for each
    procedure it creates or finds under the national code itself."""

    procedure = models.OneToOneField(Procedure, models.CASCADE, related_name="national_link",
                                     verbose_name=_("thủ tục địa phương"))
    matthc = models.CharField(_("mã TTHC trên CSDL quốc gia (MATTHC)"), max_length=40,
                              unique=True)
    madvc = models.CharField(_("mã dịch vụ công (MADVC)"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("mã thủ tục quốc gia")
        verbose_name_plural = _("mã thủ tục quốc gia")
        ordering = ["matthc"]

    def __str__(self) -> str:
        return f"{self.matthc} ↔ {self.procedure}"


class PullState(models.TextChoices):
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Thất bại")


class PullOutcome(models.TextChoices):
    """What a pull did to one procedure (a row of ``CatalogueSync.report``)."""

    CREATED = "created", _("Thêm mới")
    CHANGED = "changed", _("Phiên bản mới")
    UNCHANGED = "unchanged", _("Không đổi")
    DEACTIVATED = "deactivated", _("Hết hiệu lực")
    FAILED = "failed", _("Bỏ qua vì lỗi")


class CatalogueSync(models.Model):
    """One pull of the national procedure catalogue (integrations §1.6): its figures, what it
    did to each procedure (``report``: code, name, outcome, changes, reason, in Vietnamese) and
    the raw package it received (``package``: the list, each record, each decision)."""

    started_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    state = models.CharField(_("trạng thái"), max_length=8, choices=PullState.choices,
                             default=PullState.RUNNING)
    dry_run = models.BooleanField(_("chạy thử"), default=False)
    agency_code = models.CharField(_("mã đơn vị (maDonVi)"), max_length=60, blank=True)
    effective_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    reason = models.TextField(_("lý do thất bại"), blank=True)
    created = models.PositiveIntegerField(_("thêm mới"), default=0)
    changed = models.PositiveIntegerField(_("có phiên bản mới"), default=0)
    deactivated = models.PositiveIntegerField(_("hết hiệu lực"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    failed = models.PositiveIntegerField(_("bỏ qua vì lỗi"), default=0)
    report = models.JSONField(_("báo cáo thay đổi"), default=list, blank=True)
    package = models.JSONField(_("gói tin nhận được"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lần lấy danh mục TTHC quốc gia")
        verbose_name_plural = _("lần lấy danh mục TTHC quốc gia")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.get_state_display()})"
