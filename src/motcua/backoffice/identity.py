"""The counter's identity check: a one-stop officer who has seen a person's identity papers marks
their account verified; the account then sees the dossiers received at the counter under its
ID number (dossiers.selectors.visible_dossiers)."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.backoffice.selectors import reception_agencies
from motcua.backoffice.views import staff_required
from motcua.core.forms import Styled
from motcua.core.identifiers import compact
from motcua.org import selectors, services


class AccountSearch(Styled, forms.Form):
    so = forms.CharField(label=gettext_lazy("Số định danh cá nhân hoặc mã số thuế của tài khoản"),
                         max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def clean_so(self) -> str:
        return compact(self.cleaned_data["so"])


@require_http_methods(["GET", "POST"])
@staff_required
def verify_identity(request: HttpRequest) -> HttpResponse:
    if not reception_agencies(request.user):
        raise PermissionDenied(_("Chỉ cán bộ một cửa được xác minh danh tính tài khoản."))
    form = AccountSearch(request.POST or request.GET or None)
    account = selectors.applicant_account(form.cleaned_data["so"]) if form.is_valid() else None
    if request.method == "POST" and account is not None:
        services.verify_identity(account, by=request.user)
        messages.success(request, _("Đã xác minh danh tính tài khoản %(id)s.")
                         % {"id": account.id_number})
        return redirect(f"{reverse('backoffice:identity')}?{urlencode({'so': account.id_number})}")
    return render(request, "backoffice/identity.html", {
        "form": form, "account": account, "searched": form.is_bound and form.is_valid()},
        status=422 if request.method == "POST" else 200)
