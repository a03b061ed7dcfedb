"""A queue page's rows, each cell made once in Python: the page shows 25 rows of nine cells, and
the template's lookups, filters and ``{% url %}`` a cell were most of the page's CPU."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from motcua.core.dates import vn_datetime
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import deadline_state, soon_limit

DEADLINE_BADGES = {
    "overdue": ("danger", gettext_lazy("Quá hạn")),
    "due_soon": ("warning", gettext_lazy("Sắp đến hạn")),
    "on_time": ("success", gettext_lazy("Còn hạn")),
}
PROCEDURE_CHARS = 80  # a procedure's name is cut to this many characters, with "…"
NONE = "—"


@dataclass(frozen=True)
class QueueRow:
    code: str
    url: str
    procedure: str
    owner: str
    submitted: str
    channel: str
    steps: str  # the running steps' names, "; " between them
    assignees: str  # who holds them
    status: str
    due: str
    badge: tuple[str, str] | None  # (Bootstrap colour, label) of its deadline


def queue_rows(dossiers: list[Dossier], now: dt.datetime) -> list[QueueRow]:
    """The rows of dossiers read with their running steps (``with_active_steps``)."""
    soon = soon_limit(now)
    return [_row(d, DEADLINE_BADGES.get(deadline_state(d, now, soon))) for d in dossiers]


def _row(dossier: Dossier, badge: tuple[str, str] | None) -> QueueRow:
    steps = dossier.active_steps
    return QueueRow(
        code=dossier.code, url=reverse("backoffice:dossier", args=[dossier.code]),
        procedure=Truncator(dossier.procedure_version.name).chars(PROCEDURE_CHARS),
        owner=dossier.owner_name, submitted=vn_datetime(dossier.submitted_at) or NONE,
        channel=dossier.get_channel_display(),
        steps="; ".join(s.step.name for s in steps) or NONE,
        assignees="; ".join(s.assignee.get_full_name() for s in steps if s.assignee),
        status=dossier.get_status_display(), due=vn_datetime(dossier.due_at) or NONE,
        badge=badge)
