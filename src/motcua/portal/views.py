"""Citizen pages: home, procedures, account, online filing, my dossiers, lookup.

Thin: reads through selectors (scoped to the signed-in applicant), writes through services.
Every page works without JavaScript; htmx and the upload script only make it quicker.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from motcua.catalog.models import Component
from motcua.catalog.selectors import current_version, search_versions
from motcua.core import downloads, files, paging
from motcua.core.access import applicant_required
from motcua.core.enums import member
from motcua.core.errors import ServiceError
from motcua.core.routers import replica_reads
from motcua.core.throttles import throttled
from motcua.dossiers import services as dossier_services
from motcua.dossiers.lifecycle import Action
from motcua.dossiers.models import Delivery, OwnerType, Status
from motcua.dossiers.selectors import dossier_for
from motcua.dossiers.services import ActionInput, party_of
from motcua.portal import navigation, selectors, services
from motcua.portal.forms import (
    AccountForm,
    ComponentFiles,
    DetailsForm,
    FileForm,
    LookupForm,
    ProfileForm,
    RatingForm,
    ReviewForm,
    SupplementForm,
    WithdrawForm,
    accept_attribute,
)
from motcua.slips import content

PER_PAGE = 20


def posted(request: HttpRequest):
    """The form data of a POST (even an empty one: a form left blank is still sent)."""
    return request.POST if request.method == "POST" else None


# -- public pages -----------------------------------------------------------------------------


@require_safe  # HEAD too: monitors and link checkers ask for the home page's headers
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {
        "sectors": selectors.sectors_in_use(), "agencies": selectors.deciding_agencies(),
        "lookup_form": LookupForm(),
    })


@require_GET
def procedures(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    sector, agency = request.GET.get("linh-vuc") or None, request.GET.get("co-quan") or None
    page = Paginator(search_versions(q, sector=sector, agency=agency), PER_PAGE) \
        .get_page(request.GET.get("trang"))
    template = "portal/_procedure_rows.html" if request.htmx else "portal/procedures.html"
    query = urlencode({"q": q, "linh-vuc": sector or "", "co-quan": agency or ""}) + "&"
    return render(request, template, {
        "page": page, "q": q, "sector": sector, "agency": agency, "query": query,
        "sectors": selectors.sectors_in_use(), "agencies": selectors.deciding_agencies(),
    })


@require_GET
def procedure(request: HttpRequest, code: str) -> HttpResponse:
    version = current_version(code)
    if version is None:
        raise Http404
    return render(request, "portal/procedure.html", {
        "version": version, "p90": selectors.processing_p90(version),
    })


@require_GET
def component_template(request: HttpRequest, code: str, order: int) -> FileResponse:
    """The blank form of a component (tờ khai, đơn), as the catalogue holds it."""
    version = current_version(code)
    component: Component | None = version.components.filter(order=order).first() \
        if version else None
    if component is None or not component.template:
        raise Http404
    stored = component.template.open("rb")
    return downloads.stored_file(stored, files.content_type_of(stored),
                                 files.clean_name(component.template.name))


@require_GET
@throttled("lookup", counts=lambda request: bool(request.GET))  # a search, not the form
@replica_reads()
def lookup(request: HttpRequest) -> HttpResponse:
    """By code and ID number; a wrong number and an unknown code get the same answer."""
    form = LookupForm(request.GET if request.GET else None)
    dossier = None
    if form.is_bound and form.is_valid():
        dossier = selectors.lookup(form.cleaned_data["MHS"], form.cleaned_data["SGT"])
    context = {"form": form, "dossier": dossier, "searched": form.is_bound and form.is_valid()}
    if dossier is not None:
        context["progress"] = selectors.progress(dossier)
    response = render(request, "portal/lookup.html", context)
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"  # the ID number is in the address
    return response


# -- account ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@throttled("login")
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:start")
    form = AccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        user = services.register(form.account())
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Đã tạo tài khoản. Tên đăng nhập của bạn là số định danh "
                                    "%(id)s.") % {"id": user.username})
        return redirect(_safe_next(request) or "portal:mine")
    return render(request, "portal/sign_up.html", {"form": form},
                  status=422 if form.is_bound else 200)


def _safe_next(request: HttpRequest) -> str | None:
    """The ``next`` page if it is on this site (never a redirect to another host)."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return None


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Where a login lands: each role on its own page (motcua.portal.navigation)."""
    return redirect(navigation.landing(request.user))


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Every account's own page: contact details and the notifications sent by e-mail."""
    form = ProfileForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(request.user, form.profile())
        messages.success(request, _("Đã lưu thông tin tài khoản."))
        return redirect("portal:profile")
    return render(request, "portal/profile.html", {"form": form},
                  status=422 if form.is_bound else 200)


