"""The operator's page of the national integrations (/can-bo/ket-noi/): system administrators."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.national import selectors, services


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
    })


@require_POST
@operator_required
def resend(request: HttpRequest) -> HttpResponse:
    count = services.resend()
    messages.success(request, _("Đã xếp lại %(count)s hồ sơ để gửi DVCQG.") % {"count": count})
    return redirect("national:operator")
