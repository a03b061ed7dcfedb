"""The public page of the award decisions: what the Department of Home Affairs published, each
with its number, date and awardees (Luật 06/2022 điều 84(5): publicity). Nothing else of a
proposal is shown to the public."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.emulation.models import NominationResult
from motcua.emulation.proposal_selectors import published_decisions


@require_GET
def decisions(request: HttpRequest) -> HttpResponse:
    page = Paginator(published_decisions(), 20).get_page(request.GET.get("trang"))
    rows = [(decision, decision.proposal.nominations.filter(
        result=NominationResult.AWARDED).select_related("award_type")) for decision in page]
    return render(request, "portal/emulation_decisions.html", {"page": page, "rows": rows})
