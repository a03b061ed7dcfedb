"""The operator's page of the national integrations (/can-bo/ket-noi/): system administrators."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.national import catalogue_sync, gateways, inbound, poller, selectors, services, tasks
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
        "can_poll": gateways.configured(poller.DVCQG),
        "pull_running": selectors.catalogue_pull_running(),
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


@require_POST
@operator_required
def pull_catalogue(request: HttpRequest) -> HttpResponse:
    """"Lấy danh mục ngay" (or "Xem trước" with ``dry_run``): a pull in a worker, one at a time."""
    if not gateways.configured(catalogue_sync.GATEWAY):
        messages.error(request, _("Chưa cấu hình DVCQG_CATALOGUE_URL: không có nơi để lấy danh "
                                  "mục."))
    elif selectors.catalogue_pull_running():
        messages.warning(request, _("Đang có một lần lấy danh mục chưa xong: hãy đợi nó xong "
                                    "rồi mới lấy lần nữa."))
    else:
        dry_run = request.POST.get("dry_run") == "1"
        transaction.on_commit(lambda: tasks.pull_catalogue.enqueue(dry_run))
        messages.success(request, _("Đã bắt đầu xem trước danh mục (không lưu gì): làm mới "
                                    "trang sau ít phút để xem báo cáo.") if dry_run else
                         _("Đã bắt đầu lấy danh mục: làm mới trang sau ít phút để xem báo "
                           "cáo."))
    return redirect("national:operator")


@require_POST
@operator_required
def poll_now(request: HttpRequest) -> HttpResponse:
    """"Hỏi ngay": one poll of DVCQG in a worker, whether or not the periodic poll is on."""
    if not gateways.configured(poller.DVCQG):
        messages.error(request, _("Chưa cấu hình DVCQG_URL: không có nơi để hỏi."))
    else:
        transaction.on_commit(tasks.poll_dvcqg.enqueue)
        messages.success(request, _("Đã bắt đầu hỏi DVCQG: làm mới trang sau ít phút để xem "
                                    "hồ sơ nhận được."))
    return redirect("national:operator")
