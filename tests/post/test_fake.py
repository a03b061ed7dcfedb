"""The sandbox's VNPost over HTTP: its token, validation, tracking pages, cancel, controls and
its section of the home page."""

import json
import urllib.request

import pytest

from motcua.national.gateways import post as http_post
from motcua.post import client as vnpost_client
from motcua.post import wire

ORDER = wire.Order("C0054", "HS-1", "Kết quả",
                   wire.Address("Sở KH&CN", "Hoa Lư", "", 54, 5401),
                   wire.Address("Nguyễn Văn An", "Hoa Lư", "0912345678", 54, 5402))


@pytest.fixture
def client(vnpost, settings):
    return vnpost_client.VnpostClient(dict(settings.MOTCUA_POST))


def test_orders_need_a_token(vnpost, settings):
    answer = http_post(settings.MOTCUA_POST["ORDER_URL"], wire.order_body(ORDER), {}, 5)
    assert answer.status == 401 and not vnpost.orders


def test_a_bad_login_gets_no_token(vnpost, settings):
    answer = http_post(settings.MOTCUA_POST["TOKEN_URL"], {"username": "x", "password": "y"},
                       {}, 5)
    assert answer.status == 401


def test_tracking_is_paged_by_last_id(client, vnpost):
    for number in ("A", "B", "C"):
        client.create_order(wire.Order(**{**ORDER.__dict__, "order_number": number}))
    first = client.tracking(wire.FIRST_LAST_ID, page_size=2)
    rest = client.tracking(first[-1].oid, page_size=2)
    assert [e.order_number for e in first + rest] == ["A", "B", "C"]
    assert client.tracking(rest[-1].oid) == []


def test_cancel_before_collection_only(client, vnpost):
    client.create_order(ORDER)
    assert client.cancel("HS-1").ok
    assert not client.cancel("HS-1").ok and not client.cancel("unknown").ok
    assert client.tracking(wire.FIRST_LAST_ID)[-1].status_code == "6"


def test_controls_move_an_order_and_the_page_shows_it(client, vnpost, sandbox_server):
    _server, url = sandbox_server
    client.create_order(ORDER)
    request = urllib.request.Request(f"{url}/post/__control/advance?order=HS-1", method="POST")
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert json.loads(answer.read()) == {"done": True}
    assert vnpost.orders["HS-1"]["statusCode"] == "2"
    with urllib.request.urlopen(f"{url}/", timeout=5) as answer:
        page = answer.read().decode()
    assert "Bưu điện VNPost (giả lập)" in page and "HS-1" in page and "Chuyển hoàn" in page
    with urllib.request.urlopen(f"{url}/post/__journal", timeout=5) as answer:
        journal = json.loads(answer.read())
    assert [entry["path"] for entry in journal["journal"]] == ["/token", "/orders"]
