"""The officers' pages of the citizens' voice: the letter register (intake, classification,
forwarding), the feedback and complaint queues with due and overdue colours, and each case page
with its history and the actions of its track's lifecycle table. Thin: forms parse, services
write, selectors read."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.backoffice.views import staff_required
from motcua.core import downloads
from motcua.core.errors import NotFound, ServiceError
from motcua.core.forms import Styled
from motcua.org.models import Role
from motcua.org.selectors import holding
from motcua.slips import complaints as notices
from motcua.voice import parties, selectors, services
from motcua.voice.complaint_lifecycle import Action as ComplaintAction
from motcua.voice.fields import PartiesField
from motcua.voice.lifecycle import Action
from motcua.voice.models import (
    ActKind,
    Class766,
    Classification,
    ComplaintCase,
    ComplaintStatus,
    ContentType,
    FeedbackCase,
    FeedbackStatus,
    Instance,
    LetterChannel,
    Outcome,
    RefusalReason,
)

PER_PAGE = 25
BADGES = {"overdue": ("danger", gettext_lazy("Quá hạn")),
          "soon": ("warning", gettext_lazy("Sắp đến hạn"))}
ACTION_LABELS = {
    Action.REFUSE: gettext_lazy("Từ chối tiếp nhận"),
    Action.TRANSFER: gettext_lazy("Chuyển cơ quan có thẩm quyền"),
    Action.REQUEST_SUPPLEMENT: gettext_lazy("Yêu cầu bổ sung thông tin"),
    Action.SUPPLEMENT: gettext_lazy("Nhập thông tin bổ sung"),
    Action.ACCEPT: gettext_lazy("Tiếp nhận, phân loại để xử lý"),
    Action.ANSWER: gettext_lazy("Soạn trả lời, trình duyệt"),
    Action.SEND_BACK: gettext_lazy("Trả lại để soạn lại"),
    Action.APPROVE: gettext_lazy("Duyệt trả lời"),
    Action.PUBLISH: gettext_lazy("Công khai trả lời trên cổng"),
    Action.ANSWER_PRIVATELY: gettext_lazy("Trả lời riêng người gửi (không công khai)"),
}
HISTORY_LABELS = {**ACTION_LABELS, Action.SUBMIT: gettext_lazy("Gửi trên cổng"),
                  Action.RECEIVE: gettext_lazy("Vào sổ từ đơn")}
FIELDS = {
    "reason": lambda: forms.CharField(label=_("Lý do, nội dung"), widget=forms.Textarea(
        attrs={"rows": 2}), required=False),
    "recipient": lambda: forms.CharField(label=_("Cơ quan có thẩm quyền"), max_length=255,
                                         required=False),
    "supplement": lambda: forms.CharField(label=_("Thông tin bổ sung"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 3})),
    "class_766": lambda: forms.ChoiceField(label=_("Nhóm phản ánh (chỉ số 5.1)"),
                                           choices=[("", "—"), *Class766.choices],
                                           required=False),
    "content_type": lambda: forms.TypedChoiceField(
        label=_("Loại nội dung (Điều 5 Nghị định 20/2008)"), coerce=int, empty_value=None,
        choices=[("", "—"), *ContentType.choices], required=False),
    "answer_title": lambda: forms.CharField(label=_("Tiêu đề trả lời"), max_length=255,
                                            required=False),
    "answer_body": lambda: forms.CharField(label=_("Nội dung trả lời"), required=False,
                                           widget=forms.Textarea(attrs={"rows": 6})),
}
ACTION_FIELDS = {
    Action.REFUSE: ["reason"],
    Action.TRANSFER: ["recipient", "reason"],
    Action.REQUEST_SUPPLEMENT: ["reason"],
    Action.SUPPLEMENT: ["supplement"],
    Action.ACCEPT: ["class_766", "content_type"],
    Action.ANSWER: ["answer_title", "answer_body"],
    Action.SEND_BACK: ["reason"],
    Action.APPROVE: [],
    Action.PUBLISH: [],
    Action.ANSWER_PRIVATELY: ["reason"],
}


COMPLAINT_LABELS = {
    ComplaintAction.ACCEPT: gettext_lazy("Thụ lý giải quyết"),
    ComplaintAction.REFUSE: gettext_lazy("Không thụ lý (nêu lý do theo Điều 11)"),
    ComplaintAction.VERIFY: gettext_lazy("Bắt đầu xác minh"),
    ComplaintAction.HOLD_DIALOGUE: gettext_lazy("Ghi nhận đối thoại"),
    ComplaintAction.DECLARE_COMPLEX: gettext_lazy("Xác định vụ việc phức tạp"),
    ComplaintAction.SUSPEND: gettext_lazy("Tạm đình chỉ giải quyết"),
    ComplaintAction.RESUME: gettext_lazy("Tiếp tục giải quyết"),
    ComplaintAction.DECIDE: gettext_lazy("Ra quyết định giải quyết"),
    ComplaintAction.WITHDRAW: gettext_lazy("Đình chỉ do rút đơn"),
    ComplaintAction.CLOSE: gettext_lazy("Kết thúc (quyết định đã có hiệu lực)"),
}
COMPLAINT_HISTORY = {**COMPLAINT_LABELS, ComplaintAction.FILE: gettext_lazy("Gửi trên cổng"),
                     ComplaintAction.RECEIVE: gettext_lazy("Vào sổ từ đơn")}
FIELDS.update({
    "refusal_reason": lambda: forms.ChoiceField(
        label=_("Lý do không thụ lý (Điều 11 Luật Khiếu nại)"),
        choices=[("", "—"), *RefusalReason.choices], required=False),
    "instance": lambda: forms.TypedChoiceField(label=_("Lần giải quyết"), coerce=int,
                                               choices=Instance.choices, required=False,
                                               empty_value=None),
    "act_kind": lambda: forms.ChoiceField(label=_("Loại quyết định, hành vi"),
                                          choices=[("", "—"), *ActKind.choices],
                                          required=False),
    "act_reference": lambda: forms.CharField(
        label=_("Quyết định, hành vi bị khiếu nại (số, ngày, người ban hành)"), max_length=500,
        required=False),
    "respondent": lambda: forms.CharField(label=_("Người bị khiếu nại"), max_length=255,
                                          required=False),
    "remote_area": lambda: forms.BooleanField(label=_("Vùng sâu, vùng xa đi lại khó khăn"),
                                              required=False),
    "complex_case": lambda: forms.BooleanField(
        label=_("Vụ việc phức tạp (ghi tiêu chí vào lý do, nội dung)"), required=False),
    "outcome": lambda: forms.ChoiceField(label=_("Kết luận"),
                                         choices=[("", "—"), *Outcome.choices], required=False),
    "decision": lambda: forms.CharField(label=_("Nội dung quyết định giải quyết"),
                                        required=False, widget=forms.Textarea(attrs={"rows": 6})),
    "dossier_code": lambda: forms.CharField(
        label=_("Mã hồ sơ liên quan (nếu khiếu nại việc giải quyết hồ sơ)"), max_length=60,
        required=False),
    "co_complainants": PartiesField,
    "appointment_checked": lambda: forms.BooleanField(
        label=_("Nhiều người khiếu nại: đơn có đủ chữ ký và văn bản cử người đại diện"),
        required=False),
})
COMPLAINT_FIELDS = {
    **{action: ["reason"] for action in ComplaintAction},
    ComplaintAction.ACCEPT: ["instance", "act_kind", "act_reference", "respondent",
                             "dossier_code", "co_complainants", "appointment_checked",
                             "remote_area", "complex_case", "reason"],
    ComplaintAction.REFUSE: ["refusal_reason", "reason"],
    ComplaintAction.DECIDE: ["outcome", "decision"],
}


class CaseActionForm(Styled, forms.Form):
    """One action of a track's table: the case's version and the fields that action reads."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, action: StrEnum, fields: dict | None = None, **kwargs):
        super().__init__(*args, prefix=action.value, **kwargs)
        for name in (fields or ACTION_FIELDS)[action]:
            self.fields[name] = FIELDS[name]()
        self.style()

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def params(self) -> services.ActionInput:
        return services.ActionInput(**self.values())


