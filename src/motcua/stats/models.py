"""The IOC feed's keys and the reporting months' snapshots (docs/ioc-feed.md)."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedKey(models.Model):
    """A key that reads the IOC feed's aggregates and nothing else; only its SHA-256 is kept,
    the key itself is shown once (``motcua ioc_key``)."""

    name = models.CharField(_("tên"), max_length=100, unique=True,
                            help_text=_("Hệ thống dùng khóa, ví dụ: IOC tỉnh"))
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa đọc số liệu IOC")
        verbose_name_plural = _("khóa đọc số liệu IOC")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PeriodSnapshot(models.Model):
    """A reporting month's figures as first taken after it closed; never changed afterwards."""

    start = models.DateField(_("từ ngày"), unique=True)
    end = models.DateField(_("đến ngày"), unique=True)
    taken_at = models.DateTimeField(_("chốt lúc"), auto_now_add=True)
    figures = models.JSONField(_("số liệu"), encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("số liệu chốt kỳ báo cáo")
        verbose_name_plural = _("số liệu chốt kỳ báo cáo")
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"
