"""Every write of online payments (integrations §3.4–3.6), each in one transaction.

``start`` asks the platform for the payment address (INIT) and keeps the attempt pending.
``notify`` is the platform's notification (CONFIRM): its checksum is verified, the attempt is
loaded by its reference under a row lock, and it settles once; a paid attempt closes the fee
request and moves the dossier back to processing (``dossiers.services.confirm_paid_online``)
and queues the e-receipt's fetch (GET_BILL) in the outbox. A forged checksum, an unknown
reference, a wrong amount or a replay changes nothing and is logged on ``motcua.security``.
``settle_pending`` asks the platform (QUERY) about the attempts still pending.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import Refused
from motcua.dossiers import services as dossiers
from motcua.dossiers.models import Dossier, Pause
from motcua.national.gateways import GatewayError
from motcua.org.models import User
from motcua.outbox import delivery
from motcua.payments import lifecycle, providers, rules, selectors
from motcua.payments.lifecycle import Event
from motcua.payments.models import PaymentState, PaymentTransaction, Receipt
from motcua.payments.providers import Notification, Order, PaymentProvider
from motcua.payments.rules import OK, TrangThaiGD
from motcua.secops import events

logger = logging.getLogger(__name__)
security = logging.getLogger("motcua.security")

RECEIPT = "payment_receipt"  # the outbox kind of the e-receipt's fetch
# MaLoi other than "00" (integrations §3.4: any other code is a failure); these two (uncertain,
# the platform's codes are not published) keep the attempt pending or mark it abandoned
PENDING_CODES = ("09",)
CANCELLED_CODES = ("24",)
# integrations §3.5 (HV's job, fixed): ask about an attempt pending for QUERY_AFTER, until
# GIVE_UP_AFTER has passed since it started
QUERY_AFTER = dt.timedelta(minutes=15)
GIVE_UP_AFTER = dt.timedelta(days=3)


class PaymentRefused(Refused):
    """Online payment cannot start for this dossier now."""


@dataclass(frozen=True)
class Answer:
    """What motcua answers a notification: HTTP status and the signed body."""

    status: int
    body: dict


def start(dossier: Dossier, fee: Pause, payer: User | None, ip: str,
          provider: PaymentProvider | None = None) -> PaymentTransaction:
    """A new attempt to pay ``fee`` online: INIT, then the attempt keeps the platform's
    address. PaymentRefused when the platform is not set up or refuses."""
    provider = provider or _provider()
    now = timezone.now()
    lifecycle.next_state(Event.START, None)
    try:
        with transaction.atomic():
            attempt = PaymentTransaction.objects.create(
                reference=rules.reference(dossier.code, now), dossier=dossier, fee_request=fee,
                amount_vnd=fee.amount_vnd, provider=provider.name, payer=payer, started_at=now)
    except IntegrityError:  # the same dossier a second time within the same second
        raise PaymentRefused(_("Đang tạo giao dịch thanh toán, vui lòng thử lại sau giây lát.")
                             ) from None
    try:
        started = provider.init(_order(attempt, dossier, ip))
    except GatewayError as error:
        _keep(attempt, "INIT", {"error": str(error)}, state=PaymentState.FAILED)
        logger.warning("payment %s: INIT refused: %s", attempt.reference, error)
        raise PaymentRefused(_("Nền tảng thanh toán chưa sẵn sàng, vui lòng thử lại sau.")) \
            from None
    attempt.payment_url = started.payment_url
    _keep(attempt, "INIT", {"sent": started.sent, "received": started.received},
          fields=["payment_url"])
    return attempt


def _provider() -> PaymentProvider:
    try:
        return providers.provider()
    except GatewayError:
        raise PaymentRefused(_("Chưa cấu hình thanh toán trực tuyến.")) from None


def _order(attempt: PaymentTransaction, dossier: Dossier, ip: str) -> Order:
    version, agency = dossier.procedure_version, dossier.deciding_agency
    return Order(
        reference=attempt.reference, amount_vnd=attempt.amount_vnd,
        description=_("Nộp phí, lệ phí hồ sơ %(code)s") % {"code": dossier.code},
        at=attempt.started_at, ip=ip or "127.0.0.1", dossier_code=dossier.code,
        procedure_code=version.procedure.national_code, procedure_name=version.name,
        agency_code=agency.identifier_code, agency_name=agency.name,
        payer_name=dossier.owner_name, payer_id_number=dossier.owner_id_number,
        payer_address=dossier.owner_address)


def _keep(attempt: PaymentTransaction, kind: str, body: dict, *, state: str | None = None,
          fields: list[str] | None = None) -> None:
    """Store a message of the attempt (and its new state, if any)."""
    attempt.messages = [*attempt.messages, {"at": timezone.now().isoformat(), "kind": kind,
                                            "body": body}]
    changed = ["messages", *(fields or [])]
    if state is not None:
        attempt.state, attempt.settled_at = state, timezone.now()
        changed += ["state", "settled_at"]
    attempt.save(update_fields=changed)


# -- the platform's notification (CONFIRM) ------------------------------------------------------


def notify(message: dict, ip: str = "", provider: PaymentProvider | None = None) -> Answer:
    """The platform's CONFIRM: verified, applied once, answered as integrations §3.4 says."""
    provider = provider or providers.provider()
    if not isinstance(message, dict):
        return _refused(provider, {}, "unreadable", ip, _("Bản tin không hợp lệ."))
    notification = provider.notification(message)
    if notification is None:
        return _refused(provider, message, "forged_checksum", ip, _("Sai mã xác thực."))
    with transaction.atomic():
        attempt = PaymentTransaction.objects.select_for_update().filter(
            reference=notification.reference).first()
        if attempt is None:
            return _refused(provider, message, "unknown_reference", ip,
                            _("Không có giao dịch với mã tham chiếu này."))
        if notification.amount_vnd != attempt.amount_vnd:
            attempt.mismatch = _("Số tiền thông báo %(given)s khác số tiền giao dịch %(amount)s.") \
                % {"given": notification.amount_vnd, "amount": attempt.amount_vnd}
            _keep(attempt, "CONFIRM", message, fields=["mismatch"])
            return _refused(provider, message, "wrong_amount", ip, _("Sai số tiền."))
        if attempt.state != PaymentState.PENDING:
            return _after_settled(provider, attempt, notification, message, ip)
        settle(attempt, notification, "CONFIRM")
    return Answer(200, provider.reply(message, OK, _("Thành công")))


