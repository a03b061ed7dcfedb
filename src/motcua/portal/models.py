"""A citizen's half-filled online dossier (a draft) and the files already uploaded for it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Component, ProcedureVersion
from motcua.dossiers.models import Attachment


class Draft(models.Model):
    """Kept until it is submitted (it becomes a dossier) or its owner deletes it."""

    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE,
                                  related_name="drafts", verbose_name=_("tài khoản"))
    procedure_version = models.ForeignKey(ProcedureVersion, models.CASCADE, related_name="+",
                                          verbose_name=_("thủ tục"))
    data = models.JSONField(_("thông tin đã khai"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ đang soạn")
        verbose_name_plural = _("hồ sơ đang soạn")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["applicant", "-updated_at"], name="draft_applicant")]

    def __str__(self) -> str:
        return f"{self.applicant_id}: {self.procedure_version_id}"


class DraftFile(models.Model):
    draft = models.ForeignKey(Draft, models.CASCADE, related_name="files")
    component = models.ForeignKey(Component, models.CASCADE, related_name="+")
    attachment = models.OneToOneField(Attachment, models.CASCADE, related_name="+")

    class Meta:
        ordering = ["component__order", "id"]

    def __str__(self) -> str:
        return f"{self.draft_id}: {self.attachment_id}"
