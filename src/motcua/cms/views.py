"""Thin views of an agency's portal, served through its home page's routes, and the editors'
admin pages of the checklist and the downtime notices (wagtail_hooks)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from motcua.cms import mandatory, rules, selectors, services


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
