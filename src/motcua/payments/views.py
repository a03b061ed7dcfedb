"""Online payment pages (integrations §3.4), under /thanh-toan/.

``start``: the citizen's "Thanh toán trực tuyến" (their own dossier, or the lookup's with the
owner's ID number) → a page that moves on to the platform's address. ``notify``: the
platform's server-to-server notification (CONFIRM, JSON). ``back``: where the platform sends
the payer back; its checksum is verified as the notification's, and it is applied the same way
(once), so a late notification does not leave the payer waiting. ``receipt``: the e-receipt,
for whoever may see the dossier. ``reconciliation``: an officer's agencies' workbook of a day.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from motcua.core import downloads
from motcua.core.metrics import client_address
from motcua.core.spreadsheets import XLSX
from motcua.core.throttles import throttled
from motcua.dossiers.selectors import held_working_roles
from motcua.national.gateways import GatewayNotConfigured
from motcua.org.selectors import agency_ids
from motcua.payments import providers, reconciliation, selectors, services
from motcua.payments.models import PaymentState

MAX_NOTIFICATION_BYTES = 64 * 1024


@require_POST
@throttled("lookup")
def start(request: HttpRequest, code: str) -> HttpResponse:
    """Signed in: the citizen's own dossier; else the lookup's, by the owner's ID number."""
    user = request.user if request.user.is_authenticated else None
    found = selectors.payable_by(user, code) if user else \
        selectors.payable_on_lookup(code, request.POST.get("SGT", ""))
    if found is None:
        raise Http404
    try:
        attempt = services.start(*found, payer=user, ip=client_address(request) or "")
    except services.PaymentRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(_back_to(request, code, user is not None))
    # a page that moves on by itself (Refresh), not a redirect: the pages' form-action 'self'
    # (Content-Security-Policy) forbids a form's redirect to another site
    response = render(request, "payments/go.html", {"attempt": attempt})
    response["Refresh"] = f"0; url={attempt.payment_url}"
    response["Cache-Control"] = "private, no-store"
    return response


def _back_to(request: HttpRequest, code: str, signed_in: bool) -> str:
    if signed_in:
        return reverse("portal:dossier", args=[code])
    return reverse("portal:lookup") + "?" + urlencode({"MHS": code,
                                                       "SGT": request.POST.get("SGT", "")})


@csrf_exempt  # the platform's server calls it; MaXacThuc, not a cookie, proves who sent it
@require_POST
def notify(request: HttpRequest) -> JsonResponse:
    if not providers.configured():
        raise Http404
    try:
        message = json.loads(request.body[:MAX_NOTIFICATION_BYTES] or b"{}")
    except ValueError:
        message = None
    answer = services.notify(message, client_address(request) or "")
    return JsonResponse(answer.body, status=answer.status,
                        json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # the platform's server calls it; MaXacThuc proves who sent it
@require_POST
def owed(request: HttpRequest) -> JsonResponse:
    """The DVCQG platform asks what a dossier owes ({MaHoSo}, integrations §3.3)."""
    if not providers.configured():
        raise Http404
    try:
        message = json.loads(request.body[:MAX_NOTIFICATION_BYTES] or b"{}")
    except ValueError:
        message = None
    return JsonResponse(services.what_is_owed(message, client_address(request) or ""),
                        json_dumps_params={"ensure_ascii": False})


@require_GET
def back(request: HttpRequest) -> HttpResponse:
    try:
        provider = providers.provider()
    except GatewayNotConfigured:
        raise Http404 from None
    message = request.GET.dict()
    services.notify(message, client_address(request) or "", provider)
    notification = provider.notification(message)
    attempt = selectors.by_reference(notification.reference) if notification else None
    context = {"attempt": attempt, "verified": attempt is not None, "PAID": PaymentState.PAID,
               "own": attempt is not None and request.user.is_authenticated
               and attempt.dossier.applicant_id == request.user.pk}
    response = render(request, "payments/back.html", context,
                      status=200 if attempt is not None else 400)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@login_required
def receipt(request: HttpRequest, code: str) -> FileResponse:
    found = selectors.paid_receipt(request.user, code)
    if found is None:
        raise Http404
    return downloads.stored_file(found.file.open("rb"), "application/pdf",
                                 f"bien-lai-{found.transaction.reference}.pdf", inline=True,
                                 private=True)


@require_GET
@login_required
def reconciliation_day(request: HttpRequest) -> HttpResponse:
    """The officer's agencies' reconciliation of a day (?ngay=dd/mm/yyyy, yesterday if none)."""
    agencies = agency_ids(held_working_roles(request.user))
    if not agencies:
        raise PermissionDenied(_("Trang này dành cho cán bộ giải quyết thủ tục hành chính."))
    try:
        day = dt.datetime.strptime(request.GET["ngay"], "%d/%m/%Y").date() \
            if request.GET.get("ngay") else reconciliation.yesterday()
    except ValueError:
        return HttpResponse(_("Ngày phải viết dd/mm/yyyy."), status=400,
                            content_type="text/plain; charset=utf-8")
    return downloads.document(reconciliation.workbook(agencies, day), XLSX,
                              reconciliation.file_name(day), private=True)
