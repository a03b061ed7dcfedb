"""Officer pages: work queues, counter intake, the dossier page with its actions, the register.

Thin: reads go through selectors (scoped to the officer), writes through dossier services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.backoffice import exports
from motcua.backoffice.forms import ACTION_FIELDS, ActionForm, IntakeForm, RegisterForm
from motcua.backoffice.queue_rows import DEADLINE_BADGES, queue_rows
from motcua.backoffice.selectors import (
    QUEUE_LABELS,
    Queue,
    default_queue,
    forget_queue_counts,
    listed,
    queue_dossiers,
    receivable_versions,
    receives_at_counter,
    recent_queue_counts,
    reception_agencies,
    working_roles,
)
from motcua.catalog.models import Channel
from motcua.catalog.selectors import current_version, fees_to_pay
from motcua.core import downloads, paging, spreadsheets
from motcua.core.dates import to_local, vn_datetime
from motcua.core.enums import member
from motcua.core.errors import ServiceError
from motcua.core.routers import replica_reads
from motcua.core.text import vn_number
from motcua.dossiers import notices, services
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Delivery, Dossier, StepState
from motcua.dossiers.rescheduling import Event
from motcua.dossiers.selectors import (
    active_steps,
    deadline_state,
    dossier_for,
    may_do_step,
    owner_contact,
    soon_limit,
    staff_roles_in,
    step_rows,
    suggested_new_due,
)
from motcua.national import datastore
from motcua.national.selectors import national_origin
from motcua.org.selectors import agencies_of
from motcua.secops import events
from motcua.slips import content, excel
from motcua.slips import render as slip_render
from motcua.slips.regimes import CURRENT, Slip
from motcua.slips.selectors import register_agencies, register_rows
from motcua.slips.views import pdf_response

ACTION_LABELS = {
    Action.ACCEPT: gettext_lazy("Tiếp nhận hồ sơ"),
    Action.REQUEST_SUPPLEMENT: gettext_lazy("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
    Action.SUPPLEMENT: gettext_lazy("Nhận hồ sơ bổ sung"),
    Action.REFUSE: gettext_lazy("Từ chối tiếp nhận"),
    Action.FORWARD: gettext_lazy("Chuyển xử lý"),
    Action.COMPLETE_STEP: gettext_lazy("Hoàn thành bước, chuyển tiếp"),
    Action.SEND_BACK: gettext_lazy("Trả lại bước trước"),
    Action.REQUEST_PAYMENT: gettext_lazy("Yêu cầu thực hiện nghĩa vụ tài chính"),
    Action.CONFIRM_PAYMENT: gettext_lazy("Xác nhận đã thực hiện nghĩa vụ tài chính"),
    Action.EXTEND: gettext_lazy("Xin lỗi và hẹn lại ngày trả kết quả"),
    Action.APPROVE: gettext_lazy("Hoàn thành xử lý, có kết quả"),
    Action.DELIVER: gettext_lazy("Trả kết quả"),
    Action.STOP: gettext_lazy("Dừng xử lý"),
    Action.ASSIGN: gettext_lazy("Phân công thụ lý"),
    Action.ACCEPT_WITHDRAWAL: gettext_lazy("Chấp nhận rút hồ sơ, dừng giải quyết"),
}
# How the history names each action (the two registrations, the applicant's own actions too).
EVENT_LABELS = {
    **ACTION_LABELS,
    Action.SUBMIT: gettext_lazy("Nộp hồ sơ trực tuyến"),
    Action.RECEIVE: gettext_lazy("Tiếp nhận hồ sơ tại quầy"),
    Action.WITHDRAW: gettext_lazy("Công dân rút hồ sơ"),
    Action.RATE: gettext_lazy("Đánh giá kết quả"),
    Event.CALENDAR_ANNOUNCED: gettext_lazy("Tính lại ngày hẹn trả theo lịch nghỉ đã công bố"),
}
DANGEROUS = {Action.REFUSE, Action.STOP, Action.SEND_BACK, Action.ACCEPT_WITHDRAWAL}
# Actions that cannot be undone ask for confirmation first (the page's dialog, core/confirm.js).
IRREVERSIBLE = {Action.REFUSE, Action.STOP, Action.ACCEPT_WITHDRAWAL, Action.APPROVE,
                Action.DELIVER}
# The slip that an action produces, offered right after it (domain §2).
SLIP_AFTER = {Action.ACCEPT: Slip.RECEIPT, Action.REQUEST_SUPPLEMENT: Slip.SUPPLEMENT,
              Action.REFUSE: Slip.REFUSAL, Action.EXTEND: Slip.APOLOGY, Action.STOP: Slip.STOP,
              Action.ACCEPT_WITHDRAWAL: Slip.STOP}
# nearest due first; dossiers with no due instant yet (waiting for acceptance) last, the longest
# waiting first
SORTS = {"han": paging.Sort("due_at", False, then=("submitted_at",)),
         "moi": paging.Sort("submitted_at", True),
         "ma": paging.Sort("code", False)}
SORT_LABELS = {"han": gettext_lazy("Hạn trả gần nhất"), "moi": gettext_lazy("Mới nộp trước"),
               "ma": gettext_lazy("Mã hồ sơ")}


def staff_required(view):
    """Logged-in staff holding a working role; others get 403 (anonymous: the login page)."""

    @wraps(view)
    @login_required
    def guarded(request: HttpRequest, *args, **kwargs):
        if not working_roles(request.user):
            raise PermissionDenied(_("Trang này dành cho cán bộ giải quyết thủ tục hành chính."))
        return view(request, *args, **kwargs)

    return guarded


# -- queues -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueQuery:
    """The queue, sort and filters the page's address asks for; its files take the same."""

    queue: Queue
    sort: str
    filters: dict

    def dossiers(self, user, now: dt.datetime):
        return queue_dossiers(user, self.queue, now, **self.filters)

    def params(self) -> str:
        return urlencode({"hang": self.queue, "q": self.filters["q"],
                          "thu-tuc": self.filters["procedure"], "kenh": self.filters["channel"],
                          "sap-xep": self.sort})


