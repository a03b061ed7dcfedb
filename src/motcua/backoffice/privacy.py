"""The personal-data officer's pages (L91/2025 art. 33(2)): the queue of data-subject requests
with their clocks, a request's page with the steps of its lifecycle table, and the register of
breaches and cyber-incidents with their notification deadlines (security-operations §2.4-2.5).
Thin: the rules are in motcua.privacy; only the officers' group opens these pages."""

from __future__ import annotations

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.backoffice.voice import act_from_form
from motcua.core import downloads
from motcua.core.errors import ServiceError
from motcua.core.forms import Styled
from motcua.privacy import selectors, services
from motcua.privacy.lifecycle import Action
from motcua.privacy.models import Breach, DataRequest, Notice, RequestStatus

ACTION_LABELS = {Action.ACKNOWLEDGE: gettext_lazy("Xác nhận đã nhận yêu cầu"),
                 Action.EXTEND: gettext_lazy("Gia hạn (một lần)"),
                 Action.ANSWER: gettext_lazy("Trả lời, đã thực hiện"),
                 Action.REFUSE: gettext_lazy("Không thực hiện, nêu lý do")}
ACTION_FIELDS = {Action.ACKNOWLEDGE: (), Action.EXTEND: ("reason",),
                 Action.ANSWER: ("answer",), Action.REFUSE: ("reason",)}


def officer_required(view):
    """Signed in, in the personal-data officers' group; others get 403."""

    @wraps(view)
    @login_required
    def guarded(request: HttpRequest, *args, **kwargs):
        if not selectors.is_officer(request.user):
            raise PermissionDenied(_("Trang này dành cho cán bộ bảo vệ dữ liệu cá nhân."))
        return view(request, *args, **kwargs)

    return guarded


class StepForm(Styled, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    answer = forms.CharField(
        label=gettext_lazy("Nội dung trả lời"), max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Với yêu cầu xóa: dữ liệu được phép xóa sẽ được xóa khi gửi trả "
                               "lời; dữ liệu phải lưu giữ được liệt kê kèm lý do."))

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, prefix=action.value, **kwargs)
        for name in ("reason", "answer"):
            if name not in ACTION_FIELDS[action]:
                del self.fields[name]
        self.style()

    def step(self) -> services.StepInput:
        return services.StepInput(reason=self.cleaned_data.get("reason", ""),
                                  answer=self.cleaned_data.get("answer", ""))


@require_GET
@officer_required
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang-thai", "")
    if status not in RequestStatus.values:
        status = ""
    return render(request, "privacy/queue.html", {
        "requests": selectors.queue(request.user, status)[:200], "status": status,
        "tabs": RequestStatus.choices, "now": timezone.now()})


def _request_or_404(request: HttpRequest, code: str) -> DataRequest:
    made = selectors.find(selectors.visible_requests(request.user), code)
    if made is None:
        raise Http404
    return made


def _render_request(request: HttpRequest, made: DataRequest, bound: StepForm | None = None,
                    status: int = 200) -> HttpResponse:
    steps = []
    for name in services.allowed_actions(request.user, made):
        action = Action(name)
        form = bound if bound is not None and bound.prefix == name else StepForm(
            action=action, initial={"version": made.version})
        steps.append({"action": action, "label": ACTION_LABELS[action], "form": form})
    return render(request, "privacy/case.html", {
        "made": made, "steps": steps, "events": made.events.select_related("actor")},
        status=status)


@require_GET
@officer_required
def request_page(request: HttpRequest, code: str) -> HttpResponse:
    return _render_request(request, _request_or_404(request, code))


@require_POST
@officer_required
def request_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    _request_or_404(request, code)
    if action not in ACTION_FIELDS:
        raise Http404
    chosen = Action(action)
    form = StepForm(request.POST, action=chosen)
    outcome = act_from_form(request, form, ACTION_LABELS[chosen], lambda: services.act(
        request.user, code, chosen, form.cleaned_data["version"], form.step()),
        "backoffice:data_request", code)
    if isinstance(outcome, HttpResponse):
        return outcome
    return _render_request(request, _request_or_404(request, code), form, status=outcome)


