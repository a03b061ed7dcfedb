"""The national-axis client: the signed headers, and the REST contract against the fake axis."""

import datetime as dt
import socket
import threading
import time

import pytest

from motcua.exchange import axis, edxml
from motcua.exchange.axis import AxisClient, AxisError
from tests.exchange.fakeaxis import verify_signature
from tests.exchange.test_edxml import OTHER_RECIPIENT, RECIPIENT, SENDER, document, status

# --- signing, against values computed by hand --------------------------------------------------

NOW = dt.datetime(2026, 3, 2, 2, 30, 15, 42_000, tzinfo=dt.UTC)  # 09:30:15.042 in Vietnam
# printf '%s' "$SIGNED" | openssl dgst -sha256 -hmac "bí-mật-thử"
SIGNED = (
    '{"XroadVnpt-timestamp":"02032026T093015+0042","XroadVnpt-systemid":"sys-test",'
    '"XroadVnpt-Content-Type":"application/json","XroadVnpt-servicetype":"eDoc",'
    '"XroadVnpt-messagetype":"edoc"}'
)
SIGNED_HMAC = "63d4e0d44f79d2e09c1b25f466d416f7c5adac521afe0438589b3bf2f0048890"


def test_timestamp_is_java_ddmmyyyy_t_hhmmss_plus_four_digit_milliseconds_in_vietnam_time():
    assert axis.vxp_timestamp(NOW) == "02032026T093015+0042"


def test_hash_file_drops_the_leading_zero_of_each_byte():
    # SDK createContentHA256: Integer.toHexString per byte. sha256("abc") =
    # ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
    assert axis.hash_file(b"abc") == "ba7816bf8f1cfea414140de5dae2223b0361a396177a9cb410ff61f2015ad"


def test_signed_headers_match_the_hand_computed_hmac():
    headers = axis.sign_headers(
        {"servicetype": "eDoc", "messagetype": "edoc"},
        "sys-test",
        "bí-mật-thử",
        "application/json",
        NOW,
    )
    assert headers["XroadVnpt-sign-header"] == SIGNED
    assert headers["XroadVnpt-hash-header"] == SIGNED_HMAC
    assert headers["XroadVnpt-sign-header-key"] == (
        "timestamp;systemid;Content-Type;servicetype;messagetype"
    )
    assert headers["XroadVnpt-timestamp"] == "02032026T093015+0042"
    assert headers["XroadVnpt-systemid"] == "sys-test"
    assert headers["XroadVnpt-messagetype"] == "edoc"
    assert headers["Content-Type"] == "application/json"
    assert headers["XroadVnpt-version"] == "3.0.201608"
    assert verify_signature(headers, "bí-mật-thử")
    assert not verify_signature(headers, "another secret")
    assert not verify_signature({**headers, "XroadVnpt-messagetype": "status"}, "bí-mật-thử")


# --- the client against the fake axis ----------------------------------------------------------


@pytest.fixture
def two_systems(fake_axis):
    fake_axis.add_system("sys-a", organ_ids=[SENDER.organ_id])
    fake_axis.add_system("sys-b", organ_ids=[RECIPIENT.organ_id, OTHER_RECIPIENT.organ_id])
    return fake_axis.client("sys-a"), fake_axis.client("sys-b")


def test_send_list_get_and_acknowledge(fake_axis, two_systems):
    client_a, client_b = two_systems
    package = edxml.build_document(document())
    sent_id = client_a.send(package, "edoc", from_code=SENDER.organ_id)
    assert sent_id

    items = client_b.received()
    assert [item.to_code for item in items] == [RECIPIENT.organ_id, OTHER_RECIPIENT.organ_id]
    assert {item.from_code for item in items} == {SENDER.organ_id}
    assert all(item.message_type == "edoc" for item in items)
    assert str(items[0]) == items[0].doc_id
    assert client_b.received("status") == []
    assert client_a.received() == []

    assert client_b.get(items[0].doc_id) == package
    assert edxml.parse(client_b.get(items[0].doc_id)).document_id == document().document_id
    client_b.update_status(items[0].doc_id, "done")
    assert [item.doc_id for item in client_b.received()] == [items[1].doc_id]


