"""Officer pages for official documents: both registers (and as Excel), drafts, the document
pages with their actions and exchange timeline, the files.

Thin: forms validate, ``exchange.services`` writes, ``exchange.selectors`` reads (scoped to the
officer: what is not theirs is a 404). A refused action, by its form or by a service, is the page
again with the form kept and the message, answered 422 (403 or 404 where the service says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

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

from motcua.core import downloads, files, paging, spreadsheets
from motcua.core.dates import vn_date, vn_datetime
from motcua.core.errors import InvalidInput, ServiceError
from motcua.core.text import vn_number
from motcua.exchange import excel, rules, selectors, services
from motcua.exchange.forms import (
    AssignForm,
    DraftForm,
    ReasonForm,
    SignForm,
    draft_initial,
    incoming_filter_form,
    outgoing_filter_form,
)
from motcua.exchange.lifecycle import IncomingAction, OutgoingAction
from motcua.exchange.models import (
    IncomingAttachment,
    IncomingDocument,
    OutgoingAttachment,
    OutgoingDocument,
)

PAGE_SIZE = 25
EXPORT_LIMIT = 20_000

DANGEROUS = {"refuse", "recall", "accept_recall", "accept_change"}
# What cannot be undone asks first (the page's dialog, core/confirm.js): a number taken, a
# document sent, a document refused.
IRREVERSIBLE = {"issue", "send", "refuse"}


def _confirmation(action: str, label) -> str:
    if action not in IRREVERSIBLE:
        return ""
    return _("Thực hiện “%(action)s” với văn bản này? Thao tác này không hoàn tác được.") % {
        "action": label}


def documents_required(view):
    """Signed-in officers holding a document role (văn thư, chuyên viên, lãnh đạo)."""

    @wraps(view)
    @login_required
    def guarded(request: HttpRequest, *args, **kwargs):
        if not selectors.document_holds(request.user):
            raise PermissionDenied(_("Trang này dành cho cán bộ làm công tác văn bản."))
        return view(request, *args, **kwargs)

    return guarded


# -- the registers ------------------------------------------------------------------------------


def _query_without_cursor(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("sau", None)
    return query.urlencode()


@dataclass(frozen=True)
class Register:
    """One register's page and Excel file: the same filters, rows and order."""

    template: str
    list_url: str
    sort: paging.Sort
    filter_form: Callable
    rows: Callable
    title: str
    workbook: Callable
    filename: str

    def form_and_rows(self, request: HttpRequest):
        form = self.filter_form(request.GET or None)
        return form, self.rows(request.user, **form.filters())

    def page(self, request: HttpRequest) -> HttpResponse:
        form, rows = self.form_and_rows(request)
        result = paging.page(rows, self.sort, request.GET.get("sau", ""), PAGE_SIZE)
        bad_filter = form.is_bound and not form.is_valid()
        return render(request, self.template, {
            "form": form, "rows": result.rows, "next_cursor": result.next_cursor,
            "query": _query_without_cursor(request),
        }, status=400 if bad_filter else 200)

    def xlsx(self, request: HttpRequest) -> HttpResponse:
        """The register as Excel; a bad filter or too many rows: back to the page, saying why."""
        form, rows = self.form_and_rows(request)
        if form.is_bound and not form.is_valid():
            return self._back(request)  # the page shows the filter's error
        count = rows.count()
        if count > EXPORT_LIMIT:
            messages.error(request, _(
                "Sổ có %(count)s văn bản, quá %(limit)s văn bản cho một tệp Excel: hãy lọc theo "
                "năm, loại văn bản hoặc trạng thái rồi tải lại.")
                % {"count": vn_number(count), "limit": vn_number(EXPORT_LIMIT)})
            return self._back(request)
        title = _title(str(self.title), form.filters())
        return downloads.document(self.workbook(rows, title), spreadsheets.XLSX, self.filename,
                                  private=True)

    def _back(self, request: HttpRequest) -> HttpResponse:
        query = _query_without_cursor(request)
        return redirect(reverse(self.list_url) + (f"?{query}" if query else ""))