# -- the breach register ------------------------------------------------------------------------


class BreachForm(Styled, forms.Form):
    personal_data = forms.BooleanField(label=gettext_lazy("Vi phạm dữ liệu cá nhân"),
                                       required=False, initial=True)
    cyber_incident = forms.BooleanField(label=gettext_lazy("Sự cố an ninh mạng"),
                                        required=False)
    serious = forms.BooleanField(label=gettext_lazy("Sự cố nghiêm trọng"), required=False)
    discovered_at = forms.DateTimeField(
        label=gettext_lazy("Thời điểm phát hiện"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=gettext_lazy("Mọi thời hạn thông báo tính từ thời điểm này."))
    occurred_at = forms.DateTimeField(
        label=gettext_lazy("Thời điểm xảy ra"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    place = forms.CharField(label=gettext_lazy("Địa điểm, hệ thống"), max_length=255)
    act = forms.CharField(label=gettext_lazy("Hành vi vi phạm"),
                          widget=forms.Textarea(attrs={"rows": 3}))
    actors = forms.CharField(label=gettext_lazy("Tổ chức, cá nhân liên quan"), max_length=500,
                             required=False)
    data_categories = forms.CharField(label=gettext_lazy("Loại dữ liệu cá nhân liên quan"),
                                      max_length=500, required=False)
    subjects_count = forms.IntegerField(label=gettext_lazy("Số chủ thể dữ liệu"), min_value=0,
                                        initial=0)
    records_count = forms.IntegerField(label=gettext_lazy("Số bản ghi"), min_value=0, initial=0)
    officer_contact = forms.CharField(
        label=gettext_lazy("Liên hệ người phụ trách bảo vệ dữ liệu cá nhân"), max_length=255)
    consequences = forms.CharField(label=gettext_lazy("Hậu quả có thể xảy ra"),
                                   widget=forms.Textarea(attrs={"rows": 3}))
    mitigation = forms.CharField(label=gettext_lazy("Biện pháp đã triển khai"),
                                 widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def breach(self) -> services.BreachIn:
        return services.BreachIn(**self.cleaned_data)


@require_http_methods(["GET", "POST"])
@officer_required
def breaches(request: HttpRequest) -> HttpResponse:
    form = BreachForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            made = services.record_breach(request.user, form.breach())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã ghi nhận %(code)s.") % {"code": made.code})
            return redirect("backoffice:breach", pk=made.pk)
    rows = [(breach, _open_dues(breach)) for breach in selectors.breaches(request.user)[:200]]
    return render(request, "privacy/breaches.html", {"form": form, "rows": rows,
                                                     "now": timezone.now()},
                  status=422 if form.is_bound else 200)


def _open_dues(breach: Breach) -> list[dict]:
    """The notices the breach owes: each with its deadline and when it was sent, if it was."""
    return [{"notice": notice, "label": Notice(notice).label, "due": due,
             "sent": getattr(breach, services.NOTICE_FIELDS[Notice(notice)])}
            for notice, due in services.dues_of(breach).items()]


@require_GET
@officer_required
def breach_page(request: HttpRequest, pk: int) -> HttpResponse:
    breach = selectors.breaches(request.user).filter(pk=pk).first()
    if breach is None:
        raise Http404
    return render(request, "privacy/breach.html", {"breach": breach, "dues": _open_dues(breach),
                                                   "now": timezone.now()})


@require_GET
@officer_required
def breach_form(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        made = services.breach_notice(request.user, pk)
    except ServiceError as error:
        raise Http404 from error
    return downloads.document(made, "application/pdf", f"thong-bao-vi-pham-{pk}.pdf",
                              inline=True, private=True)


@require_POST
@officer_required
def breach_notice(request: HttpRequest, pk: int, notice: str) -> HttpResponse:
    if notice not in Notice.values:
        raise Http404
    try:
        services.mark_notified(request.user, pk, notice)
    except ServiceError as error:
        if error.page_status == 404:
            raise Http404 from error
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi nhận ngày gửi: %(notice)s.")
                         % {"notice": Notice(notice).label})
    return redirect("backoffice:breach", pk=pk)
