"""Clear the cached calendars when an override or an announced year changes."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from motcua.workcal.models import AnnouncedYear, CalendarOverride
from motcua.workcal.selectors import clear_calendar_cache


@receiver(post_save, sender=CalendarOverride)
@receiver(post_delete, sender=CalendarOverride)
@receiver(post_save, sender=AnnouncedYear)
@receiver(post_delete, sender=AnnouncedYear)
def _override_changed(**kwargs) -> None:
    transaction.on_commit(clear_calendar_cache)