def test_a_status_goes_back_to_the_sender(fake_axis, two_systems):
    client_a, client_b = two_systems
    client_b.send(edxml.build_status(status(edxml.STATUS_ARRIVED)), "status")
    (item,) = client_a.received("status")
    assert edxml.parse(client_a.get(item.doc_id)).status_code == edxml.STATUS_ARRIVED
    assert client_a.received("edoc") == []


def test_the_to_parameter_limits_the_delivery(fake_axis, two_systems):
    client_a, client_b = two_systems
    client_a.send(edxml.build_document(document()), "edoc", to_codes=(RECIPIENT.organ_id,))
    assert [item.to_code for item in client_b.received()] == [RECIPIENT.organ_id]


def test_redelivery_for_idempotency_tests(fake_axis, two_systems):
    client_a, client_b = two_systems
    sent_id = client_a.send(
        edxml.build_document(document()), "edoc", to_codes=(RECIPIENT.organ_id,)
    )
    (first,) = client_b.received()
    client_b.update_status(first.doc_id, "done")
    assert client_b.received() == []

    (again,) = fake_axis.redeliver(sent_id)
    assert again != first.doc_id
    assert [item.doc_id for item in client_b.received()] == [again]
    assert fake_axis.redeliver(sent_id, same_id=True) == [first.doc_id, again]
    assert {item.doc_id for item in client_b.received()} == {first.doc_id, again}


def test_bad_secret_gets_an_error_naming_401(fake_axis, two_systems):
    intruder = AxisClient(fake_axis.url, "sys-a", "wrong secret", timeout=5)
    with pytest.raises(AxisError, match="401") as error:
        intruder.received()
    assert error.value.http_status == 401
    unknown = AxisClient(fake_axis.url, "sys-unknown", "whatever", timeout=5)
    with pytest.raises(AxisError, match="401"):
        unknown.send(edxml.build_document(document()), "edoc")
    assert fake_axis.sent == []


def test_the_axis_refusing_a_package_is_an_error(fake_axis, two_systems):
    client_a, _ = two_systems
    with pytest.raises(AxisError, match="HTTP 400"):
        client_a.send(b"<not-edxml/>", "edoc")
    with pytest.raises(AxisError, match="không khớp"):
        client_a.send(edxml.build_document(document()), "status")
    with pytest.raises(AxisError, match="Không tìm thấy đơn vị nhận: 000.00.09.H01"):
        client_a.send(edxml.build_document(document()), "edoc", to_codes=("000.00.09.H01",))
    with pytest.raises(AxisError, match="404"):
        client_a.get("axis-999999")


def test_server_down_is_an_error_not_a_hang():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = AxisClient(f"http://127.0.0.1:{port}", "sys-a", "secret", timeout=2)
    started = time.monotonic()
    with pytest.raises(AxisError, match="Không kết nối được trục liên thông"):
        client.received()
    assert time.monotonic() - started < 2


def test_a_silent_server_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True)
    thread.start()
    client = AxisClient(f"http://127.0.0.1:{listener.getsockname()[1]}", "a", "b", timeout=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(AxisError, match="không trả lời sau 0.5 giây"):
            client.received()
        assert time.monotonic() - started < 3
    finally:
        for connection, _ in accepted:
            connection.close()
        listener.close()


def test_a_bad_base_url_is_refused():
    with pytest.raises(AxisError, match="không hợp lệ"):
        AxisClient("ftp://axis.example", "a", "b")


def test_client_from_settings(settings):
    settings.MOTCUA_AXIS = {"URL": "", "SYSTEM_ID": "", "SECRET": "", "POLL_SECONDS": 60}
    assert axis.client_from_settings() is None
    settings.MOTCUA_AXIS = {
        "URL": "https://axis.example/vxp/",
        "SYSTEM_ID": "sys-a",
        "SECRET": "s3cret",
        "POLL_SECONDS": 60,
    }
    client = axis.client_from_settings()
    assert (client.base_url, client.system_id, client.secret) == (
        "https://axis.example/vxp",
        "sys-a",
        "s3cret",
    )
    assert "s3cret" not in repr(client)