OUTGOING_REGISTER = Register(
    "exchange/outgoing_list.html", "exchange:outgoing_list", paging.Sort("created_at", True),
    outgoing_filter_form, selectors.outgoing_register, gettext_lazy("Sổ đăng ký văn bản đi"),
    excel.outgoing_workbook, "so-van-ban-di.xlsx")
INCOMING_REGISTER = Register(
    "exchange/incoming_list.html", "exchange:incoming_list", paging.Sort("arrived_at", True),
    incoming_filter_form,
    selectors.incoming_register, gettext_lazy("Sổ đăng ký văn bản đến"),
    excel.incoming_workbook, "so-van-ban-den.xlsx")


def _title(kind: str, filters: dict) -> str:
    year = filters.get("year")
    title = kind if not year else _("%(kind)s năm %(year)s") % {"kind": kind, "year": year}
    return _("%(title)s (lập ngày %(day)s)") % {"title": title, "day": vn_date(timezone.now())}


@require_GET
@documents_required
def outgoing_list(request: HttpRequest) -> HttpResponse:
    return OUTGOING_REGISTER.page(request)


@require_GET
@documents_required
def incoming_list(request: HttpRequest) -> HttpResponse:
    return INCOMING_REGISTER.page(request)


@require_GET
@documents_required
def outgoing_xlsx(request: HttpRequest) -> HttpResponse:
    return OUTGOING_REGISTER.xlsx(request)


@require_GET
@documents_required
def incoming_xlsx(request: HttpRequest) -> HttpResponse:
    return INCOMING_REGISTER.xlsx(request)


# -- outgoing documents -------------------------------------------------------------------------


def _outgoing(request: HttpRequest, pk: int) -> OutgoingDocument:
    document = selectors.outgoing_for(request.user, pk)
    if document is None:
        raise Http404(_("Không có văn bản này."))
    return document


@require_http_methods(["GET", "POST"])
@documents_required
def outgoing_new(request: HttpRequest) -> HttpResponse:
    agencies = selectors.document_agencies(request.user)
    form = DraftForm(request.POST or None, request.FILES or None, agencies=agencies)
    return _draft_page(request, form, None, lambda: services.create_draft(
        request.user, form.cleaned_data["agency"], form.draft_input()))


@require_http_methods(["GET", "POST"])
@documents_required
def outgoing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _outgoing(request, pk)
    if OutgoingAction.EDIT not in selectors.allowed_actions(request.user, document):
        messages.error(request, _("Văn bản đã ban hành, không sửa được."))
        return redirect("exchange:outgoing", pk=document.pk)
    agencies = selectors.document_agencies(request.user).filter(pk=document.agency_id)
    form = DraftForm(request.POST or None, request.FILES or None, agencies=agencies,
                     initial=draft_initial(document))
    return _draft_page(request, form, document, lambda: services.edit_draft(
        request.user, document, form.draft_input()))


def _draft_page(request: HttpRequest, form: DraftForm, document: OutgoingDocument | None,
                save) -> HttpResponse:
    """The draft form; on a valid POST ``save()`` writes and the officer goes to the document."""
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                saved = save()
            except ServiceError as error:
                form.add_error(None, error.message)
                status = error.page_status
            else:
                messages.success(request, _("Đã lưu dự thảo văn bản."))
                return redirect("exchange:outgoing", pk=saved.pk)
    return render(request, "exchange/outgoing_form.html", {"form": form, "document": document},
                  status=status)


def _outgoing_form(action: str, document, data=None, files=None):
    """The form an outgoing action asks for on the page, if any."""
    if action == OutgoingAction.SIGN:
        return SignForm(data, files, prefix=action)
    if action == OutgoingAction.RECALL:
        return ReasonForm(data, prefix=action, label=_("Lý do thu hồi"))
    return None