def _queue_counts(request: HttpRequest, now: dt.datetime, *, tabs: bool):
    """The counts (and when counted) when the tabs show them or the default tab needs them."""
    if tabs or member(Queue, request.GET.get("hang")) is None:
        return recent_queue_counts(request.user, now)
    return {}, None


def _queue_query(request: HttpRequest, counts: dict[Queue, int]) -> QueueQuery:
    get = request.GET
    return QueueQuery(
        queue=member(Queue, get.get("hang")) or default_queue(request.user, counts),
        sort=get.get("sap-xep") if get.get("sap-xep") in SORTS else "han",
        filters={"q": get.get("q", "")[:200], "procedure": get.get("thu-tuc", "")[:60].strip(),
                 "channel": get.get("kenh", "") if get.get("kenh") in Channel.values else ""})


@require_GET
@staff_required
@replica_reads()
def queues(request: HttpRequest) -> HttpResponse:
    user, now = request.user, timezone.now()
    counts, counted_at = _queue_counts(request, now, tabs=not request.htmx)
    query = _queue_query(request, counts)
    result = paging.page(listed(query.dossiers(user, now)), SORTS[query.sort],
                         request.GET.get("sau", ""))
    context = {
        "queue": query.queue, "queue_label": QUEUE_LABELS[query.queue],
        "rows": queue_rows(result.rows, now),
        "next_cursor": result.next_cursor, "sort": query.sort, "sorts": SORT_LABELS,
        "filters": query.filters, "channels": Channel.choices,
        "first_page": not request.GET.get("sau"), "query": query.params(),
    }
    if request.htmx:
        return render(request, "backoffice/_rows.html", context)
    context["counted_at"] = counted_at
    # only the one-stop officers may open counter intake (intake answers 403 to anyone else)
    context["receives_at_counter"] = receives_at_counter(user)
    context["tabs"] = [(q, QUEUE_LABELS[q], counts.get(q)) for q in Queue]
    return render(request, "backoffice/queues.html", context)


EXPORT_LIMIT = 20_000  # rows in one Excel file
HANDOVER_LIMIT = 500  # rows on one hand-over list


def _all_rows(request: HttpRequest, limit: int) -> tuple[QueueQuery, list[Dossier] | None]:
    """Every row the page lists for this address (all its pages, in its order); None, with a
    message saying why, past ``limit``."""
    now = timezone.now()
    query = _queue_query(request, _queue_counts(request, now, tabs=False)[0])
    rows = list(paging.ordered(query.dossiers(request.user, now), SORTS[query.sort])[:limit + 1])
    if len(rows) <= limit:
        return query, rows
    messages.error(request, _("Hàng hồ sơ có hơn %(limit)s hồ sơ: hãy lọc theo thủ tục, kênh "
                              "nộp hoặc từ khóa rồi thử lại.") % {"limit": vn_number(limit)})
    return query, None


