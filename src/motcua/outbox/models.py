"""Messages that must reach someone, written in the transaction of the change that causes them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    topic = models.CharField(_("loại thông báo"), max_length=30)
    reference = models.CharField(_("đối tượng"), max_length=60, blank=True,
                                 help_text=_("Ví dụ mã hồ sơ."))
    recipient = models.EmailField(_("người nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("gửi lần tới"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("số lần đã thử"), default=0)
    delivered_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    failed_at = models.DateTimeField(_("ngừng thử lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                         name="outbox_due"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} → {self.recipient}"

    @property
    def is_pending(self) -> bool:
        return self.delivered_at is None and self.failed_at is None
