"""Messages that must reach someone, written in the transaction of the change that causes them.

Two channels share the table and its delivery: e-mail (sent by a worker after commit, retried
with backoff) and the in-app inbox (delivered as it commits: the inbox reads this table).
``Deliverable`` holds the delivery columns that every table sent by ``outbox.delivery`` shares
(the outbox's messages, the exchange's packages).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    INBOX = "inbox", _("Thông báo trên hệ thống")


class Deliverable(models.Model):
    """A row that must leave motcua: claimed, sent after commit, retried with backoff, given up
    after ``outbox.delivery.MAX_ATTEMPTS``; pending while neither delivered nor given up."""

    next_attempt_at = models.DateTimeField(_("gửi lần tới"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("số lần đã thử"), default=0)
    delivered_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    failed_at = models.DateTimeField(_("ngừng thử lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    last_error_at = models.DateTimeField(_("lỗi gần nhất lúc"), null=True, blank=True)

    class Meta:
        abstract = True


class OutboxMessage(Deliverable):
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices,
                               default=Channel.EMAIL)
    topic = models.CharField(_("loại thông báo"), max_length=30)
    reference = models.CharField(_("đối tượng"), max_length=60, blank=True,
                                 help_text=_("Ví dụ mã hồ sơ."))
    recipient = models.EmailField(_("người nhận"), blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True,
                             related_name="notifications", verbose_name=_("tài khoản nhận"))
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư chờ gửi")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                         name="outbox_due"),
            models.Index(fields=["user", "read_at"], name="outbox_inbox_unread"),
        ]
        constraints = [
            # an e-mail has an address; an inbox notification has an account
            models.CheckConstraint(
                condition=(models.Q(channel=Channel.EMAIL) & ~models.Q(recipient=""))
                | (models.Q(channel=Channel.INBOX) & models.Q(user__isnull=False)),
                name="outbox_channel_has_recipient"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} → {self.recipient or self.user}"
