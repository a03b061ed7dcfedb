"""The sandbox's fake DVCQG / VNeID single sign-on keeps the contract of integrations §2.2, §2.3
and §7.2, over real HTTP: what it checks at authorize and token, the signed id_token, the
userinfo claims and types, the other endpoints, its fault switches and its journal."""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import time
import urllib.parse

import pytest
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

from motcua.national.fake_sso import PEOPLE

CALLBACK = "http://127.0.0.1:8000/tai-khoan/vneid/callback/"
VERIFIER = "v" * 50


def challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@pytest.fixture
def sso(sandbox_server):
    server, url = sandbox_server
    part = server.app.part("sso")
    part.reset()
    return part, url


def call(url: str, method: str = "GET", form: dict | None = None,
         headers: dict | None = None) -> tuple[int, dict[str, str], str]:
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=5)
    body = urllib.parse.urlencode(form) if form is not None else None
    sent = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    connection.request(method, f"{parsed.path}?{parsed.query}" if parsed.query else parsed.path,
                       body=body, headers=sent)
    answer = connection.getresponse()
    text = answer.read().decode()
    connection.close()
    return answer.status, {k.lower(): v for k, v in answer.getheaders()}, text


def authorize_url(url: str, **changes) -> str:
    asked = {"response_type": "code", "client_id": "motcua", "redirect_uri": CALLBACK,
             "scope": "openid", "acr_values": "LoA1", "state": "st-1", "nonce": "no-1",
             "code_challenge": challenge(VERIFIER), "code_challenge_method": "S256", **changes}
    return f"{url}/sso/oauth2/authorize?{urllib.parse.urlencode(asked)}"


def code_for(url: str, person: str = "cccd", **changes) -> tuple[str, str]:
    status, headers, _ = call(authorize_url(url, person=person, **changes))
    assert status == 303
    back = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(headers["location"]).query))
    assert headers["location"].startswith(CALLBACK)
    return back["code"], back["state"]


def token(url: str, code: str, **changes) -> tuple[int, dict]:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK,
            "client_id": "motcua", "client_secret": "sandbox", "code_verifier": VERIFIER,
            **changes}
    status, _, text = call(f"{url}/sso/oauth2/token", "POST", form)
    return status, json.loads(text)


def tokens(url: str, person: str = "cccd") -> dict:
    status, reply = token(url, code_for(url, person)[0])
    assert status == 200, reply
    return reply


def claims(url: str, id_token: str):
    status, _, text = call(f"{url}/sso/oauth2/jwks")
    assert status == 200
    return jwt.decode(id_token, KeySet.import_key_set(json.loads(text)), algorithms=["RS256"])


@pytest.mark.parametrize("changes, problem", [
    ({"client_id": "ai-do"}, "client_id chưa đăng ký"),
    ({"redirect_uri": "http://evil.example/cb"}, "redirect_uri chưa đăng ký"),
    ({"scope": "profile"}, "scope phải có openid"),
    ({"acr_values": "LoA9"}, "acr_values phải là LoA1 hoặc LoA2"),
    ({"response_type": "token"}, "response_type phải là code"),
])
def test_authorize_checks_the_client_its_callback_the_scope_and_the_level(sso, changes, problem):
    _, url = sso
    status, _, page = call(authorize_url(url, **changes))
    assert status == 400 and problem in page


def test_authorize_offers_the_test_people_and_returns_the_code_with_the_state(sso):
    _, url = sso
    status, _, page = call(authorize_url(url))
    assert status == 200 and "Chọn một người dùng thử" in page
    for person in PEOPLE.values():
        assert person["HoVaTen"] in page
    code, state = code_for(url)
    assert code and state == "st-1"


def test_the_token_answer_carries_a_signed_id_token(sso):
    _, url = sso
    reply = tokens(url)
    assert {"access_token", "refresh_token", "id_token", "token_type", "expires_in",
            "scope"} <= set(reply)
    signed = claims(url, reply["id_token"])
    assert signed.header["alg"] == "RS256"
    assert signed.claims["sub"] == PEOPLE["cccd"]["TechID"] and signed.claims["aud"] == "motcua"
    assert signed.claims["nonce"] == "no-1"
    assert signed.claims["iss"] == f"{url}/sso/oauth2/token"
    assert signed.claims["exp"] > signed.claims["iat"]


