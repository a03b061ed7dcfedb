"""Emulation and commendation (thi đua, khen thưởng): the catalogue as data and the yearly records.

The catalogue: ``AwardType`` (a title or form: its level, who decides, its cadence) and its
``AwardRule`` rows, one per subject (individual, collective, household) and period in force,
each with its criteria as data (read by ``eligibility``), bonus coefficient, ballot threshold and
legal source. The records, per year: ``Appraisal`` (the rating of a person or a unit),
``Initiative`` (recognised at a scope, serving one award), ``Case`` (a discipline, inspection,
complaint or investigation: a blocker while pending) and ``Award`` (the register: titles and
forms received, imported for past years). ``UnitMember`` says who counts as a unit's staff, and
whether a woman (tie-breaks). Later models (movements, clusters, proposals, councils, decisions)
point at these. docs/emulation.md.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.org.models import Agency, User


class Family(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    HOUSEHOLD = "household", _("Hộ gia đình")


class Level(models.TextChoices):
    CO_SO = "co_so", _("Cơ sở")
    TINH = "tinh", _("Cấp tỉnh")
    TOAN_QUOC = "toan_quoc", _("Toàn quốc, Chính phủ")
    NHA_NUOC = "nha_nuoc", _("Nhà nước")


class DecidedBy(models.TextChoices):
    AGENCY_HEAD = "agency_head", _("Thủ trưởng cơ quan, đơn vị")
    COMMUNE_CHAIR = "commune_chair", _("Chủ tịch UBND cấp xã")
    PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND tỉnh")
    PRIME_MINISTER = "prime_minister", _("Thủ tướng Chính phủ")
    PRESIDENT = "president", _("Chủ tịch nước")


class Cadence(models.TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    ANY_TIME = "any_time", _("Bất cứ lúc nào")
    ONCE = "once", _("Một lần")


class AwardKind(models.TextChoices):
    """Loại hình khen thưởng (Luật 06/2022 điều 8); only ``merit`` feeds chains (NĐ 152/2025
    điều 4(3)). The two thematic kinds come with the amending law from 01/10/2026."""

    MERIT = "merit", _("Khen thưởng theo công trạng, thành tích")
    MOVEMENT = "movement", _("Khen thưởng theo phong trào thi đua")
    ONE_OFF = "one_off", _("Khen thưởng đột xuất")
    LONG_SERVICE = "long_service", _("Khen thưởng quá trình cống hiến")
    SENIORITY = "seniority", _("Khen thưởng theo niên hạn")
    FOREIGN = "foreign", _("Khen thưởng đối ngoại")
    THEMATIC_MOVEMENT = "thematic_movement", _("Khen thưởng phong trào thi đua theo chuyên đề")
    THEMATIC = "thematic", _("Khen thưởng chuyên đề")


class Rating(models.TextChoices):
    """The yearly rating; the names are the engine's ``eligibility.Rating``."""

    KHTNV = "KHTNV", _("Không hoàn thành nhiệm vụ")
    HTNV = "HTNV", _("Hoàn thành nhiệm vụ")
    HTTNV = "HTTNV", _("Hoàn thành tốt nhiệm vụ")
    HTXSNV = "HTXSNV", _("Hoàn thành xuất sắc nhiệm vụ")


class Scope(models.TextChoices):
    CO_SO = "CO_SO", _("Cơ sở")
    TINH = "TINH", _("Cấp tỉnh")
    TOAN_QUOC = "TOAN_QUOC", _("Toàn quốc")


class CaseKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Kỷ luật")
    INSPECTION = "inspection", _("Thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Khiếu nại, tố cáo")
    INVESTIGATION = "investigation", _("Điều tra")


class Discipline(models.TextChoices):
    """The names are the engine's ``eligibility.Discipline``."""

    KHIEN_TRACH = "KHIEN_TRACH", _("Khiển trách")
    CANH_CAO = "CANH_CAO", _("Cảnh cáo")
    HA_BAC_LUONG = "HA_BAC_LUONG", _("Hạ bậc lương")
    GIANG_CHUC = "GIANG_CHUC", _("Giáng chức")
    CACH_CHUC = "CACH_CHUC", _("Cách chức")
    BUOC_THOI_VIEC = "BUOC_THOI_VIEC", _("Buộc thôi việc")


