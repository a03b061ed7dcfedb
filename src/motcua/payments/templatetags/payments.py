"""The portal's payment pieces: the "Thanh toán trực tuyến" button of a dossier waiting for a
fee (status 6), when the payment platform is set up, and the link to a paid dossier's
e-receipt for whoever may see it."""

from django import template

from motcua.dossiers.models import Status
from motcua.payments import providers, selectors

register = template.Library()


@register.inclusion_tag("payments/_pay.html")
def pay_button(dossier, id_number: str = "") -> dict:
    """``id_number``: the lookup's, which proves the payer knows the dossier."""
    shown = providers.configured() and dossier.status == Status.AWAITING_PAYMENT
    return {"shown": shown, "code": dossier.code, "id_number": id_number}


@register.inclusion_tag("payments/_receipt.html", takes_context=True)
def receipt_link(context, dossier) -> dict:
    user = context.get("user")
    found = selectors.paid_receipt(user, dossier.code) if user and user.is_authenticated \
        else None
    return {"receipt": found, "code": dossier.code}
