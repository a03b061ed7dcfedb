"""Thin views of an agency's portal, served through its home page's routes."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from motcua.cms import rules, selectors


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
