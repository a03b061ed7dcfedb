"""Incoming documents' processing deadlines recounted when a year's days off are announced.

An assignment sets the deadline as N working days from its instant (``services.assign``); the
announcement replaces the calendar's estimate for a year (``workcal.services.announce_year``), so
a deadline counted across that year is counted again from the assignment event. As for dossiers
(``dossiers.rescheduling``), only a deadline the count reproduces under the calendar in force
before the announcement is recounted: ``count_before`` under the old calendar, ``recount`` under
the new one, both in the announcing transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from motcua.core.dates import VN_TZ, to_local
from motcua.exchange.models import DocumentEvent, IncomingDocument, IncomingState
from motcua.org.models import User
from motcua.workcal.engine import Unit
from motcua.workcal.selectors import calendar_for

RUNNING = (IncomingState.ASSIGNED, IncomingState.PROCESSING)
CALENDAR_ANNOUNCED = "calendar_announced"


@dataclass(frozen=True)
class MovedDocument:
    label: str  # the sender's number and notation, else the subject
    old_due: dt.datetime
    new_due: dt.datetime


def _affected(first_day: dt.date):
    start = dt.datetime.combine(first_day, dt.time(), tzinfo=VN_TZ)
    return (
        IncomingDocument.objects.select_for_update()
        .filter(state__in=RUNNING, processing_due_at__gte=start)
        .select_related("agency")
        .order_by("pk")
    )


def _counted(document: IncomingDocument) -> dt.datetime | None:
    """The deadline of the latest assignment, counted again; None without one in working days."""
    assignment = (
        DocumentEvent.objects.filter(incoming=document, action="assign")
        .order_by("-at", "-pk")
        .first()
    )
    days = assignment.payload.get("working_days") if assignment else None
    if days is None:
        return None
    return calendar_for(document.agency).due(assignment.at, days, Unit.WORKING_DAYS)


def count_before(first_day: dt.date) -> set[int]:
    """Phase 1, under the calendar in force: the documents whose deadline the count reproduces."""
    return {
        document.pk
        for document in _affected(first_day)
        if _counted(document) == document.processing_due_at
    }


def recount(
    before: set[int], *, year: int, legal_source: str, user: User | None
) -> list[MovedDocument]:
    """Phase 2, under the announced calendar: each deadline that changes, with an event."""
    moved = []
    for document in IncomingDocument.objects.filter(pk__in=before).select_related("agency"):
        old_due, new_due = document.processing_due_at, _counted(document)
        if new_due == old_due:
            continue
        document.processing_due_at = new_due
        document.save(update_fields=["processing_due_at", "updated_at"])
        DocumentEvent.objects.create(
            incoming=document,
            action=CALENDAR_ANNOUNCED,
            actor=user,
            at=timezone.now(),
            from_state=document.state,
            to_state=document.state,
            note=legal_source,
            payload={
                "year": year,
                "legal_source": legal_source,
                "old_due": to_local(old_due).isoformat(),
                "new_due": to_local(new_due).isoformat(),
            },
        )
        moved.append(MovedDocument(_label(document), old_due, new_due))
    return moved


def _label(document: IncomingDocument) -> str:
    number = "/".join(
        part for part in (document.original_number, document.original_notation) if part
    )
    return number or document.subject
