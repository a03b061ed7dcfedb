"""SMS through Viettel's wsCpMt (integrations §5.2): the registered text, filled and without
diacritics, to 84… numbers; result 1 is accepted; a template without its registered text is not
sent."""

import pytest

from motcua.messaging.models import MessageState, PhoneChannel, Template
from motcua.messaging.providers import fill
from tests.messaging.conftest import citizen_chooses
from tests.messaging.test_notices import NOW, PHONE, deliver_at, tell

TEXT = "Ho so {ma_ho_so} cua {ten_nguoi_dan} da duoc tiep nhan."


@pytest.fixture
def viettel(providers, templates, settings):
    sms, _zalo = providers
    entry = settings.MOTCUA_MESSAGING
    settings.MOTCUA_MESSAGING = {**entry, "SMS": {
        **entry["SMS"], "URL": entry["SMS"]["URL"].replace("/send", "/viettel"),
        "PROVIDER": "viettel", "CPCODE": "UBND", "COMMANDCODE": "bulksms"}}
    return sms


def test_fill_puts_the_values_in_and_strips_the_marks():
    assert fill("Hồ sơ {ma_ho_so}: {khong_co}", {"ma_ho_so": "Đơn 1"}) == \
        "Ho so Don 1: {khong_co}"


def test_a_notice_reaches_the_phone_by_viettel_with_its_registered_text(flow, viettel):
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    Template.objects.filter(channel="sms", notice="submitted").update(
        text=TEXT, params=["ma_ho_so", "ten_nguoi_dan"])
    row = tell(run, "submitted")
    assert deliver_at(NOW) == (1, 0)
    owner = row.values["ten_nguoi_dan"]
    expected = fill(TEXT, {"ma_ho_so": run.code, "ten_nguoi_dan": owner[:30]})
    assert viettel.inbox[PHONE] == [{"template": "wsCpMt", "values": expected}]
    assert expected.isascii() and run.code in expected
    call = viettel.journal[-1]
    assert call["ServiceID"] == "UBND" and call["CPCode"] == "UBND"
    assert call["ReceiverID"] == PHONE and call["RequestID"] == str(row.tracking_id)
    row.refresh_from_db()
    assert row.state == MessageState.ACCEPTED


def test_a_template_without_its_registered_text_is_not_sent(flow, viettel):
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    row = tell(run, "receipt")
    assert row.state == MessageState.NOT_SENT and "Viettel" in row.reason
    assert viettel.journal == []


def test_a_viettel_refusal_is_recorded_and_not_retried(flow, viettel):
    run = flow()
    citizen_chooses(PhoneChannel.SMS)
    Template.objects.filter(channel="sms", notice="receipt").update(text=TEXT)
    viettel.control("fail")
    row = tell(run, "receipt")
    assert deliver_at(NOW) == (1, 0)
    row.refresh_from_db()
    assert row.state == MessageState.REFUSED and "result 0" in row.reason
