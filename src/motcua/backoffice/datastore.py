"""“Lấy từ kho dữ liệu” (domain integrations §6.3): an officer of the receiving agency sees what
the citizen's data store holds of the dossier's owner and takes a file into a component, so
the citizen does not hand in again a paper the State already holds (national.datastore)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.backoffice.views import staff_required
from motcua.core.errors import ServiceError
from motcua.core.text import fold
from motcua.dossiers.selectors import dossier_for, staff_roles_in
from motcua.national import datastore
from motcua.national.gateways import GatewayError


@require_http_methods(["GET", "POST"])
@staff_required
def take_from_store(request: HttpRequest, code: str) -> HttpResponse:
    dossier = dossier_for(request.user, code)
    if dossier is None or not staff_roles_in(request.user, dossier.receiving_agency):
        raise Http404
    if not datastore.configured():
        return render(request, "backoffice/datastore.html",
                      {"dossier": dossier, "unconfigured": True})
    try:
        results = datastore.results_of(request.user, dossier)
    except GatewayError as error:
        return render(request, "backoffice/datastore.html",
                      {"dossier": dossier, "error": str(error)}, status=502)
    if request.method == "POST":
        chosen = [(result, stored) for result in results for stored in result.files
                  if (result.code, stored.path) == (request.POST.get("ma"),
                                                    request.POST.get("duong_dan"))]
        try:
            order = int(request.POST.get("thanh_phan", ""))
        except ValueError:
            order = 0
        if chosen and order:
            try:
                datastore.take(request.user, code, order, *chosen[0])
            except (ServiceError, GatewayError) as error:
                messages.error(request, getattr(error, "message", str(error)))
            else:
                messages.success(request, _("Đã lấy giấy tờ từ kho dữ liệu vào hồ sơ."))
                return redirect("backoffice:dossier", code=code)
        else:
            messages.error(request, _("Chọn một giấy tờ của kho và một thành phần hồ sơ."))
        return redirect("backoffice:datastore", code=code)
    components = list(dossier.procedure_version.components.all())
    return render(request, "backoffice/datastore.html", {
        "dossier": dossier, "components": components,
        "results": [(result, suggested_component(result.name, components))
                    for result in results]})


def suggested_component(name: str, components) -> int | None:
    """The component a stored paper plainly is: one whose name holds the paper's name, or the
    other way round (diacritics and case aside), when exactly one does; else the officer
    chooses (nothing is chosen for them)."""
    paper = fold(name)
    matches = [component.order for component in components
               if paper and (paper in fold(component.name) or fold(component.name) in paper)]
    return matches[0] if len(matches) == 1 else None