def _after_settled(provider: PaymentProvider, attempt: PaymentTransaction,
                   notification: Notification, message: dict, ip: str) -> Answer:
    """A verdict on an attempt already settled changes nothing. The same verdict again is the
    platform's redelivery (integrations §3.4, §7.3: CONFIRM may come twice, the return page
    repeats it): answered and noted. A contrary one is a security event, and "paid" after an
    end a mismatch for the reconciliation."""
    done = attempt.state == PaymentState.PAID
    if (notification.code == OK) == done:
        logger.info("payment notification repeated", extra={
            "reference": attempt.reference, "state": attempt.state})
    else:
        security.warning("payment notification contradicts the settled attempt", extra={
            "reference": attempt.reference, "state": attempt.state, "client_ip": ip})
        events.record("integrity_fail", check="payment_notification", reason="contradicts",
                      object_type="payment", object_id=attempt.reference, source__ip=ip)
    if notification.code == OK and not done:  # paid after all: for the reconciliation
        attempt.mismatch = _("Nền tảng báo đã thanh toán sau khi giao dịch đã kết thúc "
                             "(%(state)s).") % {"state": attempt.get_state_display()}
        _keep(attempt, "CONFIRM", message, fields=["mismatch"])
    return Answer(200, provider.reply(message, OK if done else "99",
                                      _("Giao dịch đã được ghi nhận trước đó.")))


def _refused(provider: PaymentProvider, message: dict, reason: str, ip: str,
             text: str) -> Answer:
    security.warning("payment notification refused", extra={
        "reason": reason, "reference": str(message.get("MaThamChieu", ""))[:60],
        "client_ip": ip})
    events.record("integrity_fail", check="payment_notification", reason=reason,
                  object_type="payment", object_id=str(message.get("MaThamChieu", ""))[:60],
                  source__ip=ip)
    return Answer(200, provider.reply(message, "99", text))


def settle(attempt: PaymentTransaction, notification: Notification, kind: str) -> None:
    """The platform's verdict on a pending attempt (inside the caller's transaction, the
    attempt's row locked): paid, failed, abandoned, or still pending."""
    code = notification.code
    if code in PENDING_CODES:
        _keep(attempt, kind, notification.message)
        return
    event = Event.PAY if code == OK else Event.CANCEL if code in CANCELLED_CODES \
        else Event.FAIL
    attempt.provider_transaction = notification.transaction_id
    attempt.bank_code = notification.bank_code
    _keep(attempt, kind, notification.message, state=lifecycle.next_state(event, attempt.state),
          fields=["provider_transaction", "bank_code"])
    if event is Event.PAY:
        _paid(attempt)


def _paid(attempt: PaymentTransaction) -> None:
    """Integrations §3.6: the fee request closes and the dossier goes back to processing; the
    e-receipt is fetched after commit."""
    closed = dossiers.confirm_paid_online(
        attempt.dossier.code, _("Thanh toán trực tuyến, mã tham chiếu %(ref)s")
        % {"ref": attempt.reference},
        {"reference": attempt.reference, "provider": attempt.provider,
         "transaction": attempt.provider_transaction, "amount_vnd": attempt.amount_vnd})
    if closed is None:  # the fee was confirmed otherwise meanwhile: paid twice
        attempt.mismatch = _("Hồ sơ không còn chờ nộp phí khi giao dịch thành công (đã nộp "
                             "bằng cách khác?): cần hoàn trả hoặc đối chiếu.")
        attempt.save(update_fields=["mismatch"])
        security.warning("payment for a dossier no longer awaiting it",
                         extra={"reference": attempt.reference})
    if providers.PROVIDERS[attempt.provider].receipts:
        receipt = Receipt.objects.create(transaction=attempt)
        delivery.enqueue_on_commit(RECEIPT, [receipt.pk])


