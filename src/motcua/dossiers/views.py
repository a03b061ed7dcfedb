"""A dossier's attachment, for whoever may see the dossier (officers and its own applicant), or
for whoever holds a signed key to it that has not expired (DVCQG, ``links``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from motcua.core import downloads
from motcua.core.files import KINDS, clean_name
from motcua.dossiers import links
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
    return _served(found)


@require_GET
def signed_attachment(request: HttpRequest, code: str, pk: int, key: str) -> FileResponse:
    """The file for anyone with a valid key (another system, integrations §6.2); with a forged
    or expired key, the permission-checked download above."""
    if not links.key_holds(code, pk, key):
        return attachment(request, code, pk)
    found = Attachment.objects.filter(pk=pk, dossier__code=code).first()
    if found is None:
        raise Http404
    return _served(found)


def _served(found: Attachment) -> FileResponse:
    # the type found in the content when it was stored; anything else is only downloaded
    content_type = found.content_type if found.content_type in KNOWN_TYPES \
        else "application/octet-stream"
    return downloads.stored_file(found.file.open("rb"), content_type,
                                 clean_name(found.original_name), inline=True, private=True)
