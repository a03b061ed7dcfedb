"""The operator's page of the national integrations (/can-bo/ket-noi/): system administrators."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.national import catalogue_sync, inbound, selectors, services
from motcua.national.models import RefusedPush


def operator_required(view):
    @wraps(view)
    @login_required
    def guarded(request: HttpRequest, *args, **kwargs):
        if not selectors.is_operator(request.user):
            raise PermissionDenied(_("Trang này dành cho người quản trị hệ thống."))
        return view(request, *args, **kwargs)

    return guarded


@require_GET
@operator_required
def operator(request: HttpRequest) -> HttpResponse:
    return render(request, "national/operator.html", {
        "integrations": selectors.integrations(), "behind": selectors.behind(),
        "refused": selectors.refused_pushes(),
        "catalogue_address": selectors.catalogue_address(),
        "catalogue_pulls": selectors.catalogue_pulls(), "poll": selectors.poll_status(),
    })


@require_GET
@operator_required
def catalogue_report(request: HttpRequest, pk: int) -> HttpResponse:
    """One pull of the national catalogue: its figures and what it did to each procedure."""
    run = selectors.catalogue_pull(pk)
    if run is None:
        raise Http404
    rows = [{**row, "label": catalogue_sync.outcome_label(row["outcome"]),
             "since": dt.date.fromisoformat(row["effective_from"]) if row["effective_from"]
             else None}
            for row in run.report if row["outcome"] != catalogue_sync.UNCHANGED]
    return render(request, "national/catalogue_report.html", {"run": run, "rows": rows})


@require_POST
@operator_required
def resend(request: HttpRequest) -> HttpResponse:
    count = services.resend()
    messages.success(request, _("Đã xếp lại %(count)s hồ sơ để gửi DVCQG.") % {"count": count})
    return redirect("national:operator")


@require_POST
@operator_required
def retry_push(request: HttpRequest, pk: int) -> HttpResponse:
    """"Thử lại": a refused push from DVCQG received again (after the catalogue or the mapping
    was fixed)."""
    refused = get_object_or_404(RefusedPush, pk=pk, resolved_at__isnull=True, malformed=False)
    try:
        received = inbound.retry(refused)
    except inbound.PushRefused as refusal:
        if refused.national_code:
            messages.error(request, _("Hồ sơ %(code)s vẫn bị từ chối: %(reason)s")
                           % {"code": refused.national_code, "reason": refusal.reason})
        else:
            messages.error(request, _("Gói tin vẫn bị từ chối: %(reason)s")
                           % {"reason": refusal.reason})
    else:
        messages.success(request, _("Đã nhận hồ sơ %(code)s từ DVCQG (mã hồ sơ %(local)s).")
                         % {"code": received.national_code, "local": received.dossier.code})
    return redirect("national:operator")
