"""The leaders' report of the citizens' voice (domain feedback-complaints §8): per agency they
read and period, on a page and as an Excel workbook (``core.spreadsheets``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.core import downloads
from motcua.core.routers import replica_reads
from motcua.core.spreadsheets import XLSX, table_workbook
from motcua.stats.inputs import BadReport, period_of
from motcua.stats.rules import Period
from motcua.stats.views import readers_only
from motcua.voice import reports


def _rows(period: Period, agencies: set[int]):
    rows = reports.agency_rows(period.lo, period.hi, agencies)
    return rows, reports.total(rows)


def workbook(period: Period, agencies: set[int]) -> bytes:
    rows, total = _rows(period, agencies)
    title = _("Báo cáo tiếp công dân, xử lý đơn, giải quyết khiếu nại từ %(a)s đến %(b)s") % {
        "a": f"{period.start:%d/%m/%Y}", "b": f"{period.end:%d/%m/%Y}"}
    lines = [[row.agency.identifier_code, row.agency.name, *row.figures.values()]
             for row in rows]
    lines.append(["", _("Tổng cộng"), *total.values()])
    return table_workbook(title, [_("Mã"), _("Cơ quan"), *(str(c.label) for c in
                                                          reports.COLUMNS)],
                          lines, _("Khiếu nại, tố cáo"), [16, 40] + [12] * len(reports.COLUMNS))


@require_safe
@readers_only
@replica_reads()
def page(request: HttpRequest, agencies: set[int]) -> HttpResponse:
    try:
        period, problem = period_of(request.GET.get("start"), request.GET.get("end")), ""
    except BadReport as error:
        period, problem = period_of(None, None), str(error)
    rows, total = _rows(period, agencies)
    return render(request, "stats/voice_report.html", {
        "period": period, "problem": problem, "columns": reports.COLUMNS, "rows": rows,
        "total": total, "query": request.GET.urlencode()}, status=422 if problem else 200)


@require_safe
@readers_only
@replica_reads()
def download(request: HttpRequest, agencies: set[int]) -> HttpResponse:
    try:
        period = period_of(request.GET.get("start"), request.GET.get("end"))
    except BadReport as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")
    return downloads.document(workbook(period, agencies), XLSX,
                              f"khieu-nai-to-cao-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx")
