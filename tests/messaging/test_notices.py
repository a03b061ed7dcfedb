"""Every notice the applicant gets by e-mail also reaches their phone by the channel they chose,
through the template registered for it, over real HTTP to the sandbox's fakes (integrations
§5, §7.5): SMS without diacritics and numbered, Zalo with the template's keys; Zalo that cannot
reach the phone hands over to SMS; what cannot be sent is recorded, never sent."""

import datetime as dt
from types import SimpleNamespace

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.core.text import strip_marks
from motcua.dossiers import notices
from motcua.dossiers.models import Dossier
from motcua.messaging import services
from motcua.messaging.models import (
    PARAMETERS,
    MessageState,
    PhoneChannel,
    Template,
    TextMessage,
)
from motcua.ops import schedule
from motcua.outbox import delivery
from tests.helpers import local
from tests.messaging.conftest import REGISTERED, citizen_chooses

PHONE = "84912345678"
NOW = local(2026, 3, 3, 9, 0)
SAY = {
    "submitted": notices.submitted,
    "receipt": notices.receipt,
    "supplement_request": lambda d: notices.supplement_request(d, ["Bản sao"], "Hết hạn"),
    "supplement_received": lambda d: notices.supplement_received(d, NOW),
    "refusal": notices.refusal,
    "payment_request": lambda d: notices.payment_request(d, SimpleNamespace(
        amount_vnd=150000, reason="Lệ phí cấp giấy phép", how_to_pay="Chuyển khoản")),
    "apology": notices.apology,
    "due_recounted": lambda d: notices.due_recounted(d, NOW, "Thông báo 1234/TB-BNV"),
    "result_ready": notices.result_ready,
    "stop_notice": notices.stop_notice,
}


def tell(run, notice: str) -> TextMessage:
    dossier = Dossier.objects.get(code=run.code)
    with time_machine.travel(NOW, tick=False), transaction.atomic():
        SAY[notice](dossier)
    return TextMessage.objects.filter(notice=notice).latest("pk")


def deliver_at(instant) -> tuple[int, int]:
    with time_machine.travel(instant, tick=False):
        return delivery.deliver_due(services.MESSAGES)


def test_every_applicant_notice_has_a_text_message():
    assert set(SAY) == set(REGISTERED)


@pytest.mark.parametrize("notice", list(SAY))
def test_each_notice_reaches_the_sms_inbox_with_its_template_and_values(
        flow, providers, templates, notice):
    sms, _zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    row = tell(run, notice)
    assert deliver_at(NOW) == (1, 0)
    sms_id, _zns_id, params = REGISTERED[notice]
    values = dict(row.values)
    (received,) = sms.inbox[PHONE]
    assert received["template"] == sms_id
    assert received["values"] == [strip_marks(str(values[name]))[:30] for name in params]
    assert received["values"][0] == run.code
    row.refresh_from_db()
    assert row.state == MessageState.ACCEPTED and row.provider_id == str(row.tracking_id)


@pytest.mark.parametrize("notice", list(SAY))
def test_each_notice_reaches_the_zalo_inbox_with_its_template_and_keys(
        flow, providers, templates, notice):
    _sms, zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.ZALO)
    row = tell(run, notice)
    assert deliver_at(NOW) == (1, 0)
    _sms_id, zns_id, params = REGISTERED[notice]
    (received,) = zalo.inbox[PHONE]
    assert received["template"] == zns_id
    assert received["values"] == {name: str(row.values[name])[:30] for name in params}
    row.refresh_from_db()
    assert row.state == MessageState.ACCEPTED and row.provider_id == received["msg_id"]


def test_the_values_say_the_dossier_and_its_appointment(flow, providers, templates):
    run = flow(until="accepted")
    citizen_chooses(PhoneChannel.SMS)
    row = tell(run, "receipt")
    assert row.values["ma_ho_so"] == run.code
    assert row.values["ten_nguoi_dan"] == Dossier.objects.get(code=run.code).owner_name
    assert row.values["ngay_hen_tra"] == notices.appointment(Dossier.objects.get(code=run.code))


def test_no_choice_no_text_message(flow, providers, templates):
    run = flow()
    citizen_chooses(PhoneChannel.NONE)
    dossier = Dossier.objects.get(code=run.code)
    notices.receipt(dossier)
    assert not TextMessage.objects.exists()


def test_zalo_that_cannot_reach_the_phone_falls_back_to_sms(flow, providers, templates):
    # integrations §5.3: the fallback order ZNS → SMS
    sms, zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.ZALO)
    zalo.control("unreachable")
    row = tell(run, "result_ready")
    assert deliver_at(NOW) == (1, 0)
    row.refresh_from_db()
    assert row.state == MessageState.FELL_BACK and "-118" in row.reason
    assert PHONE not in zalo.inbox
    fallback = row.fallback
    assert fallback.channel == "sms" and fallback.state == MessageState.QUEUED
    assert deliver_at(NOW) == (1, 0)
    assert [m["template"] for m in sms.inbox[PHONE]] == [REGISTERED["result_ready"][0]]
    assert [call.get("call") for call in zalo.journal] == ["refresh", "zns"]


