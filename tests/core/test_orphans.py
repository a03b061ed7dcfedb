"""The orphan-file sweeper: it deletes only files stored under a random key that no row names and
that are older than ORPHAN_FILE_GRACE_HOURS."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from motcua.core import orphans
from motcua.dossiers.models import Attachment
from tests.factories.org import UserFactory

pytestmark = pytest.mark.django_db

HOUR = 3600


def stored(name: str, hours_old: float) -> str:
    name = default_storage.save(name, ContentFile(b"%PDF-1.4 test"))
    at = time.time() - hours_old * HOUR
    os.utime(default_storage.path(name), (at, at))
    return name


def key() -> str:
    return uuid.uuid4().hex


@pytest.fixture
def files(media_in_tmp, settings):
    settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS = 24
    named = stored(f"dossiers/ab/{key()}.pdf", hours_old=72)
    Attachment.objects.create(file=named, original_name="don.pdf", content_type="application/pdf",
                              size=13, sha256="0" * 64, uploaded_by=UserFactory())
    return {
        "named": named,
        "orphan": stored(f"dossiers/cd/{key()}.pdf", hours_old=25),
        "orphan_document": stored(f"documents/ef/{key()}.docx", hours_old=48),
        "orphan_letter": stored(f"voice/letters/{'a' * 64}.pdf", hours_old=48),
        "young": stored(f"documents/12/{key()}.pdf", hours_old=23),
        "workbook": stored("payments/reconciliation/2026-01-01/doi-soat.xlsx", hours_old=500),
        "elsewhere": stored(f"exports/{key()}.pdf", hours_old=500),
    }


def test_only_unreferenced_files_older_than_the_grace_period_are_removed(files):
    result = orphans.sweep()

    gone = {files["orphan"], files["orphan_document"], files["orphan_letter"]}
    assert set(result.deleted) == gone
    for label, name in files.items():
        assert default_storage.exists(name) is (name not in gone), label


def test_a_dry_run_deletes_nothing(files):
    result = orphans.sweep(dry_run=True)
    assert len(result.deleted) == 3
    assert all(default_storage.exists(name) for name in files.values())


def test_the_grace_period_is_a_setting(files, settings):
    settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS = 47
    assert set(orphans.sweep().deleted) == {files["orphan_document"], files["orphan_letter"]}


def test_the_folders_swept_are_those_of_the_models_file_fields():
    assert {"dossiers", "documents", "payments", "voice"} <= orphans.folders(orphans.file_fields())


def test_the_command_lists_what_it_deletes(files, run_command):
    code, out, _ = run_command("sweep_orphan_files")
    assert code == 0
    assert files["orphan"] in out
    assert "đã xóa 3 tệp" in out
    assert not default_storage.exists(files["orphan"])


def test_the_sweep_is_scheduled_nightly():
    from motcua.ops.schedule import DAY, jobs

    job = next(job for job in jobs() if job.name == "orphan_files")
    assert job.period == DAY
    assert job.resolve() is orphans.scheduled
