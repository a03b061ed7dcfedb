"""Announced exceptions to the library's calendar: extra days off and make-up working days."""

from django.conf import settings
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


class AnnouncedYear(models.Model):
    """A year whose civil-servant schedule the government announced and an operator imported.

    Its override rows are then the whole truth for its Tết, Giỗ Tổ, the second National Day day
    and the compensatory days; a year without this row is an estimate (dự kiến) from the
    `holidays` library.
    """

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    legal_source = models.CharField(_("văn bản công bố"), max_length=255)
    announced_at = models.DateTimeField(_("nhập lúc"))
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("người nhập"))

    class Meta:
        verbose_name = _("lịch nghỉ đã công bố")
        verbose_name_plural = _("lịch nghỉ đã công bố")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} — {self.legal_source}"
