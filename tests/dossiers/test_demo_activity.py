"""`motcua demo --with-activity`: dossiers in every state, made through the services, whose
histories are the engine's own (the audit chain verifies) and spread over the past months."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from motcua.dossiers import audit, demo
from motcua.dossiers.models import Dossier, DossierEvent, Status
from motcua.exchange import demo as documents_demo
from motcua.exchange.models import IncomingDocument, IncomingState, OutgoingDocument, OutgoingState
from motcua.outbox.models import Channel, OutboxMessage
from motcua.workcal.selectors import calendar_for, clear_calendar_cache
from tests.dossiers.conftest import local

NOW = local(2026, 11, 20, 10, 0)


@pytest.fixture(scope="module")
def _built_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo with its activity, built once for the module (the tests only read it; a test's
    own writes roll back with its test transaction, nested in this one). Its transaction rolls
    back at the module's end, so the next tests of this worker find the database as it was."""
    media = tmp_path_factory.mktemp("media")
    storages = {**django_settings.STORAGES,
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, STORAGES=storages):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
            with time_machine.travel(NOW, tick=False):
                demo.load(count=40)
                documents_demo.load(count=18)
            yield media
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            clear_calendar_cache()


@pytest.fixture
def activity(_built_once, db, settings):
    settings.MEDIA_ROOT = _built_once


def test_every_state_is_present(activity):
    assert set(demo.states()) == set(Status.values)


def test_official_documents_in_every_state_at_the_sender_and_the_recipient(activity):
    assert set(OutgoingDocument.objects.values_list("state", flat=True)) == set(
        OutgoingState.values)
    arrived = set(IncomingDocument.objects.values_list("state", flat=True))
    # the demo recalls nothing, and a replacement only comes in another system's package
    # (motcua does not issue replacements of its own documents yet)
    assert arrived == set(IncomingState.values) - {IncomingState.RECALLED, IncomingState.REPLACED}
    times = OutgoingDocument.objects.values_list("created_at", flat=True)
    assert min(times) < NOW - dt.timedelta(days=30) and max(times) <= NOW
    # each carries a readable PDF, unsigned: the receiver reads "Văn bản không có chữ ký số",
    # never "Tệp PDF bị hỏng"
    received = IncomingDocument.objects.exclude(main_file="")
    assert received.exists()
    assert all(document.signatures == [] for document in received)


def test_the_histories_verify_with_the_audit_chain(activity):
    summary = audit.verify()
    assert summary.problem_count == 0
    assert summary.events == DossierEvent.objects.count() > 3 * Dossier.objects.count()


def test_the_actions_are_spread_over_the_past_months_in_working_time(activity):
    times = list(DossierEvent.objects.values_list("at", flat=True))
    assert max(times) <= NOW and min(times) < NOW - dt.timedelta(days=90)
    local_times = [time.astimezone(NOW.tzinfo) for time in times]
    # working days of the calendar: a make-up Saturday (22/08/2026) is one, a holiday is not
    calendar = calendar_for(Dossier.objects.first().receiving_agency)
    assert all(calendar.is_working_day(time.date()) and 7 <= time.hour < 18
               for time in local_times)
    assert len({time.date() for time in local_times}) > 30


def test_the_officers_inboxes_hold_the_dossiers_that_reached_them(activity):
    told = OutboxMessage.objects.filter(channel=Channel.INBOX, topic="step_reached")
    assert told.values("user").distinct().count() >= 4


def test_the_past_notices_are_not_mailed_now_and_only_the_last_days_are_unread(activity):
    mails = OutboxMessage.objects.filter(channel=Channel.EMAIL)
    assert mails.exists() and not mails.filter(delivered_at__isnull=True).exists()
    notes = OutboxMessage.objects.filter(channel=Channel.INBOX)
    unread = notes.filter(read_at__isnull=True)
    assert unread.exists() and notes.filter(read_at__isnull=False).exists()
    assert not unread.filter(created_at__lt=NOW - dt.timedelta(days=3)).exists()


def test_a_second_run_adds_nothing(activity):
    before = Dossier.objects.count()
    call_command("demo", "--with-activity", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Dossier.objects.count() == before