def _action_items(actions: list[str], labels, make_form, document, bound=None,
                  bound_action="") -> list[dict]:
    """The page's buttons: the lifecycle's actions offered, each with its form (the one just
    sent, with its errors, for ``bound_action``)."""
    return [{"action": action, "label": labels(action).label,
             "form": bound if action == bound_action and bound is not None
             else make_form(action, document),
             "danger": action in DANGEROUS, "open": action == bound_action,
             "confirm": _confirmation(action, labels(action).label)}
            for action in actions if action in services.dispatch_for(document)]


def _render_outgoing(request, document, *, bound=None, bound_action="", errors=(),
                     status=200) -> HttpResponse:
    actions = selectors.allowed_actions(request.user, document)
    return render(request, "exchange/outgoing.html", {
        "document": document, "actions": _action_items(
            actions, OutgoingAction, _outgoing_form, document, bound, bound_action),
        "signature_warning": selectors.signature_warning(document)
        if {"issue", "send"} & set(actions) else "",
        "may_edit": OutgoingAction.EDIT in actions,
        "timeline": selectors.outgoing_timeline(document),
        "recipients": selectors.recipients_with_statuses(document),
        "errors": list(errors),
    }, status=status)


@require_GET
@documents_required
def outgoing_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_outgoing(request, _outgoing(request, pk))


DONE = gettext_lazy("Đã thực hiện: %(action)s.")


def _refused(render_page, request, document, form, action: str,
             error: ServiceError) -> HttpResponse:
    """The document page again with the service's refusal, on the action's form if it has one."""
    if form is not None:
        form.add_error(None, error.message)
    return render_page(request, document, bound=form, bound_action=action,
                       errors=[] if form is not None else [error.message],
                       status=error.page_status)


@require_POST
@documents_required
def outgoing_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = _outgoing(request, pk)
    if action not in services.dispatch_for(document):
        raise Http404
    form = _outgoing_form(action, document, request.POST, request.FILES)
    if form is not None and not form.is_valid():
        return _render_outgoing(request, document, bound=form, bound_action=action, status=422)
    try:
        given = _given(form)
        if action == OutgoingAction.SIGN:
            given.identity = _identity(form)
        document = services.act(request.user, document, action, given)
    except ServiceError as error:
        return _refused(_render_outgoing, request, document, form, action, error)
    if action == OutgoingAction.ISSUE:
        messages.success(request, _("Đã ban hành văn bản số %(notation)s.")
                         % {"notation": document.notation})
    else:
        messages.success(request, DONE % {"action": OutgoingAction(action).label})
    if action in (OutgoingAction.ISSUE, OutgoingAction.SEND) and selectors.unsigned(document):
        messages.warning(request, selectors.signature_warning(document))
    return redirect("exchange:outgoing", pk=document.pk)


def _identity(form: SignForm):
    """Open the officer's key for this request only; it is never written anywhere."""
    from motcua.core.signing import SigningError, SigningIdentity

    try:
        return SigningIdentity.from_pkcs12(form.cleaned_data["key_file"],
                                           form.cleaned_data["passphrase"])
    except SigningError as error:
        raise InvalidInput(str(error)) from None


def _given(form) -> services.ActionInput:
    """The action's input from its form: a reason (or a note), an assignment."""
    data = form.cleaned_data if form is not None else {}
    reason = data.get("reason", "")
    return services.ActionInput(
        reason=reason, note=reason, leader=data.get("leader"), division=data.get("division"),
        specialist=data.get("specialist"), working_days=data.get("working_days"))


# -- incoming documents -------------------------------------------------------------------------


def _incoming(request: HttpRequest, pk: int) -> IncomingDocument:
    document = selectors.incoming_for(request.user, pk)
    if document is None:
        raise Http404(_("Không có văn bản này."))
    return document


