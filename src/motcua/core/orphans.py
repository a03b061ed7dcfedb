"""The sweeper of orphan files: files stored under a random key before a transaction that never
committed (a killed process, a lost connection: ``files.stored_until_rollback`` could not delete
them), which no row names.

Only files in the folders the models' file fields write to, whose name is a random key (32 or
64 hexadecimal characters, as every key motcua makes), are considered: a file another part of
motcua keeps without a row (the payments' reconciliation workbooks, a probe) is never touched.
Such a file is deleted when no file field of any model names it and it is older than
ORPHAN_FILE_GRACE_HOURS, so a file stored by a transaction still running is left alone.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.apps import apps
from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import models
from django.utils import timezone

from motcua.core.encryption import EncryptingStorage

logger = logging.getLogger(__name__)
RANDOM_KEY = re.compile(r"^(?:[0-9a-f]{32}|[0-9a-f]{64})(?:\.[a-z0-9]{1,8})?$")
BATCH = 500


@dataclass(frozen=True)
class Sweep:
    examined: int
    deleted: list[str]


def file_fields() -> list[models.FileField]:
    """Every file field of every model (on the default storage, encrypting or not)."""
    return [field for model in apps.get_models() for field in model._meta.concrete_fields
            if isinstance(field, models.FileField)
            and (field.storage is default_storage or isinstance(field.storage, EncryptingStorage))]


def folders(fields: Iterable[models.FileField]) -> set[str]:
    """The top folders the fields write to (a sample name's first segment)."""
    found = set()
    for field in fields:
        try:
            sample = field.generate_filename(None, "sample.bin")
        except (AttributeError, TypeError):  # an upload_to that needs its row: not swept
            continue
        if "/" in sample:
            found.add(sample.split("/", 1)[0])
    return found


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """The names of the files under ``folder``, at any depth."""
    try:
        subfolders, names = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        yield f"{folder}/{name}"
    for sub in subfolders:
        yield from walk(storage, f"{folder}/{sub}")


def batched(names: Iterable[str], size: int) -> Iterator[list[str]]:
    names = iter(names)
    while batch := list(islice(names, size)):
        yield batch


def referenced(fields: list[models.FileField], names: list[str]) -> set[str]:
    """Those of ``names`` that a row names."""
    found: set[str] = set()
    for field in fields:
        manager = field.model._base_manager
        found.update(manager.filter(**{f"{field.name}__in": names})
                     .values_list(field.name, flat=True))
    return found


def sweep(storage: Storage | None = None, now: dt.datetime | None = None,
          dry_run: bool = False) -> Sweep:
    """Delete the orphan files (see the module); what was examined and deleted."""
    storage = storage or default_storage
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS)
    fields = file_fields()
    candidates = (name for folder in sorted(folders(fields)) for name in walk(storage, folder)
                  if RANDOM_KEY.match(name.rsplit("/", 1)[-1]))
    examined, deleted = 0, []
    for batch in batched(candidates, BATCH):
        examined += len(batch)
        kept = referenced(fields, batch)
        for name in batch:
            if name not in kept and storage.get_modified_time(name) < cutoff:
                if not dry_run:
                    storage.delete(name)
                deleted.append(name)
    if deleted and not dry_run:
        logger.warning("orphan files deleted: %d", len(deleted), extra={"files": deleted[:50]})
    return Sweep(examined=examined, deleted=deleted)


def scheduled() -> int:
    """The nightly job: the number of files deleted."""
    return len(sweep().deleted)
