"""The daily deadline reminders in the officers' inbox: "due today" and "overdue".

The scheduler runs ``run`` once a day; each dossier whose clock runs and whose due instant falls
today (Vietnam time) or has passed gives one reminder a day to each person who has it in hand.
A second run the same day adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from motcua.core.dates import to_local
from motcua.dossiers import notices
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import CLOCK_RUNNING, deadline_state, handlers_now
from motcua.outbox.selectors import received_since


def start_of_day(now: dt.datetime) -> dt.datetime:
    """Midnight of ``now``'s day in Vietnam."""
    return to_local(now).replace(hour=0, minute=0, second=0, microsecond=0)


def due_by_tonight(now: dt.datetime):
    """The running dossiers due before the end of today (Vietnam time), late ones included."""
    tonight = start_of_day(now) + dt.timedelta(days=1)
    return (Dossier.objects.filter(status__in=CLOCK_RUNNING, due_at__lt=tonight)
            .select_related("procedure_version", "receiving_agency").order_by("due_at", "pk"))


REMINDERS = {"due_today": notices.due_today, "overdue": notices.overdue}


def run(now: dt.datetime) -> int:
    """Post today's reminders not yet posted; returns how many."""
    today = start_of_day(now)
    posted = 0
    for dossier in due_by_tonight(now):
        topic = "overdue" if deadline_state(dossier, now, now) == "overdue" else "due_today"
        with transaction.atomic():
            told = received_since(today, topic, dossier.code)
            users = [user for user in handlers_now(dossier) if user.pk not in told]
            posted += REMINDERS[topic](dossier, users)
    return posted