def test_a_code_is_taken_once(sso):
    _, url = sso
    code, _ = code_for(url)
    assert token(url, code)[0] == 200
    assert token(url, code) == (400, {"error": "invalid_grant",
                                      "error_description": "code already used"})


def test_a_code_expires_after_sixty_seconds(sso):
    part, url = sso
    code, _ = code_for(url)
    part.grants[code].issued -= 61
    assert token(url, code)[1]["error_description"] == "code expired"


@pytest.mark.parametrize("changes, status, error", [
    ({"client_secret": "sai"}, 401, "invalid_client"),
    ({"code_verifier": "w" * 50}, 400, "invalid_grant"),
    ({"redirect_uri": "http://127.0.0.1:8000/khac/"}, 400, "invalid_grant"),
    ({"grant_type": "password"}, 400, "unsupported_grant_type"),
])
def test_the_token_endpoint_checks_the_secret_pkce_and_callback(sso, changes, status, error):
    _, url = sso
    code, _ = code_for(url)
    got_status, reply = token(url, code, **changes)
    assert (got_status, reply["error"]) == (status, error)


def test_the_client_may_authenticate_with_http_basic(sso):
    _, url = sso
    code, _ = code_for(url)
    basic = base64.b64encode(b"motcua:sandbox").decode()
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK,
            "code_verifier": VERIFIER}
    status, _, _ = call(f"{url}/sso/oauth2/token", "POST", form,
                        {"Authorization": f"Basic {basic}"})
    assert status == 200


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_userinfo_answers_the_claims_by_their_names_and_types(sso, method):
    _, url = sso
    access = tokens(url, "cmnd")["access_token"]
    status, _, text = call(f"{url}/sso/oauth2/userinfo", method, {} if method == "POST" else None,
                           {"Authorization": f"Bearer {access}"})
    info = json.loads(text)
    assert status == 200
    assert info["LoaiTaiKhoan"] == "1" and isinstance(info["LoaiTaiKhoan"], str)
    assert info["GioiTinh"] == 2 and isinstance(info["TinhTrangHonNhan"], int)
    assert (info["SoDinhDanh"], info["SoCMND"]) == ("037185004321", "185004321")
    assert info["sub"] == info["TechID"] == PEOPLE["cmnd"]["TechID"]
    for name in ("loAs", "TrangThai", "HoChieu", "MaBHXH", "MaSoThue", "ThuongTru", "Cha",
                 "ChuHo", "TenDoanhNghiep"):
        assert name in info


def test_the_fixture_people_cover_the_account_kinds(sso):
    _, url = sso
    by = {}
    for person in PEOPLE:
        access = tokens(url, person)["access_token"]
        by[person] = json.loads(call(f"{url}/sso/oauth2/userinfo",
                                     headers={"Authorization": f"Bearer {access}"})[2])
    assert len(by["cccd"]["SoDinhDanh"]) == 12 and len(by["cmnd"]["SoCMND"]) == 9
    assert by["doanh-nghiep"]["LoaiTaiKhoan"] == "2" and by["doanh-nghiep"]["MaSoThue"]
    organisation = by["to-chuc"]
    assert organisation["LoaiTaiKhoan"] == "3" and organisation["TechID"]
    assert not (organisation["SoDinhDanh"] or organisation["MaSoThue"])
    assert by["khong-lien-lac"]["SoDienThoai"] == by["khong-lien-lac"]["ThuDienTu"] == ""


def test_userinfo_needs_a_valid_bearer_token(sso):
    _, url = sso
    assert call(f"{url}/sso/oauth2/userinfo")[0] == 401
    assert call(f"{url}/sso/oauth2/userinfo", headers={"Authorization": "Bearer x"})[0] == 401