# -- QUERY: the attempts still pending ----------------------------------------------------------


def settle_pending(provider: PaymentProvider | None = None) -> dict[str, int]:
    """Ask the platform about every attempt pending for long enough (the scheduler's job);
    counts by outcome."""
    if provider is None and not providers.configured():
        return {}
    provider = provider or providers.provider()
    if not provider.queries:  # its pending attempts wait for its notification
        return {}
    now = timezone.now()
    counts: dict[str, int] = {}
    for pk in list(selectors.to_settle(now, QUERY_AFTER, GIVE_UP_AFTER)
                   .filter(provider=provider.name).values_list("pk", flat=True)):
        outcome = settle_one(pk, provider)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def settle_one(pk: int, provider: PaymentProvider | None = None) -> str:
    """QUERY one attempt and apply the answer: its state afterwards, or "error"."""
    reference, name = PaymentTransaction.objects.values_list("reference", "provider").get(pk=pk)
    provider = provider or providers.provider(name)
    try:
        queried = provider.query(reference, timezone.now())
    except GatewayError as error:
        logger.warning("payment %s: QUERY failed: %s", reference, error)
        return "error"
    with transaction.atomic():
        attempt = PaymentTransaction.objects.select_for_update().get(pk=pk)
        attempt.queried_at = timezone.now()
        attempt.save(update_fields=["queried_at"])
        if attempt.state != PaymentState.PENDING:
            return attempt.state
        if queried.notification.amount_vnd not in (None, attempt.amount_vnd):
            attempt.mismatch = _("Số tiền tra cứu %(given)s khác số tiền giao dịch %(amount)s.") \
                % {"given": queried.notification.amount_vnd, "amount": attempt.amount_vnd}
            _keep(attempt, "QUERY", queried.received, fields=["mismatch"])
            return "mismatch"
        verdict = {TrangThaiGD.PAID: OK, TrangThaiGD.FAILED: "99"}.get(queried.state,
                                                                       PENDING_CODES[0])
        settle(attempt, replace(queried.notification, code=verdict), "QUERY")
        return attempt.state


# -- GET_BILL: the e-receipt, through the outbox -----------------------------------------------


def fetch_receipt(receipt: Receipt, provider: PaymentProvider | None = None) -> dict:
    """The outbox's sender: GET_BILL, the PDF stored with the receipt."""
    attempt = receipt.transaction
    provider = provider or providers.provider(attempt.provider)
    pdf = provider.bill(attempt.reference, timezone.now())
    receipt.file.save(f"{attempt.reference}.pdf", ContentFile(pdf), save=False)
    return {"file": receipt.file.name}



def requeue_receipts() -> int:
    """The scheduler's sweep: queue again the e-receipts whose fetch was lost."""
    return delivery.requeue_stuck(RECEIPT)


# -- the platform asks what a dossier owes (integrations §3.3, reverse call) --------------------


def what_is_owed(message, ip: str = "") -> dict:
    """DVCQG's payment platform posts {MaHoSo, MaXacThuc} to learn what a dossier owes, so the
    citizen may pay it there: error_code 1 and the bill when a fee is due, 0 and an empty list
    when nothing is, -1 for a message whose MaXacThuc does not hold. The bill's reference is a
    pending attempt's (reused while pending), which the platform's CONFIRM then settles."""
    provider = providers.provider(providers.DvcqgPayment.name)
    if not isinstance(message, dict) or not rules.checksum_ok(message, rules.OWED_FIELDS,
                                                              provider.secret):
        security.warning("payment owed request refused", extra={
            "reason": "forged_checksum", "client_ip": ip})
        return {"error_code": -1, "message": _("Sai mã xác thực.")}
    code = str(message.get("MaHoSo", ""))
    found = selectors.payable_for_platform(code)
    if found is None:
        return {"error_code": 0, "message": []}
    dossier, fee = found
    with transaction.atomic():
        attempt = selectors.asked_by_platform(fee).select_for_update().first()
        if attempt is None:
            now = timezone.now()
            attempt = PaymentTransaction.objects.create(
                reference=rules.lookup_reference(code, now), dossier=dossier, fee_request=fee,
                amount_vnd=fee.amount_vnd, provider=provider.name, started_at=now)
        _keep(attempt, "OWED", message)
    return {"error_code": 1,
            "message": providers.owed_bill(_order(attempt, dossier, ip), provider.partner)}
