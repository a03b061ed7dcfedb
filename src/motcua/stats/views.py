"""The statistics pages: public figures at /thong-ke, the leaders' dashboard, report files."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from motcua.core import downloads
from motcua.core.routers import replica_reads
from motcua.dossiers.models import Rating
from motcua.stats import exports, selectors
from motcua.stats.feedback import index_766_group_5
from motcua.stats.inputs import BadReport, period_of
from motcua.stats.rules import Period, percent
from motcua.stats.selectors import By, Side

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def readers_only(view):
    """Leaders and statistics viewers, with the agencies they read passed on."""

    @wraps(view)
    @login_required
    def guarded(request: HttpRequest, *args, **kwargs):
        agencies = selectors.readable_agencies(request.user)
        if not agencies:
            raise PermissionDenied(_("Trang này dành cho lãnh đạo và cán bộ theo dõi thống kê."))
        return view(request, agencies, *args, **kwargs)

    return guarded


def _choice(request: HttpRequest, name: str, kind, default):
    try:
        return kind(request.GET.get(name, default))
    except ValueError:
        return default


def _figures(request: HttpRequest, agencies: set[int] | None) -> tuple[dict, int]:
    by, side = _choice(request, "by", By, By.AGENCY), _choice(request, "side", Side, Side.DECIDING)
    try:
        period = period_of(request.GET.get("start"), request.GET.get("end"))
    except BadReport as error:
        period = period_of(None, None)
        problem = str(error)
    else:
        problem = ""
    rows = selectors.report_06a(period, by, agencies, side)
    totals = selectors.summed(rows)
    context = {
        "period": period, "by": by, "side": side, "problem": problem, "totals": totals,
        "rows": rows,
        "indicators": sorted([*selectors.index_766(period, agencies, side, totals),
                              *selectors.index_766_group_4(period, agencies, side),
                              *index_766_group_5(period, agencies)],
                             key=lambda indicator: tuple(map(int, indicator.code.split(".")))),
        "months": [m for m in selectors.monthly(period, agencies, side) if m.resolved],
        "channels": _channels(totals), "ratings": _ratings(period, agencies, side),
        "query": request.GET.urlencode(), "bys": list(By), "sides": list(Side),
    }
    return context, 422 if problem else 200


def _channels(totals) -> list[tuple[str, int, object]]:
    parts = [(_("Trực tuyến"), totals.received_online), (_("Trực tiếp"), totals.received_direct),
             (_("Bưu chính công ích"), totals.received_postal)]
    return [(label, n, percent(n, totals.received_in_period)) for label, n in parts]


def _ratings(period: Period, agencies, side) -> list[tuple[str, int, object]]:
    found = selectors.ratings(period, agencies, side)
    every = sum(found.values())
    return [(Rating(level).label, n, percent(n, every)) for level, n in found.items()]


@require_safe
@replica_reads()
def public(request: HttpRequest) -> HttpResponse:
    context, status = _figures(request, None)
    return render(request, "stats/report.html", {**context, "public": True}, status=status)


@require_safe
@readers_only
@replica_reads()
def dashboard(request: HttpRequest, agencies: set[int]) -> HttpResponse:
    context, status = _figures(request, agencies)
    delays, unexplained = selectors.delays(context["period"], agencies, context["side"])
    context.update(delays=delays, unexplained=unexplained,
                   overdue=selectors.overdue_now(agencies))
    return render(request, "stats/report.html", context, status=status)


def _period_or_problem(request: HttpRequest) -> Period | HttpResponse:
    """The requested period, or the 422 answer that explains what is wrong with it."""
    try:
        return period_of(request.GET.get("start"), request.GET.get("end"))
    except BadReport as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")


def _file(request: HttpRequest, agencies: set[int] | None, extension: str) -> HttpResponse:
    period = _period_or_problem(request)
    if isinstance(period, HttpResponse):
        return period
    by, side = _choice(request, "by", By, By.AGENCY), _choice(request, "side", Side, Side.DECIDING)
    rows = selectors.report_06a(period, by, agencies, side)
    total = selectors.summed(rows)
    name = exports.file_name_06a(period, by, extension)
    if extension == "csv":
        return downloads.document(exports.to_csv(exports.table_06a(rows, total)),
                                  "text/csv; charset=utf-8", name)
    workbook = exports.workbook_06a(rows, total, period, by, selectors.reporting_unit(agencies))
    return downloads.document(workbook, XLSX, name)


@require_safe
@replica_reads()
def public_file(request: HttpRequest, extension: str) -> HttpResponse:
    return _file(request, None, extension)


@require_safe
@readers_only
@replica_reads()
def dashboard_file(request: HttpRequest, agencies: set[int], extension: str) -> HttpResponse:
    return _file(request, agencies, extension)


@require_safe
@replica_reads()
def open_data(request: HttpRequest) -> HttpResponse:
    period = _period_or_problem(request)
    if isinstance(period, HttpResponse):
        return period
    return downloads.document(exports.open_data(period), "application/zip",
                              f"du-lieu-mo-{period.start:%Y%m%d}-{period.end:%Y%m%d}.zip")
