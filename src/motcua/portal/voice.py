"""The citizens' pages of the citizens' voice: send a feedback or petition (on a regulation, or
on one of their dossiers from "Hồ sơ của tôi" and the lookup page), follow it by code, supplement
it, and read the published answers (which carry no personal data). Thin, like the other pages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import ServiceError
from motcua.core.forms import Styled
from motcua.dossiers.services import party_of
from motcua.portal.views import applicant_required
from motcua.voice import selectors, services
from motcua.voice.lifecycle import Action
from motcua.voice.models import FeedbackCase, FeedbackStatus, Subject

PER_PAGE = 20
ANSWERED = (FeedbackStatus.PUBLISHED, FeedbackStatus.ANSWERED_PRIVATE)


class FeedbackForm(Styled, forms.Form):
    subject = forms.ChoiceField(label=gettext_lazy("Phản ánh về"), choices=Subject.choices)
    dossier_code = forms.CharField(label=gettext_lazy("Mã hồ sơ"), max_length=60,
                                   required=False)
    agency = forms.ChoiceField(label=gettext_lazy("Cơ quan nhận phản ánh"), required=False)
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=255)
    content = forms.CharField(label=gettext_lazy("Nội dung"),
                              widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=gettext_lazy("Họ tên"), max_length=255)
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=500)
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=15)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    wants_public = forms.BooleanField(
        label=gettext_lazy("Đồng ý công khai nội dung trả lời (không kèm thông tin cá nhân)"),
        required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "—")] + [
            (a.identifier_code, a.name) for a in selectors.feedback_agencies()]
        self.style()

    def feedback(self) -> services.FeedbackIn:
        data = self.cleaned_data
        return services.FeedbackIn(
            sender=services.Sender(data["name"], data["address"], data["phone"], data["email"]),
            title=data["title"], content=data["content"], subject=data["subject"],
            dossier_code=data["dossier_code"], agency=data["agency"],
            wants_public=data["wants_public"])


class FollowForm(Styled, forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã phản ánh"), max_length=40)
    phone = forms.CharField(label=gettext_lazy("Số điện thoại người gửi"), max_length=15)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


def _initial(request: HttpRequest) -> dict:
    """The sender's details from the account; the dossier named in the address, if any."""
    party = party_of(request.user)
    code = request.GET.get("ho-so", "")
    return {"name": party.name, "address": party.address, "phone": party.phone,
            "email": party.email, "dossier_code": code, "wants_public": True,
            "subject": Subject.DOSSIER if code else Subject.REGULATION}


@require_http_methods(["GET", "POST"])
@applicant_required
def new(request: HttpRequest) -> HttpResponse:
    form = FeedbackForm(request.POST or None, initial=_initial(request))
    if form.is_bound and form.is_valid():
        try:
            case = services.submit_feedback(request.user, form.feedback())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi phản ánh, kiến nghị. Mã để theo dõi: %(code)s.")
                             % {"code": case.code})
            return redirect("portal:feedback", code=case.code)
    return render(request, "portal/voice_new.html", {"form": form},
                  status=422 if form.is_bound else 200)


def _mine_or_404(request: HttpRequest, code: str) -> FeedbackCase:
    case = selectors.visible_cases(request.user).select_related("agency", "letter").filter(
        code=code).first()
    if case is None:
        raise Http404
    return case


@require_GET
@applicant_required
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    case = _mine_or_404(request, code)
    return render(request, "portal/voice_case.html", {
        "case": case, "answered": case.status in ANSWERED,
        "may_supplement": Action.SUPPLEMENT.value in services.allowed_actions(request.user,
                                                                              case)})


@require_POST
@applicant_required
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    case = _mine_or_404(request, code)
    try:
        services.act(request.user, code, Action.SUPPLEMENT, case.version,
                     services.ActionInput(supplement=request.POST.get("supplement", "")))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã gửi thông tin bổ sung."))
    return redirect("portal:feedback", code=code)


@require_GET
def follow(request: HttpRequest) -> HttpResponse:
    """By code and the sender's phone: a wrong phone and an unknown code get the same answer."""
    form = FollowForm(request.GET or None)
    case = None
    if form.is_bound and form.is_valid():
        case = selectors.followed(form.cleaned_data["code"], form.cleaned_data["phone"])
    response = render(request, "portal/voice_follow.html", {
        "form": form, "case": case, "answered": case is not None and case.status in ANSWERED,
        "searched": form.is_bound and form.is_valid()})
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"  # the phone number is in the address
    return response


@require_GET
def answers(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")[:100]
    page = Paginator(selectors.published_answers(search), PER_PAGE).get_page(
        request.GET.get("trang"))
    return render(request, "portal/voice_answers.html", {"page": page, "q": search})
