"""Organisations: administrative units, agencies, divisions, staff, roles and applicants."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.identifiers import validate_applicant_id, validate_phone
from motcua.org.codes import InvalidIdentifierCode, identifier_scheme

DEFAULT_MORNING_START = dt.time(7, 0)
DEFAULT_MORNING_END = dt.time(11, 30)
DEFAULT_AFTERNOON_START = dt.time(13, 30)
DEFAULT_AFTERNOON_END = dt.time(17, 0)


class AdminLevel(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện, quận, thị xã (đến 30/6/2025)")
    COMMUNE = "commune", _("Xã, phường, đặc khu")


LEVEL_DEPTH = {AdminLevel.PROVINCE: 1, AdminLevel.DISTRICT: 2, AdminLevel.COMMUNE: 3}


class AdminUnitQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> AdminUnitQuerySet:
        """Units that existed on ``on`` (valid_from <= on <= valid_to, open end allowed)."""
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)


class AdminUnit(models.Model):
    """An administrative unit over its validity period (the 2025 reorganisation is data)."""

    code = models.CharField(_("mã đơn vị hành chính"), max_length=10)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=AdminLevel.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("đơn vị cấp trên"),
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến hết ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="adminunit_code_period"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="adminunit_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        if self.parent_id:
            parent = self.parent
            if LEVEL_DEPTH[AdminLevel(parent.level)] >= LEVEL_DEPTH[AdminLevel(self.level)]:
                errors["parent"] = _("Đơn vị cấp trên phải ở cấp cao hơn.")
            elif self.valid_from and not parent.is_in_force(self.valid_from):
                errors["parent"] = _("Đơn vị cấp trên không còn hiệu lực vào ngày bắt đầu.")
        elif self.level and self.level != AdminLevel.PROVINCE:
            errors["parent"] = _("Huyện và xã phải thuộc một đơn vị cấp trên.")
        if errors:
            raise ValidationError(errors)


def validate_identifier_code(value: str) -> None:
    try:
        identifier_scheme(value)
    except InvalidIdentifierCode as error:
        raise ValidationError(str(error), code="invalid_identifier_code") from None


class Agency(models.Model):
    """A body with an electronic identifier code (QCVN 102:2016 or QĐ 20/2020)."""

    identifier_code = models.CharField(
        _("mã định danh"), max_length=35, unique=True, validators=[validate_identifier_code]
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    abbreviation = models.CharField(
        _("chữ viết tắt"), max_length=30, blank=True,
        help_text=_("Dùng trong ký hiệu văn bản, ví dụ UBND, SVHTTDL."),
    )
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("cơ quan cấp trên"),
    )
    admin_unit = models.ForeignKey(
        AdminUnit, models.PROTECT, related_name="agencies", verbose_name=_("địa bàn phục vụ")
    )
    morning_start = models.TimeField(_("giờ mở cửa buổi sáng"), default=DEFAULT_MORNING_START)
    morning_end = models.TimeField(_("giờ nghỉ trưa"), default=DEFAULT_MORNING_END)
    afternoon_start = models.TimeField(_("giờ làm buổi chiều"), default=DEFAULT_AFTERNOON_START)
    afternoon_end = models.TimeField(_("giờ đóng cửa"), default=DEFAULT_AFTERNOON_END)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    payment_instructions = models.TextField(
        _("hướng dẫn nộp phí, lệ phí"), blank=True,
        help_text=_("Cách thực hiện nghĩa vụ tài chính: số tài khoản, ngân hàng, nội dung chuyển "
                    "khoản, hoặc nộp tại bộ phận một cửa. Điền sẵn khi yêu cầu người nộp."),
    )

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(morning_start__lt=models.F("morning_end"))
                & Q(morning_end__lte=models.F("afternoon_start"))
                & Q(afternoon_start__lt=models.F("afternoon_end")),
                name="agency_office_hours_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.identifier_code})"

    def clean(self) -> None:
        hours = (self.morning_start, self.morning_end, self.afternoon_start, self.afternoon_end)
        if all(hours) and not (hours[0] < hours[1] <= hours[2] < hours[3]):
            raise ValidationError(
                _("Giờ làm việc phải theo thứ tự: mở cửa < nghỉ trưa ≤ làm chiều < đóng cửa.")
            )
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Cơ quan không thể là cấp trên của chính nó.")})


class Division(models.Model):
    """A unit inside an agency (phòng, ban, văn phòng)."""

    agency = models.ForeignKey(
        Agency, models.CASCADE, related_name="divisions", verbose_name=_("cơ quan")
    )
    name = models.CharField(_("tên phòng, ban"), max_length=255)

    class Meta:
        verbose_name = _("phòng, ban")
        verbose_name_plural = _("phòng, ban")
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="division_name_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.agency.name}"


class AccountKind(models.TextChoices):
    STAFF = "staff", _("Cán bộ, công chức")
    APPLICANT = "applicant", _("Công dân, tổ chức, doanh nghiệp")


class NotificationKind(models.TextChoices):
    """What a person is told about. Each kind can be sent by e-mail or not (the profile page);
    the in-app inbox always shows it."""

    DOSSIER_PROGRESS = "dossier_progress", _("Tiến độ hồ sơ: đã nhận, đã tiếp nhận, đã có "
                                             "kết quả")
    ACTION_NEEDED = "action_needed", _("Việc cần tôi làm: bổ sung hồ sơ, nộp phí, lệ phí")
    DOSSIER_DECISION = "dossier_decision", _("Từ chối tiếp nhận, hẹn lại ngày trả, dừng "
                                             "giải quyết")
    STEP_REACHED = "step_reached", _("Hồ sơ chuyển đến bước của tôi")
    SUPPLEMENT_ARRIVED = "supplement_arrived", _("Người nộp đã bổ sung hồ sơ tôi đang xử lý")
    DEADLINES = "deadlines", _("Hồ sơ sắp đến hạn, đến hạn hôm nay, quá hạn")


APPLICANT_NOTIFICATIONS = (NotificationKind.DOSSIER_PROGRESS, NotificationKind.ACTION_NEEDED,
                           NotificationKind.DOSSIER_DECISION)
STAFF_NOTIFICATIONS = (NotificationKind.STEP_REACHED, NotificationKind.SUPPLEMENT_ARRIVED,
                       NotificationKind.DEADLINES)
# the outbox topic of each notification -> its kind
NOTIFICATION_KIND_OF_TOPIC = {
    **dict.fromkeys(("submitted", "receipt", "result_ready", "supplement_received"),
                    NotificationKind.DOSSIER_PROGRESS),
    **dict.fromkeys(("supplement_request", "payment_request"), NotificationKind.ACTION_NEEDED),
    **dict.fromkeys(("refusal", "apology", "stop_notice", "due_recounted"),
                    NotificationKind.DOSSIER_DECISION),
    "step_reached": NotificationKind.STEP_REACHED,
    "supplement_arrived": NotificationKind.SUPPLEMENT_ARRIVED,
    **dict.fromkeys(("late_guard", "due_today", "overdue"), NotificationKind.DEADLINES),
}


class User(AbstractUser):
    """Every login: staff and applicants are two kinds of account."""

    kind = models.CharField(
        _("loại tài khoản"), max_length=10, choices=AccountKind.choices, default=AccountKind.STAFF
    )
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    # the NotificationKind values this person does not want by e-mail (empty: every kind)
    email_notifications_off = models.JSONField(
        _("không nhận thư điện tử về"), default=list, blank=True)

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")

    def clean(self) -> None:
        super().clean()
        if self.phone:
            try:
                validate_phone(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error}) from None

    @property
    def is_applicant(self) -> bool:
        return self.kind == AccountKind.APPLICANT

    def get_short_name(self) -> str:
        """The given name, last in Vietnamese order (last_name, see split_full_name)."""
        return self.last_name or self.first_name

    def wants_email(self, topic: str) -> bool:
        """Whether a notification of this outbox topic may go to this person by e-mail (a topic
        of no kind, e.g. a password reset, always may)."""
        kind = NOTIFICATION_KIND_OF_TOPIC.get(topic)
        return kind is None or self.wants_email_of_kind(kind)

    def wants_email_of_kind(self, kind: NotificationKind) -> bool:
        return kind not in self.email_notifications_off

    def notification_kinds(self) -> tuple[NotificationKind, ...]:
        """The kinds this account is told about."""
        return APPLICANT_NOTIFICATIONS if self.is_applicant else STAFF_NOTIFICATIONS


class ApplicantType(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    BUSINESS = "business", _("Doanh nghiệp")
    ORGANISATION = "organisation", _("Tổ chức khác")


class ApplicantProfile(models.Model):
    """The identity of a citizen or business account (one per applicant user)."""

    user = models.OneToOneField(
        User, models.CASCADE, related_name="applicant_profile", verbose_name=_("tài khoản")
    )
    applicant_type = models.CharField(
        _("loại"), max_length=12, choices=ApplicantType.choices, default=ApplicantType.CITIZEN
    )
    id_number = models.CharField(
        _("số định danh"), max_length=14, unique=True,
        help_text=_("Số căn cước (12 chữ số) hoặc mã số doanh nghiệp."),
    )
    organisation_name = models.CharField(_("tên tổ chức"), max_length=255, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    # Identity checked (papers seen by an officer or an administrator; VNeID later): only then
    # does the account see the dossiers filed at the counter under its ID number.
    identity_verified_at = models.DateTimeField(_("đã xác minh danh tính lúc"), null=True,
                                                blank=True, editable=False)
    identity_verified_by = models.ForeignKey(
        User, models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("người xác minh danh tính"),
    )

    class Meta:
        verbose_name = _("hồ sơ người nộp")
        verbose_name_plural = _("hồ sơ người nộp")

    def __str__(self) -> str:
        return f"{self.display_name} ({self.id_number})"

    @property
    def identity_verified(self) -> bool:
        return self.identity_verified_at is not None

    @property
    def display_name(self) -> str:
        return self.organisation_name or self.user.get_full_name() or self.user.username

    def clean(self) -> None:
        if self.applicant_type == ApplicantType.ORGANISATION:
            return
        try:
            validate_applicant_id(self.applicant_type, self.id_number)
        except ValidationError as error:
            raise ValidationError({"id_number": error}) from None
        if self.applicant_type == ApplicantType.BUSINESS and not self.organisation_name:
            raise ValidationError({"organisation_name": _("Nhập tên doanh nghiệp.")})


class VneidAccountType(models.TextChoices):
    """``LoaiTaiKhoan`` of DVCQG's single sign-on (integrations §2.3)."""

    CITIZEN = "1", _("Công dân")
    BUSINESS = "2", _("Doanh nghiệp")
    ORGANISATION = "3", _("Tổ chức")