def test_introspection_revocation_and_logout(sso):
    _, url = sso
    access = tokens(url)["access_token"]
    answer = json.loads(call(f"{url}/sso/oauth2/introspect", "POST", {"token": access})[2])
    assert answer["active"] is True and answer["client_id"] == "motcua"
    assert call(f"{url}/sso/oauth2/revoke", "POST", {"token": access, "client_id": "motcua",
                                                      "client_secret": "sai"})[0] == 401
    assert call(f"{url}/sso/oauth2/revoke", "POST", {"token": access, "client_id": "motcua",
                                                      "client_secret": "sandbox"})[0] == 200
    assert json.loads(call(f"{url}/sso/oauth2/introspect", "POST",
                           {"token": access})[2]) == {"active": False}
    assert call(f"{url}/sso/oauth2/userinfo",
                headers={"Authorization": f"Bearer {access}"})[0] == 401
    back = urllib.parse.quote("http://127.0.0.1:8000")
    status, headers, _ = call(f"{url}/sso/oidc/logout?post_logout_redirect_uri={back}")
    assert status == 303 and headers["location"] == "http://127.0.0.1:8000"
    status, _, page = call(f"{url}/sso/oidc/logout?post_logout_redirect_uri=http://evil.example")
    assert status == 200 and "Bạn đã đăng xuất." in page


def test_the_discovery_document_names_every_endpoint(sso):
    _, url = sso
    found = json.loads(call(f"{url}/sso/.well-known/openid-configuration")[2])
    assert found["issuer"] == f"{url}/sso/oauth2/token"
    assert found["jwks_uri"] == f"{url}/sso/oauth2/jwks"
    assert "S256" in found["code_challenge_methods_supported"]


def control(url: str, scenario: str) -> tuple[int, dict]:
    status, _, text = call(f"{url}/sso/__control/{scenario}", "POST", {})
    return status, json.loads(text)


def test_fault_expired_token(sso):
    _, url = sso
    control(url, "expired-token")
    signed = claims(url, tokens(url)["id_token"])
    assert signed.claims["exp"] < time.time()


def test_fault_bad_signature(sso):
    _, url = sso
    control(url, "bad-signature")
    with pytest.raises(BadSignatureError):
        claims(url, tokens(url)["id_token"])


def test_fault_wrong_nonce(sso):
    _, url = sso
    control(url, "wrong-nonce")
    assert claims(url, tokens(url)["id_token"]).claims["nonce"] != "no-1"


def test_fault_wrong_state(sso):
    _, url = sso
    control(url, "wrong-state")
    assert code_for(url)[1] != "st-1"


def test_fault_sodinhdanh_missing(sso):
    _, url = sso
    control(url, "no-sodinhdanh")
    access = tokens(url)["access_token"]
    info = json.loads(call(f"{url}/sso/oauth2/userinfo",
                           headers={"Authorization": f"Bearer {access}"})[2])
    assert "SoDinhDanh" not in info and info["HoVaTen"] == PEOPLE["cccd"]["HoVaTen"]


def test_fault_new_techid_for_a_known_person(sso):
    _, url = sso
    control(url, "new-techid")
    first = claims(url, tokens(url)["id_token"]).claims["sub"]
    assert first != PEOPLE["cccd"]["TechID"]
    assert control(url, "normal") == (200, {"faults": []})
    assert claims(url, tokens(url)["id_token"]).claims["sub"] == first  # kept, as a real change


def test_an_unknown_scenario_lists_the_known_ones(sso):
    _, url = sso
    status, answer = control(url, "meteor")
    assert status == 404 and "expired-token" in answer["scenarios"]


def test_the_journal_lists_the_calls_and_the_home_page_has_the_section(sso):
    _, url = sso
    tokens(url)
    journal = json.loads(call(f"{url}/sso/__journal")[2])["journal"]
    assert [entry["path"] for entry in journal] == ["/oauth2/authorize", "/oauth2/token"]
    home = call(f"{url}/")[2]
    assert "Đăng nhập một lần DVCQG / VNeID (giả lập)" in home
    assert 'action="/sso/__control/bad-signature"' in home


def test_the_fake_accepts_motcuas_configured_callback(settings):
    from motcua.national.fake_sso import FakeSso

    settings.MOTCUA_NATIONAL = {"vneid": {"REDIRECT_URI": "http://[::1]:8000/tai-khoan/vneid/"
                                                          "callback/"}}
    assert "http://[::1]:8000/tai-khoan/vneid/callback/" in FakeSso().redirect_uris
    assert CALLBACK in FakeSso().redirect_uris