@require_GET
@applicant_required
def mine(request: HttpRequest) -> HttpResponse:
    """What waits for the applicant on top, then the drafts (each reopening at the step it
    reached), then every dossier, a page at a time (keyset: no count, the same cost at page 1
    of 3 dossiers as of 3,000)."""
    after = request.GET.get("sau", "")
    page = paging.page(selectors.my_dossiers(request.user), selectors.NEWEST_FIRST, after,
                       PER_PAGE)
    drafts = selectors.drafts_of(request.user).prefetch_related(
        "files", "procedure_version__components")
    return render(request, "portal/mine.html", {
        "awaiting": selectors.awaiting_me(request.user), "dossiers": page.rows,
        "next_cursor": page.next_cursor, "first_page": not after,
        "drafts": [(draft, selectors.reached_step(draft)) for draft in drafts],
        "PAYMENT": Status.AWAITING_PAYMENT,
    })


# -- online filing: details, files, review ------------------------------------------------------


@require_POST
@applicant_required
def start_filing(request: HttpRequest, code: str) -> HttpResponse:
    version = current_version(code)
    if version is None:
        raise Http404
    try:
        draft = services.start_draft(request.user, version)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("portal:procedure", code=code)
    return redirect("portal:draft_details", pk=draft.pk)


def _draft(request: HttpRequest, pk: int):
    draft = selectors.draft_for(request.user, pk)
    if draft is None:
        raise Http404
    return draft


def _filing(request, draft, step: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, f"portal/filing_{step}.html",
                  {"draft": draft, "version": draft.procedure_version, "step": step, **context},
                  status=status)


