"""The dossier page's public notice and revocations (spec §6.1 rows 8 and 15): the running
notice and, for the emulation office, the citizens' comments; the revoking decisions with the
bonus to recover; the office's form recording a revocation for the awarding authority
(Luật 06/2022 điều 93). Thin: ``emulation.revocations`` writes."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.backoffice.views import staff_required
from motcua.core.errors import Forbidden, ServiceError
from motcua.core.forms import Styled, errors_text
from motcua.emulation import proposal_selectors, revocations
from motcua.emulation.models import NominationResult, Proposal, RevocationGround
from motcua.org.models import User

REVOCABLE = (NominationResult.PASSED_VOTE, NominationResult.AWARDED)


class RevocationForm(Styled, forms.Form):
    nominations = forms.MultipleChoiceField(
        label=gettext_lazy("Trường hợp bị thu hồi"), widget=forms.CheckboxSelectMultiple)
    ground = forms.ChoiceField(label=gettext_lazy("Căn cứ thu hồi (Điều 93 Luật Thi đua, khen "
                                                  "thưởng)"), choices=RevocationGround.choices)
    reason = forms.CharField(label=gettext_lazy("Lý do cụ thể"), widget=forms.Textarea(
        attrs={"rows": 2}))
    decision_number = forms.CharField(label=gettext_lazy("Số quyết định thu hồi"),
                                      max_length=60)
    decision_date = forms.DateField(label=gettext_lazy("Ngày quyết định thu hồi"),
                                    input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                    help_text=gettext_lazy("Ngày/tháng/năm, ví dụ 15/12/2026."))
    issuer = forms.CharField(label=gettext_lazy("Cơ quan quyết định thu hồi"), max_length=255)

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = [
            (n.pk, f"{n.printed_name} — {n.award_type.name}")
            for n in proposal.nominations.filter(result__in=REVOCABLE).select_related(
                "award_type")]
        self.style()


def page_context(user: User, proposal: Proposal) -> dict:
    office = proposal_selectors.is_office(user)
    return {
        "notice": proposal_selectors.running_notice(proposal, timezone.now()),
        "notices": proposal.notices.all(),
        "comments": proposal_selectors.comments_of(proposal) if office else (),
        "revocations": [(revocation, revocations.bonus_to_recover(revocation))
                        for revocation in proposal.revocations.all()],
        "revoke_form": RevocationForm(proposal=proposal) if office else None,
    }


@require_POST
@staff_required
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = proposal_selectors.proposal_for(request.user, pk)
    if proposal is None:
        raise Http404
    if not proposal_selectors.is_office(request.user):
        raise PermissionDenied(_("Chỉ Sở Nội vụ (Phòng Thi đua, khen thưởng) được thực hiện."))
    form = RevocationForm(request.POST, proposal=proposal)
    if not form.is_valid():
        messages.error(request, errors_text(form))
        return redirect("backoffice:emulation_proposal", pk=pk)
    data = form.cleaned_data
    try:
        revocations.revoke(request.user, proposal, [int(n) for n in data["nominations"]],
                           ground=data["ground"], reason=data["reason"],
                           decision_number=data["decision_number"],
                           decision_date=data["decision_date"], issuer=data["issuer"])
    except Forbidden as error:
        raise PermissionDenied(error.message) from None
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi quyết định thu hồi khen thưởng."))
    return redirect("backoffice:emulation_proposal", pk=pk)
