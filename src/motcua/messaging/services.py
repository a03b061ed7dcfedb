"""Text messages to the applicant's phone, beside the e-mail (integrations §5).

``text`` is called in the transaction of the change that causes the notice; it writes one
``TextMessage`` by the channel the applicant chose (their account page), filled from a template
registered with the provider, and queues it for after commit. ``send`` is the delivery loop's
sender (kind ``messages``): a ZNS that cannot reach the phone (``providers.UNREACHABLE``) hands
over to an SMS of the same notice. Nothing that cannot be sent is dropped silently: a missing or
inactive template, a number that is not a mobile number, a channel that is not set up are
recorded as ``not_sent`` with the reason.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.messaging import providers, selectors, tokens
from motcua.messaging.models import (
    MessageState,
    PhoneChannel,
    PhonePreference,
    Template,
    TextChannel,
    TextMessage,
)
from motcua.messaging.phones import msisdn
from motcua.outbox import delivery

MESSAGES = "messages"  # the kind in the delivery's registry


def text(*, user, notice: str, reference: str, values: dict[str, str]) -> TextMessage | None:
    """Queue ``notice`` to ``user``'s phone by the channel they chose; None when they chose
    none. Call inside the change's atomic."""
    choice = selectors.phone_channel(user)
    if choice == PhoneChannel.NONE:
        return None
    channel = TextChannel(choice)
    if channel == TextChannel.ZALO and not providers.configured("ZALO"):
        channel = TextChannel.SMS  # the fallback, straight away
    return _queue(channel, notice=notice, user=user, reference=reference, phone=user.phone,
                  values=values)


def _queue(channel: TextChannel, *, notice: str, user, reference: str, phone: str,
           values: dict[str, str], fallback_of: TextMessage | None = None) -> TextMessage:
    number = msisdn(phone)
    template = Template.objects.filter(channel=channel, notice=notice, active=True).first()
    row = TextMessage(channel=channel, notice=notice, user=user, reference=reference,
                      phone=number or phone, values=values, fallback_of=fallback_of)
    reason = _why_not(channel, number, template, values)
    if reason:
        row.state, row.reason, row.failed_at = MessageState.NOT_SENT, reason, timezone.now()
    else:
        row.template_id = template.template_id
        row.params = [[name, str(values[name])[:template.max_length]]
                      for name in template.params]
        if channel == TextChannel.SMS and providers.sms_provider() == providers.VIETTEL:
            row.content = providers.fill(template.text, dict(row.params))
    row.save()
    if not reason:
        delivery.enqueue_on_commit(MESSAGES, [row.pk])
    return row


def _why_not(channel: TextChannel, number: str | None, template: Template | None,
             values: dict[str, str]) -> str:
    """Why this message cannot be sent ('' when it can)."""
    if not providers.configured(channel.name):
        return _("Kênh %(channel)s chưa được cấu hình.") % {"channel": channel.label}
    if number is None:
        return _("Số điện thoại không phải số di động hợp lệ.")
    if template is None:
        return _("Chưa có mẫu tin đang dùng cho thông báo này.")
    if channel == TextChannel.SMS and providers.sms_provider() == providers.VIETTEL \
            and not template.text.strip():
        return _("Mẫu chưa có nội dung đã đăng ký với Viettel.")
    missing = [name for name in template.params if name not in values]
    if missing:
        return _("Thông báo không có giá trị cho tham số: %(names)s.") % {
            "names": ", ".join(missing)}
    return ""


def send(row: TextMessage) -> dict:
    """The delivery loop's sender: one message to its provider; what to store with it."""
    if row.channel == TextChannel.SMS and row.content:
        outcome = providers.send_viettel(row.phone, row.content, str(row.tracking_id))
    elif row.channel == TextChannel.SMS:
        outcome = providers.send_sms(row.phone, row.template_id,
                                     [value for _name, value in row.params], str(row.tracking_id))
    else:
        outcome = _send_zns(row)
    if outcome.result is providers.Result.ACCEPTED:
        return {"state": MessageState.ACCEPTED, "provider_id": outcome.provider_id}
    if outcome.result is providers.Result.UNREACHABLE:
        with transaction.atomic():
            _queue(TextChannel.SMS, notice=row.notice, user=row.user, reference=row.reference,
                   phone=row.phone, values=row.values, fallback_of=row)
        return {"state": MessageState.FELL_BACK, "reason": outcome.reason}
    return {"state": MessageState.REFUSED, "reason": outcome.reason}


def _send_zns(row: TextMessage) -> providers.Outcome:
    try:
        return providers.send_zns(tokens.access_token(), row.phone, row.template_id,
                                  dict(row.params), str(row.tracking_id))
    except providers.TokenRejected:
        tokens.expire()  # refreshed at the next try
        raise


@transaction.atomic
def record_received(msg_id: str, delivered: dt.datetime) -> bool:
    """Zalo's ``user_received_message`` for a ZNS: the phone got ``msg_id`` at ``delivered``.
    False for a message that is not ours (answered all the same: Zalo must not retry it)."""
    return bool(TextMessage.objects.filter(channel=TextChannel.ZALO, provider_id=msg_id)
                .exclude(provider_id="")
                .update(state=MessageState.RECEIVED, received_at=delivered))


@transaction.atomic
def choose(user, channel: PhoneChannel) -> None:
    """The applicant's choice of text messages (their account page)."""
    PhonePreference.objects.update_or_create(user=user, defaults={"channel": channel})


@transaction.atomic
def register_templates(channel: TextChannel, table: dict[str, tuple[str, list[str]]]) -> int:
    """Record the templates registered with ``channel``'s provider: notice -> (template id,
    parameters); a notice's existing row is updated and made active. How many."""
    for notice, (template_id, params) in table.items():
        Template.objects.update_or_create(channel=channel, notice=notice, defaults={
            "template_id": template_id, "params": list(params), "active": True})
    return len(table)


def requeue_stuck(limit: int = 500) -> int:
    """Queue the delivery task again for every text message whose task was lost (the
    scheduler's sweeper, every minute)."""
    return delivery.requeue_stuck(MESSAGES, limit)


@transaction.atomic
def retry_now(message_ids: list[int]) -> int:
    """Send again now the queued messages among ``message_ids``, those given up on too (an
    operator's decision, e.g. after pasting a new Zalo refresh token); how many."""
    waiting = TextMessage.objects.filter(pk__in=message_ids, delivered_at__isnull=True,
                                         state=MessageState.QUEUED)
    ids = list(waiting.values_list("pk", flat=True))
    waiting.update(failed_at=None, attempts=0, next_attempt_at=timezone.now())
    delivery.enqueue_on_commit(MESSAGES, ids)
    return len(ids)
