"""The procedures' search columns hold their sector's and deciding agency's names: a renamed
sector or agency is searched under its new name at once."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from motcua.catalog.models import ProcedureVersion, Sector
from motcua.catalog.services import reindex_versions
from motcua.org.models import Agency

RELATED = "procedure", "sector", "deciding_agency"


@receiver(post_save, sender=Sector, dispatch_uid="catalog.reindex_sector")
def reindex_sector(sender, instance: Sector, created: bool, **kwargs) -> None:
    if not created:
        reindex_versions(ProcedureVersion.objects.filter(sector=instance).select_related(*RELATED))


@receiver(post_save, sender=Agency, dispatch_uid="catalog.reindex_agency")
def reindex_agency(sender, instance: Agency, created: bool, **kwargs) -> None:
    if not created:
        reindex_versions(ProcedureVersion.objects.filter(deciding_agency=instance)
                         .select_related(*RELATED))