class AwardType(models.Model):
    """A title or form of the catalogue (spec §2), editable by the Department of Home Affairs."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True,
                                  help_text=_("Như in trong lý do xét, ví dụ CSTĐCS."))
    family = models.CharField(_("nhóm"), max_length=5, choices=Family.choices)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    decided_by = models.CharField(_("thẩm quyền quyết định"), max_length=20,
                                  choices=DecidedBy.choices)
    cadence = models.CharField(_("thời điểm xét"), max_length=10, choices=Cadence.choices)
    order = models.PositiveIntegerField(
        _("thứ tự"), default=0, help_text=_("Thứ tự xét: bậc thấp trước, danh hiệu trước."))
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=500)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["order", "code"]
        constraints = [models.CheckConstraint(condition=~Q(legal_source=""),
                                              name="award_type_has_source")]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class AwardRuleQuerySet(models.QuerySet):
    def in_force(self, on: dt.date) -> AwardRuleQuerySet:
        return self.filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on),
                           effective_from__lte=on)


class AwardRule(models.Model):
    """The criteria of one award type for one subject over its period in force (spec §3)."""

    award_type = models.ForeignKey(AwardType, models.CASCADE, related_name="rules",
                                   verbose_name=_("danh hiệu, hình thức"))
    subject = models.CharField(_("đối tượng"), max_length=10, choices=Subject.choices)
    criteria = models.JSONField(
        _("tiêu chuẩn"), default=dict, blank=True,
        help_text=_("Các điều kiện máy đọc được (xem tài liệu docs/emulation.md); để trống "
                    "nếu Hội đồng xét thành tích cụ thể."))
    bonus_coefficient = models.DecimalField(_("hệ số tiền thưởng"), max_digits=5,
                                            decimal_places=2, null=True, blank=True)
    ballot_threshold = models.DecimalField(
        _("tỷ lệ phiếu đồng ý tối thiểu"), max_digits=3, decimal_places=2, null=True,
        blank=True, help_text=_("Trên tổng số thành viên Hội đồng, ví dụ 0,90."))
    tie_break_female = models.BooleanField(
        _("ưu tiên nữ khi bằng nhau"), default=True,
        help_text=_("NĐ 152/2025/NĐ-CP điều 4: khi các trường hợp có thành tích như nhau."))
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=500)

    objects = AwardRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("tiêu chuẩn khen thưởng")
        verbose_name_plural = _("tiêu chuẩn khen thưởng")
        ordering = ["award_type__order", "subject", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_type", "subject", "effective_from"],
                                    name="award_rule_once_per_start"),
            models.CheckConstraint(condition=~Q(legal_source=""), name="award_rule_has_source"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="award_rule_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.award_type.code} — {self.get_subject_display()} — {self.effective_from}"

    def clean(self) -> None:
        from motcua.emulation.eligibility import CHECKS

        unknown = sorted(_criteria_keys(self.criteria) - set(CHECKS))
        if unknown:
            raise ValidationError({"criteria": _("Tiêu chí không hiểu được: %(keys)s") % {
                "keys": ", ".join(unknown)}})


def _criteria_keys(criteria) -> set[str]:
    if not isinstance(criteria, dict):
        return {"?"}
    keys = set(criteria)
    for branch in criteria.get("any_of", ()):
        keys |= _criteria_keys(branch)
    return keys


class SubjectRecord(models.Model):
    """A yearly record about a person (``staff``) or a unit (``agency``): exactly one of them."""

    staff = models.ForeignKey(User, models.CASCADE, null=True, blank=True, related_name="+",
                              verbose_name=_("cá nhân"))
    agency = models.ForeignKey(Agency, models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("tập thể"))

    class Meta:
        abstract = True

    @property
    def subject_label(self) -> str:
        return str(self.staff or self.agency)

    def clean(self) -> None:
        if bool(self.staff_id) == bool(self.agency_id):
            raise ValidationError(_("Chọn đúng một: cá nhân hoặc tập thể."))


def one_subject(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(staff__isnull=False, agency__isnull=True)
        | Q(staff__isnull=True, agency__isnull=False), name=name)


class UnitMember(models.Model):
    """A person counted in a unit's staff for emulation (the ratios of TTLĐTT, TTLĐXS)."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="emulation_members",
                               verbose_name=_("đơn vị"))
    staff = models.ForeignKey(User, models.CASCADE, related_name="emulation_memberships",
                              verbose_name=_("cá nhân"))
    is_female = models.BooleanField(_("nữ"), default=False)
    joined_on = models.DateField(_("từ ngày"))
    left_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên đơn vị thi đua")
        verbose_name_plural = _("thành viên đơn vị thi đua")
        constraints = [models.UniqueConstraint(fields=["agency", "staff", "joined_on"],
                                               name="unit_member_once_per_start")]

    def __str__(self) -> str:
        return f"{self.staff} — {self.agency}"


