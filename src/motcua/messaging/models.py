"""Text messages to the applicant's phone: SMS brandname and Zalo ZNS (integrations §5).

They are channels of the outbox's one delivery loop (``outbox.delivery``, kind ``messages``):
one ``TextMessage`` per notice and channel, written in the transaction of the change that
causes it, sent after commit, retried with backoff on transport faults. Providers accept only
templates registered with them: ``Template`` maps each notice to the provider's template and
its parameters. A notice without an active template, or to a number that is not a mobile
number, is recorded as not sent.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.outbox.models import Deliverable


class TextChannel(models.TextChoices):
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo")


class Notice(models.TextChoices):
    """The applicant's notices that the outbox also sends by e-mail (dossiers.notices)."""

    SUBMITTED = "submitted", _("Đã nhận hồ sơ nộp trực tuyến")
    RECEIPT = "receipt", _("Tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT_REQUEST = "supplement_request", _("Yêu cầu bổ sung hồ sơ")
    SUPPLEMENT_RECEIVED = "supplement_received", _("Đã nhận giấy tờ bổ sung")
    REFUSAL = "refusal", _("Từ chối tiếp nhận hồ sơ")
    PAYMENT_REQUEST = "payment_request", _("Yêu cầu nộp phí, lệ phí")
    APOLOGY = "apology", _("Xin lỗi và hẹn lại ngày trả")
    DUE_RECOUNTED = "due_recounted", _("Thay đổi ngày hẹn theo lịch nghỉ")
    RESULT_READY = "result_ready", _("Hồ sơ đã có kết quả")
    STOP_NOTICE = "stop_notice", _("Dừng giải quyết hồ sơ")


# the values a notice offers a template, by name (dossiers.notices; docs/messages.md)
PARAMETERS = ("ma_ho_so", "ten_nguoi_dan", "ngay_hen_tra", "ngay_hen_cu", "ly_do", "so_tien",
              "thoi_gian", "hinh_thuc_nhan")


class Template(models.Model):
    """A template registered with a provider for one notice: its id there and its parameters,
    filled from the notice's values by name (``PARAMETERS``)."""

    channel = models.CharField(_("kênh"), max_length=10, choices=TextChannel.choices)
    notice = models.CharField(_("thông báo"), max_length=30, choices=Notice.choices)
    template_id = models.CharField(_("mã mẫu tin của nhà cung cấp"), max_length=60)
    params = models.JSONField(
        _("tham số"), default=list, blank=True,
        help_text=_("Tên các tham số theo thứ tự đã đăng ký, ví dụ [\"ma_ho_so\", "
                    "\"ngay_hen_tra\"]."))
    max_length = models.PositiveSmallIntegerField(
        _("độ dài tối đa mỗi tham số"), default=30,
        help_text=_("Giá trị dài hơn được cắt bớt (giới hạn của mẫu đã đăng ký)."))
    active = models.BooleanField(_("đang dùng"), default=True)
    text = models.TextField(
        _("nội dung đã đăng ký"), blank=True,
        help_text=_("Chỉ cho SMS qua Viettel: nội dung mẫu đã đăng ký với nhà mạng, tham số "
                    "viết trong ngoặc nhọn, ví dụ: Ho so {ma_ho_so} da co ket qua."))

    class Meta:
        verbose_name = _("mẫu tin nhắn")
        verbose_name_plural = _("mẫu tin nhắn")
        ordering = ["channel", "notice"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "notice"], name="messaging_template_one"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_notice_display()} ({self.template_id})"

    def clean(self) -> None:
        super().clean()
        params = self.params
        if not isinstance(params, list) or not all(isinstance(p, str) for p in params):
            raise ValidationError({"params": _("Nhập danh sách tên tham số, ví dụ "
                                               "[\"ma_ho_so\", \"ngay_hen_tra\"].")})
        unknown = [name for name in params if name not in PARAMETERS]
        if unknown:
            raise ValidationError({"params": _("Tham số không có: %(names)s. Các tham số có: "
                                               "%(known)s.") % {"names": ", ".join(unknown),
                                                                "known": ", ".join(PARAMETERS)}})


