"""The reception officers' pages of the reception of citizens (domain feedback-complaints §6):
the register of visits with the answer each visitor is owed, and the reception schedule they
publish. Thin: forms parse, ``voice.reception`` writes and reads."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from motcua.backoffice.views import staff_required
from motcua.backoffice.voice import PER_PAGE, _reception_required
from motcua.core.errors import NotFound, ServiceError
from motcua.core.forms import Styled
from motcua.voice import reception
from motcua.voice.models import VisitOutcome


class VisitForm(Styled, forms.Form):
    visitor_name = forms.CharField(label=gettext_lazy("Họ và tên người đến"), max_length=255)
    visitor_address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=500)
    visitor_id_number = forms.CharField(
        label=gettext_lazy("Số CCCD, định danh cá nhân hoặc hộ chiếu"), max_length=20)
    people = forms.IntegerField(label=gettext_lazy("Số người"), min_value=1, initial=1)
    subject = forms.CharField(label=gettext_lazy("Nội dung trình bày, yêu cầu"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    received_documents = forms.CharField(label=gettext_lazy("Tài liệu đã nhận"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))
    letter_id = forms.IntegerField(label=gettext_lazy("Số hiệu đơn liên quan trong sổ (nếu có)"),
                                   required=False, min_value=1)
    session_id = forms.TypedChoiceField(label=gettext_lazy("Buổi tiếp"), required=False,
                                        coerce=int, empty_value=None)

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session_id"].choices = [("", "—")] + [(s.pk, str(s)) for s in sessions]
        self.style()

    def visit(self) -> reception.VisitIn:
        return reception.VisitIn(**self.cleaned_data)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(choices=VisitOutcome.choices[1:])
    note = forms.CharField()


class SessionForm(Styled, forms.Form):
    day = forms.DateField(label=gettext_lazy("Ngày tiếp"), input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    starts = forms.TimeField(label=gettext_lazy("Từ giờ"),
                             widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=gettext_lazy("Đến giờ"),
                           widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=255)
    host = forms.CharField(label=gettext_lazy("Người tiếp (họ tên, chức vụ)"), max_length=255)
    by_head = forms.BooleanField(label=gettext_lazy("Người đứng đầu cơ quan trực tiếp tiếp"),
                                 required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def session(self) -> reception.SessionIn:
        return reception.SessionIn(**self.cleaned_data)


@require_http_methods(["GET", "POST"])
@staff_required
def visits(request: HttpRequest) -> HttpResponse:
    _reception_required(request)
    sessions = reception.agency_sessions(request.user)[:20]
    form = VisitForm(request.POST or None, sessions=sessions)
    if form.is_bound and form.is_valid():
        try:
            visit = reception.record_visit(request.user, form.visit())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã ghi sổ lượt tiếp số %(number)s/%(year)s.") % {
                "number": visit.number, "year": visit.year})
            return redirect("backoffice:reception")
    now = timezone.now()
    page = Paginator(reception.visible_visits(request.user).select_related("letter", "officer"),
                     PER_PAGE).get_page(request.GET.get("trang"))
    rows = [(visit, reception.is_overdue(visit, now)) for visit in page]
    return render(request, "backoffice/reception_visits.html", {
        "form": form, "page": page, "rows": rows, "outcomes": VisitOutcome.choices[1:],
    }, status=422 if form.is_bound else 200)


@require_POST
@staff_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    _reception_required(request)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Chọn kết quả trả lời và ghi nội dung trả lời."))
        return redirect("backoffice:reception")
    try:
        reception.answer_visit(request.user, pk, **form.cleaned_data)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ghi kết quả trả lời người đến."))
    return redirect("backoffice:reception")


@require_http_methods(["GET", "POST"])
@staff_required
def schedule(request: HttpRequest) -> HttpResponse:
    _reception_required(request)
    form = SessionForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            reception.publish_session(request.user, form.session())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã công bố lịch tiếp công dân."))
            return redirect("backoffice:reception_schedule")
    return render(request, "backoffice/reception_schedule.html", {
        "form": form, "sessions": reception.agency_sessions(request.user)[:50],
    }, status=422 if form.is_bound else 200)
