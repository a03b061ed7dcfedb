"""Sign-in with VNeID (integrations §2.2–§2.4, docs/vneid.md), over real HTTP against the
sandbox's fake single sign-on: a new person gets an account, a known ID number is linked once
the person confirms, the linked account sees and acts on the counter's dossiers under its numbers,
and every refusal is a clear page that creates nothing."""

from __future__ import annotations

import http.client
import logging
import urllib.parse

import pytest
from django.test import Client

from motcua.config import ConfigError, load_config
from motcua.dossiers.models import Dossier, Status
from motcua.national.fake_sso import PEOPLE
from motcua.national.sandbox import start_in_thread
from motcua.org.models import User, VneidLink
from tests.dossiers.test_registration import receipt
from tests.portal.conftest import CITIZEN, OTHER_CITIZEN

CALLBACK = "http://testserver/tai-khoan/vneid/callback/"
NEW_PERSON = "khong-lien-lac"  # Phạm Văn Tư: no account in the minimal world, no phone, no mail
NEW_NUMBER = PEOPLE[NEW_PERSON]["SoDinhDanh"]


@pytest.fixture(scope="module")
def sandbox():
    server, url = start_in_thread(motcua_url="http://testserver")
    yield server, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def sso(sandbox, settings, world):
    """The fake single sign-on, emptied, with motcua's VNeID sign-in pointed at it."""
    server, url = sandbox
    part = server.app.part("sso")
    part.reset()
    settings.MOTCUA_NATIONAL = {"vneid": {
        "URL": f"{url}/sso", "ISSUER": f"{url}/sso/oauth2/token", "CLIENT_ID": "motcua",
        "CLIENT_SECRET": "sandbox", "REDIRECT_URI": CALLBACK, "SCOPE": "openid",
        "ACR_VALUES": "LoA1", "TIMEOUT": 5.0}}
    return part


def authorize(client: Client) -> str:
    started = client.get("/tai-khoan/vneid/")
    assert started.status_code == 302
    return started["Location"]


def pick(authorize_url: str, person: str) -> str:
    """The person chosen on the fake's page: the callback (path and query) it sends back to."""
    parsed = urllib.parse.urlsplit(f"{authorize_url}&person={person}")
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=5)
    connection.request("GET", f"{parsed.path}?{parsed.query}")
    answer = connection.getresponse()
    answer.read()
    connection.close()
    assert answer.status == 303, answer.status
    return answer.getheader("Location").removeprefix("http://testserver")


def sign_in(client: Client, person: str):
    return client.get(pick(authorize(client), person))


def signed_in_as(client: Client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


def counter_dossier(api, id_number: str, name: str) -> str:
    status, dossier = receipt(api, owner={"name": name, "id_number": id_number})
    assert status == 201, dossier
    return dossier["code"]


def test_the_sign_in_page_offers_vneid_only_when_it_is_set_up(client, sso, settings):
    page = client.get("/tai-khoan/login/").content.decode()
    assert "Đăng nhập bằng tài khoản định danh điện tử (VNeID)" in page
    assert 'href="/tai-khoan/vneid/"' in page
    settings.MOTCUA_NATIONAL = {}
    assert "VNeID" not in client.get("/tai-khoan/login/").content.decode()
    assert client.get("/tai-khoan/vneid/").status_code == 404


def test_the_request_carries_state_nonce_and_pkce(client, sso):
    asked = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize(client)).query))
    pending = client.session["vneid_pending"]
    assert asked["state"] == pending["state"] and asked["nonce"] == pending["nonce"]
    assert asked["code_challenge_method"] == "S256" and asked["code_challenge"]
    assert pending["verifier"] not in asked.values()
    assert (asked["scope"], asked["acr_values"], asked["redirect_uri"]) == (
        "openid", "LoA1", CALLBACK)


