"""Thin views of an agency's portal, served through its home page's routes, and the editors'
admin pages of the checklist and the downtime notices (wagtail_hooks)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.cms import mandatory, rules, selectors, services
from motcua.core import downloads, files
from motcua.core.forms import Styled
from motcua.exchange import selectors as documents_read
from motcua.exchange.models import DocumentType

DOCUMENTS_PER_PAGE = 20
RENDITIONS = "images/"  # where Wagtail keeps the renditions in the media storage


def _context(request, home, **extra) -> dict:
    return {"page": home, "home": home, "home_url": home.get_url(request), **extra}


def archive(request, home, year: int, month: int, day: int):
    """'Các tin đã đưa ngày' (e-portal spec §5.1): the items first published on one day."""
    try:
        chosen = dt.date(year, month, day)
    except ValueError:
        raise Http404 from None
    return TemplateResponse(request, "cms/archive.html", _context(
        request, home, day=chosen, weekday=rules.weekday_vi(chosen),
        articles=selectors.articles_on(home, chosen)))


def archive_pick(request, home):
    """The date picker's form posts here (GET ?ngay=yyyy-mm-dd) and goes to that day's list."""
    try:
        chosen = dt.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        chosen = timezone.localdate()
    return redirect(f"{home.get_url(request)}ngay/{chosen:%Y-%m-%d}/")


def search(request, home):
    query = request.GET.get("q", "").strip()[:200]
    return TemplateResponse(request, "cms/search.html", _context(
        request, home, query=query, results=selectors.search(home, query) if query else []))


class DocumentFilter(Styled, forms.Form):
    """The portal's list of documents: by year, by type, by words of the number or subject."""

    nam = forms.TypedChoiceField(label=gettext_lazy("Năm"), coerce=int, empty_value=None,
                                 required=False)
    loai = forms.ChoiceField(label=gettext_lazy("Loại văn bản"), required=False,
                             choices=[("", gettext_lazy("Mọi loại")), *DocumentType.choices])
    q = forms.CharField(label=gettext_lazy("Số, ký hiệu hoặc trích yếu (có dấu hoặc không dấu)"),
                        max_length=200, required=False)

    def __init__(self, data, *, years: list[int]):
        super().__init__(data)
        self.fields["nam"].choices = [("", _("Mọi năm")), *((y, y) for y in years)]
        self.style()

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"year": data["nam"], "document_type": data["loai"], "text": data["q"]}


def documents(request, home):
    """The documents the agency published on its portal (Luật Tiếp cận thông tin 2016 art.
    19(1)(a)), paged, newest first; another agency's never."""
    if home.agency is None:
        raise Http404
    form = DocumentFilter(request.GET or None, years=documents_read.published_years(home.agency))
    rows = documents_read.published_documents(home.agency, **form.filters())
    results = Paginator(rows, DOCUMENTS_PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return TemplateResponse(request, "cms/documents.html", _context(
        request, home, form=form, results=results, query=query.urlencode(),
        documents=[documents_read.public_entry(document) for document in results.object_list]),
        status=400 if form.is_bound and not form.is_valid() else 200)


def document_file(request, home, pk: int):
    """A published document's PDF, shown in the browser; 404 once withdrawn, or another
    agency's."""
    document = documents_read.published_document(home.agency, pk) if home.agency else None
    if document is None:
        raise Http404
    stored = document.main_file.open("rb")
    content_type = files.content_type_of(stored)
    name = files.clean_name(f"{document.notation.replace('/', '-')}.pdf")
    return downloads.stored_file(stored, content_type, name,
                                 inline=content_type == "application/pdf")


RENDITION_SECONDS = 3600  # browsers and proxies may keep a portal's image this long


@require_GET
def rendition(request, path: str):
    """A portal's image as its pages show it (a Wagtail rendition, public). Served here, not by
    the web server: the media folder also holds dossiers' attachments, never served as a whole
    (docs/deploy.md). With object storage the renditions' addresses point there instead."""
    found = selectors.rendition_file(f"{RENDITIONS}{path}")
    if found is None:
        raise Http404
    stored = found.open("rb")
    content_type = files.content_type_of(stored)
    if not content_type.startswith("image/"):
        raise Http404
    response = downloads.stored_file(stored, content_type, path.rsplit("/", 1)[-1], inline=True)
    response["Cache-Control"] = f"public, max-age={RENDITION_SECONDS}"
    return response


# -- the editors' admin (/bien-tap/, Wagtail checks its access) ----------------------------------


@require_GET
def checklist(request):
    """Each portal the editor edits, with the information the law requires: present, out of
    date or missing (e-portal spec §3, cms.mandatory)."""
    portals = [(home, selectors.checklist(home), selectors.downtime_notice(home))
               for home in selectors.editable_homes(request.user)]
    return TemplateResponse(request, "cms/admin/checklist.html", {
        "portals": portals, "version": mandatory.VERSION})


LOCAL_TIME = ["%d/%m/%Y %H:%M"]  # dd/mm/yyyy, Asia/Ho_Chi_Minh


class DowntimeForm(forms.Form):
    starts_at = forms.DateTimeField(label=gettext_lazy("Tạm ngừng từ"), input_formats=LOCAL_TIME,
                                    help_text=gettext_lazy("Ngày giờ, ví dụ 19/12/2026 22:00"))
    ends_at = forms.DateTimeField(label=gettext_lazy("Dự kiến hoạt động trở lại"),
                                  input_formats=LOCAL_TIME,
                                  help_text=gettext_lazy("Ngày giờ, ví dụ 20/12/2026 04:00"))
    reason = forms.CharField(label=gettext_lazy("Lý do"), max_length=255)


@require_http_methods(["GET", "POST"])
def downtime(request, home_id: int):
    """Announce a planned interruption of one portal the editor edits (NĐ 224/2026 art. 13)."""
    home = next((home for home in selectors.editable_homes(request.user) if home.pk == home_id),
                None)
    if home is None:
        raise Http404
    form = DowntimeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.announce_downtime(home, by=request.user, **form.cleaned_data)
        except services.NoticeRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đã đăng thông báo tạm ngừng."))
            return redirect("cms_downtime", home_id=home.pk)
    return TemplateResponse(request, "cms/admin/downtime.html", {
        "home": home, "form": form, "notices": selectors.downtime_notices(home)})
