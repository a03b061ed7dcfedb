"""The portal's payment pieces: the "Thanh toán trực tuyến" button of a dossier waiting for a
fee (status 6), when the payment platform is set up, and the link to a paid dossier's
e-receipt for whoever may see it."""

from django import template

from motcua.dossiers.models import Status
from motcua.payments import providers, selectors

register = template.Library()


def offered_online(dossier) -> bool:
    return providers.configured() and dossier.status == Status.AWAITING_PAYMENT


@register.inclusion_tag("payments/_pay.html")
def pay_button(dossier, id_number: str = "") -> dict:
    """``id_number``: the lookup's, which proves the payer knows the dossier."""
    return {"shown": offered_online(dossier), "code": dossier.code, "id_number": id_number}


@register.inclusion_tag("payments/_how_to_pay.html")
def how_to_pay(dossier, fee) -> dict:
    """The fee's "Cách nộp": when it may be paid online, that first and the officer's way after
    it as the other choice ("hoặc nộp trực tiếp…"), so the two never contradict."""
    written = fee.how_to_pay.strip()
    online = offered_online(dossier)
    return {"online": online, "written": written[:1].lower() + written[1:] if online else written}


@register.inclusion_tag("payments/_receipt.html", takes_context=True)
def receipt_link(context, dossier) -> dict:
    user = context.get("user")
    found = selectors.paid_receipt(user, dossier.code) if user and user.is_authenticated \
        else None
    return {"receipt": found, "code": dossier.code}