class LetterForm(Styled, forms.Form):
    channel = forms.ChoiceField(label=gettext_lazy("Nguồn đơn"), choices=[
        choice for choice in LetterChannel.choices if choice[0] != LetterChannel.PORTAL])
    forwarded_by = forms.CharField(label=gettext_lazy("Cơ quan chuyển đơn"), max_length=255,
                                   required=False)
    sender_name = forms.CharField(label=gettext_lazy("Người gửi"), max_length=255)
    sender_address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=500)
    sender_phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=15,
                                   required=False)
    sender_email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=255)
    content = forms.CharField(label=gettext_lazy("Nội dung"), widget=forms.Textarea(
        attrs={"rows": 4}))
    scan = forms.FileField(label=gettext_lazy("Bản quét của đơn (PDF, ảnh)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()

    def letter(self) -> services.LetterIn:
        data = self.cleaned_data
        return services.LetterIn(
            channel=data["channel"], forwarded_by=data["forwarded_by"], title=data["title"],
            content=data["content"], sender=services.Sender(
                data["sender_name"], data["sender_address"], data["sender_phone"],
                data["sender_email"]))


class ClassifyForm(forms.Form):
    """The letter's class; a mixed letter comes with its parts (part_classification,
    part_title and part_content, one of each per part), split into letters of their own."""

    classification = forms.ChoiceField(choices=Classification.choices[1:])

    def clean(self) -> dict:
        data = super().clean()
        rows = zip(*(self.data.getlist(f"part_{name}") for name in
                     ("classification", "title", "content")), strict=False)
        data["parts"] = [services.Part(*row) for row in rows if any(v.strip() for v in row[1:])]
        return data


class ForwardForm(forms.Form):
    recipient = forms.CharField(max_length=255)
    reason = forms.CharField()


def _reception_required(request: HttpRequest) -> None:
    if not holding(request.user, [Role.RECEPTION_OFFICER]):
        raise PermissionDenied(_("Trang này dành cho cán bộ tiếp nhận đơn."))


# -- the letter register ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def letters(request: HttpRequest) -> HttpResponse:
    _reception_required(request)
    form = LetterForm(request.POST or None, request.FILES or None)
    if form.is_bound and form.is_valid():
        try:
            letter = services.register_letter(request.user, form.letter(),
                                              form.cleaned_data["scan"])
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Đã vào sổ đơn số %(number)s/%(year)s.") % {
                "number": letter.number, "year": letter.year})
            return redirect("backoffice:letters")
    page = Paginator(selectors.visible_letters(request.user).select_related("feedback",
                                                                            "complaint"),
                     PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "backoffice/voice_letters.html", {
        "form": form, "page": page, "classes": Classification.choices[1:-1],
    }, status=422 if form.is_bound else 200)


