"""Sign-in with VNeID (DVCQG's single sign-on) on the portal: the button's start, the callback,
the confirmation of a link to an existing account, and the refusals (docs/vneid.md).

The protocol is ``national.vneid``'s, the accounts ``national.vneid_accounts``'; these views
keep the pending request (state, nonce, PKCE verifier) in the session between the start and the
callback, and every refusal is a page that says why, logged as a security event.
"""

from __future__ import annotations

import logging
from dataclasses import asdict

from django import forms
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.forms import Styled
from motcua.core.throttles import throttled
from motcua.national import vneid, vneid_accounts
from motcua.org.models import User
from motcua.secops import events

security = logging.getLogger("motcua.security")
PENDING, IDENTITY, CANDIDATE = "vneid_pending", "vneid_identity", "vneid_candidate"
BACKEND = "django.contrib.auth.backends.ModelBackend"
REFUSED = "portal/account/vneid_refused.html"


class SignInView(auth.LoginView):
    """Django's sign-in page, with the VNeID button when the single sign-on is set up."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "vneid": vneid.provider() is not None}


def _provider() -> vneid.Provider:
    found = vneid.provider()
    if found is None:
        raise Http404
    return found


def _next(request: HttpRequest, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()},
                                                 request.is_secure()):
        return value
    return reverse("portal:start")


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """To the single sign-on's authorize page, the pending request kept in the session."""
    url, pending = vneid.begin(_provider())
    request.session[PENDING] = {**pending, "next": _next(request, request.GET.get("next", ""))}
    return redirect(url)


@require_GET
def callback(request: HttpRequest) -> HttpResponse:
    """Back from the single sign-on: the code exchanged, the identity checked, then signed in,
    asked to confirm a link, or given a new account."""
    pending = request.session.pop(PENDING, None) or {}
    try:
        identity = vneid.finish(_provider(), pending, request.GET.dict())
        found = vneid_accounts.match(identity)
        if found.linked is not None:
            if not found.linked.is_active:
                raise vneid.Refused("inactive", f"account {found.linked.pk}")
            return _signed_in(request, vneid_accounts.sign_in(identity), pending)
        if found.to_confirm is not None:
            request.session[IDENTITY] = asdict(identity)
            request.session[CANDIDATE] = found.to_confirm.pk
            request.session[PENDING] = {"next": pending.get("next", "")}
            return redirect("portal:vneid_confirm")
        return _signed_in(request, vneid_accounts.create_account(identity), pending)
    except vneid.Refused as refused:
        return refused_page(request, refused)


def _signed_in(request: HttpRequest, user: User, pending: dict) -> HttpResponse:
    login(request, user, backend=BACKEND)
    return redirect(_next(request, pending.get("next", "")))


def refused_page(request: HttpRequest, refused: vneid.Refused) -> HttpResponse:
    security.warning("vneid sign-in refused: %s (%s) from %s", refused.reason, refused.detail,
                     request.META.get("REMOTE_ADDR", ""))
    events.record("authn_sso_assertion_invalid", request=request, idp="vneid",
                  reason=refused.reason)
    return render(request, REFUSED, {"message": refused.message}, status=400)


class ConfirmForm(Styled, forms.Form):
    password = forms.CharField(label=_("Mật khẩu của tài khoản này"), strip=False,
                               widget=forms.PasswordInput(attrs={
                                   "autocomplete": "current-password"}))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():  # made by an earlier VNeID sign-in: nothing to ask
            del self.fields["password"]
        self.style()

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mật khẩu không đúng."))
        return password


@throttled("login")
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """An account with the same ID number exists: the person proves it is theirs (its password)
    and it is linked to VNeID, or declines."""
    data = request.session.get(IDENTITY)
    if not data:
        return redirect("login")
    identity = vneid.Identity(**data)
    user = vneid_accounts.match(identity).to_confirm
    if user is None or user.pk != request.session.get(CANDIDATE):
        _forget(request)
        return refused_page(request, vneid.Refused("state", "the account to link changed"))
    if request.method == "POST" and "decline" in request.POST:
        _forget(request)
        return redirect("login")
    form = ConfirmForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        pending = request.session.get(PENDING, {})
        _forget(request)
        return _signed_in(request, vneid_accounts.link(identity, user), pending)
    return render(request, "portal/account/vneid_confirm.html", {
        "form": form, "account": user, "identity": identity})


def _forget(request: HttpRequest) -> None:
    for key in (PENDING, IDENTITY, CANDIDATE):
        request.session.pop(key, None)
