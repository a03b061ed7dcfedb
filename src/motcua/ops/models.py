"""One row per run of a periodic job: the claim that makes it run once per period."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    job = models.CharField(_("công việc"), max_length=40)
    period_start = models.DateTimeField(_("đầu kỳ"))
    host = models.CharField(_("máy chạy"), max_length=120, blank=True,
                            help_text=_("Tên máy và số tiến trình của bộ lập lịch."))
    started_at = models.DateTimeField(_("bắt đầu lúc"))
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    ok = models.BooleanField(_("thành công"), null=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần chạy công việc định kỳ")
        verbose_name_plural = _("các lần chạy công việc định kỳ")
        ordering = ["-period_start", "job"]
        constraints = [
            # the claim: whichever scheduler inserts this row first runs the period
            models.UniqueConstraint(fields=["job", "period_start"], name="ops_jobrun_once"),
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.period_start:%Y-%m-%d %H:%M:%S}"
