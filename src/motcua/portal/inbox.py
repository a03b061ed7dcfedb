"""The citizen's notifications (motcua.outbox.views, guarded for applicants)."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods, require_POST

from motcua.outbox import views
from motcua.portal.views import applicant_required

PAGES = views.Pages(inbox="portal:inbox", read="portal:notification_read",
                    dossier="portal:dossier")


@require_http_methods(["GET", "POST"])
@applicant_required
def inbox(request: HttpRequest) -> HttpResponse:
    return views.inbox_page(request, PAGES)


@require_POST
@applicant_required
def read(request: HttpRequest, pk: int) -> HttpResponse:
    return views.read(request, pk, PAGES)
