"""The inbox pages, shared by the citizen's portal and the back office: each takes its pair of
views from ``guarded_views`` with its own guard and page names. Reads through the selectors: one's
own only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from motcua.outbox import selectors, services

PER_PAGE = 20


@dataclass(frozen=True)
class Pages:
    """The URL names of one audience's pages."""

    inbox: str  # the list
    read: str  # mark one read (pk)
    dossier: str  # a dossier (code)


def inbox_page(request: HttpRequest, pages: Pages) -> HttpResponse:
    """The list (GET), or every notification marked read (POST)."""
    if request.method == "POST":
        services.mark_read(request.user)
        return redirect(pages.inbox)
    page = Paginator(selectors.inbox(request.user), PER_PAGE).get_page(request.GET.get("trang"))
    return render(request, "outbox/inbox.html", {
        "page": page, "pages": pages, "unread": selectors.unread_count(request.user),
    })


def read(request: HttpRequest, pk: int, pages: Pages) -> HttpResponse:
    """Mark one notification read; with ``mo`` open its dossier, otherwise back to the list."""
    note = selectors.notification_for(request.user, pk)
    if note is None:
        raise Http404
    services.mark_read(request.user, note.pk)
    if "mo" in request.POST and note.reference:
        return redirect(pages.dossier, note.reference)
    return redirect(pages.inbox)


View = Callable[..., HttpResponse]


def guarded_views(pages: Pages, guard: Callable[[View], View]) -> tuple[View, View]:
    """The list and the mark-read views of one audience, each behind ``guard``."""

    @require_http_methods(["GET", "POST"])
    @guard
    def inbox(request: HttpRequest) -> HttpResponse:
        return inbox_page(request, pages)

    @require_POST
    @guard
    def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
        return read(request, pk, pages)

    return inbox, mark_read