@require_http_methods(["GET", "POST"])
@applicant_required
def draft_details(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    version = draft.procedure_version
    form = DetailsForm(posted(request), version=version, owner_type=party_of(request.user).type,
                       initial=draft.data or _details_from_account(request.user, version))
    if request.method == "POST":
        if form.is_valid():
            services.save_details(draft, form.cleaned_data)
            return redirect("portal:draft_files", pk=draft.pk)
        return _filing(request, draft, "details", {"form": form}, status=422)
    return _filing(request, draft, "details", {"form": form})


def _details_from_account(user, version) -> dict:
    me = party_of(user)
    return {"owner_type": me.type, "owner_name": me.name, "owner_id_number": me.id_number,
            "owner_phone": me.phone, "owner_email": me.email, "owner_address": me.address,
            "subject": version.name}


@require_http_methods(["GET", "POST"])
@applicant_required
def draft_files(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = ComponentFiles(posted(request), request.FILES or None,
                          version=draft.procedure_version)
    errors, missing = [], []
    if request.method == "POST" and form.is_valid():
        for order, file in form.new_files():
            try:
                services.add_file(request.user, draft, order, file)
            except ServiceError as error:
                errors.append(error.message)
        draft = _draft(request, pk)
        if not errors and request.POST.get("go") == "next":
            missing = selectors.missing_components(draft)
            if not missing:
                return redirect("portal:draft_review", pk=draft.pk)
    return _filing(request, draft, "files", _files_context(draft, form, errors, missing),
                   status=422 if errors or missing else 200)


def _files_context(draft, form, errors, missing=()) -> dict:
    """``missing``: the required papers still without a file when the applicant asked to go on
    (the page's script takes each off the message as its file arrives)."""
    rows = [{"row": row, "field": form[f"c{row.component.order}"]}
            for row in selectors.component_rows(draft)]
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    return {"form": form, "errors": errors, "missing": missing, "rows": rows,
            "accept": accept_attribute(), "max_bytes": limit, "max_mb": limit // (1024 * 1024)}


@require_POST
@applicant_required
def draft_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """One file chosen on the page, sent at once by the script; answers the component's list."""
    draft = _draft(request, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        return HttpResponse(_("Chọn một tệp để tải lên."), status=422)
    try:
        services.add_file(request.user, draft, form.cleaned_data["component"],
                          form.cleaned_data["file"])
    except ServiceError as error:
        return HttpResponse(error.message, status=error.status)
    draft = _draft(request, pk)
    row = next(r for r in selectors.component_rows(draft)
               if r.component.order == form.cleaned_data["component"])
    return render(request, "portal/_component_files.html", {"draft": draft, "row": row})


@require_POST
@applicant_required
def draft_remove_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    services.remove_file(draft, file_pk)
    return redirect("portal:draft_files", pk=draft.pk)


@require_http_methods(["GET", "POST"])
@applicant_required
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if not draft.data:
        return redirect("portal:draft_details", pk=draft.pk)
    form = ReviewForm(posted(request))
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.submit_draft(request.user, draft)
        except ServiceError as error:
            errors.append(error.message)
        else:
            messages.success(request, _("Đã nộp hồ sơ. Mã hồ sơ của bạn: %(code)s.")
                             % {"code": dossier.code})
            return redirect("portal:dossier", code=dossier.code)
    return _filing(request, draft, "review", {
        "form": form, "errors": errors, "rows": selectors.component_rows(draft),
        "receiver": selectors.receiver_name(draft),
        "delivery": (member(Delivery, draft.data.get("delivery")) or Delivery.COUNTER).label,
        "owner_type": (member(OwnerType, draft.data.get("owner_type"))
                       or member(OwnerType, party_of(request.user).type)).label,
    }, status=422 if form.is_bound else 200)


@require_POST
@applicant_required
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.delete_draft(_draft(request, pk))
    messages.info(request, _("Đã xóa hồ sơ đang soạn."))
    return redirect("portal:mine")


# -- my dossier: follow, supplement, withdraw, result, rating -----------------------------------


def _mine_or_404(request: HttpRequest, code: str):
    dossier = dossier_for(request.user, code)
    if dossier is None:
        raise Http404
    return dossier


@require_GET
@applicant_required
def dossier(request: HttpRequest, code: str) -> HttpResponse:
    return _render_dossier(request, _mine_or_404(request, code))


def _render_dossier(request, dossier, status: int = 200, **forms) -> HttpResponse:
    allowed = dossier_services.allowed_actions(request.user, dossier)
    version = dossier.procedure_version
    pending = selectors.open_supplement(dossier)
    requested = pending.items if pending else []
    context = {
        "dossier": dossier, "progress": selectors.progress(dossier),
        "papers": selectors.filed_papers(dossier),
        "pending": pending,
        "payment": selectors.open_payment(dossier),
        "has_result": dossier.status in (Status.FINISHED, Status.DELIVERED),
        "DELIVERED": Status.DELIVERED,
        "results": [a for a in dossier.attachments.all() if a.is_result]
        if dossier.status in (Status.FINISHED, Status.DELIVERED) else [],
        "slips": content.offered(dossier, request.user),
        "supplement_form": forms.get("supplement")
        or SupplementForm(version=version, requested=requested)
        if Action.SUPPLEMENT in allowed else None,
        "rating_form": forms.get("rating") or RatingForm() if Action.RATE in allowed
        and not dossier.rating else None,
        "can_withdraw": Action.WITHDRAW in allowed,
        "accept": accept_attribute(),
    }
    return render(request, "portal/dossier.html", context, status=status)


def _act(request, dossier, action: Action, params: ActionInput, new_files=()) -> str | None:
    """Do the action; None when done, else the refusal in words."""
    try:
        dossier_services.act(request.user, dossier.code, action, dossier.version, params,
                             new_files)
    except ServiceError as error:
        return error.message
    return None


@require_POST
@applicant_required
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    found = _mine_or_404(request, code)
    pending = selectors.open_supplement(found)
    form = SupplementForm(request.POST, request.FILES, version=found.procedure_version,
                          requested=pending.items if pending else [])
    if form.is_valid():
        problem = _act(request, found, Action.SUPPLEMENT,
                       ActionInput(note=form.cleaned_data["note"]), form.new_files())
        if problem is None:
            messages.success(request, _("Đã gửi giấy tờ bổ sung. Hồ sơ được chuyển lại cho cán "
                                        "bộ xử lý."))
            return redirect("portal:dossier", code=code)
        form.add_error(None, problem)
    return _render_dossier(request, found, status=422, supplement=form)


@require_http_methods(["GET", "POST"])
@applicant_required
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """A confirmation page first: withdrawing cannot be undone by the citizen."""
    found = _mine_or_404(request, code)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        problem = _act(request, found, Action.WITHDRAW,
                       ActionInput(reason=form.cleaned_data["reason"]))
        if problem is None:
            messages.success(request, _("Đã gửi yêu cầu rút hồ sơ %(code)s.") % {"code": code})
            return redirect("portal:dossier", code=code)
        form.add_error(None, problem)
    return render(request, "portal/withdraw.html", {"dossier": found, "form": form},
                  status=422 if form.errors else 200)


@require_POST
@applicant_required
def rate(request: HttpRequest, code: str) -> HttpResponse:
    found = _mine_or_404(request, code)
    form = RatingForm(request.POST)
    if form.is_valid():
        problem = _act(request, found, Action.RATE, ActionInput(
            rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]))
        if problem is None:
            messages.success(request, _("Cảm ơn bạn đã đánh giá."))
            return redirect(reverse("portal:dossier", args=[code]) + "#danh-gia")
        form.add_error(None, problem)
    return _render_dossier(request, found, status=422, rating=form)
