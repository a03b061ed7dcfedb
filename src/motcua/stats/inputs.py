"""Reading a report's request: the period and the agency (the API, the pages, the files)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.dates import parse_day
from motcua.core.errors import InvalidInput
from motcua.org.selectors import agency_by_code
from motcua.stats.rules import Period
from motcua.stats.selectors import with_descendants

FIRST_YEAR, LAST_YEAR = 2000, 2100


class BadReport(InvalidInput):
    """The request names a period or an agency that cannot be reported on; a one-line reason."""


def period_of(start: str | None, end: str | None) -> Period:
    """From ``start`` to ``end`` (dd/mm/yyyy or yyyy-mm-dd); default 1 January to today."""
    today = timezone.localdate()
    try:
        first = parse_day(start) if start else dt.date(today.year, 1, 1)
        last = parse_day(end) if end else today
    except ValueError as error:
        raise BadReport(_("Ngày không hợp lệ: %(day)s (dạng dd/mm/yyyy).") % {"day": error}) \
            from None
    if not (FIRST_YEAR <= first.year <= LAST_YEAR and FIRST_YEAR <= last.year <= LAST_YEAR):
        raise BadReport(_("Kỳ báo cáo phải nằm trong các năm %(a)s–%(b)s.")
                        % {"a": FIRST_YEAR, "b": LAST_YEAR})
    if last < first:
        raise BadReport(_("Ngày cuối kỳ phải sau ngày đầu kỳ."))
    return Period(first, last)


def report_scope(start: str | None, end: str | None,
                 agency: str | None) -> tuple[Period, set[int] | None]:
    """The period, and the agency with those below it (None: the whole province)."""
    period = period_of(start, end)
    if not agency:
        return period, None
    found = agency_by_code(agency)
    if found is None:
        raise BadReport(_("Không có cơ quan mã %(code)s.") % {"code": agency})
    return period, with_descendants([found.pk])
