"""The public post's pages: the citizen's requests and orders, the counter's post. Thin: the
services decide, the selectors scope."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.catalog.selectors import current_version
from motcua.core.access import applicant_required
from motcua.core.errors import NotFound, ServiceError
from motcua.dossiers.selectors import dossier_for
from motcua.post import selectors, services
from motcua.post.client import configured
from motcua.post.forms import PickupForm, WhereForm


def _offered() -> None:
    if not configured():
        raise Http404(_("Dịch vụ bưu chính công ích chưa được cấu hình."))


def _initial(user) -> dict:
    profile = getattr(user, "applicant_profile", None)
    return {"name": getattr(profile, "display_name", ""), "phone": user.phone,
            "address": getattr(profile, "address", "")}


@require_http_methods(["GET", "POST"])
@applicant_required
def pickup(request: HttpRequest, code: str) -> HttpResponse:
    """"Nhờ bưu điện đến lấy hồ sơ giấy": the form, the fee, the consent."""
    _offered()
    version = current_version(code)
    if version is None:
        raise Http404
    form = PickupForm(request.POST or None, initial=_initial(request.user),
                      agencies=version.receivers())
    if request.method == "POST" and form.is_valid():
        try:
            services.request_pickup(request.user, code, form.cleaned_data["subject"],
                                    form.cleaned_data["agency"], form.where(),
                                    form.cleaned_data["result_by_post"])
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi yêu cầu bưu điện đến lấy hồ sơ."))
            return redirect("post:mine")
    return render(request, "post/request.html", {
        "form": form, "fee": services.fee_vnd(), "version": version,
        "title": _("Nhờ bưu điện đến lấy hồ sơ giấy")}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@applicant_required
def result(request: HttpRequest, code: str) -> HttpResponse:
    """The result by post, asked for after filing."""
    _offered()
    dossier = dossier_for(request.user, code)
    if dossier is None:
        raise Http404
    form = WhereForm(request.POST or None, initial=_initial(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_result_by_post(request.user, code, form.where())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã đăng ký nhận kết quả qua bưu điện."))
            return redirect("portal:dossier", code)
    return render(request, "post/request.html", {
        "form": form, "fee": services.fee_vnd(), "dossier": dossier,
        "title": _("Nhận kết quả qua bưu điện")}, status=400 if form.errors else 200)


@require_GET
@applicant_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "post/mine.html",
                  {"orders": selectors.orders_of_applicant(request.user)[:100]})


@require_POST
@applicant_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.cancel_pickup(request.user, pk)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã gửi yêu cầu hủy sang bưu điện."))
    return redirect("post:mine")


def _desk_only(request: HttpRequest) -> None:
    if not selectors.desk_agencies(request.user):
        raise PermissionDenied(_("Chỉ cán bộ một cửa xử lý bưu chính công ích."))


@require_GET
@login_required
def desk(request: HttpRequest) -> HttpResponse:
    _desk_only(request)
    return render(request, "post/desk.html", selectors.desk(request.user))


@require_POST
@login_required
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    _desk_only(request)
    try:
        dossier = services.accept_pickup(request.user, pk)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("post:desk")
    messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s do bưu điện chuyển đến.")
                     % {"code": dossier.code})
    return redirect("backoffice:dossier", dossier.code)


@require_POST
@login_required
def hand_over(request: HttpRequest, code: str) -> HttpResponse:
    _desk_only(request)
    try:
        services.hand_over_result(request.user, code)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã chuyển kết quả hồ sơ %(code)s cho bưu điện.")
                         % {"code": code})
    return redirect("post:desk")