def _incoming_form(action: str, document, data=None):
    if action == IncomingAction.ASSIGN:
        return AssignForm(data, agency=document.agency, prefix=action)
    if action in (IncomingAction.REFUSE, IncomingAction.REFUSE_RECALL,
                  IncomingAction.REFUSE_CHANGE):
        return ReasonForm(data, prefix=action)
    if action in (IncomingAction.COMPLETE, IncomingAction.ACCEPT_RECALL,
                  IncomingAction.ACCEPT_CHANGE):
        return ReasonForm(data, prefix=action, required=False, label=_("Ghi chú"))
    return None


def _render_incoming(request, document, *, bound=None, bound_action="", errors=(),
                     status=200) -> HttpResponse:
    actions = _action_items(selectors.allowed_actions(request.user, document), IncomingAction,
                            _incoming_form, document, bound, bound_action)
    return render(request, "exchange/incoming.html", {
        "document": document, "actions": actions, "errors": list(errors),
        "timeline": selectors.incoming_timeline(document),
        "changes": document.changes.select_related("replacement", "decided_by"),
        "pending_change": selectors.pending_change(document),
        "replaces": _visible(request.user, document.replaces_id),
        "replaced_by": [d for d in document.replaced_by.all()
                        if _visible(request.user, d.pk) is not None],
        "signatures": [{"signer_name": s.get("signer_name", ""),
                        "signed_at": _when(s.get("signed_at")),
                        "intact": s.get("intact", False), "valid": s.get("valid", False),
                        "trusted": s.get("trusted", False),
                        "summary": s.get("summary") or s.get("error", ""),
                        "trust_problem": s.get("trust_problem", ""),
                        "certificate": s.get("certificate", ""),
                        "modified": s.get("modified", False), "changes": s.get("changes", "")}
                       for s in document.signatures if isinstance(s, dict) and "error" not in s],
        "verdict": signature_verdict(document),
    }, status=status)


def _visible(user, pk: int | None) -> IncomingDocument | None:
    """A linked document (replaced, replacing) when the officer may open it."""
    return selectors.incoming_for(user, pk) if pk is not None else None


def signature_verdict(document: IncomingDocument) -> tuple[str, str]:
    """(alert colour, sentence): what the receiver reads first about the main PDF's signatures;
    each signature's details are in the table under it."""
    checks = [s for s in document.signatures if isinstance(s, dict)]
    if not document.main_file:
        return "secondary", _("Văn bản không có tệp PDF để kiểm tra chữ ký số.")
    if not checks:
        return "warning", _("Văn bản không có chữ ký số.")
    unreadable = next((s["error"] for s in checks if "error" in s), None)
    if unreadable is not None:
        return "danger", _("Không kiểm tra được chữ ký số: %(error)s") % {"error": unreadable}
    if document.signatures_ok and any(s.get("changes") for s in checks):
        return "success", _("Mọi chữ ký số còn nguyên vẹn, hợp lệ và tin cậy; những gì thêm vào "
                            "sau khi ký đều được phép.")
    if document.signatures_ok:
        return "success", _("Mọi chữ ký số còn nguyên vẹn, hợp lệ và tin cậy.")
    failed = [s.get("summary", "") for s in checks
              if not (s.get("intact") and s.get("valid") and s.get("trusted"))
              or s.get("modified")]
    return "danger", _("Chữ ký số không đạt: %(what)s.") % {"what": "; ".join(failed)}


def _when(value) -> str:
    """A signing time kept as ISO text, shown as 09:30 02/03/2026 (Vietnam time)."""
    try:
        return vn_datetime(dt.datetime.fromisoformat(value)) if value else ""
    except (TypeError, ValueError):
        return str(value)


@require_GET
@documents_required
def incoming_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_incoming(request, _incoming(request, pk))


