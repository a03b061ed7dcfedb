"""A dossier's attachment, for whoever may see the dossier (officers and its own applicant)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from motcua.dossiers.models import Attachment
from motcua.dossiers.selectors import visible_dossiers

PREVIEWABLE = ("application/pdf", "image/png", "image/jpeg")


@require_GET
@login_required
def attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """Shown in the browser when it can preview it safely, downloaded otherwise."""
    found = Attachment.objects.filter(
        pk=pk, dossier__code=code, dossier__in=visible_dossiers(request.user)
    ).first()
    if found is None:
        raise Http404
    response = FileResponse(
        found.file.open("rb"), content_type=found.content_type,
        as_attachment=found.content_type not in PREVIEWABLE, filename=found.original_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
