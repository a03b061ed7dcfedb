"""The revocation of awards (thu hồi khen thưởng, Luật 06/2022 điều 93; spec §6.1 row 15).

The awarding authority revokes, by a decision, some or all of a decided dossier's awards, on
one of the law's grounds; the emulation office records it for the authority. Each nominee
named is ``revoked``, its register row (once distributed) is ``revoked_by`` the decision, so
the register shows it revoked and the eligibility engine no longer counts it; its bonus is to
be recovered with the items. The dossier is revoked once every award in it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import InvalidInput
from motcua.emulation import proposal_lifecycle as lifecycle
from motcua.emulation import proposal_selectors, proposals
from motcua.emulation.models import Award, Nomination, NominationResult, Proposal, Revocation
from motcua.emulation.proposal_lifecycle import Action
from motcua.org.models import User

R = NominationResult


@transaction.atomic
def revoke(user: User, proposal: Proposal, nomination_ids: Iterable[int], *, ground: str,
           reason: str, decision_number: str, decision_date: dt.date | None,
           issuer: str) -> Revocation:
    """Record the revoking decision of the nominees ``nomination_ids`` of ``proposal``."""
    proposal = proposals._locked(proposal)
    named = list(proposal.nominations.filter(pk__in=list(nomination_ids),
                                             result__in=(R.PASSED_VOTE, R.AWARDED)))
    facts = proposals.facts_of(proposal, reason=reason, reference=decision_number,
                               ground=ground, revoking=len(named))
    rule = lifecycle.rule_for(Action.REVOKE, proposal.status)
    lifecycle.check(rule, proposal_selectors.actor_roles(user, proposal.agency_id), facts)
    if decision_date is None or not issuer.strip():
        raise InvalidInput(_("Ghi ngày quyết định thu hồi và cơ quan quyết định."))
    revocation = Revocation.objects.create(
        proposal=proposal, ground=ground, reason=reason.strip(),
        decision_number=decision_number.strip(), decision_date=decision_date,
        issuer=issuer.strip(), recorded_by=user, recorded_at=timezone.now())
    Nomination.objects.filter(pk__in=[n.pk for n in named]).update(
        result=R.REVOKED, revoked_by=revocation)
    Award.objects.filter(nomination__in=named).update(revoked_by=revocation)
    from_status = proposal.status
    proposal.status = rule.next_state(facts)
    proposal.save(update_fields=["status"])
    proposals._event(proposal, Action.REVOKE, user, from_status,
                     f"{revocation.decision_number}: {revocation.reason}")
    return revocation


def bonus_to_recover(revocation: Revocation) -> Decimal:
    """The bonuses paid for the revoked awards, to be recovered (Luật 06/2022 điều 93)."""
    paid = revocation.nominations.exclude(bonus=None).values_list("bonus", flat=True)
    return sum(paid, Decimal(0))