def _back_to_queue(query: QueueQuery) -> HttpResponse:
    return redirect(f"{reverse('backoffice:queues')}?{query.params()}")


@require_GET
@staff_required
@replica_reads()
def queue_xlsx(request: HttpRequest) -> HttpResponse:
    query, rows = _all_rows(request, EXPORT_LIMIT)
    if rows is None:
        return _back_to_queue(query)
    now = timezone.now()
    title = _("%(queue)s (lập lúc %(at)s)") % {"queue": QUEUE_LABELS[query.queue],
                                               "at": vn_datetime(now)}
    _exported(request, query, rows, "xlsx")
    return downloads.document(exports.queue_workbook(title, rows), spreadsheets.XLSX,
                              f"ho-so-{query.queue}-{to_local(now):%d-%m-%Y}.xlsx", private=True)


def _exported(request: HttpRequest, query, rows, file_format: str) -> None:
    """A list of dossiers with their owners' names leaves motcua: a security event."""
    events.record("data_export", request=request, rows=len(rows), filter=query.queue,
                  pd_categories=["owner_name"], format=file_format)


@require_GET
@staff_required
@replica_reads()
def queue_handover(request: HttpRequest) -> HttpResponse:
    """The hand-over list of the queue's rows (Danh sách bàn giao hồ sơ), to sign on paper."""
    query, rows = _all_rows(request, HANDOVER_LIMIT)
    if rows is None:
        return _back_to_queue(query)
    now = timezone.now()
    agency = agencies_of(request.user).order_by("name").first()
    _exported(request, query, rows, "pdf")
    pdf = slip_render.pdf("backoffice/handover.html", {
        "agency": agency, "place": content.place(agency), "today": now, "rows": rows,
        "queue_label": QUEUE_LABELS[query.queue], "officer": request.user,
    })
    return pdf_response(pdf, f"danh-sach-ban-giao-ho-so-{to_local(now):%d-%m-%Y}.pdf")


# -- counter intake -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    agencies = reception_agencies(request.user)
    if not agencies:
        raise PermissionDenied(_("Chỉ cán bộ một cửa được tiếp nhận hồ sơ."))
    code = request.GET.get("thu-tuc", "").strip()
    if not code:
        query = request.GET.get("q", "")[:200]
        versions = receivable_versions(request.user, query)
        template = "backoffice/_procedures.html" if request.htmx else "backoffice/intake_pick.html"
        return render(request, template, {"versions": versions, "q": query})
    version = current_version(code)
    receiving = [a for a in agencies if version and a in version.receivers()]
    if not receiving:
        raise Http404(_("Thủ tục không có hoặc nơi bạn làm việc không tiếp nhận thủ tục này."))
    form = IntakeForm(request.POST or None, request.FILES or None, version=version,
                      agencies=receiving)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.receive(request.user, form.registration(), form.scans())
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            forget_queue_counts(request.user)
            request.session["print_slip"] = Slip.RECEIPT.value
            messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s. Hẹn trả kết quả: "
                                        "%(due)s.") % {"code": dossier.code,
                                                       "due": notices.when(dossier.due_at)})
            return redirect("backoffice:dossier", code=dossier.code)
    status = 422 if request.method == "POST" else 200
    return render(request, "backoffice/intake.html",
                  {"form": form, "version": version, "now": timezone.now()}, status=status)


# -- the dossier page ---------------------------------------------------------------------------


def _choices(user, dossier: Dossier, actions: list[Action]) -> dict[str, list]:
    """The choices of the fields the forms of ``actions`` show, each read only when one does."""
    fields = {name for action in actions for name in ACTION_FIELDS[action]}
    choices = {}
    if fields & {"step", "to"}:
        choices.update(_step_choices(user, dossier))
    if "assignee" in fields:
        assignment = services.assignment_for(user, dossier)
        choices["assignee"] = [(p.username, p.get_full_name() or p.username)
                               for p in (assignment.people if assignment else [])]
    if "component" in fields:
        choices["component"] = [(c.order, c.name)
                                for c in dossier.procedure_version.components.all()]
    return choices