def _letter_step(request: HttpRequest, pk: int, form: forms.Form, write) -> HttpResponse:
    _reception_required(request)
    if not form.is_valid():
        messages.error(request, _("Điền đủ thông tin để xử lý đơn."))
        return redirect("backoffice:letters")
    try:
        write(request.user, pk, **form.cleaned_data)
    except NotFound:
        raise Http404 from None
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã xử lý đơn."))
    return redirect("backoffice:letters")


@require_POST
@staff_required
def letter_classify(request: HttpRequest, pk: int) -> HttpResponse:
    return _letter_step(request, pk, ClassifyForm(request.POST), services.classify_letter)


@require_POST
@staff_required
def letter_forward(request: HttpRequest, pk: int) -> HttpResponse:
    return _letter_step(request, pk, ForwardForm(request.POST), services.forward_letter)


@require_GET
@staff_required
def letter_scan(request: HttpRequest, pk: int) -> HttpResponse:
    _reception_required(request)
    letter = selectors.letter_scan(request.user, pk)
    if letter is None:
        raise Http404
    extension = letter.scan.name.rsplit(".", 1)[-1]
    return downloads.stored_file(letter.scan.open("rb"), letter.scan_type,
                                 f"don-{letter.number}-{letter.year}.{extension}", inline=True,
                                 private=True)


# -- the feedback queue and the case page -------------------------------------------------------


@require_GET
@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang-thai", "")
    now = timezone.now()
    page = Paginator(selectors.queue(request.user, status), PER_PAGE).get_page(
        request.GET.get("trang"))
    rows = [(case, selectors.running_due(case), BADGES.get(selectors.urgency(case, now)))
            for case in page]
    return render(request, "backoffice/voice_queue.html", {
        "page": page, "rows": rows, "status": status,
        "tabs": [(s, FeedbackStatus(s).label) for s in selectors.OPEN]})


def _case_or_404(request: HttpRequest, code: str) -> FeedbackCase:
    case = selectors.visible_cases(request.user).select_related(
        "letter", "agency", "dossier").filter(code=code).first()
    if case is None:
        raise Http404
    return case


def _action_forms(allowed: list[str], actions: type[StrEnum], labels: dict, bound,
                  fields: dict | None, initial: dict) -> list[dict]:
    """The case page's forms: one per action the user may do now, the bound one kept."""
    forms_ = []
    for name in allowed:
        action = actions(name)
        form = bound if bound is not None and bound.prefix == name else CaseActionForm(
            action=action, fields=fields, initial=initial)
        forms_.append({"action": action, "label": labels[action], "form": form})
    return forms_


