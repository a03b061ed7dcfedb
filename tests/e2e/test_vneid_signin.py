"""A citizen signs in with VNeID in Chromium: the button on the sign-in page, a test person
picked on the sandbox's fake single sign-on, back on motcua signed in, with the dossier the
counter received under the same ID number in "Hồ sơ của tôi" (integrations §2.4)."""

import pytest

from motcua.national.fake_sso import CALLBACK_PATH, PEOPLE
from motcua.national.sandbox import start_in_thread
from tests.dossiers.test_registration import receipt

PERSON = PEOPLE["khong-lien-lac"]  # Phạm Văn Tư: no account yet


@pytest.fixture
def sso(live_server, settings):
    server, url = start_in_thread(motcua_url=live_server.url)
    settings.MOTCUA_NATIONAL = {"vneid": {
        "URL": f"{url}/sso", "ISSUER": f"{url}/sso/oauth2/token", "CLIENT_ID": "motcua",
        "CLIENT_SECRET": "sandbox", "REDIRECT_URI": f"{live_server.url}{CALLBACK_PATH}",
        "SCOPE": "openid", "ACR_VALUES": "LoA1", "TIMEOUT": 5.0}}
    yield server.app.part("sso")
    server.shutdown()
    server.server_close()


@pytest.mark.django_db(transaction=True)
def test_a_citizen_signs_in_with_vneid_and_sees_the_counters_dossier(live_server, page, api,
                                                                     sso):
    status, dossier = receipt(api, owner={"name": PERSON["HoVaTen"],
                                          "id_number": PERSON["SoDinhDanh"]})
    assert status == 201, dossier
    page.goto(f"{live_server.url}/tai-khoan/login/")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản định danh điện tử (VNeID)").click()
    page.get_by_role("button", name=PERSON["HoVaTen"]).click()
    page.wait_for_url(f"{live_server.url}/ca-nhan/")
    assert PERSON["HoVaTen"] in page.locator("header").inner_text()
    page.get_by_role("link", name=dossier["code"], exact=True).click()
    page.wait_for_url(f"{live_server.url}/ca-nhan/ho-so/{dossier['code']}/")
    assert dossier["code"] in page.locator("h1").inner_text()
    assert [entry["path"] for entry in sso.journal] == [
        "/oauth2/authorize", "/oauth2/authorize", "/oauth2/token", "/oauth2/jwks",
        "/oauth2/userinfo"]
