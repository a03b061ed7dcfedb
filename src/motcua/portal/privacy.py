"""The citizens' pages of personal data: the privacy notice (L91/2025 art. 4(1)(a); NĐ 356/2025
art. 5(1)), their requests about their own data and each one's clocks, and the export of their
own data as JSON or PDF. Thin: the rules are in motcua.privacy."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core import downloads
from motcua.core.access import applicant_required
from motcua.core.errors import ServiceError
from motcua.core.forms import Styled
from motcua.privacy import rules, selectors, services
from motcua.privacy.models import RequestKind

EXPORTS = {"json": "application/json", "pdf": "application/pdf"}


class RequestForm(Styled, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại yêu cầu"), choices=RequestKind.choices)
    details = forms.CharField(
        label=gettext_lazy("Nội dung yêu cầu"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Ghi rõ dữ liệu nào, trong hồ sơ nào (nếu có), và điều bạn đề "
                               "nghị."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


@require_GET
def notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/notice.html", {
        "retention_years": rules.DOSSIER_RETENTION_YEARS})


@require_http_methods(["GET", "POST"])
@applicant_required
def requests(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            made = services.submit_request(request.user, form.cleaned_data["kind"],
                                           form.cleaned_data["details"])
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi yêu cầu %(code)s.") % {"code": made.code})
            return redirect("portal:data_request", code=made.code)
    return render(request, "privacy/my_requests.html", {
        "form": form, "requests": selectors.own_requests(request.user)},
        status=422 if form.is_bound else 200)


@require_GET
@applicant_required
def request_page(request: HttpRequest, code: str) -> HttpResponse:
    made = selectors.find(selectors.own_requests(request.user), code)
    if made is None:
        raise Http404
    return render(request, "privacy/my_request.html", {
        "made": made, "events": made.events.all()})


@require_GET
@applicant_required
def export(request: HttpRequest, extension: str) -> HttpResponse:
    if extension not in EXPORTS:
        raise Http404
    data = services.export(request.user, extension, request=request)
    return downloads.document(data, EXPORTS[extension], f"du-lieu-ca-nhan.{extension}",
                              private=True)
