"""The public notice of a proposal's appraised nominees (spec §6.1 row 8): an optional step
between the appraisal and the council. Luật 06/2022 điều 84(5) requires publicity without
saying how (uncertain); the period is versioned data per title (``NoticePeriod``, Hà Nội's 7
working days by default, QĐ 71/2025/QĐ-UBND điều 5), counted on the Home Affairs calendar.

- ``publish``: the office posts the eligible nominees on the portal (name, unit, title,
  summary) until the period ends; the council is refused until then (the table's guard);
- ``add_comment``: anyone comments on a running notice; the office reads the comments on the
  dossier's page.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.dates import to_local
from motcua.core.errors import InvalidInput
from motcua.emulation import proposal_selectors, proposals
from motcua.emulation.models import NominationResult, NoticeComment, Proposal, PublicNotice
from motcua.emulation.proposal_lifecycle import Action, NotAllowed
from motcua.org.models import User
from motcua.workcal.selectors import calendar_for


@transaction.atomic
def publish(user: User, proposal: Proposal) -> PublicNotice:
    """Open the notice of an appraised dossier for its titles' period (the longest of them)."""
    proposal = proposals.act(user, proposal, Action.PUBLISH_NOTICE)
    now = timezone.now()
    type_ids = set(proposal.nominations.filter(result=NominationResult.ELIGIBLE)
                   .values_list("award_type_id", flat=True))
    days = proposal_selectors.notice_days(type_ids, to_local(now).date())
    return PublicNotice.objects.create(
        proposal=proposal, starts_at=now, published_by=user,
        ends_at=calendar_for(None).due(now, days, "working_days"))


@transaction.atomic
def add_comment(notice: PublicNotice, name: str, contact: str, text: str) -> NoticeComment:
    """A comment, taken only while the notice runs."""
    now = timezone.now()
    if proposal_selectors.running_notice(notice.proposal, now) != notice:
        raise NotAllowed(_("Đã hết thời hạn lấy ý kiến về hồ sơ này."))
    if not name.strip() or not text.strip():
        raise InvalidInput(_("Ghi họ tên và nội dung góp ý."))
    return NoticeComment.objects.create(notice=notice, name=name.strip()[:255],
                                        contact=contact.strip()[:255],
                                        text=text.strip()[:4000], created_at=now)
