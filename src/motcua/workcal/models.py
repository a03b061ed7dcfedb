"""Announced exceptions to the library's calendar: extra days off and make-up working days."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.workcal.schedule import DayKind


class CalendarOverride(models.Model):
    """One announced day that wins over the `holidays` library (ngày nghỉ, ngày làm bù)."""

    class Kind(models.TextChoices):
        DAY_OFF = DayKind.DAY_OFF.value, _("Ngày nghỉ")
        WORKING_DAY = DayKind.WORKING_DAY.value, _("Ngày làm việc (làm bù)")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    legal_source = models.CharField(_("văn bản căn cứ"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()} — {self.reason}"