def test_a_new_citizen_gets_an_account_signed_in_and_linked(client, sso, api):
    code = counter_dossier(api, NEW_NUMBER, "Phạm Văn Tư")
    landed = sign_in(client, NEW_PERSON)
    assert landed.status_code == 302 and landed["Location"] == "/tai-khoan/bat-dau/"
    user = signed_in_as(client)
    assert user.username == NEW_NUMBER and user.is_applicant and not user.has_usable_password()
    assert user.get_full_name() == "Phạm Văn Tư" and (user.email, user.phone) == ("", "")
    profile = user.applicant_profile
    assert profile.id_number == NEW_NUMBER and profile.identity_verified
    link = user.vneid_link
    assert (link.tech_id, link.account_type, link.levels, link.sign_ins) == (
        PEOPLE[NEW_PERSON]["TechID"], "1", "LoA1", 1)
    # the counter's dossier under the same number is theirs at once
    assert code in client.get("/ca-nhan/").content.decode()
    # the next sign-in finds the account by TechID: no second account, the sign-in counted
    again = Client()
    sign_in(again, NEW_PERSON)
    assert signed_in_as(again) == user and User.objects.filter(username=NEW_NUMBER).count() == 1
    assert VneidLink.objects.get(user=user).sign_ins == 2
    assert "vneid_pending" not in client.session


def test_a_business_gets_a_business_account_under_its_tax_code(client, sso):
    sign_in(client, "doanh-nghiep")
    profile = signed_in_as(client).applicant_profile
    assert (profile.applicant_type, profile.id_number, profile.organisation_name) == (
        "business", "0109876543", "Công ty TNHH Hộp Cát")


def test_an_existing_account_is_linked_once_its_owner_confirms_and_sees_its_counter_dossiers(
        client, sso, api, world):
    world.citizen.set_password("mat-khau-cu-2024")
    world.citizen.save()
    mine = counter_dossier(api, CITIZEN, "Nguyễn Văn An")
    theirs = counter_dossier(api, OTHER_CITIZEN, "Trần Thị Bình")
    asked = sign_in(client, "cccd")
    assert asked["Location"] == "/tai-khoan/vneid/lien-ket/" and signed_in_as(client) is None
    page = client.get("/tai-khoan/vneid/lien-ket/").content.decode()
    assert CITIZEN in page and "Liên kết và đăng nhập" in page
    wrong = client.post("/tai-khoan/vneid/lien-ket/", {"password": "sai"})
    assert "Mật khẩu không đúng." in wrong.content.decode()
    assert signed_in_as(client) is None and not VneidLink.objects.exists()
    linked = client.post("/tai-khoan/vneid/lien-ket/", {"password": "mat-khau-cu-2024"})
    assert linked.status_code == 302 and signed_in_as(client) == world.citizen
    assert world.citizen.vneid_link.tech_id == PEOPLE["cccd"]["TechID"]
    assert User.objects.filter(applicant_profile__id_number=CITIZEN).count() == 1
    listed = client.get("/ca-nhan/").content.decode()
    assert mine in listed and theirs not in listed
    assert client.get(f"/ca-nhan/ho-so/{theirs}/").status_code == 404
    # followed and withdrawn like an online dossier
    assert client.get(f"/ca-nhan/ho-so/{mine}/").status_code == 200
    withdrawn = client.post(f"/ca-nhan/ho-so/{mine}/rut/", {"reason": "Nộp nhầm thủ tục"})
    assert withdrawn.status_code == 302
    assert Dossier.objects.get(code=mine).status == Status.WITHDRAWAL_REQUESTED


def test_a_delivered_counter_dossier_is_rated_by_its_linked_owner(client, sso, api):
    code = counter_dossier(api, NEW_NUMBER, "Phạm Văn Tư")
    Dossier.objects.filter(code=code).update(status=Status.DELIVERED)  # the result handed over
    sign_in(client, NEW_PERSON)
    rated = client.post(f"/ca-nhan/ho-so/{code}/danh-gia/", {"rating": "satisfied",
                                                            "comment": "Nhanh, chu đáo"})
    assert rated.status_code == 302
    assert Dossier.objects.get(code=code).rating == "satisfied"


def test_declining_the_link_signs_nobody_in(client, sso, world):
    sign_in(client, "cccd")
    declined = client.post("/tai-khoan/vneid/lien-ket/", {"decline": "1"})
    assert declined["Location"] == "/tai-khoan/login/"
    assert signed_in_as(client) is None and not VneidLink.objects.exists()
    assert client.get("/tai-khoan/vneid/lien-ket/")["Location"] == "/tai-khoan/login/"