class MessageState(models.TextChoices):
    QUEUED = "queued", _("Chờ gửi")
    ACCEPTED = "accepted", _("Nhà cung cấp đã nhận")
    RECEIVED = "received", _("Người nhận đã nhận")
    REFUSED = "refused", _("Nhà cung cấp từ chối")
    FELL_BACK = "fell_back", _("Không gửi được qua Zalo, đã chuyển SMS")
    NOT_SENT = "not_sent", _("Không gửi")


class TextMessage(Deliverable):
    """One notice by one channel to one phone. The delivery loop's ``delivered_at`` is when the
    provider answered; ``state`` says what it answered, ``received_at`` when the phone got it
    (Zalo's delivery event; SMS providers report nothing)."""

    channel = models.CharField(_("kênh"), max_length=10, choices=TextChannel.choices)
    notice = models.CharField(_("thông báo"), max_length=30, choices=Notice.choices)
    reference = models.CharField(_("đối tượng"), max_length=60, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True,
                             related_name="text_messages", verbose_name=_("tài khoản nhận"))
    phone = models.CharField(_("số điện thoại"), max_length=15, blank=True)
    template_id = models.CharField(_("mã mẫu tin"), max_length=60, blank=True)
    params = models.JSONField(_("tham số"), default=list, blank=True,
                              help_text=_("Các cặp [tên, giá trị] theo thứ tự của mẫu."))
    # every value the notice offered: an SMS that takes over from Zalo fills its own template
    values = models.JSONField(_("giá trị của thông báo"), default=dict, blank=True)
    content = models.TextField(_("nội dung"), blank=True,
                               help_text=_("Nội dung SMS gửi qua Viettel."))
    tracking_id = models.UUIDField(_("mã theo dõi"), default=uuid.uuid4, unique=True,
                                   editable=False)
    state = models.CharField(_("trạng thái"), max_length=10, choices=MessageState.choices,
                             default=MessageState.QUEUED)
    reason = models.TextField(_("lý do"), blank=True)
    provider_id = models.CharField(_("mã tin của nhà cung cấp"), max_length=100, blank=True)
    received_at = models.DateTimeField(_("người nhận đã nhận lúc"), null=True, blank=True)
    fallback_of = models.OneToOneField("self", models.CASCADE, null=True, blank=True,
                                       related_name="fallback", verbose_name=_("thay cho tin"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tin nhắn")
        verbose_name_plural = _("tin nhắn SMS, Zalo")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                         name="messaging_due"),
            models.Index(fields=["channel", "provider_id"], name="messaging_provider_id"),
        ]

    def __str__(self) -> str:
        return f"{self.notice} → {self.phone or '-'} ({self.channel})"


class PhoneChannel(models.TextChoices):
    """What the applicant chose on their account page, beside e-mail."""

    NONE = "none", _("Không nhận tin nhắn")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo (không gửi được qua Zalo thì nhắn SMS)")


class PhonePreference(models.Model):
    """The applicant's choice; without a row: no text message (e-mail and the inbox only)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE,
                                related_name="phone_preference", verbose_name=_("tài khoản"))
    channel = models.CharField(_("nhận tin nhắn qua"), max_length=10,
                               choices=PhoneChannel.choices, default=PhoneChannel.NONE)

    class Meta:
        verbose_name = _("lựa chọn nhận tin nhắn")
        verbose_name_plural = _("lựa chọn nhận tin nhắn")

    def __str__(self) -> str:
        return f"{self.user} → {self.channel}"


class ZaloToken(models.Model):
    """The one row holding the Zalo OA's tokens: the access token and the refresh token that
    each refresh rotates (``tokens.access_token`` locks it to refresh)."""

    access_token = models.TextField(_("access token"), blank=True)
    refresh_token = models.TextField(_("refresh token"), blank=True,
                                     help_text=_("Dán refresh token mới khi token cũ hết hạn."))
    expires_at = models.DateTimeField(_("access token hết hạn lúc"), null=True, blank=True)
    refreshed_at = models.DateTimeField(_("làm mới lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("token Zalo")
        verbose_name_plural = _("token Zalo")

    def __str__(self) -> str:
        return str(_("Token Zalo OA"))