class Appraisal(SubjectRecord):
    """The yearly rating, as decided (never recomputed): spec §3 "rating caps"."""

    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=6, choices=Rating.choices)
    decision = models.CharField(_("quyết định xếp loại"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year"]
        constraints = [
            one_subject("appraisal_one_subject"),
            models.UniqueConstraint(fields=["staff", "year"], name="appraisal_once_per_staff",
                                    condition=Q(staff__isnull=False)),
            models.UniqueConstraint(fields=["agency", "year"], name="appraisal_once_per_unit",
                                    condition=Q(agency__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} — {self.year} — {self.rating}"


class Award(SubjectRecord):
    """A title or form received: the register (sổ khen thưởng). Past years are imported."""

    award_type = models.ForeignKey(AwardType, models.PROTECT, related_name="awards",
                                   verbose_name=_("danh hiệu, hình thức"))
    kind = models.CharField(_("loại hình"), max_length=20, choices=AwardKind.choices,
                            default=AwardKind.MERIT)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan quyết định"), max_length=255, blank=True)
    basis = models.JSONField(
        _("thành tích đã dùng"), default=list, blank=True,
        help_text=_("Các thành tích làm căn cứ (để không dùng lại cho khen thưởng khác)."))
    revoked_by = models.ForeignKey("Revocation", models.PROTECT, null=True, blank=True,
                                   related_name="awards", verbose_name=_("quyết định thu hồi"))

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("sổ khen thưởng")
        ordering = ["-year", "award_type__order"]
        constraints = [one_subject("award_one_subject")]

    def __str__(self) -> str:
        return f"{self.award_type.code} {self.year} — {self.subject_label}"

    def clean(self) -> None:
        super().clean()
        # Luật 06/2022 điều 5(2): one title per recipient and period
        if self.award_type_id and self.award_type.family == Family.TITLE:
            same = Award.objects.filter(award_type=self.award_type, year=self.year,
                                        staff=self.staff, agency=self.agency)
            if same.exclude(pk=self.pk).exists():
                raise ValidationError(_("Danh hiệu này đã được ghi cho năm %(year)s.") % {
                    "year": self.year})


class Initiative(models.Model):
    """An initiative (or accepted project) recognised at a scope; it serves one award
    (``used_by``, CV 5007)."""

    title = models.CharField(_("tên sáng kiến, đề tài"), max_length=500)
    authors = models.ManyToManyField(User, related_name="emulation_initiatives",
                                     verbose_name=_("tác giả"), blank=True)
    agency = models.ForeignKey(Agency, models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10, choices=Scope.choices)
    recognised_by = models.CharField(_("cơ quan công nhận"), max_length=255, blank=True)
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày công nhận"), null=True, blank=True)
    used_by = models.OneToOneField(Award, models.SET_NULL, null=True, blank=True,
                                   related_name="initiative",
                                   verbose_name=_("đã dùng cho khen thưởng"))

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, {self.get_scope_display()})"


class Case(SubjectRecord):
    """A discipline, inspection, complaint or investigation about a person or unit: while
    ``pending`` nothing is awarded (NĐ 152/2025 điều 4(4))."""

    kind = models.CharField(_("loại vụ việc"), max_length=15, choices=CaseKind.choices)
    discipline = models.CharField(_("hình thức kỷ luật"), max_length=15,
                                  choices=Discipline.choices, blank=True)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    pending = models.BooleanField(_("chưa kết luận"), default=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("vụ việc (kỷ luật, thanh tra, khiếu nại)")
        verbose_name_plural = _("vụ việc (kỷ luật, thanh tra, khiếu nại)")
        ordering = ["-started_on"]
        constraints = [one_subject("case_one_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.subject_label} ({self.started_on})"


# -- proposals, councils, decisions (spec §6, §7, §9) -------------------------------------------


class Parameter(models.TextChoices):
    """The numbers of the procedure, kept as versioned data (spec §13(1))."""

    APPRAISE_DAYS = "appraise_days", _("Thời hạn thẩm định (ngày làm việc)")
    RETURN_DAYS = "return_days", _("Thời hạn trả hồ sơ không đủ điều kiện (ngày làm việc)")
    FORWARD_DAYS = "forward_days", _("Thời hạn chuyển quyết định mỗi cấp (ngày làm việc)")
    QUORUM = "quorum", _("Tỷ lệ thành viên tối thiểu để họp Hội đồng")
    ATTENDANCE = "attendance", _("Tỷ lệ thành viên dự họp xét khen thưởng")
    BASE_SALARY = "base_salary", _("Mức lương cơ sở (đồng)")


class ProcedureValue(models.Model):
    """One number of the procedure (a time limit, a council ratio, the base salary), in force
    from ``effective_from`` until the next row of the same parameter."""

    parameter = models.CharField(_("thông số"), max_length=14, choices=Parameter.choices)
    value = models.DecimalField(_("giá trị"), max_digits=12, decimal_places=4)
    effective_from = models.DateField(_("hiệu lực từ"))
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=500)

    class Meta:
        verbose_name = _("thông số thủ tục khen thưởng")
        verbose_name_plural = _("thông số thủ tục khen thưởng")
        ordering = ["parameter", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["parameter", "effective_from"],
                                    name="procedure_value_once_per_date"),
            models.CheckConstraint(condition=~Q(legal_source=""),
                                   name="procedure_value_has_source"),
            models.CheckConstraint(condition=Q(value__gt=0), name="procedure_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_parameter_display()}: {self.value} ({self.effective_from})"


class ProposalStatus(models.TextChoices):
    # spec §6.1
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã trình")
    RECEIVED = "received", _("Sở Nội vụ đã tiếp nhận")
    RETURNED = "returned", _("Trả lại")
    IN_APPRAISAL = "in_appraisal", _("Đang thẩm định")
    APPRAISED = "appraised", _("Đã thẩm định")
    PUBLIC_NOTICE = "public_notice", _("Đang công khai lấy ý kiến")
    COUNCIL_REVIEW = "council_review", _("Hội đồng đang xét")
    VOTED = "voted", _("Hội đồng đã bỏ phiếu")
    FORWARDED_UP = "forwarded_up", _("Đã trình cấp trên")
    DECIDED = "decided", _("Đã có quyết định")
    NOT_AWARDED = "not_awarded", _("Không được khen thưởng")
    DISTRIBUTED = "distributed", _("Đã trao, gửi quyết định")
    REVOKED = "revoked", _("Đã thu hồi khen thưởng")


class Component(models.TextChoices):
    # Luật 06/2022 điều 84(1)
    SUBMISSION = "submission", _("Tờ trình")
    ACHIEVEMENT_REPORT = "achievement_report", _("Báo cáo thành tích")
    MINUTES = "minutes", _("Biên bản họp xét (kèm kết quả bỏ phiếu)")
    EVIDENCE = "evidence", _("Minh chứng (sáng kiến, xếp loại)")


class NominationResult(models.TextChoices):
    PENDING = "pending", _("Chưa xét")
    # the catalogue holds no criteria for the award: the emulation office appraises it
    TO_APPRAISE = "to_appraise", _("Chờ Sở Nội vụ thẩm định")
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")
    DEFERRED = "deferred", _("Tạm hoãn (đang có vụ việc)")
    PASSED_VOTE = "passed_vote", _("Đạt tỷ lệ phiếu")
    FAILED_VOTE = "failed_vote", _("Không đạt tỷ lệ phiếu")
    AWARDED = "awarded", _("Được khen thưởng")
    NOT_AWARDED = "not_awarded", _("Không được khen thưởng")
    REVOKED = "revoked", _("Bị thu hồi khen thưởng")


class Proposal(models.Model):
    """A proposal dossier (hồ sơ đề nghị khen thưởng) of an agency for a round (spec §6)."""

    code = models.CharField(_("mã hồ sơ"), max_length=20, unique=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    kind = models.CharField(_("loại hình"), max_length=20, choices=AwardKind.choices,
                            default=AwardKind.MERIT)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="emulation_proposals",
                               verbose_name=_("cơ quan đề nghị"))
    status = models.CharField(_("trạng thái"), max_length=15, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT)
    submission_number = models.CharField(_("số tờ trình"), max_length=60, blank=True)
    created_by = models.ForeignKey(User, models.PROTECT, related_name="+",
                                   verbose_name=_("người tạo"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    return_due = models.DateTimeField(_("hạn trả hồ sơ không đủ điều kiện"), null=True,
                                      blank=True)
    appraise_due = models.DateTimeField(_("hạn thẩm định"), null=True, blank=True)
    appraised_at = models.DateTimeField(_("thẩm định xong lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("có quyết định lúc"), null=True, blank=True)
    forward_due = models.DateTimeField(_("hạn chuyển quyết định"), null=True, blank=True)
    return_reasons = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class ProposalComponent(models.Model):
    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="components",
                                 verbose_name=_("hồ sơ"))
    kind = models.CharField(_("thành phần"), max_length=20, choices=Component.choices)
    file = models.FileField(_("tệp"), upload_to="emulation/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    added_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ khen thưởng")
        verbose_name_plural = _("thành phần hồ sơ khen thưởng")
        ordering = ["kind", "added_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class Nomination(SubjectRecord):
    """A person or unit proposed for one title or form, with the engine's verdict and the
    council's vote (spec §8)."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="nominations",
                                 verbose_name=_("hồ sơ"))
    award_type = models.ForeignKey(AwardType, models.PROTECT, related_name="+",
                                   verbose_name=_("danh hiệu, hình thức"))
    printed_name = models.CharField(_("tên in trên bằng"), max_length=255)
    position = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)
    summary = models.CharField(
        _("tóm tắt thành tích"), max_length=1000, blank=True,
        help_text=_("Vài dòng, được công khai trên cổng khi lấy ý kiến nhân dân."))
    result = models.CharField(_("kết quả"), max_length=12, choices=NominationResult.choices,
                              default=NominationResult.PENDING)
    reasons = models.JSONField(_("lý do"), default=list, blank=True)
    award = models.OneToOneField(Award, models.SET_NULL, null=True, blank=True,
                                 related_name="nomination", verbose_name=_("khen thưởng"))
    base_salary = models.DecimalField(_("lương cơ sở áp dụng"), max_digits=12,
                                      decimal_places=0, null=True, blank=True)
    bonus = models.DecimalField(_("tiền thưởng"), max_digits=14, decimal_places=0, null=True,
                                blank=True)
    revoked_by = models.ForeignKey("Revocation", models.PROTECT, null=True, blank=True,
                                   related_name="nominations",
                                   verbose_name=_("quyết định thu hồi"))

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["award_type__order", "pk"]
        constraints = [
            one_subject("nomination_one_subject"),
            models.UniqueConstraint(fields=["proposal", "award_type", "staff", "agency"],
                                    name="nomination_once_per_proposal",
                                    nulls_distinct=False),
        ]

    def __str__(self) -> str:
        return f"{self.printed_name} — {self.award_type.code}"


class ProposalEvent(models.Model):
    """Every transition of a proposal (spec §13(18)): who, when, from, to, why."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    actor = models.ForeignKey(User, models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(_("lúc"))
    from_status = models.CharField(_("từ trạng thái"), max_length=15, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=15)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("diễn biến hồ sơ khen thưởng")
        verbose_name_plural = _("diễn biến hồ sơ khen thưởng")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.from_status} → {self.to_status}"


class Council(models.Model):
    """An emulation and commendation council (Hội đồng TĐKT), provincial or of an agency."""

    name = models.CharField(_("tên hội đồng"), max_length=255)
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+",
                               verbose_name=_("cơ quan thường trực"))

    class Meta:
        verbose_name = _("hội đồng thi đua, khen thưởng")
        verbose_name_plural = _("hội đồng thi đua, khen thưởng")

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A member over a period: the total on a session's date counts (spec §7)."""

    council = models.ForeignKey(Council, models.CASCADE, related_name="members")
    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ trong hội đồng"), max_length=255, blank=True)
    joined_on = models.DateField(_("từ ngày"))
    left_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["joined_on", "pk"]

    def __str__(self) -> str:
        return self.name


class CouncilSession(models.Model):
    council = models.ForeignKey(Council, models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("ngày họp"))
    chair = models.CharField(_("chủ trì"), max_length=255)
    members_total = models.PositiveSmallIntegerField(_("tổng số thành viên"))
    present = models.ManyToManyField(CouncilMember, related_name="+",
                                     verbose_name=_("thành viên dự họp"))
    in_writing = models.ManyToManyField(CouncilMember, related_name="+", blank=True,
                                        verbose_name=_("thành viên vắng có ý kiến bằng văn bản"))
    proposals = models.ManyToManyField(Proposal, related_name="sessions",
                                       verbose_name=_("hồ sơ đưa ra xét"))

    class Meta:
        verbose_name = _("phiên họp hội đồng")
        verbose_name_plural = _("phiên họp hội đồng")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.council} — {self.held_on:%d/%m/%Y}"


class Ballot(models.Model):
    """The count for one nominee at a session; passed on the council's total (spec §7)."""

    session = models.ForeignKey(CouncilSession, models.CASCADE, related_name="ballots")
    nomination = models.ForeignKey(Nomination, models.CASCADE, related_name="ballots")
    yes = models.PositiveSmallIntegerField(_("đồng ý"))
    no = models.PositiveSmallIntegerField(_("không đồng ý"))
    blank = models.PositiveSmallIntegerField(_("phiếu trắng, không biểu quyết"), default=0)
    invalid = models.PositiveSmallIntegerField(_("phiếu không hợp lệ"), default=0)
    written_yes = models.PositiveSmallIntegerField(_("đồng ý bằng văn bản"), default=0)
    written_no = models.PositiveSmallIntegerField(_("không đồng ý bằng văn bản"), default=0)
    threshold = models.DecimalField(_("tỷ lệ yêu cầu"), max_digits=3, decimal_places=2,
                                    null=True, blank=True)
    passed = models.BooleanField(_("đạt"))

    class Meta:
        verbose_name = _("kết quả bỏ phiếu")
        verbose_name_plural = _("kết quả bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["session", "nomination"],
                                               name="ballot_once_per_session")]

    def __str__(self) -> str:
        return f"{self.nomination} — {self.yes + self.written_yes}"


class Decision(models.Model):
    """The award decision of the province, an outgoing document of the register (spec §9)."""

    proposal = models.OneToOneField(Proposal, models.PROTECT, related_name="decision")
    document = models.OneToOneField("exchange.OutgoingDocument", models.PROTECT,
                                    related_name="emulation_decision")
    signer = models.CharField(_("người ký"), max_length=255)
    published = models.BooleanField(_("công khai"), default=False)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")

    def __str__(self) -> str:
        return self.document.notation or str(self.document)


# -- movements, clusters and blocks (spec §5): emulation/clusters.py --------------------------


class MovementForm(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo chuyên đề")


class MovementKind(models.TextChoices):
    """The duration band of report 0601.N (TT 02/2023/TT-BNV)."""

    YEARLY = "yearly", _("Hằng năm")
    CAMPAIGN = "campaign", _("Theo đợt (dưới 1 năm)")
    MULTI_YEAR = "multi_year", _("Nhiều năm (từ 2 đến dưới 5 năm)")
    FIVE_YEAR = "five_year", _("5 năm trở lên")


class MovementScope(models.TextChoices):
    NATIONAL = "national", _("Toàn quốc")
    PROVINCE = "province", _("Tỉnh, bộ, ngành")
    CLUSTER = "cluster", _("Cụm, khối thi đua")
    AGENCY = "agency", _("Cơ quan, đơn vị")


class Movement(models.Model):
    """A movement (phong trào thi đua, Luật 06/2022 điều 16–18): its launch, period, intake
    window and criteria."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    title = models.CharField(_("tên phong trào"), max_length=500)
    form = models.CharField(_("hình thức"), max_length=10, choices=MovementForm.choices)
    kind = models.CharField(_("thời gian phát động"), max_length=12,
                            choices=MovementKind.choices)
    scope = models.CharField(_("phạm vi"), max_length=10, choices=MovementScope.choices)
    launched_by = models.CharField(_("cấp phát động"), max_length=255)
    launch_decision = models.CharField(_("văn bản phát động"), max_length=255, blank=True)
    cluster = models.ForeignKey("Cluster", models.SET_NULL, null=True, blank=True,
                                related_name="movements", verbose_name=_("cụm, khối thi đua"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    intake_from = models.DateField(_("nhận hồ sơ từ ngày"), null=True, blank=True)
    intake_to = models.DateField(_("nhận hồ sơ đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["-starts_on", "code"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="movement_period_ordered")]

    def __str__(self) -> str:
        return self.title


class MovementCriterion(models.Model):
    movement = models.ForeignKey(Movement, models.CASCADE, related_name="criteria",
                                 verbose_name=_("phong trào thi đua"))
    text = models.CharField(_("tiêu chí"), max_length=500)
    mandatory = models.BooleanField(_("bắt buộc"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí phong trào")
        verbose_name_plural = _("tiêu chí phong trào")
        ordering = ["movement", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class ClusterKind(models.TextChoices):
    CUM = "cum", _("Cụm thi đua")
    KHOI = "khoi", _("Khối thi đua")


class Cluster(models.Model):
    """A cluster (cụm: similar units) or block (khối: units by function) organised by a council
    (Luật 06/2022 điều 16(2)(c))."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=4, choices=ClusterKind.choices)
    organiser = models.CharField(_("cơ quan tổ chức"), max_length=255)

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="memberships",
                                verbose_name=_("cụm, khối thi đua"))
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="cluster_memberships",
                               verbose_name=_("đơn vị thành viên"))
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        ordering = ["cluster", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "agency", "valid_from"],
                                               name="cluster_member_once_per_start")]

    def __str__(self) -> str:
        return f"{self.agency} — {self.cluster}"


class ClusterTerm(models.Model):
    """The year's head (cụm trưởng, khối trưởng) and deputy, acclaimed the year before."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="terms",
                                verbose_name=_("cụm, khối thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    head = models.ForeignKey(Agency, models.PROTECT, related_name="+",
                             verbose_name=_("cụm trưởng, khối trưởng"))
    deputy = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("cụm phó, khối phó"))
    acclaimed_on = models.DateField(_("ngày suy tôn"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhiệm kỳ cụm trưởng")
        verbose_name_plural = _("nhiệm kỳ cụm trưởng")
        ordering = ["cluster", "-year"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year"],
                                               name="cluster_term_once_per_year")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}: {self.head}"


class Pledge(models.Model):
    """The pledge (giao ước thi đua) the members sign at the year's first meeting."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="pledges",
                                verbose_name=_("cụm, khối thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    signed_on = models.DateField(_("ngày ký"))
    text = models.TextField(_("nội dung giao ước"))
    signatories = models.ManyToManyField(Agency, related_name="+",
                                         verbose_name=_("đơn vị ký"))

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["cluster", "-year"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year"],
                                               name="pledge_once_per_year")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.year}"


class CriterionKind(models.TextChoices):
    REGULAR = "regular", _("Tiêu chí chấm điểm")
    BONUS = "bonus", _("Điểm thưởng")
    PENALTY = "penalty", _("Điểm trừ")


class ScoreCriterion(models.Model):
    """A row of the year's scoring table (bảng điểm) of a cluster: provincial data."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="criteria",
                                verbose_name=_("cụm, khối thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tiêu chí"), max_length=500)
    kind = models.CharField(_("loại"), max_length=8, choices=CriterionKind.choices,
                            default=CriterionKind.REGULAR)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("bảng điểm thi đua")
        ordering = ["cluster", "year", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "code"],
                                    name="score_criterion_once"),
            models.CheckConstraint(condition=Q(max_points__gt=0),
                                   name="score_criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Score(models.Model):
    """A member's points on one criterion: its self-assessment and the cluster's score."""

    criterion = models.ForeignKey(ScoreCriterion, models.CASCADE, related_name="scores",
                                  verbose_name=_("tiêu chí"))
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+",
                               verbose_name=_("đơn vị"))
    self_points = models.DecimalField(_("điểm tự chấm"), max_digits=6, decimal_places=2,
                                      null=True, blank=True)
    points = models.DecimalField(_("điểm cụm chấm"), max_digits=6, decimal_places=2)
    scored_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("người ghi"))
    scored_at = models.DateTimeField(_("ghi lúc"), auto_now=True)

    class Meta:
        verbose_name = _("điểm thi đua")
        verbose_name_plural = _("điểm thi đua")
        constraints = [models.UniqueConstraint(fields=["criterion", "agency"],
                                               name="score_once_per_member")]

    def __str__(self) -> str:
        return f"{self.agency} — {self.criterion.code}: {self.points}"


class MeetingKind(models.TextChoices):
    OPENING = "opening", _("Hội nghị đầu năm (ký giao ước)")
    MID_YEAR = "mid_year", _("Sơ kết 6 tháng")
    YEAR_END = "year_end", _("Tổng kết năm")


class ClusterMeeting(models.Model):
    """A meeting of the cluster; at the year-end one the members acclaim the next head and
    agree on the cluster's proposals (SAMPLE-004)."""

    cluster = models.ForeignKey(Cluster, models.CASCADE, related_name="meetings",
                                verbose_name=_("cụm, khối thi đua"))
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("loại hội nghị"), max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255)
    chair = models.ForeignKey(Agency, models.PROTECT, related_name="+",
                              verbose_name=_("đơn vị chủ trì"))
    minutes = models.TextField(_("biên bản"), blank=True)
    settled_order = models.JSONField(
        _("thứ tự do cụm trưởng, cụm phó quyết định"), default=list, blank=True,
        help_text=_("Các đơn vị bằng điểm, theo thứ tự cụm trưởng và cụm phó quyết định."))
    next_head = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("cụm trưởng năm sau"))
    next_deputy = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("cụm phó năm sau"))
    recorded_by = models.ForeignKey(User, models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("người ghi"))

    class Meta:
        verbose_name = _("hội nghị cụm, khối")
        verbose_name_plural = _("hội nghị cụm, khối")
        ordering = ["cluster", "-year", "held_on"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year", "kind"],
                                               name="cluster_meeting_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.get_kind_display()} {self.year}"


class ClusterProposal(models.Model):
    """A title or form the cluster agreed to propose for one of its members (a plain record:
    the proposal dossier is built from it)."""

    meeting = models.ForeignKey(ClusterMeeting, models.CASCADE, related_name="proposals",
                                verbose_name=_("hội nghị"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+",
                               verbose_name=_("đơn vị được đề nghị"))
    award_type = models.ForeignKey(AwardType, models.PROTECT, related_name="+",
                                   verbose_name=_("danh hiệu, hình thức"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("đề nghị của cụm, khối")
        verbose_name_plural = _("đề nghị của cụm, khối")
        ordering = ["meeting", "award_type__order", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "agency", "award_type"],
                                               name="cluster_proposal_once")]

    def __str__(self) -> str:
        return f"{self.award_type.code} — {self.agency}"


# -- public notice, revocation, the emulation staff (spec §6, §6.1 rows 8 and 15, §10) ----------


class NoticePeriod(models.Model):
    """How long the appraised nominees of a title or form are posted for public comment, in
    working days, from ``effective_from`` until the next row of the same title (a row without a
    title is the default). Luật 06/2022 điều 84(5) requires publicity without saying how long
    (uncertain); Hà Nội posts for 7 working days (QĐ 71/2025/QĐ-UBND điều 5)."""

    award_type = models.ForeignKey(
        AwardType, models.CASCADE, null=True, blank=True, related_name="notice_periods",
        verbose_name=_("danh hiệu, hình thức"),
        help_text=_("Để trống: áp dụng cho mọi danh hiệu, hình thức không có dòng riêng."))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    effective_from = models.DateField(_("hiệu lực từ"))
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=500)

    class Meta:
        verbose_name = _("thời hạn công khai lấy ý kiến")
        verbose_name_plural = _("thời hạn công khai lấy ý kiến")
        ordering = ["award_type__order", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["award_type", "effective_from"],
                                    name="notice_period_once_per_date", nulls_distinct=False),
            models.CheckConstraint(condition=~Q(legal_source=""),
                                   name="notice_period_has_source"),
            models.CheckConstraint(condition=Q(working_days__gt=0),
                                   name="notice_period_positive"),
        ]

    def __str__(self) -> str:
        title = self.award_type.code if self.award_type_id else _("Mặc định")
        return f"{title}: {self.working_days} ({self.effective_from:%d/%m/%Y})"


