"""Gap-free, never-reused numbers: one counter row per key, taken under a row lock."""

from __future__ import annotations

from django.db import models


def take_next(counter_model: type[models.Model], **key) -> int:
    """Take the next number of the counter row ``key`` (field ``last``), creating it at 0.

    Call inside the transaction that saves the numbered thing: the lock serialises concurrent
    takers (no duplicate) and a rollback gives the number back (no gap).
    """
    counter_model.objects.bulk_create([counter_model(**key)], ignore_conflicts=True)
    counter = counter_model.objects.select_for_update().get(**key)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
