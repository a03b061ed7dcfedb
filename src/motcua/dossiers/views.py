"""A dossier's attachment, for whoever may see the dossier (officers and its own applicant)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from motcua.core import downloads
from motcua.core.files import KINDS, clean_name
from motcua.dossiers.models import Attachment
from motcua.dossiers.selectors import visible_dossiers

KNOWN_TYPES = {content_type for content_type, _extension in KINDS.values()}


@require_GET
@login_required
def attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """Shown in the browser when it can preview it safely, downloaded otherwise."""
    found = Attachment.objects.filter(
        pk=pk, dossier__code=code, dossier__in=visible_dossiers(request.user)
    ).first()
    if found is None:
        raise Http404
    # the type found in the content when it was stored; anything else is only downloaded
    content_type = found.content_type if found.content_type in KNOWN_TYPES \
        else "application/octet-stream"
    return downloads.stored_file(found.file.open("rb"), content_type,
                                 clean_name(found.original_name), inline=True, private=True)