def test_the_old_id_card_number_finds_the_dossiers_received_under_it(client, sso, api, world):
    code = counter_dossier(api, OTHER_CITIZEN, "Trần Thị Bình")
    Dossier.objects.filter(code=code).update(owner_id_number="185004321")  # received in 2019
    sign_in(client, "cmnd")
    client.post("/tai-khoan/vneid/lien-ket/", {"password": "x"})  # no password: nothing asked
    assert signed_in_as(client) == world.other_citizen
    assert world.other_citizen.vneid_link.old_id_number == "185004321"
    assert code in client.get("/ca-nhan/").content.decode()


def test_a_new_techid_for_a_known_person_is_linked_again_after_confirming(client, sso):
    sign_in(client, NEW_PERSON)
    user = signed_in_as(client)
    sso.faults.add("new-techid")
    later = Client()
    assert sign_in(later, NEW_PERSON)["Location"] == "/tai-khoan/vneid/lien-ket/"
    later.post("/tai-khoan/vneid/lien-ket/", {})
    assert signed_in_as(later) == user
    assert VneidLink.objects.get().tech_id != PEOPLE[NEW_PERSON]["TechID"]


def assert_refused(response, message: str) -> None:
    page = response.content.decode()
    assert response.status_code == 400, response.status_code
    assert "Không đăng nhập được bằng VNeID" in page and message in page
    assert 'href="/tai-khoan/vneid/"' in page and 'href="/tai-khoan/login/"' in page


@pytest.mark.parametrize("fault, message", [
    ("wrong-state", "không khớp với phiên làm việc này"),
    ("wrong-nonce", "Thông tin xác thực nhận được không hợp lệ"),
    ("expired-token", "Thông tin xác thực nhận được không hợp lệ"),
    ("bad-signature", "Thông tin xác thực nhận được không hợp lệ"),
    ("no-sodinhdanh", "không có số định danh cá nhân"),
])
def test_a_refusal_is_a_clear_page_logged_and_nothing_is_created(client, sso, fault, message,
                                                                 caplog):
    accounts = User.objects.count()
    sso.faults.add(fault)
    with caplog.at_level(logging.WARNING, logger="motcua.security"):
        assert_refused(sign_in(client, NEW_PERSON), message)
    assert User.objects.count() == accounts and not VneidLink.objects.exists()
    assert signed_in_as(client) is None
    assert any("vneid sign-in refused" in record.message for record in caplog.records)


def test_a_locked_account_is_refused_and_its_sign_in_not_counted(client, sso):
    sign_in(client, NEW_PERSON)
    user = signed_in_as(client)
    User.objects.filter(pk=user.pk).update(is_active=False)
    later = Client()
    assert_refused(sign_in(later, NEW_PERSON), "Tài khoản này đã bị khóa")
    assert signed_in_as(later) is None and VneidLink.objects.get().sign_ins == 1


def test_a_state_with_non_ascii_characters_is_refused_not_a_server_error(client, sso):
    # the fuzzer's find: comparing a non-ASCII state with the session's raised a TypeError
    callback = pick(authorize(client), NEW_PERSON)
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(callback).query))["code"]
    answer = client.get("/tai-khoan/vneid/callback/", {"code": code, "state": "trạng-thái"})
    assert_refused(answer, "không khớp với phiên làm việc này")
    assert signed_in_as(client) is None


def test_a_replayed_code_is_refused(client, sso):
    callback = pick(authorize(client), NEW_PERSON)
    client.get(callback)
    client.logout()
    state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize(client)).query))["state"]
    code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(callback).query))["code"]
    replayed = client.get("/tai-khoan/vneid/callback/", {"code": code, "state": state})
    assert_refused(replayed, "đã dùng rồi, đã hết hạn")
    assert signed_in_as(client) is None


def test_a_callback_without_a_request_of_this_session_is_refused(client, sso):
    callback = pick(authorize(client), NEW_PERSON)
    assert_refused(Client().get(callback), "không khớp với phiên làm việc này")
    assert not User.objects.filter(username=NEW_NUMBER).exists()