def test_an_inactive_template_is_never_sent(flow, providers, templates):
    sms, _zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    Template.objects.filter(notice="refusal", channel="sms").update(active=False)
    row = tell(run, "refusal")
    assert row.state == MessageState.NOT_SENT and "mẫu" in row.reason
    assert deliver_at(NOW) == (0, 0)
    assert sms.journal == [] and sms.inbox == {}


def test_a_notice_without_a_template_is_recorded_not_sent(flow, providers, templates):
    run = flow()
    citizen_chooses(PhoneChannel.ZALO)
    Template.objects.filter(notice="apology", channel="zalo").delete()
    row = tell(run, "apology")
    assert row.state == MessageState.NOT_SENT and row.failed_at is not None


def test_an_invalid_phone_is_not_sent(flow, providers, templates):
    sms, _zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.SMS, phone="02433334444")  # a landline
    row = tell(run, "receipt")
    assert row.state == MessageState.NOT_SENT and "di động" in row.reason
    assert deliver_at(NOW) == (0, 0)
    assert sms.journal == []


def test_nothing_is_lost_in_a_ten_minute_outage(flow, providers, templates):
    # integrations §7.5 "Assertions": the SMS provider answers 503 for ten minutes
    sms, _zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    sms.control("outage")
    rows = [tell(run, notice) for notice in ("receipt", "supplement_request", "result_ready")]
    assert deliver_at(NOW + dt.timedelta(minutes=1)) == (0, 3)
    assert deliver_at(NOW + dt.timedelta(minutes=2)) == (0, 3)  # 1 minute later
    assert deliver_at(NOW + dt.timedelta(minutes=3)) == (0, 0)  # not due yet (2 minutes)
    assert deliver_at(NOW + dt.timedelta(minutes=4)) == (0, 3)
    assert deliver_at(NOW + dt.timedelta(minutes=8)) == (0, 3)  # then 4 minutes
    assert sms.inbox == {}
    sms.control("normal")  # back after ten minutes
    assert deliver_at(NOW + dt.timedelta(minutes=10)) == (0, 0)  # due at 16 (8 minutes)
    assert deliver_at(NOW + dt.timedelta(minutes=16)) == (3, 0)
    assert [m["template"] for m in sms.inbox[PHONE]] == [
        REGISTERED[notice][0] for notice in ("receipt", "supplement_request", "result_ready")]
    for row in rows:
        row.refresh_from_db()
        assert row.state == MessageState.ACCEPTED and row.attempts == 5 and not row.last_error


def test_a_provider_refusal_is_recorded_and_not_retried(flow, providers, templates):
    sms, _zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    sms.control("fail")
    row = tell(run, "receipt")
    assert deliver_at(NOW) == (1, 0)
    row.refresh_from_db()
    assert row.state == MessageState.REFUSED and "ERROR 99" in row.reason
    assert deliver_at(NOW + dt.timedelta(hours=1)) == (0, 0)


def test_a_message_whose_task_was_lost_is_queued_again_by_the_sweeper(
        flow, providers, templates):
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    tell(run, "receipt")
    with time_machine.travel(NOW + delivery.STUCK_AFTER + dt.timedelta(seconds=1), tick=False):
        assert services.requeue_stuck() == 1
    table = {job.name: job for job in schedule.jobs()}
    assert table["messages_requeue"].target == "motcua.messaging.services.requeue_stuck"


def test_a_template_names_only_values_a_notice_offers(db):
    template = Template(channel="sms", notice="receipt", template_id="X",
                        params=["ma_ho_so", "ngay_hen"])
    with pytest.raises(ValidationError, match="ngay_hen"):
        template.full_clean()
    template.params = "ma_ho_so"
    with pytest.raises(ValidationError):
        template.full_clean()
    template.params = ["ma_ho_so", "ngay_hen_tra"]
    template.full_clean()


def test_every_value_a_notice_gives_is_a_known_parameter(flow, providers, templates):
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    for notice in SAY:
        assert set(tell(run, notice).values) <= set(PARAMETERS), notice


def test_the_lifecycle_s_own_notices_reach_the_phone(flow, providers, templates):
    # filed online, then accepted at the counter: "submitted" and "receipt", as the e-mails
    sms, _zalo = providers
    citizen_chooses(PhoneChannel.SMS)
    run = flow(until="accepted")
    assert list(TextMessage.objects.order_by("pk").values_list("notice", flat=True)) == [
        "submitted", "receipt"]
    assert deliver_at(local(2026, 3, 2, 11, 0)) == (2, 0)
    assert [m["template"] for m in sms.inbox[PHONE]] == ["MC_NHAN", "MC_TIEPNHAN"]
    assert all(m["values"][0] == run.code for m in sms.inbox[PHONE])