class VneidLink(models.Model):
    """An applicant account signed in with VNeID through DVCQG's single sign-on (integrations
    §2.4): found again by ``TechID``; the last sign-in is the evidence of 766 indicator 4.5.
    No token is kept."""

    user = models.OneToOneField(User, models.CASCADE, related_name="vneid_link",
                                verbose_name=_("tài khoản"))
    tech_id = models.CharField("TechID", max_length=100, unique=True)
    account_type = models.CharField(_("loại tài khoản VNeID"), max_length=1,
                                    choices=VneidAccountType.choices)
    old_id_number = models.CharField(_("số chứng minh nhân dân cũ"), max_length=12, blank=True)
    levels = models.CharField(_("mức độ định danh (loAs)"), max_length=40, blank=True)
    linked_at = models.DateTimeField(_("liên kết lúc"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("đăng nhập bằng VNeID gần nhất lúc"))
    sign_ins = models.PositiveIntegerField(_("số lần đăng nhập bằng VNeID"), default=0)

    class Meta:
        verbose_name = _("liên kết tài khoản VNeID")
        verbose_name_plural = _("liên kết tài khoản VNeID")

    def __str__(self) -> str:
        return f"{self.user} ↔ {self.tech_id}"


class Role(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("Cán bộ một cửa")
    CLERK = "clerk", _("Văn thư")
    SPECIALIST = "specialist", _("Chuyên viên")
    DIVISION_HEAD = "division_head", _("Lãnh đạo phòng")
    AGENCY_LEADER = "agency_leader", _("Lãnh đạo cơ quan")
    STATISTICS_VIEWER = "statistics_viewer", _("Xem thống kê")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


class RoleAssignment(models.Model):
    """A staff member holds a role in an agency (optionally within one division)."""

    user = models.ForeignKey(
        User, models.CASCADE, related_name="role_assignments", verbose_name=_("cán bộ")
    )
    agency = models.ForeignKey(
        Agency, models.CASCADE, related_name="role_assignments", verbose_name=_("cơ quan")
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    division = models.ForeignKey(
        Division, models.CASCADE, null=True, blank=True, related_name="role_assignments",
        verbose_name=_("phòng, ban"),
    )
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    class Meta:
        verbose_name = _("phân công vai trò")
        verbose_name_plural = _("phân công vai trò")
        ordering = ["agency__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], condition=Q(division__isnull=True),
                name="role_once_per_agency",
            ),
            models.UniqueConstraint(
                fields=["user", "agency", "role", "division"],
                condition=Q(division__isnull=False), name="role_once_per_division",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency.name}"

    def clean(self) -> None:
        if self.user_id and self.user.kind != AccountKind.STAFF:
            raise ValidationError(
                {"user": _("Chỉ tài khoản cán bộ, công chức mới được phân công vai trò.")}
            )
        if self.division_id and self.agency_id and self.division.agency_id != self.agency_id:
            raise ValidationError({"division": _("Phòng, ban không thuộc cơ quan đã chọn.")})


class PasswordHistory(models.Model):
    """An administrator's password as it was set (its hash only): the last ones may not be
    chosen again, and the newest one's date starts the expiry clock (docs/security.md)."""

    user = models.ForeignKey(User, models.CASCADE, related_name="password_history",
                             verbose_name=_("tài khoản"))
    password = models.CharField(max_length=128)
    changed_at = models.DateTimeField(_("đổi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("mật khẩu đã dùng")
        verbose_name_plural = _("mật khẩu đã dùng")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} — {self.changed_at:%d/%m/%Y}"
