"""The officer's notifications (motcua.outbox.views, guarded for working staff)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods, require_POST

from motcua.backoffice.views import staff_required
from motcua.outbox import views

PAGES = views.Pages(inbox="backoffice:inbox", read="backoffice:notification_read",
                    dossier="backoffice:dossier")


@require_http_methods(["GET", "POST"])
@staff_required
def inbox(request: HttpRequest) -> HttpResponse:
    return views.inbox_page(request, PAGES)


@require_POST
@staff_required
def read(request: HttpRequest, pk: int) -> HttpResponse:
    return views.read(request, pk, PAGES)