@require_POST
@documents_required
def incoming_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = _incoming(request, pk)
    if action not in services.dispatch_for(document):
        raise Http404
    form = _incoming_form(action, document, request.POST)
    if form is not None and not form.is_valid():
        return _render_incoming(request, document, bound=form, bound_action=action, status=422)
    user = request.user
    try:
        document = services.act(user, document, action, _given(form))
    except ServiceError as error:
        return _refused(_render_incoming, request, document, form, action, error)
    if action == IncomingAction.REGISTER:
        messages.success(request, _("Đã vào sổ văn bản đến, số đến %(n)s.")
                         % {"n": rules.format_number(document.arrival_number)})
    else:
        messages.success(request, DONE % {"action": IncomingAction(action).label})
    if selectors.incoming_for(user, document.pk) is None:  # e.g. assigned away from oneself
        return redirect("exchange:incoming_list")
    return redirect("exchange:incoming", pk=document.pk)


# -- packages that could not be taken in --------------------------------------------------------


def failed_packages_required(view):
    """Signed-in clerks (văn thư) and the operator: they see and try again failed packages."""

    @wraps(view)
    @login_required
    def guarded(request: HttpRequest, *args, **kwargs):
        if not selectors.sees_failed_packages(request.user):
            raise PermissionDenied(_("Trang này dành cho văn thư và người quản trị hệ thống."))
        return view(request, *args, **kwargs)

    return guarded


@require_GET
@failed_packages_required
def failed_packages(request: HttpRequest) -> HttpResponse:
    return render(request, "exchange/failed_packages.html", {
        "rows": selectors.failed_packages(request.user)[:200],
    })


def _failed(request: HttpRequest, pk: int):
    stored = selectors.failed_package_for(request.user, pk)
    if stored is None:
        raise Http404(_("Không có gói tin này."))
    return stored


@require_GET
@failed_packages_required
def failed_package_raw(request: HttpRequest, pk: int) -> HttpResponse:
    """The failed package's bytes as they arrived, never opened in the browser."""
    stored = _failed(request, pk)
    return downloads.document(bytes(stored.raw), "application/octet-stream",
                              f"goi-tin-{stored.pk}.edxml", private=True)


@require_POST
@failed_packages_required
def failed_package_retry(request: HttpRequest, pk: int) -> HttpResponse:
    stored = _failed(request, pk)
    try:
        stored = services.retry_package(request.user, stored)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("exchange:failed_packages")
    if stored.failed:
        messages.error(request, _("Gói tin vẫn chưa tiếp nhận được: %(error)s")
                       % {"error": stored.error})
    else:
        messages.success(request, _("Đã tiếp nhận gói tin %(id)s.") % {"id": stored.axis_doc_id})
    return redirect("exchange:failed_packages")


# -- files --------------------------------------------------------------------------------------


def _stored(field, name: str) -> HttpResponse:
    """A document's file, typed by its content (never by the name another agency gave it);
    a PDF is shown in the browser, anything else downloaded."""
    if not field:
        raise Http404(_("Văn bản không có tệp này."))
    stored = field.open("rb")
    content_type = files.content_type_of(stored)
    return downloads.stored_file(stored, content_type, files.clean_name(name or "van-ban.pdf"),
                                 inline=content_type == "application/pdf", private=True)


def _attachment(model, document, file_pk: int) -> HttpResponse:
    """A file attached to ``document`` (already scoped to the officer); 404 for another's."""
    attachment = model.objects.filter(document=document, pk=file_pk).first()
    if attachment is None:
        raise Http404
    return _stored(attachment.file, attachment.name)


@require_GET
@documents_required
def outgoing_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = _outgoing(request, pk)
    return _stored(document.main_file, document.main_file_name)


@require_GET
@documents_required
def outgoing_attachment(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    return _attachment(OutgoingAttachment, _outgoing(request, pk), file_pk)


@require_GET
@documents_required
def incoming_file(request: HttpRequest, pk: int) -> HttpResponse:
    document = _incoming(request, pk)
    return _stored(document.main_file, document.main_file_name)


@require_GET
@documents_required
def incoming_attachment(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    return _attachment(IncomingAttachment, _incoming(request, pk), file_pk)
