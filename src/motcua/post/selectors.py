"""Every read of the public post, scoped to who asks: an applicant sees their own orders, a
one-stop officer those of the agencies where they sit at the counter."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.dossiers.models import Delivery, Dossier, Status
from motcua.dossiers.selectors import held_working_roles, visible_dossiers
from motcua.org.models import Role, User
from motcua.post.models import Kind, PostalOrder, State

RECENT = 50


def _orders() -> QuerySet[PostalOrder]:
    return PostalOrder.objects.select_related("dossier", "agency").prefetch_related("events")


def orders_of_applicant(user: User) -> QuerySet[PostalOrder]:
    if not user.is_authenticated or not user.is_applicant:
        return PostalOrder.objects.none()
    return _orders().filter(applicant=user).select_related("cancellation")


def orders_of_dossier(user: User, dossier: Dossier) -> list[PostalOrder]:
    """The dossier's orders (and the pick-up that brought it), if ``user`` may see it: asked
    only of a dossier that has some (most have none, the same answer either way)."""
    orders = list(_orders().filter(dossier=dossier))
    if orders and not visible_dossiers(user).filter(pk=dossier.pk).exists():
        return []
    return orders


def desk_agencies(user: User) -> list[int]:
    """Where ``user`` sits at the one-stop counter."""
    return sorted({held.agency_id for held in held_working_roles(user)
                   if held.role == Role.RECEPTION_OFFICER})


def desk(user: User) -> dict:
    """The counter's post: packages to accept, results to hand over, orders that need the
    officer (returned, refused, not recorded), the latest orders."""
    agencies = desk_agencies(user)
    orders = _orders().filter(agency__in=agencies)
    handed = PostalOrder.objects.filter(kind=Kind.RESULT, handed_over_by__isnull=False).exclude(
        state__in=(State.RETURNED, State.REFUSED, State.CANCELLED)).values("dossier")
    return {
        "arrived": orders.filter(kind=Kind.PICKUP, state=State.DELIVERED, dossier__isnull=True),
        "ready": (Dossier.objects.filter(receiving_agency__in=agencies, status=Status.FINISHED,
                                         delivery=Delivery.POST)
                  .exclude(pk__in=handed).order_by("finished_at", "pk")[:RECENT]),
        "problems": orders.exclude(problem="")[:RECENT],
        "recent": orders[:RECENT],
    }
