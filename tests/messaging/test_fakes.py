"""The sandbox's fakes of the SMS brandname and of Zalo follow the providers' contracts
(integrations §7.5) over real HTTP: what they check, their switches, their journal and their
section of the sandbox's home page."""

import json
import urllib.parse
import urllib.request

from motcua.messaging import fakes
from motcua.national.gateways import post

PHONE = "84912345678"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (the local sandbox)
        return answer.read().decode()


def sms_request(**changes) -> dict:
    request = {"name": "send_sms_list", "REQID": "1", "TEMPLATEID": "MC_KETQUA",
               "PARAMS": [{"NUM": "1", "CONTENT": "000.00.15.H42-260302-0001"}],
               "MOBILELIST": PHONE, "APIUSER": "motcua", "APIPASS": "sandbox"}
    return {"RQST": {**request, **changes}}


def test_the_sms_fake_checks_the_number_the_template_and_the_parameters(sandbox_server):
    server, url = sandbox_server
    sms = server.app.part("sms")
    sms.reset()

    def error(**changes) -> str:
        return post(f"{url}/sms/send", sms_request(**changes), {}, 5).json()["RPLY"]["ERROR"]

    assert error(MOBILELIST="0912345678") == "2"
    assert error(TEMPLATEID="KHONG_CO") == "3"
    assert error(PARAMS=[]) == "4"
    assert sms.inbox == {}
    assert error() == "0" and sms.inbox[PHONE][0]["template"] == "MC_KETQUA"
    assert len(json.loads(get(f"{url}/sms/__journal"))["journal"]) == 4


def test_the_switches_answer_over_http_and_show_on_the_home_page(sandbox_server):
    server, url = sandbox_server
    server.app.part("sms").reset()
    assert post(f"{url}/sms/__control/outage", "", {}, 5).json() == {"scenario": "outage"}
    assert post(f"{url}/sms/send", sms_request(), {}, 5).status == 503
    assert post(f"{url}/sms/__control/khong-co", "", {}, 5).status == 404
    page = get(f"{url}/")
    assert "Trạng thái: Ngừng dịch vụ (503)" in page
    assert "SMS brandname (VNPT)" in page and "Zalo ZNS" in page
    assert "/zalo/__control/unreachable" in page and "Báo đã nhận các tin Zalo" in page
    post(f"{url}/sms/__control/normal", "", {}, 5)
    assert post(f"{url}/sms/send", sms_request(), {}, 5).json()["RPLY"]["ERROR"] == "0"
    page = get(f"{url}/")
    assert "Trạng thái: Bình thường" in page and "normal" not in page.split("<form")[0]
    assert f"{PHONE}</strong>: MC_KETQUA: 000.00.15.H42-260302-0001" in page  # not ['…']


def refresh(url: str, token: str, secret: str = fakes.SANDBOX_SECRET_KEY) -> dict:
    form = urllib.parse.urlencode({"refresh_token": token, "app_id": fakes.SANDBOX_APP_ID,
                                   "grant_type": "refresh_token"})
    return post(f"{url}/zalo/v4/oa/access_token", form, {"secret_key": secret}, 5).json()


def test_the_zalo_refresh_rotates_and_kills_the_old_refresh_token(sandbox_server):
    server, url = sandbox_server
    server.app.part("zalo").reset()
    assert refresh(url, fakes.SANDBOX_REFRESH_TOKEN, secret="sai")["error"] == -14002
    pair = refresh(url, fakes.SANDBOX_REFRESH_TOKEN)
    assert pair["access_token"] and pair["refresh_token"] != fakes.SANDBOX_REFRESH_TOKEN
    assert refresh(url, fakes.SANDBOX_REFRESH_TOKEN)["error"] == -14014  # used: dead
    assert refresh(url, pair["refresh_token"])["access_token"]


def test_zns_checks_the_token_the_template_its_keys_and_the_quota(sandbox_server):
    server, url = sandbox_server
    zalo = server.app.part("zalo")
    zalo.reset()
    token = refresh(url, fakes.SANDBOX_REFRESH_TOKEN)["access_token"]

    def error(access_token=token, **changes) -> int:
        message = {"phone": PHONE, "template_id": "300009",
                   "template_data": {"ma_ho_so": "X"}, "tracking_id": "t", **changes}
        return post(f"{url}/zalo/message/template", message,
                    {"access_token": access_token}, 5).json()["error"]

    assert error(access_token="sai") == -124
    assert error(phone="0912345678") == -108
    assert error(template_data={"ma_ho_so": "X", "thua": "Y"}) == -111
    zalo.templates["300009"]["status"] = "DISABLE"
    assert error() == -109
    zalo.templates["300009"]["status"] = "ENABLE"
    zalo.quota = 0
    assert error() == -144
    zalo.quota = 1
    assert error() == 0 and [m["template"] for m in zalo.inbox[PHONE]] == ["300009"]