def _step_choices(user, dossier: Dossier) -> dict[str, list]:
    running = active_steps(dossier)
    mine = [s for s in running if may_do_step(user, s)] or running
    previous = [
        (p.step.key, p.step.name) for s in mine for p in dossier.steps.all()
        if p.state == StepState.DONE and p.step in s.step.previous_steps.all()
    ]
    return {"step": [(s.step.key, f"{s.step.key} — {s.step.name}") for s in mine],
            "to": [("", _("Bước liền trước"))] + list(dict.fromkeys(previous))}


def _action_forms(user, dossier: Dossier, bound: ActionForm | None) -> list[dict]:
    offered = [Action(name) for name in services.allowed_actions(user, dossier)
               if Action(name) in ACTION_FIELDS]
    forms = []
    choices, hints = _choices(user, dossier, offered), _hints(dossier, offered)
    for action in offered:
        form = bound if bound is not None and bound.action == action else ActionForm(
            initial=_initial(dossier, action), action=action, choices=choices, hints=hints,
            electronic_result=_electronic_result(dossier))
        note, question = _warning(user, dossier, action)
        forms.append({"action": action, "label": ACTION_LABELS[action], "form": form,
                      "danger": action in DANGEROUS, "open": form is bound, "note": note,
                      "confirm": question or _confirmation(dossier, action)})
    return forms


def _warning(user, dossier: Dossier, action: Action) -> tuple[str, str]:
    """What the person should know before an action that is allowed but probably a mistake
    here, and the question asked before it: ('', '') for the others."""
    if action is Action.REQUEST_PAYMENT and not fees_to_pay(
            dossier.procedure_version, dossier.channel)[0]:
        return _("Thủ tục này không thu phí, lệ phí (theo thủ tục hành chính đã công bố). Chỉ "
                 "yêu cầu nộp tiền khi người nộp có nghĩa vụ tài chính khác theo quy định của "
                 "pháp luật (thuế, tiền sử dụng đất...)."), _(
            "Thủ tục của hồ sơ %(code)s không thu phí, lệ phí. Vẫn yêu cầu người nộp thực hiện "
            "nghĩa vụ tài chính?") % {"code": dossier.code}
    if action is Action.COMPLETE_STEP and _assigns(user, dossier):
        return _("Đây là bước phân công thụ lý: chọn chuyên viên bằng thao tác “Phân công thụ "
                 "lý”. Hoàn thành bước mà không phân công thì hồ sơ chờ ở hàng đợi chung của "
                 "phòng, chưa có người thụ lý."), _(
            "Chưa phân công chuyên viên thụ lý hồ sơ %(code)s. Vẫn chuyển tiếp cho cả phòng mà "
            "không chọn người thụ lý?") % {"code": dossier.code}
    return "", ""


def _assigns(user, dossier: Dossier) -> bool:
    """``user`` holds the step whose completion would start a specialist step unassigned."""
    assignment = services.assignment_for(user, dossier)
    return assignment is not None and assignment.own is not None


def _electronic_result(dossier: Dossier | None) -> bool:
    """The applicant asked for the electronic result: the approval must attach it."""
    return dossier is not None and dossier.delivery == Delivery.ONLINE


def _initial(dossier: Dossier, action: Action) -> dict:
    initial = {"version": dossier.version}
    if action is Action.REQUEST_PAYMENT:
        initial["how_to_pay"] = services.how_to_pay_for(dossier)
        # the fees published with the procedure version the dossier was received under
        amount, reason = fees_to_pay(dossier.procedure_version, dossier.channel)
        if amount:
            initial.update(amount_vnd=amount, reason=reason)
    if action is Action.EXTEND:
        initial["new_due_at"] = suggested_new_due(dossier)
    return initial


def _hints(dossier: Dossier, actions: list[Action]) -> dict[str, str]:
    """Beside the extension's date: the current due date and a valid suggestion (read only
    when the extension is among ``actions``)."""
    if dossier.due_at is None or Action.EXTEND not in actions:
        return {}
    return {"new_due_at": _(
        "Ngày hẹn hiện tại: %(due)s. Ngày hẹn mới phải trong giờ làm việc của một ngày làm "
        "việc; gợi ý: %(suggested)s (thêm một lần thời hạn giải quyết của thủ tục).") % {
        "due": vn_datetime(dossier.due_at), "suggested": vn_datetime(suggested_new_due(dossier))}}


