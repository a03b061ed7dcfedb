"""The citizens' pages of the citizens' voice: send a feedback or petition (on a regulation, or
on one of their dossiers from "Hồ sơ của tôi" and the lookup page), follow it by code, supplement
it, and read the published answers (which carry no personal data); file a complaint, follow it,
read its notices and decision, see their own deadlines, withdraw it. Thin, like the other pages."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.access import applicant_required
from motcua.core.errors import ServiceError
from motcua.core.forms import Styled
from motcua.dossiers.services import party_of
from motcua.slips import complaints as notices
from motcua.voice import selectors, services
from motcua.voice.complaint_lifecycle import Action as ComplaintAction
from motcua.voice.fields import PartiesField
from motcua.voice.lifecycle import Action
from motcua.voice.models import (
    ActKind,
    ComplaintCase,
    FeedbackCase,
    FeedbackStatus,
    Instance,
    Subject,
)

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


def follow_page(request: HttpRequest, form_class: type[FollowForm], find: Callable,
                template: str, context: Callable[[object], dict] = lambda case: {}
                ) -> HttpResponse:
    """A case followed by its code and the sender's phone, sent in a POST so that the phone
    stays out of addresses (access logs, history, referrers); the answer on the same page, the
    same for a wrong phone as for an unknown code. A GET shows the form, its code taken from
    ``?code=`` (links given out with the code; a phone in the address is not used)."""
    if request.method == "POST":
        form = form_class(request.POST)
    else:
        form = form_class(initial={"code": request.GET.get("code", "")[:40]})
    searched = form.is_bound and form.is_valid()
    case = find(form.cleaned_data["code"], form.cleaned_data["phone"]) if searched else None
    response = render(request, template, {
        "form": form, "case": case, "searched": searched, **(context(case) if case else {})})
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    return follow_page(request, FollowForm, selectors.followed, "portal/voice_follow.html",
                       lambda case: {"answered": case.status in ANSWERED})


@require_GET
def answers(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "")[:100]
    page = Paginator(selectors.published_answers(search), PER_PAGE).get_page(
        request.GET.get("trang"))
    return render(request, "portal/voice_answers.html", {"page": page, "q": search})


# -- complaints ---------------------------------------------------------------------------------


class ComplaintForm(Styled, forms.Form):
    # Luật Khiếu nại 2011 art. 8(2); NĐ 124/2020 Mẫu 01
    agency = forms.ChoiceField(label=gettext_lazy("Cơ quan giải quyết khiếu nại"))
    instance = forms.TypedChoiceField(label=gettext_lazy("Khiếu nại"), coerce=int,
                                      choices=Instance.choices, initial=Instance.FIRST)
    act_kind = forms.ChoiceField(label=gettext_lazy("Khiếu nại về"), choices=ActKind.choices)
    act_reference = forms.CharField(
        label=gettext_lazy("Quyết định, hành vi bị khiếu nại (số, ngày, người ban hành)"),
        max_length=500)
    respondent = forms.CharField(label=gettext_lazy("Người bị khiếu nại"), max_length=255)
    known_on = forms.DateField(label=gettext_lazy("Ngày nhận được hoặc biết quyết định, hành vi"),
                               required=False, widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=255)
    content = forms.CharField(label=gettext_lazy("Nội dung, lý do khiếu nại"),
                              widget=forms.Textarea(attrs={"rows": 6}))
    demand = forms.CharField(label=gettext_lazy("Yêu cầu giải quyết"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    name = forms.CharField(label=gettext_lazy("Họ tên"), max_length=255)
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=500)
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=15)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    remote_area = forms.BooleanField(label=gettext_lazy("Tôi ở vùng sâu, vùng xa đi lại khó khăn"),
                                     required=False)
    dossier_code = forms.CharField(
        label=gettext_lazy("Mã hồ sơ liên quan (nếu khiếu nại việc giải quyết hồ sơ)"),
        max_length=60, required=False)
    co_complainants = PartiesField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "—")] + [
            (a.identifier_code, a.name) for a in selectors.feedback_agencies()]
        self.style()

    def complaint(self) -> services.ComplaintIn:
        data = self.cleaned_data
        return services.ComplaintIn(
            sender=services.Sender(data["name"], data["address"], data["phone"], data["email"]),
            title=data["title"], content=data["content"], agency=data["agency"],
            instance=data["instance"], act_kind=data["act_kind"],
            act_reference=data["act_reference"], respondent=data["respondent"],
            demand=data["demand"], known_on=data["known_on"], remote_area=data["remote_area"],
            dossier_code=data["dossier_code"], co_complainants=data["co_complainants"])


class ComplaintFollowForm(FollowForm):
    code = forms.CharField(label=gettext_lazy("Mã khiếu nại"), max_length=40)


@require_http_methods(["GET", "POST"])
@applicant_required
def complaint_new(request: HttpRequest) -> HttpResponse:
    party = party_of(request.user)
    form = ComplaintForm(request.POST or None, initial={
        "name": party.name, "address": party.address, "phone": party.phone,
        "email": party.email, "dossier_code": request.GET.get("ho-so", "")[:60]})
    if form.is_bound and form.is_valid():
        try:
            case = services.file_complaint(request.user, form.complaint())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã gửi đơn khiếu nại. Mã để theo dõi: %(code)s.") % {
                "code": case.code})
            return redirect("portal:complaint", code=case.code)
    mine = selectors.visible_complaints(request.user).select_related("letter").order_by(
        "-letter__received_at", "-pk")[:PER_PAGE]
    return render(request, "portal/complaint_new.html", {"form": form, "mine": mine},
                  status=422 if form.is_bound else 200)


def _my_complaint_or_404(request: HttpRequest, code: str) -> ComplaintCase:
    case = selectors.visible_complaints(request.user).select_related(
        "agency", "letter", "dossier").filter(code=code).first()
    if case is None:
        raise Http404
    return case


def _complaint_context(case: ComplaintCase) -> dict:
    return {"case": case, "deadlines": selectors.complainant_deadline_rows(case)}


@require_GET
@applicant_required
def complaint_page(request: HttpRequest, code: str) -> HttpResponse:
    case = _my_complaint_or_404(request, code)
    return render(request, "portal/complaint_case.html", {
        **_complaint_context(case), "notices": notices.available(case),
        "may_withdraw": ComplaintAction.WITHDRAW.value in services.allowed_complaint_actions(
            request.user, case)})


@require_POST
@applicant_required
def complaint_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    case = _my_complaint_or_404(request, code)
    try:
        services.act_on_complaint(request.user, code, ComplaintAction.WITHDRAW, case.version,
                                  services.ComplaintInput(reason=request.POST.get("reason", "")))
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã rút đơn khiếu nại."))
    return redirect("portal:complaint", code=code)


@require_GET
@applicant_required
def complaint_notice(request: HttpRequest, code: str, notice: str) -> HttpResponse:
    return notices.response(_my_complaint_or_404(request, code), notice)


@require_http_methods(["GET", "POST"])
def complaint_follow(request: HttpRequest) -> HttpResponse:
    return follow_page(request, ComplaintFollowForm, selectors.followed_complaint,
                       "portal/complaint_follow.html", _complaint_context)
