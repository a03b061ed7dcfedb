"""A dossier's slips as PDF, for whoever may see the dossier (applicants: the ones sent to them)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from motcua.core import downloads
from motcua.core.enums import member
from motcua.dossiers.selectors import dossier_for
from motcua.slips import content, render
from motcua.slips.regimes import Slip


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    return downloads.document(data, "application/pdf", filename, inline=True, private=True)


@require_GET
@login_required
def slip_pdf(request: HttpRequest, code: str, slip: str) -> HttpResponse:
    dossier = dossier_for(request.user, code)
    kind = member(Slip, slip)
    if dossier is None or kind is None or kind not in content.allowed_for(request.user) \
            or kind not in content.available(dossier):
        raise Http404
    data = render.pdf(f"slips/{TEMPLATES[kind]}.html", content.context(kind, dossier))
    from motcua.core import signing  # here, not at the top: pyHanko weighs on every worker

    data = signing.sealed(data, dossier.receiving_agency)
    return pdf_response(data, f"{kind.value}-{dossier.code}.pdf")


TEMPLATES = {Slip.RECEIPT: "receipt", Slip.SUPPLEMENT: "supplement", Slip.REFUSAL: "refusal",
             Slip.APOLOGY: "apology", Slip.STOP: "stop", Slip.CONTROL: "control"}