def _confirmation(dossier: Dossier, action: Action) -> str:
    """The question asked before an action that cannot be undone ('' for the others)."""
    if action not in IRREVERSIBLE:
        return ""
    return _("Thực hiện “%(action)s” với hồ sơ %(code)s? Thao tác này không hoàn tác được.") % {
        "action": ACTION_LABELS[action], "code": dossier.code}


def _render_dossier(request: HttpRequest, dossier: Dossier, bound: ActionForm | None = None,
                    status: int = 200) -> HttpResponse:
    now = timezone.now()
    actions = _action_forms(request.user, dossier, bound)
    shown = any(item["open"] for item in actions)
    context = {
        "dossier": dossier, "actions": actions,
        "steps": step_rows(dossier),
        "history": [(event, EVENT_LABELS.get(event.action, event.action))
                    for event in dossier.events.all()],
        # an action no longer offered (the dossier moved on) still says why it failed
        "errors": bound.non_field_errors() if bound is not None and not shown else [],
        "slips": content.offered(dossier, request.user),
        "badge": DEADLINE_BADGES.get(deadline_state(dossier, now, soon_limit(now))),
        "documents": content.document_rows(dossier),
        "contact": owner_contact(dossier),
        "dvcqg_code": national_origin(dossier),
        "print_slip": request.session.pop("print_slip", None),
        # "Lấy từ kho dữ liệu": the receiving agency's officers, when the store is set up
        "datastore": datastore.configured()
        and bool(staff_roles_in(request.user, dossier.receiving_agency)),
    }
    return render(request, "backoffice/dossier.html", context, status=status)


@require_GET
@staff_required
def dossier_page(request: HttpRequest, code: str) -> HttpResponse:
    dossier = dossier_for(request.user, code)
    if dossier is None:
        raise Http404
    return _render_dossier(request, dossier)


@require_POST
@staff_required
def do_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    dossier = dossier_for(request.user, code)
    chosen = member(Action, action)
    if dossier is None or chosen not in ACTION_FIELDS:
        raise Http404
    form = ActionForm(request.POST, request.FILES, action=chosen,
                      choices=_choices(request.user, dossier, [chosen]),
                      hints=_hints(dossier, [chosen]),
                      electronic_result=_electronic_result(dossier))
    if form.is_valid():
        try:
            services.act(request.user, code, chosen, form.cleaned_data["version"], form.params(),
                         form.new_files())
        except services.StaleVersion as error:
            form.data = {**form.data.dict(), f"{form.prefix}-version": dossier.version}
            form.add_error(None, error.message)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            forget_queue_counts(request.user)
            messages.success(request, _("Đã thực hiện: %(action)s.")
                             % {"action": ACTION_LABELS[chosen]})
            if chosen in SLIP_AFTER:
                request.session["print_slip"] = SLIP_AFTER[chosen].value
            return redirect("backoffice:dossier", code=code)
    return _render_dossier(request, dossier_for(request.user, code), form, status=422)


# -- the register -------------------------------------------------------------------------------


@require_GET
@staff_required
@replica_reads()
def register(request: HttpRequest) -> HttpResponse:
    agencies = register_agencies(request.user)
    today = timezone.localdate()
    form = RegisterForm(request.GET or None, agencies=agencies,
                        initial={"start": today.replace(day=1), "end": today})
    if request.GET and form.is_valid():
        data = form.cleaned_data
        agency = next(a for a in agencies if a.identifier_code == data["agency"])
        rows = register_rows(agency, data["start"], data["end"])
        title = CURRENT.title(Slip.REGISTER)
        name = f"so-theo-doi-{agency.identifier_code}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
        if data["format"] == "xlsx":
            return downloads.document(
                excel.register_workbook(agency, title, data["start"], data["end"], rows),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                f"{name}.xlsx")
        pdf = slip_render.pdf("slips/register.html", {
            "regime": CURRENT, "number": CURRENT.number(Slip.REGISTER), "title": title,
            "agency": agency, "place": content.place(agency), "today": timezone.now(),
            "start": data["start"], "end": data["end"], "rows": rows,
        })
        return pdf_response(pdf, f"{name}.pdf")
    return render(request, "backoffice/register.html", {"form": form},
                  status=400 if request.GET and not form.is_valid() else 200)
