"""An incoming document's processing deadline, counted in working days from its assignment,
moves with a year's announced days off (the 2027 case: tests/workcal/announcement_2027.py)."""

import time_machine

from motcua.exchange import selectors, services
from motcua.exchange.models import DocumentEvent, IncomingDocument
from motcua.workcal.services import announce_year
from tests.exchange.documents import local
from tests.exchange.test_selectors import exchange
from tests.workcal.announcement_2027 import CSV, SOURCE


def assigned_2027(offices, working_days=10) -> IncomingDocument:
    a, b = offices
    with time_machine.travel(local(2027, 1, 20, 9), tick=False):
        exchange(a, b)
        incoming = IncomingDocument.objects.get()
        services.register_incoming(b.clerk, incoming)
        services.assign(b.leader, incoming, specialist=b.specialist, working_days=working_days)
    incoming.refresh_from_db()
    return incoming


def announce(**options):
    with time_machine.travel(local(2026, 11, 20, 10), tick=False):
        return announce_year(2027, CSV, SOURCE, **options)


def test_an_assigned_document_s_deadline_follows_the_announcement(offices):
    incoming = assigned_2027(offices)
    assert incoming.processing_due_at == local(2027, 2, 3, 9)  # the estimate's tenth day
    result = announce()
    incoming.refresh_from_db()
    assert incoming.processing_due_at == local(2027, 2, 10, 9)  # 03/02 is Tết, 10/02 worked
    assert [(m.old_due, m.new_due) for m in result.moved_documents] == [
        (local(2027, 2, 3, 9), local(2027, 2, 10, 9))
    ]
    event = DocumentEvent.objects.filter(incoming=incoming).order_by("pk").last()
    assert event.action == "calendar_announced" and event.note == SOURCE
    assert event.payload["old_due"] == "2027-02-03T09:00:00+07:00"
    assert event.payload["new_due"] == "2027-02-10T09:00:00+07:00"
    labels = [entry.label for entry in selectors.incoming_timeline(incoming)]
    assert "Tính lại hạn xử lý theo lịch nghỉ đã công bố" in labels


def test_a_deadline_the_announcement_does_not_move_is_left_alone(offices):
    incoming = assigned_2027(offices, working_days=3)  # 21, 22, 25/01: before any change
    events = DocumentEvent.objects.filter(incoming=incoming).count()
    assert announce().moved_documents == []
    assert DocumentEvent.objects.filter(incoming=incoming).count() == events


def test_a_deadline_not_counted_from_the_assignment_is_not_recounted(offices):
    incoming = assigned_2027(offices)
    IncomingDocument.objects.filter(pk=incoming.pk).update(processing_due_at=local(2027, 2, 4, 9))
    assert announce().moved_documents == []
    incoming.refresh_from_db()
    assert incoming.processing_due_at == local(2027, 2, 4, 9)


def test_a_dry_run_lists_the_document_and_keeps_its_deadline(offices):
    incoming = assigned_2027(offices)
    assert len(announce(dry_run=True).moved_documents) == 1
    incoming.refresh_from_db()
    assert incoming.processing_due_at == local(2027, 2, 3, 9)