class PublicNotice(models.Model):
    """The appraised nominees of a proposal posted on the portal for comment until
    ``ends_at`` (spec §6.1 row 8)."""

    proposal = models.ForeignKey(Proposal, models.CASCADE, related_name="notices",
                                 verbose_name=_("hồ sơ"))
    starts_at = models.DateTimeField(_("công khai từ"))
    ends_at = models.DateTimeField(_("hết hạn lấy ý kiến"))
    published_by = models.ForeignKey(User, models.PROTECT, related_name="+",
                                     verbose_name=_("người công khai"))

    class Meta:
        verbose_name = _("công khai lấy ý kiến")
        verbose_name_plural = _("công khai lấy ý kiến")
        ordering = ["-starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="public_notice_period_ordered")]

    def __str__(self) -> str:
        return f"{self.proposal.code} — {self.ends_at:%d/%m/%Y}"


class NoticeComment(models.Model):
    """A citizen's comment on a public notice, read by the emulation office."""

    notice = models.ForeignKey(PublicNotice, models.CASCADE, related_name="comments",
                               verbose_name=_("công khai lấy ý kiến"))
    name = models.CharField(_("họ và tên người góp ý"), max_length=255)
    contact = models.CharField(_("địa chỉ, điện thoại hoặc thư điện tử"), max_length=255,
                               blank=True)
    text = models.TextField(_("nội dung góp ý"), max_length=4000)
    created_at = models.DateTimeField(_("gửi lúc"))

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.name} — {self.created_at:%d/%m/%Y}"


