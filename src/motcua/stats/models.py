"""The IOC feed's keys and the reporting months' snapshots (docs/ioc-feed.md); the dossiers
open at each closed month's end (docs/monthly-figures.md)."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion
from motcua.org.models import Agency


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


class MonthEnd(models.Model):
    """A closed month whose dossiers still in progress at its end have been counted
    (``MonthEndOpen``), once, after it closed (``stats.services.take_month_ends``)."""

    month = models.DateField(_("tháng"), unique=True)  # its first day, Vietnam date
    taken_at = models.DateTimeField(_("chốt lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("số hồ sơ đang giải quyết cuối tháng")
        verbose_name_plural = _("số hồ sơ đang giải quyết cuối tháng")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y}"


class MonthEndOpen(models.Model):
    """The dossiers of one (receiving agency, deciding agency, procedure version) in progress
    at a month's end, as of that instant (the due instants and the waits read back from the
    events): within their time, past it, and counted on time by QĐ 766 indicator 2.1. A
    closed period of whole months reads them instead of the events (``stats.selectors``)."""

    month_end = models.ForeignKey(MonthEnd, models.CASCADE, related_name="open")
    receiving_agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    deciding_agency = models.ForeignKey(Agency, models.CASCADE, related_name="+")
    procedure_version = models.ForeignKey(ProcedureVersion, models.CASCADE, related_name="+")
    within = models.IntegerField(default=0)
    overdue = models.IntegerField(default=0)
    on_time_766 = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("hồ sơ đang giải quyết cuối tháng")
        verbose_name_plural = _("hồ sơ đang giải quyết cuối tháng")

    def __str__(self) -> str:
        return f"{self.month_end} {self.deciding_agency_id} {self.procedure_version_id}"
