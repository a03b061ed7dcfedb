"""Online payments (integrations §3.2): one ``PaymentTransaction`` per attempt to pay a fee
request (the dossier's payment ``Pause``), and the e-receipt fetched after a payment.

An attempt's states and what moves them are the table in ``payments.lifecycle``. The e-receipt
is fetched from the platform (GET_BILL) by the outbox's delivery loop (kind ``payment_receipt``),
so a confirmation never waits on the platform and a failed fetch is retried.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier, Pause
from motcua.outbox.models import Deliverable


class PaymentState(models.TextChoices):
    PENDING = "pending", _("Chờ kết quả thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Thanh toán không thành công")
    CANCELLED = "cancelled", _("Đã hủy thanh toán")


class Provider(models.TextChoices):
    DVCQG = "dvcqg", _("Nền tảng thanh toán trực tuyến của Cổng DVCQG")
    PAYGOV = "paygov", _("Cổng thanh toán PayGov của tỉnh")


class PaymentTransaction(models.Model):
    reference = models.CharField(_("mã tham chiếu (MaThamChieu)"), max_length=60, unique=True)
    dossier = models.ForeignKey(Dossier, models.PROTECT, related_name="payments",
                                verbose_name=_("hồ sơ"))
    fee_request = models.ForeignKey(Pause, models.PROTECT, related_name="payments",
                                    verbose_name=_("yêu cầu nộp phí, lệ phí"))
    amount_vnd = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    provider = models.CharField(_("kênh thanh toán"), max_length=20, choices=Provider.choices,
                                default=Provider.DVCQG)
    state = models.CharField(_("trạng thái"), max_length=10, choices=PaymentState.choices,
                             default=PaymentState.PENDING)
    provider_transaction = models.CharField(_("mã giao dịch (MaGiaoDich)"), max_length=100,
                                            blank=True)
    bank_code = models.CharField(_("ngân hàng (MaNganHang)"), max_length=40, blank=True)
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("người bắt đầu thanh toán"))
    started_at = models.DateTimeField(_("bắt đầu lúc"), default=timezone.now)
    settled_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    queried_at = models.DateTimeField(_("tra cứu gần nhất lúc"), null=True, blank=True)
    payment_url = models.URLField(_("địa chỉ thanh toán"), max_length=1000, blank=True)
    # what was sent and received, as it was: [{"at", "kind", "body"}]
    messages = models.JSONField(_("bản tin"), default=list, blank=True)
    mismatch = models.TextField(_("sai lệch khi đối soát"), blank=True)

    class Meta:
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = _("giao dịch thanh toán")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["state", "started_at"], name="payment_state_started")]
        constraints = [
            # one paid attempt per fee request: a second payment is a mismatch, never a payment
            models.UniqueConstraint(fields=["fee_request"], condition=models.Q(state="paid"),
                                    name="payment_one_paid_per_request"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.state})"


def receipt_key(instance: Receipt, filename: str) -> str:
    key = uuid.uuid4().hex
    return f"payments/{key[:2]}/{key}.pdf"


class Receipt(Deliverable):
    """The e-receipt (biên lai điện tử) of a paid attempt, fetched with GET_BILL."""

    transaction = models.OneToOneField(PaymentTransaction, models.CASCADE, related_name="receipt",
                                       verbose_name=_("giao dịch"))
    file = models.FileField(_("biên lai điện tử"), upload_to=receipt_key, max_length=200,
                            blank=True)

    class Meta:
        verbose_name = _("biên lai điện tử")
        verbose_name_plural = _("biên lai điện tử")

    def __str__(self) -> str:
        return f"{self.transaction.reference} ({self.transaction.dossier_id})"