def test_an_error_from_the_sso_is_refused(client, sso):
    state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize(client)).query))["state"]
    refused = client.get("/tai-khoan/vneid/callback/", {"error": "access_denied",
                                                        "state": state})
    assert_refused(refused, "đã hủy đăng nhập")


def test_an_organisation_without_a_tax_code_is_refused(client, sso):
    assert_refused(sign_in(client, "to-chuc"), "không có mã số thuế")
    assert not VneidLink.objects.exists()


def test_the_sso_out_of_reach_is_refused(client, sso, settings):
    url = authorize(client)
    callback = pick(url, NEW_PERSON)
    settings.MOTCUA_NATIONAL = {"vneid": {**settings.MOTCUA_NATIONAL["vneid"],
                                          "URL": "http://127.0.0.1:9/sso"}}
    assert_refused(client.get(callback), "Cổng xác thực không trả lời")


VNEID_ENV = {"VNEID_URL": "https://xacthuc.dichvucong.gov.vn", "VNEID_CLIENT_ID": "motcua",
             "VNEID_CLIENT_SECRET": "s3cret",
             "VNEID_REDIRECT_URI": "https://dichvucong.example.gov.vn/tai-khoan/vneid/callback/"}
PRODUCTION = {"MOTCUA_ENV": "production", "SECRET_KEY": "k" * 40 + "abcdefghij",
              "ALLOWED_HOSTS": "dichvucong.example.gov.vn",
              "DATABASE_URL": "postgres://motcua@db/motcua"}


def test_the_settings_describe_the_sso():
    entry = load_config(VNEID_ENV).national_gateways()["vneid"]
    assert entry["ISSUER"] == "https://xacthuc.dichvucong.gov.vn/oauth2/token"
    assert (entry["SCOPE"], entry["ACR_VALUES"]) == ("openid", "LoA1")
    assert "vneid" not in load_config({}).national_gateways()


@pytest.mark.parametrize("change, variable", [
    ({"VNEID_URL": "http://127.0.0.1:8100/sso"}, "VNEID_URL"),
    ({"VNEID_URL": "https://sandbox.example.vn/sso"}, "VNEID_URL"),
    ({"VNEID_REDIRECT_URI": "http://localhost:8000/tai-khoan/vneid/callback/"},
     "VNEID_REDIRECT_URI"),
    ({"VNEID_CLIENT_SECRET": ""}, "VNEID_CLIENT_ID"),
])
def test_production_refuses_sandbox_addresses_and_missing_credentials(change, variable):
    with pytest.raises(ConfigError, match=variable):
        load_config({**PRODUCTION, **VNEID_ENV, **change})


def test_the_scope_must_ask_for_openid():
    with pytest.raises(ConfigError, match="VNEID_SCOPE"):
        load_config({**VNEID_ENV, "VNEID_SCOPE": "profile"})


def test_the_administrator_sees_the_link_on_the_account(client, sso, world, client_as):
    from tests.factories.world import province_staff

    sign_in(client, NEW_PERSON)
    user = signed_in_as(client)
    _, admin = province_staff(world)
    page = client_as(admin).get(f"/admin/org/user/{user.pk}/change/").content.decode()
    assert PEOPLE[NEW_PERSON]["TechID"] in page and "LoA1" in page


def jwks_calls(sso) -> int:
    return sum(call["path"] == "/oauth2/jwks" for call in sso.journal)


def test_the_jwks_is_kept_between_sign_ins_and_fetched_again_when_the_key_rotates(sso,
                                                                                   monkeypatch):
    from joserfc.jwk import RSAKey

    for person in (NEW_PERSON, NEW_PERSON):
        sign_in(Client(), person)
    assert jwks_calls(sso) == 1
    monkeypatch.setattr(sso, "key", RSAKey.generate_key(2048, parameters={"kid": "sandbox-sso",
                                                                          "use": "sig"}))
    rotated = Client()
    sign_in(rotated, NEW_PERSON)
    assert signed_in_as(rotated) is not None and jwks_calls(sso) == 2