def _render_case(request: HttpRequest, case: FeedbackCase,
                 bound: CaseActionForm | None = None, status: int = 200) -> HttpResponse:
    actions = _action_forms(services.allowed_actions(request.user, case), Action, ACTION_LABELS,
                            bound, None, {"version": case.version})
    return render(request, "backoffice/voice_case.html", {
        "case": case, "actions": actions,
        "history": [(e, HISTORY_LABELS[e.action]) for e in selectors.history(case)],
        "due": selectors.running_due(case),
        "badge": BADGES.get(selectors.urgency(case, timezone.now()))}, status=status)


@require_GET
@staff_required
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    return _render_case(request, _case_or_404(request, code))


@require_POST
@staff_required
def case_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    _case_or_404(request, code)
    if action not in ACTION_FIELDS:
        raise Http404
    chosen = Action(action)
    form = CaseActionForm(request.POST, action=chosen)
    outcome = act_from_form(request, form, ACTION_LABELS[chosen], lambda: services.act(
        request.user, code, chosen, form.cleaned_data["version"], form.params()),
        "backoffice:feedback", code)
    if isinstance(outcome, HttpResponse):
        return outcome
    return _render_case(request, _case_or_404(request, code), form, status=outcome)


def act_from_form(request: HttpRequest, form: forms.Form, label: str, act: Callable[[], object],
                  page: str, code: str) -> HttpResponse | int:
    """One step of a track from its action form (feedback, complaints, denunciations): done,
    a message and back to the case ``page``; invalid or refused, the status to show the form
    again with (its errors in it)."""
    if not form.is_valid():
        return 422
    try:
        act()
    except ServiceError as error:
        form.add_error(None, error.message)
        return error.page_status
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": label})
    return redirect(page, code=code)


# -- the complaints queue and the complaint page ------------------------------------------------


@require_GET
@staff_required
def complaint_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang-thai", "")
    now = timezone.now()
    page = Paginator(selectors.complaint_queue(request.user, status), PER_PAGE).get_page(
        request.GET.get("trang"))
    rows = [(case, due, BADGES.get(selectors.urgency_of(due, now))) for case, due in (
        (case, selectors.complaint_running_due(case)) for case in page)]
    return render(request, "backoffice/complaint_queue.html", {
        "page": page, "rows": rows, "status": status,
        "tabs": [(s, ComplaintStatus(s).label) for s in selectors.COMPLAINT_OPEN]})


def _complaint_or_404(request: HttpRequest, code: str) -> ComplaintCase:
    case = selectors.visible_complaints(request.user).select_related(
        "letter", "agency", "dossier").filter(code=code).first()
    if case is None:
        raise Http404
    return case


def _render_complaint(request: HttpRequest, case: ComplaintCase,
                      bound: CaseActionForm | None = None, status: int = 200) -> HttpResponse:
    initial = {"version": case.version, "instance": case.instance, "act_kind": case.act_kind,
               "act_reference": case.act_reference, "respondent": case.respondent,
               "remote_area": case.remote_area,
               "dossier_code": case.dossier.code if case.dossier_id else "",
               "co_complainants": parties.lines(case.parties.all())}
    actions = _action_forms(services.allowed_complaint_actions(request.user, case),
                            ComplaintAction, COMPLAINT_LABELS, bound, COMPLAINT_FIELDS, initial)
    due = selectors.complaint_running_due(case)
    return render(request, "backoffice/complaint_case.html", {
        "case": case, "actions": actions, "due": due,
        "history": [(e, COMPLAINT_HISTORY[e.action]) for e in selectors.complaint_history(case)],
        "deadlines": selectors.complainant_deadline_rows(case),
        "notices": notices.available(case),
        "badge": BADGES.get(selectors.urgency_of(due, timezone.now()))}, status=status)


@require_GET
@staff_required
def complaint_page(request: HttpRequest, code: str) -> HttpResponse:
    return _render_complaint(request, _complaint_or_404(request, code))


@require_POST
@staff_required
def complaint_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    _complaint_or_404(request, code)
    if action not in COMPLAINT_LABELS:
        raise Http404
    chosen = ComplaintAction(action)
    form = CaseActionForm(request.POST, action=chosen, fields=COMPLAINT_FIELDS)
    outcome = act_from_form(request, form, COMPLAINT_LABELS[chosen], lambda: (
        services.act_on_complaint(request.user, code, chosen, form.cleaned_data["version"],
                                  services.ComplaintInput(**form.values()))),
        "backoffice:complaint", code)
    if isinstance(outcome, HttpResponse):
        return outcome
    return _render_complaint(request, _complaint_or_404(request, code), form, status=outcome)


@require_GET
@staff_required
def complaint_notice(request: HttpRequest, code: str, notice: str) -> HttpResponse:
    return notices.response(_complaint_or_404(request, code), notice)
