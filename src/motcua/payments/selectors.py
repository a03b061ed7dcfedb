"""Every read of online payments, scoped to who asks: a citizen reads only their own dossiers'
(or, on the public lookup, a dossier found by its code and the owner's ID number); an officer
reads their agencies' (``dossiers.selectors.visible_dossiers``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from motcua.dossiers.models import Dossier, Pause, PauseKind, Status
from motcua.dossiers.selectors import public_dossiers, visible_dossiers
from motcua.org.models import User
from motcua.payments.models import PaymentState, PaymentTransaction, Provider, Receipt


def payable(dossiers: QuerySet[Dossier]) -> tuple[Dossier, Pause] | None:
    """The dossier of ``dossiers`` waiting for a payment (status 6) and its open fee request
    with an amount to pay online."""
    dossier = dossiers.filter(status=Status.AWAITING_PAYMENT).select_related(
        "procedure_version__procedure", "deciding_agency").first()
    if dossier is None:
        return None
    fee = dossier.pauses.filter(kind=PauseKind.PAYMENT, completed_at__isnull=True,
                                amount_vnd__gt=0).order_by("-requested_at").first()
    return (dossier, fee) if fee is not None else None


def payable_by(user: User, code: str) -> tuple[Dossier, Pause] | None:
    return payable(visible_dossiers(user).filter(code=code, applicant=user))


def payable_on_lookup(code: str, id_number: str) -> tuple[Dossier, Pause] | None:
    return payable(public_dossiers(code, id_number))


def payable_for_platform(code: str) -> tuple[Dossier, Pause] | None:
    """For the DVCQG platform asking what dossier ``code`` owes (its MaXacThuc verified)."""
    return payable(Dossier.objects.filter(code=code))


def transactions_of(user: User, code: str) -> QuerySet[PaymentTransaction]:
    return PaymentTransaction.objects.filter(dossier__in=visible_dossiers(user).filter(code=code))


def paid_receipt(user: User, code: str) -> Receipt | None:
    """The e-receipt of the dossier's paid attempt, once fetched."""
    return Receipt.objects.filter(
        transaction__in=transactions_of(user, code).filter(state=PaymentState.PAID),
        delivered_at__isnull=False).exclude(file="").select_related("transaction").first()


def by_reference(reference: str) -> PaymentTransaction | None:
    """The return page's attempt (its reference is the key the platform sent back)."""
    return PaymentTransaction.objects.filter(reference=reference).select_related(
        "dossier").first()


def paid_online(reference, dossier) -> QuerySet[PaymentTransaction]:
    """The paid attempt of ``dossier`` with ``reference`` (values or outer references): the
    evidence that its fee was paid online (integrations §3.1, F766 3.6)."""
    return PaymentTransaction.objects.filter(reference=reference, dossier=dossier,
                                             state=PaymentState.PAID)


def asked_by_platform(fee: Pause) -> QuerySet[PaymentTransaction]:
    """The pending attempt the DVCQG platform started for ``fee`` by asking what is owed (no
    payment address of ours), reused while it is pending."""
    return PaymentTransaction.objects.filter(fee_request=fee, state=PaymentState.PENDING,
                                             provider=Provider.DVCQG, payment_url="",
                                             amount_vnd=fee.amount_vnd)


def to_settle(now: dt.datetime, after: dt.timedelta, until: dt.timedelta
              ) -> QuerySet[PaymentTransaction]:
    """Pending attempts old enough to ask the platform about, and not too old to."""
    return PaymentTransaction.objects.filter(
        state=PaymentState.PENDING, started_at__lte=now - after,
        started_at__gt=now - until).order_by("started_at")


def of_agency_day(agency_ids: set[int] | None, lo: dt.datetime, hi: dt.datetime
                  ) -> QuerySet[PaymentTransaction]:
    """The attempts started in [lo, hi) for dossiers the agencies decide (None: every one)."""
    found = PaymentTransaction.objects.filter(started_at__gte=lo, started_at__lt=hi)
    if agency_ids is not None:
        found = found.filter(dossier__deciding_agency__in=agency_ids)
    return found.select_related("dossier", "dossier__deciding_agency").order_by(
        "dossier__deciding_agency__name", "started_at")
