"""Citizens' voice: letters (đơn) received by an agency and the cases of each track.

A letter is registered with a number in the agency's register of the year, then classified
(domain feedback-complaints §2.2): feedback and petitions (PAKN), complaint, denunciation, or
mixed (split into one letter per content). Each track keeps its own case table; the first one
here is ``FeedbackCase`` (§3). The clocks are data (``ClockRule``, §9): each row cites its legal
source and the date it came into force, and a case keeps the rows in force when it was accepted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.encryption import sensitive_storage
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from motcua.outbox.models import Deliverable


class LetterChannel(models.TextChoices):
    # domain §2.1; NĐ 20/2008 art. 6-7
    PORTAL = "portal", _("Cổng dịch vụ công (trực tuyến)")
    DESK = "desk", _("Tại nơi tiếp nhận (nhập kèm bản quét)")
    POST = "post", _("Qua bưu chính")
    FORWARDED = "forwarded", _("Cơ quan khác chuyển đến")
    HOTLINE = "hotline", _("Đường dây nóng")
    EMAIL = "email", _("Thư điện tử")
    # domain §3.3, §3.5: filed on the national PAKN system and routed to us
    NATIONAL = "national", _("Hệ thống tiếp nhận phản ánh, kiến nghị quốc gia")


class Track(models.TextChoices):
    # domain §2.2 "Content"
    FEEDBACK = "feedback", _("Phản ánh, kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECEPTION = "reception", _("Tiếp công dân")


class Classification(models.TextChoices):
    UNCLASSIFIED = "", _("Chưa phân loại")
    FEEDBACK = Track.FEEDBACK.value, Track.FEEDBACK.label
    COMPLAINT = Track.COMPLAINT.value, Track.COMPLAINT.label
    DENUNCIATION = Track.DENUNCIATION.value, Track.DENUNCIATION.label
    MIXED = "mixed", _("Nhiều nội dung (phải tách đơn)")


class LetterOutcome(models.TextChoices):
    OPEN = "", _("Đang xử lý đơn")
    OPENED_CASE = "opened_case", _("Đã mở vụ việc")
    SPLIT = "split", _("Đã tách đơn")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")


class Letter(models.Model):
    """One letter in the agency's register: who sent it, how, what it says, what became of it."""

    agency = models.ForeignKey(Agency, models.PROTECT, related_name="letters",
                               verbose_name=_("cơ quan tiếp nhận"))
    year = models.PositiveSmallIntegerField(_("năm sổ"))
    number = models.PositiveIntegerField(_("số vào sổ"))
    channel = models.CharField(_("nguồn đơn"), max_length=10, choices=LetterChannel.choices)
    received_at = models.DateTimeField(_("ngày nhận"))
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                    blank=True, related_name="+", verbose_name=_("người nhận"))
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                  blank=True, related_name="letters",
                                  verbose_name=_("tài khoản người gửi"))
    sender_name = models.CharField(_("người gửi"), max_length=255)
    sender_address = models.CharField(_("địa chỉ"), max_length=500)
    sender_phone = models.CharField(_("điện thoại"), max_length=15, blank=True)
    sender_email = models.EmailField(_("thư điện tử"), blank=True)
    forwarded_by = models.CharField(_("cơ quan chuyển đơn"), max_length=255, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    content = models.TextField(_("nội dung"))
    # encrypted at rest when FILE_ENCRYPTION_KEYS is set: a letter may enclose ID-card copies
    scan = models.FileField(_("bản quét"), upload_to="voice/letters/%Y/", blank=True,
                            storage=sensitive_storage)
    scan_type = models.CharField(_("kiểu tệp bản quét"), max_length=100, blank=True)
    classification = models.CharField(_("phân loại"), max_length=12, blank=True,
                                      choices=Classification.choices)
    parent = models.ForeignKey("self", models.PROTECT, null=True, blank=True,
                               related_name="parts", verbose_name=_("tách từ đơn"))
    outcome = models.CharField(_("kết quả xử lý đơn"), max_length=12, blank=True,
                               choices=LetterOutcome.choices)
    transferred_to = models.CharField(_("chuyển đến"), max_length=255, blank=True)
    transferred_at = models.DateTimeField(_("ngày chuyển"), null=True, blank=True)
    transfer_due = models.DateTimeField(_("hạn chuyển"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn")
        verbose_name_plural = _("sổ tiếp nhận đơn")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"],
                                    name="letter_number_per_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year} {self.title}"


class LetterSequence(models.Model):
    """The per-agency, per-year counter of the letter register (NĐ 20/2008 art. 9(1))."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="letter_sequence_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class Clock(models.TextChoices):
    # domain §3.3 (PAKN), §4.3 (complaints), §5.3 (denunciations)
    REFUSE = "refuse", _("Từ chối hoặc trả lại")
    TRANSFER = "transfer", _("Chuyển cơ quan có thẩm quyền")
    SUPPLEMENT = "supplement", _("Yêu cầu bổ sung thông tin lần đầu")
    ANSWER = "answer", _("Có kết quả trả lời")
    PUBLISH = "publish", _("Công khai sau khi duyệt")
    ACCEPT = "accept", _("Thụ lý")
    RESOLVE = "resolve", _("Giải quyết")
    RESOLVE_APPEAL = "resolve_appeal", _("Giải quyết lần hai")
    # the complainant's own limits (domain §4.3): to complain, to complain again, finality
    TIME_BAR = "time_bar", _("Thời hiệu khiếu nại")
    APPEAL = "appeal", _("Khiếu nại lần hai hoặc khởi kiện")
    FINAL = "final", _("Quyết định có hiệu lực pháp luật")
    # denunciations (domain §5.3-5.4): extension, notices, conclusion on show
    EXTEND = "extend", _("Gia hạn giải quyết")
    NOTIFY = "notify", _("Thông báo cho người tố cáo")
    DISPLAY = "display", _("Thời gian công khai kết luận")
    # reception of citizens (domain §6): the schedule published ahead, the visitor answered
    NOTICE = "notice", _("Công bố lịch tiếp trước")


class Variant(models.TextChoices):
    # domain §4.3: longer ceilings for complex cases and remote areas, chosen at acceptance
    STANDARD = "", _("Thông thường")
    COMPLEX = "complex", _("Vụ việc phức tạp")
    REMOTE = "remote", _("Vùng sâu, vùng xa")
    REMOTE_COMPLEX = "remote_complex", _("Vùng sâu, vùng xa, phức tạp")


class ClockUnit(models.TextChoices):
    # domain §9: "ngày làm việc" counts working days, "ngày" calendar days
    WORKING_DAYS = "working_days", _("ngày làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")


class ClockRule(models.Model):
    """One legal time limit of a track, in force from ``effective_from`` (until the next row of
    the same track and clock takes over)."""

    track = models.CharField(_("loại đơn"), max_length=12, choices=Track.choices)
    clock = models.CharField(_("thời hạn"), max_length=14, choices=Clock.choices)
    variant = models.CharField(_("trường hợp"), max_length=14, blank=True,
                               choices=Variant.choices)
    value = models.PositiveSmallIntegerField(_("số ngày"))
    unit = models.CharField(_("đơn vị"), max_length=13, choices=ClockUnit.choices)
    starts_at = models.CharField(_("tính từ"), max_length=255)
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=255)
    effective_from = models.DateField(_("hiệu lực từ"))

    class Meta:
        verbose_name = _("thời hạn theo quy định")
        verbose_name_plural = _("thời hạn theo quy định")
        ordering = ["track", "clock", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["track", "clock", "variant", "effective_from"],
                                    name="clock_rule_once_per_date"),
            models.CheckConstraint(condition=Q(value__gt=0), name="clock_rule_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.track}/{self.clock}: {self.value} {self.unit} ({self.legal_source})"


class FeedbackStatus(models.TextChoices):
    # domain §3.6 P1-P7
    SUBMITTED = "submitted", _("Mới tiếp nhận")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan khác")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Chờ bổ sung thông tin")
    SUPPLEMENTED = "supplemented", _("Đã bổ sung thông tin")
    PROCESSING = "processing", _("Đang xử lý")
    AWAITING_APPROVAL = "awaiting_approval", _("Chờ lãnh đạo duyệt trả lời")
    APPROVED = "approved", _("Chờ công khai")
    PUBLISHED = "published", _("Đã công khai")
    ANSWERED_PRIVATE = "answered_private", _("Đã trả lời riêng người gửi")


class Subject(models.TextChoices):
    # NĐ 20/2008 art. 1; domain §3.4: a PAKN may be about one dossier's handling
    REGULATION = "regulation", _("Quy định hành chính")
    DOSSIER = "dossier", _("Việc giải quyết một hồ sơ")


class Class766(models.TextChoices):
    # QĐ 766/QĐ-TTg indicator 5.1 (domain §3.3)
    REGULATION_POLICY_PROCEDURE = "regulation", _("Quy định, chính sách, thủ tục hành chính")
    OFFICIAL_CONDUCT = "conduct", _("Hành vi của cán bộ, công chức")


class ContentType(models.IntegerChoices):
    # NĐ 20/2008 art. 5
    CONDUCT = 1, _("Chậm trễ, gây phiền hà, hành vi không đúng của cơ quan, cán bộ")
    UNFIT = 2, _("Quy định không phù hợp với thực tế")
    INCONSISTENT = 3, _("Quy định không đồng bộ, thống nhất")
    UNLAWFUL = 4, _("Quy định không hợp pháp")
    AGAINST_TREATY = 5, _("Quy định trái điều ước quốc tế")
    OTHER = 6, _("Vấn đề khác")
    SOLUTION = 7, _("Phương án xử lý")
    INITIATIVE = 8, _("Sáng kiến ban hành mới quy định")


class FeedbackCase(models.Model):
    """A feedback or petition (PAKN): its state, its clocks, its answer."""

    code = models.CharField(_("mã phản ánh"), max_length=40, unique=True)
    letter = models.OneToOneField(Letter, models.PROTECT, related_name="feedback",
                                  verbose_name=_("đơn"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="feedback_cases",
                               verbose_name=_("cơ quan xử lý"))
    subject = models.CharField(_("phản ánh về"), max_length=10, choices=Subject.choices)
    dossier = models.ForeignKey(Dossier, models.PROTECT, null=True, blank=True,
                                related_name="feedback_cases", verbose_name=_("hồ sơ"))
    wants_public = models.BooleanField(_("đồng ý công khai"), default=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=FeedbackStatus.choices)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)
    class_766 = models.CharField(_("nhóm (chỉ số 5.1)"), max_length=10, blank=True,
                                 choices=Class766.choices)
    content_type = models.PositiveSmallIntegerField(_("loại nội dung (NĐ 20/2008 điều 5)"),
                                                    null=True, blank=True,
                                                    choices=ContentType.choices)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("người xử lý"))

    # T0 of the 766 tests: sent by the citizen, or the last transfer to us (domain §3.3)
    started_at = models.DateTimeField(_("ngày bắt đầu tính hạn"))
    rules_on = models.DateField(_("áp dụng thời hạn hiệu lực ngày"))
    refuse_due = models.DateTimeField(_("hạn từ chối, trả lại"))
    transfer_due = models.DateTimeField(_("hạn chuyển cơ quan có thẩm quyền"))
    supplement_due = models.DateTimeField(_("hạn yêu cầu bổ sung"))
    answer_due = models.DateTimeField(_("hạn trả lời"))
    publish_due = models.DateTimeField(_("hạn công khai"), null=True, blank=True)

    supplement_request = models.TextField(_("nội dung cần bổ sung"), blank=True)
    supplement_requested_at = models.DateTimeField(_("ngày yêu cầu bổ sung"), null=True,
                                                   blank=True)
    supplement = models.TextField(_("thông tin bổ sung"), blank=True)
    answer_title = models.CharField(_("tiêu đề trả lời"), max_length=255, blank=True)
    answer_body = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("người soạn trả lời"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("lãnh đạo duyệt"))
    approved_at = models.DateTimeField(_("ngày duyệt trả lời"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày công khai"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    close_reason = models.TextField(_("lý do từ chối, chuyển"), blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(condition=Q(subject="regulation") | Q(dossier__isnull=False),
                                   name="feedback_dossier_named"),
        ]
        indexes = [models.Index(fields=["agency", "status"], name="feedback_agency_status")]

    def __str__(self) -> str:
        return f"{self.code} {self.letter.title}"


class CaseEvent(models.Model):
    """One action on a case of any track, written in the same transaction as the change."""

    action = models.CharField(max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+")
    role = models.CharField(max_length=20, blank=True)
    at = models.DateTimeField()
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField()
    # the due instant after the step: a notice issued by it states the clock as it was then
    due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.case.code} v{self.version} {self.action}"


class NationalFeedback(Deliverable):
    """A PAKN of the national system (domain §3.3, §3.5): one filed there and routed to us
    (``received``), and the answer we published sent up to it (delivered by the outbox's loop,
    ``voice.national_pakn``)."""

    case = models.OneToOneField(FeedbackCase, models.CASCADE, related_name="national",
                                verbose_name=_("phản ánh"))
    national_code = models.CharField(_("mã trên hệ thống quốc gia"), max_length=60, blank=True)
    received = models.BooleanField(_("nhận từ hệ thống quốc gia"), default=False)

    class Meta:
        verbose_name = _("đồng bộ phản ánh quốc gia")
        verbose_name_plural = _("đồng bộ phản ánh quốc gia")
        constraints = [
            models.UniqueConstraint(fields=["national_code"], condition=~Q(national_code=""),
                                    name="national_feedback_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.national_code}"


class FeedbackEvent(CaseEvent):
    case = models.ForeignKey(FeedbackCase, models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True, choices=FeedbackStatus.choices)
    to_status = models.CharField(max_length=20, choices=FeedbackStatus.choices)

    class Meta:
        verbose_name = _("lịch sử xử lý phản ánh")
        verbose_name_plural = _("lịch sử xử lý phản ánh")
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"],
                                    name="feedback_event_version_unique"),
        ]


# -- complaints (khiếu nại), domain §4 ------------------------------------------------------------


class ComplaintStatus(models.TextChoices):
    # domain §4.4 K1-K10
    RECEIVED = "received", _("Mới nhận đơn, chờ thụ lý")
    NOT_ACCEPTED = "not_accepted", _("Không thụ lý")
    ACCEPTED = "accepted", _("Đã thụ lý")
    VERIFYING = "verifying", _("Đang xác minh")
    DIALOGUE = "dialogue", _("Đang đối thoại")
    SUSPENDED = "suspended", _("Tạm đình chỉ giải quyết")
    TERMINATED = "terminated", _("Đình chỉ (rút đơn)")
    DECIDED = "decided", _("Đã có quyết định giải quyết")
    CLOSED = "closed", _("Kết thúc (quyết định có hiệu lực)")


class Instance(models.IntegerChoices):
    # Luật Khiếu nại 2011 art. 7: first to the author, second to their direct superior
    FIRST = 1, _("Lần đầu")
    SECOND = 2, _("Lần hai")


class ActKind(models.TextChoices):
    # Luật Khiếu nại 2011 art. 2(8)-(10)
    DECISION = "decision", _("Quyết định hành chính")
    ACT = "act", _("Hành vi hành chính")
    DISCIPLINE = "discipline", _("Quyết định kỷ luật cán bộ, công chức")


class Outcome(models.TextChoices):
    # domain §4.5: the complaint is right, partly right or wrong
    RIGHT = "right", _("Khiếu nại đúng")
    PARTLY_RIGHT = "partly_right", _("Khiếu nại đúng một phần")
    WRONG = "wrong", _("Khiếu nại sai")


class RefusalReason(models.TextChoices):
    # Luật Khiếu nại 02/2011/QH13 art. 11: the only grounds on which a complaint is not accepted
    NOT_COMPLAINABLE = "k1", _("Quyết định, hành vi không thuộc đối tượng khiếu nại (nội bộ, "
                               "chỉ đạo, văn bản quy phạm, bí mật nhà nước)")
    NO_DIRECT_EFFECT = "k2", _("Quyết định, hành vi không liên quan trực tiếp đến quyền, lợi ích "
                               "hợp pháp của người khiếu nại")
    NO_CAPACITY = "k3", _("Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có "
                          "người đại diện hợp pháp")
    UNLAWFUL_REPRESENTATIVE = "k4", _("Người đại diện không hợp pháp")
    UNSIGNED = "k5", _("Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại")
    TIME_BARRED = "k6", _("Thời hiệu khiếu nại đã hết mà không có lý do chính đáng")
    SECOND_DECIDED = "k7", _("Việc khiếu nại đã có quyết định giải quyết khiếu nại lần hai")
    AFTER_TERMINATION = "k8", _("Quá 30 ngày kể từ ngày nhận văn bản thông báo đình chỉ mà "
                                "không tiếp tục khiếu nại")
    IN_COURT = "k9", _("Việc khiếu nại đã được Tòa án thụ lý hoặc đã có bản án, quyết định của "
                       "Tòa án")

    @property
    def citation(self) -> str:
        return f"Luật Khiếu nại 02/2011/QH13 điều 11 khoản {self.value[1:]}"


class ComplaintCase(models.Model):
    """A complaint against a decision or act, from a letter classified as a complaint: its
    instance, the act complained of, the resolver agency, its clocks, suspension and outcome."""

    code = models.CharField(_("mã khiếu nại"), max_length=40, unique=True)
    letter = models.OneToOneField(Letter, models.PROTECT, related_name="complaint",
                                  verbose_name=_("đơn"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="complaint_cases",
                               verbose_name=_("cơ quan giải quyết"))
    instance = models.PositiveSmallIntegerField(_("lần giải quyết"), choices=Instance.choices,
                                                default=Instance.FIRST)
    # a letter typed in at the desk may name them only when it is accepted
    act_kind = models.CharField(_("loại quyết định, hành vi"), max_length=10, blank=True,
                                choices=ActKind.choices)
    act_reference = models.CharField(_("quyết định, hành vi bị khiếu nại"), max_length=500,
                                     blank=True,
                                     help_text=_("số, ngày, người ban hành hoặc thực hiện"))
    respondent = models.CharField(_("người bị khiếu nại"), max_length=255, blank=True)
    demand = models.TextField(_("yêu cầu của người khiếu nại"), blank=True)
    known_on = models.DateField(_("ngày nhận được hoặc biết quyết định, hành vi"), null=True,
                                blank=True)
    remote_area = models.BooleanField(_("vùng sâu, vùng xa đi lại khó khăn"), default=False)
    complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    complex_reason = models.TextField(_("tiêu chí phức tạp"), blank=True)
    # QĐ 766/QĐ-TTg indicator 5.4 counts the dossiers a complaint was about (domain §3.4)
    dossier = models.ForeignKey(Dossier, models.PROTECT, null=True, blank=True,
                                related_name="complaint_cases",
                                verbose_name=_("hồ sơ liên quan"))
    status = models.CharField(_("trạng thái"), max_length=14, choices=ComplaintStatus.choices)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)

    accept_due = models.DateTimeField(_("hạn thụ lý"))
    accepted_at = models.DateTimeField(_("ngày thụ lý"), null=True, blank=True)
    rules_on = models.DateField(_("áp dụng thời hạn hiệu lực ngày"), null=True, blank=True)
    resolve_due = models.DateTimeField(_("hạn giải quyết"), null=True, blank=True)
    refusal_reason = models.CharField(_("lý do không thụ lý"), max_length=2, blank=True,
                                      choices=RefusalReason.choices)
    note = models.TextField(_("ghi chú của người giải quyết"), blank=True)
    suspended_at = models.DateTimeField(_("tạm đình chỉ từ"), null=True, blank=True)
    decided_at = models.DateTimeField(_("ngày ra quyết định"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=12, blank=True, choices=Outcome.choices)
    decision = models.TextField(_("nội dung quyết định giải quyết"), blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)
    close_note = models.TextField(_("ghi chú kết thúc"), blank=True)

    class Meta:
        verbose_name = _("khiếu nại")
        verbose_name_plural = _("khiếu nại")
        ordering = ["-letter__received_at"]
        indexes = [models.Index(fields=["agency", "status"], name="complaint_agency_status")]

    def __str__(self) -> str:
        return f"{self.code} {self.letter.title}"


class ComplaintParty(models.Model):
    """Another person complaining together with the one who filed (Luật Khiếu nại 2011 art.
    8(4)); a representative speaks for the group (NĐ 124/2020 art. 6 as amended)."""

    case = models.ForeignKey(ComplaintCase, models.CASCADE, related_name="parties")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("họ tên"), max_length=255)
    id_number = models.CharField(_("số định danh cá nhân"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500)
    representative = models.BooleanField(_("người đại diện"), default=False)

    class Meta:
        verbose_name = _("người cùng khiếu nại")
        verbose_name_plural = _("người cùng khiếu nại")
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"],
                                    name="complaint_party_position"),
        ]

    def __str__(self) -> str:
        return self.name


class ComplaintEvent(CaseEvent):
    case = models.ForeignKey(ComplaintCase, models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=14, blank=True, choices=ComplaintStatus.choices)
    to_status = models.CharField(max_length=14, choices=ComplaintStatus.choices)

    class Meta:
        verbose_name = _("lịch sử giải quyết khiếu nại")
        verbose_name_plural = _("lịch sử giải quyết khiếu nại")
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"],
                                    name="complaint_event_version_unique"),
        ]


# -- reception of citizens (domain §6; Luật Tiếp công dân 42/2013/QH13) ------------------------


class ReceptionSchedule(models.Model):
    """One published reception session: where, when, who receives (art. 24(2), (4))."""

    agency = models.ForeignKey(Agency, models.PROTECT, related_name="reception_sessions",
                               verbose_name=_("cơ quan"))
    day = models.DateField(_("ngày tiếp"))
    starts = models.TimeField(_("từ giờ"))
    ends = models.TimeField(_("đến giờ"))
    place = models.CharField(_("địa điểm"), max_length=255)
    host = models.CharField(_("người tiếp"), max_length=255)
    by_head = models.BooleanField(_("người đứng đầu trực tiếp tiếp"), default=False)
    published_at = models.DateTimeField(_("ngày công bố"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                     verbose_name=_("người công bố"))

    class Meta:
        verbose_name = _("lịch tiếp công dân")
        verbose_name_plural = _("lịch tiếp công dân")
        ordering = ["day", "starts"]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")),
                                   name="reception_session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.starts:%H:%M} {self.host}"


class VisitOutcome(models.TextChoices):
    # Luật Tiếp công dân art. 28(1): the answer within 10 working days
    PENDING = "", _("Chưa trả lời")
    ACCEPTED = "accepted", _("Thụ lý giải quyết")
    CHECKING = "checking", _("Cần xem xét, kiểm tra thêm")
    REFUSED = "refused", _("Không thụ lý")
    FORWARDED = "forwarded", _("Chuyển cơ quan có thẩm quyền")
    GUIDED = "guided", _("Hướng dẫn đến cơ quan có thẩm quyền")


class ReceptionSequence(models.Model):
    """The per-agency, per-year counter of the reception register (art. 25(2))."""

    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"],
                                    name="reception_sequence_agency_year"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class ReceptionVisit(models.Model):
    """One visit in the reception register: who came, when, about what, who received them,
    what was received and what came of it (Luật Tiếp công dân art. 25(2), 28(1))."""

    agency = models.ForeignKey(Agency, models.PROTECT, related_name="reception_visits",
                               verbose_name=_("cơ quan"))
    year = models.PositiveSmallIntegerField(_("năm sổ"))
    number = models.PositiveIntegerField(_("số thứ tự"))
    visited_at = models.DateTimeField(_("thời gian tiếp"))
    session = models.ForeignKey(ReceptionSchedule, models.PROTECT, null=True, blank=True,
                                related_name="visits", verbose_name=_("buổi tiếp"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                verbose_name=_("cán bộ tiếp"))
    visitor_name = models.CharField(_("họ và tên"), max_length=255)
    visitor_address = models.CharField(_("địa chỉ"), max_length=500)
    visitor_id_number = models.CharField(_("số giấy tờ tùy thân"), max_length=20)
    people = models.PositiveSmallIntegerField(_("số người"), default=1)
    subject = models.TextField(_("nội dung"))
    received_documents = models.TextField(_("tài liệu đã nhận"), blank=True)
    letter = models.ForeignKey(Letter, models.PROTECT, null=True, blank=True,
                               related_name="visits", verbose_name=_("đơn liên quan"))
    rules_on = models.DateField(_("áp dụng thời hạn hiệu lực ngày"))
    answer_due = models.DateTimeField(_("hạn trả lời"))
    outcome = models.CharField(_("kết quả"), max_length=10, blank=True,
                               choices=VisitOutcome.choices)
    outcome_note = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "number"],
                                    name="reception_visit_number_per_agency_year"),
            models.CheckConstraint(condition=Q(people__gt=0), name="reception_visit_people"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year} {self.visitor_name}"


# -- denunciations (tố cáo), domain §5 ----------------------------------------------------------


class DenunciationStatus(models.TextChoices):
    # domain §5.2-5.4
    RECEIVED = "received", _("Mới nhận đơn, chờ thụ lý")
    NOT_ACCEPTED = "not_accepted", _("Không thụ lý")
    TRANSFERRED = "transferred", _("Đã chuyển cơ quan có thẩm quyền")
    CHECK_OPENED = "check_opened", _("Đơn nặc danh: chuyển kiểm tra, thanh tra")
    ACCEPTED = "accepted", _("Đã thụ lý")
    VERIFYING = "verifying", _("Đang xác minh")
    SUSPENDED = "suspended", _("Tạm đình chỉ giải quyết")
    TERMINATED = "terminated", _("Đình chỉ giải quyết")
    CONCLUDED = "concluded", _("Đã có kết luận")
    PUBLISHED = "published", _("Đã công khai kết luận")
    CLOSED = "closed", _("Kết thúc")


class DenunciationRefusal(models.TextChoices):
    # Luật Tố cáo 25/2018/QH14 art. 27 and art. 29(1): the grounds on which it is not accepted
    UNLAWFUL_FORM = "t1", _("Đơn tố cáo không đúng hình thức (Điều 23 Luật Tố cáo)")
    NO_CAPACITY = "t2", _("Người tố cáo không có năng lực hành vi dân sự đầy đủ mà không có "
                          "người đại diện")
    NO_BASIS = "t3", _("Không có cơ sở để xác định người vi phạm, hành vi vi phạm pháp luật")
    ALREADY_RESOLVED = "t4", _("Vụ việc đã được giải quyết mà người tố cáo không cung cấp "
                               "thông tin, tình tiết mới")
    CANNOT_VERIFY = "t5", _("Người giải quyết không đủ điều kiện để kiểm tra, xác minh")

    @property
    def citation(self) -> str:
        return {"t1": "Luật Tố cáo 25/2018/QH14 điều 29 khoản 1 điểm a",
                "t2": "Luật Tố cáo 25/2018/QH14 điều 29 khoản 1 điểm b",
                "t3": "Luật Tố cáo 25/2018/QH14 điều 27 khoản 2",
                "t4": "Luật Tố cáo 25/2018/QH14 điều 27 khoản 1",
                "t5": "Luật Tố cáo 25/2018/QH14 điều 27 khoản 3"}[self.value]


class Finding(models.TextChoices):
    # domain §4.5, §5.4: the denunciation is true, partly true or false
    TRUE = "true", _("Tố cáo đúng")
    PARTLY_TRUE = "partly_true", _("Tố cáo đúng một phần")
    FALSE = "false", _("Tố cáo sai")


class DenunciationCase(models.Model):
    """A denunciation from a letter classified as one. It holds nothing that identifies the
    denouncer: that is in ``Denouncer``, read by the resolver alone (Luật Tố cáo art. 47, 56)."""

    code = models.CharField(_("mã tố cáo"), max_length=40, unique=True)
    letter = models.OneToOneField(Letter, models.PROTECT, related_name="denunciation",
                                  verbose_name=_("đơn"))
    agency = models.ForeignKey(Agency, models.PROTECT, related_name="denunciation_cases",
                               verbose_name=_("cơ quan giải quyết"))
    accused = models.CharField(_("người bị tố cáo"), max_length=255, blank=True)
    acts = models.TextField(_("hành vi vi phạm bị tố cáo"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=14, choices=DenunciationStatus.choices)
    version = models.PositiveIntegerField(_("phiên bản dữ liệu"), default=1)
    # 0 standard, 1 complex (one extension), 2 very complex (two): NĐ 31/2019 art. 3
    complexity = models.PositiveSmallIntegerField(_("mức phức tạp"), default=0)
    complexity_reason = models.TextField(_("tiêu chí phức tạp"), blank=True)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)

    accept_due = models.DateTimeField(_("hạn thụ lý"))
    accepted_at = models.DateTimeField(_("ngày thụ lý"), null=True, blank=True)
    rules_on = models.DateField(_("áp dụng thời hạn hiệu lực ngày"), null=True, blank=True)
    resolve_due = models.DateTimeField(_("hạn giải quyết"), null=True, blank=True)
    notice_due = models.DateTimeField(_("hạn thông báo"), null=True, blank=True)
    refusal_reason = models.CharField(_("lý do không thụ lý"), max_length=2, blank=True,
                                      choices=DenunciationRefusal.choices)
    note = models.TextField(_("ghi chú của người giải quyết"), blank=True)
    suspended_at = models.DateTimeField(_("tạm đình chỉ từ"), null=True, blank=True)
    concluded_at = models.DateTimeField(_("ngày kết luận"), null=True, blank=True)
    finding = models.CharField(_("kết luận"), max_length=12, blank=True, choices=Finding.choices)
    conclusion = models.TextField(_("nội dung kết luận"), blank=True)
    publish_due = models.DateTimeField(_("hạn công khai"), null=True, blank=True)
    published_from = models.DateTimeField(_("công khai từ"), null=True, blank=True)
    published_until = models.DateTimeField(_("công khai ít nhất đến"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày kết thúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("tố cáo")
        verbose_name_plural = _("tố cáo")
        ordering = ["-letter__received_at"]
        indexes = [models.Index(fields=["agency", "status"], name="denunciation_agency_status")]
        constraints = [
            models.CheckConstraint(condition=Q(extensions__lte=2), name="denunciation_two_ext"),
        ]

    def __str__(self) -> str:
        return self.code


class Denouncer(models.Model):
    """The denouncer's identity, kept apart from the case (Luật Tố cáo 2018 art. 47(1), 56):
    only the resolver reads it, every read is logged (without the data)."""

    case = models.OneToOneField(DenunciationCase, models.CASCADE, related_name="denouncer",
                                verbose_name=_("tố cáo"))
    account = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                blank=True, related_name="+",
                                verbose_name=_("tài khoản người tố cáo"))
    name = models.CharField(_("họ tên"), max_length=255)
    id_number = models.CharField(_("số giấy tờ tùy thân"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=500)
    phone = models.CharField(_("điện thoại"), max_length=15, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        verbose_name = _("người tố cáo (bảo mật)")
        verbose_name_plural = _("người tố cáo (bảo mật)")

    def __str__(self) -> str:
        return f"#{self.pk}"


class DenunciationEvent(CaseEvent):
    case = models.ForeignKey(DenunciationCase, models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=14, blank=True,
                                   choices=DenunciationStatus.choices)
    to_status = models.CharField(max_length=14, choices=DenunciationStatus.choices)

    class Meta:
        verbose_name = _("lịch sử giải quyết tố cáo")
        verbose_name_plural = _("lịch sử giải quyết tố cáo")
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"],
                                    name="denunciation_event_version_unique"),
        ]
