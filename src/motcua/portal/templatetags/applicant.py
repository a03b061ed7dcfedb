"""How the applicant's own pages word a dossier's state (the officers' words: the lifecycle's)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from motcua.dossiers.models import Dossier, Status

register = template.Library()


@register.filter
def status_for_applicant(dossier: Dossier) -> str:
    """The status as told to the person who filed: their own withdrawal request is theirs."""
    if dossier.status == Status.WITHDRAWAL_REQUESTED:
        return _("Bạn đã yêu cầu rút hồ sơ, đang chờ cơ quan chấp nhận rút hồ sơ")
    return dossier.get_status_display()
