"""The public post on other apps' pages: ``{% postal_orders dossier %}`` (the dossier's orders
and their tracking, on the citizen's and the officer's dossier pages, scoped to the page's
user, with the citizen's link to ask for the result by post) and ``{% pickup_link version %}``
(the procedure page's "Nhờ bưu điện đến lấy hồ sơ giấy")."""

from __future__ import annotations

from django import template

from motcua.dossiers.models import Delivery, Status
from motcua.post.client import configured
from motcua.post.models import Kind
from motcua.post.selectors import desk_agencies, orders_of_dossier
from motcua.post.services import RESULT_ASKABLE

register = template.Library()


@register.inclusion_tag("post/_orders.html", takes_context=True)
def postal_orders(context, dossier) -> dict:
    user = context["request"].user
    may_ask = (configured() and dossier.applicant_id == user.pk
               and dossier.status in RESULT_ASKABLE and dossier.delivery != Delivery.POST)
    orders = orders_of_dossier(user, dossier)
    handed = any(o.kind == Kind.RESULT and o.handed_over_by_id and not o.problem for o in orders)
    may_hand_over = (configured() and dossier.status == Status.FINISHED and not handed
                     and dossier.delivery == Delivery.POST
                     and dossier.receiving_agency_id in desk_agencies(user))
    return {"orders": orders, "dossier": dossier, "may_ask": may_ask,
            "may_hand_over": may_hand_over}


@register.inclusion_tag("post/_pickup_link.html", takes_context=True)
def pickup_link(context, version) -> dict:
    user = context["request"].user
    return {"version": version,
            "offered": configured() and user.is_authenticated and user.is_applicant}
