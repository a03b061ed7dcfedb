"""The citizens' pages of the denunciation track: file a denunciation, read one's own, follow it
by code and phone, print the notices addressed to oneself; and the public page of the published
conclusions, which carry nothing about any denouncer (Luật Tố cáo 2018 art. 40)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.core.access import applicant_required
from motcua.core.errors import ServiceError
from motcua.core.forms import Styled
from motcua.dossiers.services import party_of
from motcua.portal.voice import PER_PAGE, FollowForm, follow_page
from motcua.slips import denunciations as notices
from motcua.voice import denunciation_selectors as reads
from motcua.voice import denunciations, selectors, services
from motcua.voice.models import DenunciationCase


class DenunciationForm(Styled, forms.Form):
    agency = forms.ChoiceField(label=gettext_lazy("Cơ quan giải quyết tố cáo"))
    accused = forms.CharField(label=gettext_lazy("Người bị tố cáo (họ tên, chức vụ, nơi công "
                                                 "tác)"), max_length=255)
    acts = forms.CharField(label=gettext_lazy("Hành vi vi phạm bị tố cáo"),
                           widget=forms.Textarea(attrs={"rows": 2}))
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=255)
    content = forms.CharField(label=gettext_lazy("Nội dung, chứng cứ"),
                              widget=forms.Textarea(attrs={"rows": 5}))
    name = forms.CharField(label=gettext_lazy("Họ tên người tố cáo"), max_length=255)
    id_number = forms.CharField(label=gettext_lazy("Số định danh cá nhân"), max_length=20,
                                required=False)
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=500)
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=15)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "—")] + [
            (a.identifier_code, a.name) for a in selectors.feedback_agencies()]
        self.style()

    def denunciation(self) -> denunciations.DenunciationIn:
        data = self.cleaned_data
        return denunciations.DenunciationIn(
            sender=services.Sender(data["name"], data["address"], data["phone"], data["email"]),
            title=data["title"], content=data["content"], agency=data["agency"],
            accused=data["accused"], acts=data["acts"], id_number=data["id_number"])


class DenunciationFollowForm(FollowForm):
    code = forms.CharField(label=gettext_lazy("Mã tố cáo"), max_length=40)


@require_http_methods(["GET", "POST"])
@applicant_required
def new(request: HttpRequest) -> HttpResponse:
    party = party_of(request.user)
    form = DenunciationForm(request.POST or None, initial={
        "name": party.name, "address": party.address, "phone": party.phone,
        "email": party.email, "id_number": party.id_number})
    if form.is_bound and form.is_valid():
        try:
            case = denunciations.file_denunciation(request.user, form.denunciation())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi đơn tố cáo. Mã để theo dõi: %(code)s.") % {
                "code": case.code})
            return redirect("portal:denunciation", code=case.code)
    mine = reads.visible_denunciations(request.user).order_by("-pk")[:PER_PAGE]
    return render(request, "portal/denunciation_new.html", {"form": form, "mine": mine},
                  status=422 if form.is_bound else 200)


def _mine_or_404(request: HttpRequest, code: str) -> DenunciationCase:
    case = reads.visible_denunciations(request.user).select_related("agency").filter(
        code=code).first()
    if case is None:
        raise Http404
    return case


@require_GET
@applicant_required
def page(request: HttpRequest, code: str) -> HttpResponse:
    case = _mine_or_404(request, code)
    return render(request, "portal/denunciation_case.html", {
        "case": case, "notices": notices.available(case)})


@require_GET
@applicant_required
def notice(request: HttpRequest, code: str, notice: str) -> HttpResponse:
    """The denouncer prints the notices addressed to them, with their own identity."""
    case = _mine_or_404(request, code)
    return notices.response(case, notice, denouncer=reads.denouncer_for(request.user, case))


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    return follow_page(request, DenunciationFollowForm, reads.followed_denunciation,
                       "portal/denunciation_follow.html")


@require_GET
def conclusions(request: HttpRequest) -> HttpResponse:
    """The published conclusions, at least 15 consecutive days each (art. 40(2))."""
    page = Paginator(reads.published_conclusions(), PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "portal/denunciation_conclusions.html", {"page": page})