class RevocationGround(models.TextChoices):
    """The grounds to revoke an award (Luật 06/2022 điều 93; spec §6.1 row 15)."""

    FRAUD = "fraud", _("Gian dối trong việc kê khai thành tích")
    FALSE_RECORDS = "false_records", _("Hồ sơ, giấy tờ không đúng sự thật")
    UNLAWFUL_APPRAISAL = "unlawful_appraisal", _("Thẩm định, xét, đề nghị khen thưởng sai quy định")
    INELIGIBLE = "ineligible", _("Phát hiện sau không đủ điều kiện, tiêu chuẩn")


class Revocation(models.Model):
    """The awarding authority's decision revoking one or more awards (Luật 06/2022 điều 93):
    the awards it names are ``revoked_by`` it, their items and bonus to be recovered."""

    proposal = models.ForeignKey(Proposal, models.PROTECT, null=True, blank=True,
                                 related_name="revocations", verbose_name=_("hồ sơ"))
    ground = models.CharField(_("căn cứ thu hồi"), max_length=20,
                              choices=RevocationGround.choices)
    reason = models.TextField(_("lý do cụ thể"))
    decision_number = models.CharField(_("số quyết định thu hồi"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định thu hồi"))
    issuer = models.CharField(_("cơ quan quyết định thu hồi"), max_length=255)
    recorded_by = models.ForeignKey(User, models.PROTECT, related_name="+",
                                    verbose_name=_("người ghi"))
    recorded_at = models.DateTimeField(_("ghi lúc"))

    class Meta:
        verbose_name = _("quyết định thu hồi khen thưởng")
        verbose_name_plural = _("quyết định thu hồi khen thưởng")
        ordering = ["-decision_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decision_date:%d/%m/%Y})"


class Education(models.TextChoices):
    """The education levels of report 0605.N (TT 02/2023/TT-BNV)."""

    DOCTORATE = "doctorate", _("Tiến sĩ")
    MASTER = "master", _("Thạc sĩ")
    UNIVERSITY = "university", _("Đại học")
    COLLEGE = "college", _("Cao đẳng")
    VOCATIONAL = "vocational", _("Trung cấp")
    OTHER = "other", _("Khác")


class EmulationStaff(models.Model):
    """A person doing emulation and commendation work in a unit in a year: what reports 0604.N
    and 0605.N count (TT 02/2023/TT-BNV). Entered yearly by the office."""

    year = models.PositiveSmallIntegerField(_("năm"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="+",
                               verbose_name=_("cơ quan, đơn vị"))
    full_name = models.CharField(_("họ và tên"), max_length=255)
    is_female = models.BooleanField(_("nữ"), default=False)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    education = models.CharField(_("trình độ chuyên môn"), max_length=12,
                                 choices=Education.choices)
    started_year = models.PositiveSmallIntegerField(
        _("năm bắt đầu làm công tác thi đua, khen thưởng"))
    full_time = models.BooleanField(_("chuyên trách"), default=True,
                                    help_text=_("Bỏ chọn nếu kiêm nhiệm."))

    class Meta:
        verbose_name = _("người làm công tác thi đua, khen thưởng")
        verbose_name_plural = _("người làm công tác thi đua, khen thưởng")
        ordering = ["-year", "agency__name", "full_name"]
        constraints = [
            models.CheckConstraint(condition=Q(started_year__gte=models.F("birth_year")),
                                   name="emulation_staff_started_after_birth"),
            models.CheckConstraint(condition=Q(started_year__lte=models.F("year")),
                                   name="emulation_staff_started_by_year"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.agency} ({self.year})"
