"""The public page of the reception schedule (Luật Tiếp công dân 2013 art. 24(2), (4)):
every agency's sessions from today on, for anyone, with no personal data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.voice import reception


@require_GET
def schedule(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/reception_schedule.html",
                  {"sessions": reception.public_schedule()[:200]})
