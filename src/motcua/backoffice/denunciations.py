"""The officers' pages of the denunciation track: the queue and the case page, on the shared
action form, actions and history templates of the voice pages. The denouncer's identity shows on
the resolver's page alone (Luật Tố cáo 2018 art. 56); verifiers and other officers see the case
without it."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.views import staff_required
from motcua.backoffice.voice import (
    BADGES,
    FIELDS,
    PER_PAGE,
    CaseActionForm,
    _action_forms,
    act_from_form,
)
from motcua.slips import denunciations as notices
from motcua.voice import denunciation_selectors as reads
from motcua.voice import denunciations
from motcua.voice.denunciation_lifecycle import Action
from motcua.voice.models import DenunciationCase, DenunciationRefusal, DenunciationStatus, Finding
from motcua.voice.selectors import urgency_of

LABELS = {
    Action.ACCEPT: gettext_lazy("Thụ lý tố cáo"),
    Action.REFUSE: gettext_lazy("Không thụ lý (nêu lý do theo Điều 27, 29)"),
    Action.TRANSFER: gettext_lazy("Chuyển cơ quan có thẩm quyền"),
    Action.OPEN_CHECK: gettext_lazy("Đơn nặc danh: chuyển kiểm tra, thanh tra"),
    Action.VERIFY: gettext_lazy("Giao xác minh"),
    Action.EXTEND: gettext_lazy("Gia hạn giải quyết"),
    Action.SUSPEND: gettext_lazy("Tạm đình chỉ giải quyết"),
    Action.RESUME: gettext_lazy("Tiếp tục giải quyết"),
    Action.TERMINATE: gettext_lazy("Đình chỉ giải quyết"),
    Action.CONCLUDE: gettext_lazy("Kết luận nội dung tố cáo"),
    Action.PUBLISH: gettext_lazy("Công khai kết luận"),
    Action.CLOSE: gettext_lazy("Kết thúc"),
}
HISTORY = {**LABELS, Action.FILE: gettext_lazy("Gửi trên cổng"),
           Action.RECEIVE: gettext_lazy("Vào sổ từ đơn")}
FIELDS.update({
    "denunciation_refusal": lambda: forms.ChoiceField(
        label=_("Lý do không thụ lý (Điều 27, 29 Luật Tố cáo)"),
        choices=[("", "—"), *DenunciationRefusal.choices], required=False),
    "accused": lambda: forms.CharField(label=_("Người bị tố cáo"), max_length=255,
                                       required=False),
    "acts": lambda: forms.CharField(label=_("Hành vi vi phạm bị tố cáo"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2})),
    "conditions_met": lambda: forms.BooleanField(
        label=_("Đủ điều kiện thụ lý theo Điều 29 khoản 1 Luật Tố cáo"), required=False),
    "complexity": lambda: forms.TypedChoiceField(
        label=_("Mức phức tạp"), coerce=int, required=False, empty_value=0,
        choices=[(0, "—"), (1, _("Phức tạp (gia hạn một lần)")),
                 (2, _("Đặc biệt phức tạp (gia hạn hai lần)"))]),
    "finding": lambda: forms.ChoiceField(label=_("Kết luận"), required=False,
                                         choices=[("", "—"), *Finding.choices]),
    "conclusion": lambda: forms.CharField(label=_("Nội dung kết luận (không nêu người tố cáo)"),
                                          required=False,
                                          widget=forms.Textarea(attrs={"rows": 6})),
})
ACTION_FIELDS = {
    **{action: ["reason"] for action in Action},
    Action.ACCEPT: ["conditions_met", "accused", "acts", "reason"],
    Action.REFUSE: ["denunciation_refusal", "reason"],
    Action.TRANSFER: ["recipient", "reason"],
    Action.EXTEND: ["complexity", "reason"],
    Action.CONCLUDE: ["finding", "conclusion"],
    Action.VERIFY: [], Action.RESUME: [], Action.PUBLISH: [], Action.CLOSE: [],
}


def params(form: CaseActionForm) -> denunciations.DenunciationInput:
    values = form.values()
    if "denunciation_refusal" in values:
        values["refusal_reason"] = values.pop("denunciation_refusal")
    return denunciations.DenunciationInput(**values)


@require_GET
@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("trang-thai", "")
    now = timezone.now()
    page = Paginator(reads.denunciation_queue(request.user, status), PER_PAGE).get_page(
        request.GET.get("trang"))
    rows = [(case, due, BADGES.get(urgency_of(due, now))) for case, due in (
        (case, reads.running_due(case)) for case in page)]
    return render(request, "backoffice/denunciation_queue.html", {
        "page": page, "rows": rows, "status": status,
        "tabs": [(s, DenunciationStatus(s).label) for s in reads.OPEN]})


def _case_or_404(request: HttpRequest, code: str) -> DenunciationCase:
    case = reads.visible_denunciations(request.user).select_related("letter", "agency").filter(
        code=code).first()
    if case is None:
        raise Http404
    return case


def _render(request: HttpRequest, case: DenunciationCase, bound: CaseActionForm | None = None,
            status: int = 200) -> HttpResponse:
    initial = {"version": case.version, "accused": case.accused, "acts": case.acts}
    actions = _action_forms(denunciations.allowed_denunciation_actions(request.user, case),
                            Action, LABELS, bound, ACTION_FIELDS, initial)
    due = reads.running_due(case)
    return render(request, "backoffice/denunciation_case.html", {
        "case": case, "actions": actions, "due": due,
        "denouncer": reads.denouncer_for(request.user, case),
        "history": [(e, HISTORY[e.action]) for e in reads.denunciation_history(case)],
        "notices": notices.available(case),
        "badge": BADGES.get(urgency_of(due, timezone.now()))}, status=status)


@require_GET
@staff_required
def case_page(request: HttpRequest, code: str) -> HttpResponse:
    return _render(request, _case_or_404(request, code))


@require_POST
@staff_required
def case_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    _case_or_404(request, code)
    if action not in LABELS:
        raise Http404
    chosen = Action(action)
    form = CaseActionForm(request.POST, action=chosen, fields=ACTION_FIELDS)
    outcome = act_from_form(request, form, LABELS[chosen], lambda: (
        denunciations.act_on_denunciation(request.user, code, chosen,
                                          form.cleaned_data["version"], params(form))),
        "backoffice:denunciation", code)
    if isinstance(outcome, HttpResponse):
        return outcome
    return _render(request, _case_or_404(request, code), form, status=outcome)


@require_GET
@staff_required
def notice(request: HttpRequest, code: str, notice: str) -> HttpResponse:
    """A notice as the agency's copy: the denouncer's identity only on the denouncer's copy,
    which the resolver alone may print."""
    case = _case_or_404(request, code)
    return notices.response(case, notice, denouncer=reads.denouncer_for(request.user, case))
