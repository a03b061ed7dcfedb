"""Second factor (TOTP) for staff: for everyone with ``STAFF_2FA``, for administrators with
``ADMIN_2FA``, and for staff coming from outside ``MANAGEMENT_NETWORKS``.

A staff member who must (``second_factor_required``) enters, after the password, a code from an
authenticator app before the back office (``/can-bo/``) or the admin opens. The first time, they
link the app from a QR code; afterwards they enter its current code once per session. Applicants
never see any of this, and with every rule off nothing changes. A wrong code is a security event.

Account pages (login, logout, these two), static files, ``/i18n/``, ``/healthz`` and ``/api/``
lie outside the protected prefixes, and the admin's own login and logout are let through; the
API checks the code itself (``motcua.api.auth``).
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.validators import RegexValidator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.core.account_rules import report
from motcua.core.metrics import comes_from

# staff pages, slips, files and the portals' editors' admin
PROTECTED_PREFIXES = ("/can-bo/", "/admin/", "/phieu/", "/ho-so/", "/bien-tap/")
DEFAULT_NEXT = "/can-bo/"


def is_administrator(user) -> bool:
    """Whoever may open the admin site."""
    return bool(user.is_staff or user.is_superuser)


def outside_management_network(request: HttpRequest | None) -> bool:
    """Whether the request comes from outside MANAGEMENT_NETWORKS (never, when none is set)."""
    networks = settings.MOTCUA_MANAGEMENT_NETWORKS
    return bool(networks) and request is not None and not comes_from(request, networks)


def second_factor_required(user, request: HttpRequest | None = None) -> bool:
    """Whether ``user`` must prove a second factor: staff (or admin access) when STAFF_2FA is on,
    administrators when ADMIN_2FA is, staff whose ``request`` comes from outside the management
    networks."""
    # TCVN 14423:2026 5.6.2.4 (secondary): MFA for admin, external and Internet access
    if not user.is_authenticated or (user.is_applicant and not user.is_staff):
        return False
    return bool(
        settings.MOTCUA_STAFF_2FA
        or (settings.MOTCUA_ADMIN_2FA and is_administrator(user))
        or outside_management_network(request)
    )


def second_factor_missing(user, request: HttpRequest | None = None) -> bool:
    """Whether ``user`` must prove a second factor and has not yet in this session."""
    return second_factor_required(user, request) and not user.is_verified()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def verify_code(device: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is the device's current code; django-otp throttles repeated failures."""
    if not code:
        return False
    return django_otp.verify_token(device.user, device.persistent_id, code) is not None


def code_matches(user, code: str, request: HttpRequest | None = None) -> bool:
    """Whether ``code`` is the current code of the user's confirmed device (a wrong one is
    logged as a security event)."""
    device = confirmed_device(user)
    if device is not None and verify_code(device, code):
        return True
    log_refused_code(user, request)
    return False


def log_refused_code(user, request: HttpRequest | None = None) -> None:
    report("authn_mfa_fail", request=request, user=user)


class StaffSecondFactorMiddleware:
    """Send staff without a verified second factor from protected pages to the code page.

    Must come after django-otp's ``OTPMiddleware`` (``user.is_verified()``) and django-htmx's
    ``HtmxMiddleware`` (``request.htmx``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (self._is_protected(request) and second_factor_missing(request.user, request)):
            return self.get_response(request)
        to_verify = _redirect_with_next("otp_verify", request.get_full_path())
        if request.htmx:  # a fragment request: have htmx load the whole page instead
            return HttpResponseClientRedirect(to_verify.url)
        return to_verify

    @staticmethod
    def _is_protected(request: HttpRequest) -> bool:
        if not request.path_info.startswith(PROTECTED_PREFIXES):
            return False
        return request.path not in (reverse("admin:login"), reverse("admin:logout"))


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        validators=[RegexValidator(r"^\d{6}$", gettext_lazy("Mã xác thực gồm 6 chữ số."))],
    )

    def refuse(self) -> None:
        self.add_error("code", _("Mã xác thực không đúng hoặc đã hết hạn."))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the current code of the staff member's authenticator app."""
    next_url = _safe_next(request)
    if not second_factor_missing(request.user, request):
        return redirect(next_url)
    device = confirmed_device(request.user)
    if device is None:
        return _redirect_with_next("otp_setup", next_url)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if verify_code(device, form.cleaned_data["code"]):
            return _log_in(request, device, next_url)
        log_refused_code(request.user, request)
        form.refuse()
    return render(request, "registration/otp_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Link an authenticator app from a QR code; its first correct code confirms it.

    Only while no device is confirmed: otherwise someone holding just the password could
    replace the staff member's app. An administrator resets a lost one in the admin.
    """
    next_url = _safe_next(request)
    if not second_factor_missing(request.user, request):
        return redirect(next_url)
    if confirmed_device(request.user) is not None:
        return _redirect_with_next("otp_verify", next_url)
    device = _pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if verify_code(device, form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return _log_in(request, device, next_url)
        log_refused_code(request.user, request)
        form.refuse()
    import segno  # here, not at the top: only this page draws a QR code

    qr_svg = segno.make(device.config_url).svg_inline(scale=4)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": mark_safe(qr_svg),  # noqa: S308 — segno's own markup, no text of ours in it
        "secret": _grouped(b32encode(device.bin_key).decode()),
    }
    return render(request, "registration/otp_setup.html", context)


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def _log_in(request: HttpRequest, device: TOTPDevice, next_url: str) -> HttpResponse:
    request.session.cycle_key()  # a new session key for the raised privilege
    django_otp.login(request, device)
    return redirect(next_url)


def _safe_next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if safe else DEFAULT_NEXT


def _redirect_with_next(url_name: str, next_url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': next_url})}")


def _grouped(secret: str) -> str:
    """The secret in groups of four characters, easier to type into an app."""
    return " ".join(secret[start:start + 4] for start in range(0, len(secret), 4))
