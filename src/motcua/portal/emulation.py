"""The public page of the award decisions: what the Department of Home Affairs published, each
with its number, date and awardees (Luật 06/2022 điều 84(5): publicity); above them the
dossiers on public notice (spec §6.1 row 8): each eligible nominee's name, unit, title and
short summary, and a form to comment until the notice ends. Nothing else of a proposal is shown
to the public."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from motcua.core.errors import ServiceError
from motcua.core.forms import Styled
from motcua.core.throttles import throttled
from motcua.emulation import notices
from motcua.emulation.models import PublicNotice
from motcua.emulation.proposal_selectors import (
    noticed_nominees,
    published_decisions,
    running_notices,
)


class CommentForm(Styled, forms.Form):
    name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=255)
    contact = forms.CharField(label=gettext_lazy("Địa chỉ, điện thoại hoặc thư điện tử"),
                              max_length=255, required=False)
    text = forms.CharField(label=gettext_lazy("Nội dung góp ý"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


def _page(request: HttpRequest, sent: CommentForm | None = None,
          sent_to: int | None = None) -> HttpResponse:
    """The page; a comment refused comes back in its own notice's form, with what was typed
    and each field's error beside it (422)."""
    page = Paginator(published_decisions(), 20).get_page(request.GET.get("trang"))
    rows = [(decision, decision.proposal.awardees) for decision in page]
    on_notice = [(notice, noticed_nominees(notice), sent if notice.pk == sent_to
                  else CommentForm(prefix=f"n{notice.pk}"))
                 for notice in running_notices(timezone.now())[:50]]
    return render(request, "portal/emulation_decisions.html", {
        "page": page, "rows": rows, "notices": on_notice},
        status=422 if sent is not None else 200)


@require_GET
def decisions(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@throttled("lookup")
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    notice = PublicNotice.objects.filter(pk=pk).select_related("proposal").first()
    if notice is None:
        raise Http404
    form = CommentForm(request.POST, prefix=f"n{notice.pk}")
    if not form.is_valid():
        messages.error(request, _("Góp ý chưa gửi được: xem các ô được đánh dấu bên dưới."))
        return _page(request, form, notice.pk)
    try:
        notices.add_comment(notice, **form.cleaned_data)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Cảm ơn bạn đã góp ý. Sở Nội vụ sẽ xem xét ý kiến này."))
    return redirect("portal:emulation_decisions")
