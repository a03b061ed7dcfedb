"""Security events (security-operations §3): one row each, the durable buffer of the SOC's feed.

A row is written by ``events.record`` with its finished JSON line (chained by hash, see
``secops.chain``) and leaves through the outbox's delivery loop (kind ``secops``) to the sink of
``SECOPS_SINK``: while the sink is down the rows wait here and are sent when it returns. Rows are
kept ``SECOPS_RETENTION_DAYS`` (at least 90) and then purged by the ``secops_retention`` job.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.outbox.models import Deliverable


class SecurityEvent(Deliverable):
    sequence = models.PositiveBigIntegerField(_("số thứ tự"), unique=True)
    at = models.DateTimeField(_("lúc"), default=timezone.now, db_index=True)
    name = models.CharField(_("sự kiện"), max_length=40, db_index=True)
    severity = models.PositiveSmallIntegerField(_("mức độ"))
    line = models.TextField(_("dòng JSON"))

    class Meta:
        verbose_name = _("sự kiện an ninh")
        verbose_name_plural = _("sự kiện an ninh")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["delivered_at", "failed_at", "next_attempt_at"],
                                name="secops_event_due")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.name}"


class ChainHead(models.Model):
    """The last link of the chain (one row): locked while an event is added, so two events
    never take the same place."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("đầu chuỗi sự kiện an ninh")
        verbose_name_plural = _("đầu chuỗi sự kiện an ninh")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.hash[:12]}"
