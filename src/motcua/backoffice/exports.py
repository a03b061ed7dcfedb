"""The work queue as an Excel file: the page's columns, every row of every page."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from motcua.core.dates import vn_datetime
from motcua.core.spreadsheets import table_workbook
from motcua.dossiers.models import Dossier

WIDTHS = (6, 30, 50, 28, 17, 18, 36, 24, 22, 17)


def queue_header() -> list[str]:
    return [_("STT"), _("Mã hồ sơ"), _("Thủ tục"), _("Chủ hồ sơ"), _("Ngày nộp"), _("Kênh"),
            _("Bước hiện tại"), _("Người thụ lý"), _("Trạng thái"), _("Hạn trả")]


def queue_row(number: int, dossier: Dossier) -> list:
    """One dossier as the queue lists it (``active_steps`` prefetched by the queue's read)."""
    return [number, dossier.code, dossier.procedure_version.name, dossier.owner_name,
            vn_datetime(dossier.submitted_at), dossier.get_channel_display(),
            "; ".join(s.step.name for s in dossier.active_steps),
            "; ".join(s.assignee.get_full_name() for s in dossier.active_steps if s.assignee),
            dossier.get_status_display(), vn_datetime(dossier.due_at)]


def queue_workbook(title: str, dossiers: Sequence[Dossier]) -> bytes:
    rows = (queue_row(number, d) for number, d in enumerate(dossiers, start=1))
    return table_workbook(title, queue_header(), rows, _("Hồ sơ công việc"), WIDTHS)
