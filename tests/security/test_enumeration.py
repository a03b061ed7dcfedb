"""Anti-enumeration: guessing codes, ID numbers and passwords is slow and tells nothing.

The public lookup (page and API) and the logins (page, API token, sign-up, password reset)
have a budget of requests per client address; past it they answer 429 with Retry-After.
An unknown code and a wrong ID number get the same answer, and so do an unknown account and a
wrong password.
"""

import re

import pytest
import time_machine
from django.test import Client

from tests.dossiers.conftest import CITIZEN, Flow, local, submit_online
from tests.factories.world import with_demo_password


@pytest.fixture
def code(api, media_in_tmp):  # the API clients: conftest (the minimal world and its neighbours)
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        run = Flow(api, submit_online(api))
    return run.code


@pytest.fixture
def budgets(settings):
    settings.MOTCUA_THROTTLES = {**settings.MOTCUA_THROTTLES, "lookup": "5/m", "login": "3/m"}


def _page_text(response) -> str:
    """The page as a person reads it: without the per-request CSRF token and nonce."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_an_unknown_code_and_a_wrong_id_number_read_the_same_in_the_api(client, code):
    wrong_number = client.get("/api/v1/lookup", {"code": code, "id_number": "001099012345"})
    unknown_code = client.get("/api/v1/lookup", {"code": code[:-1] + "9",
                                                 "id_number": CITIZEN})
    right = client.get("/api/v1/lookup", {"code": code, "id_number": CITIZEN})
    assert right.status_code == 200
    assert wrong_number.status_code == unknown_code.status_code == 404
    assert wrong_number.json() == unknown_code.json()


def test_an_unknown_account_and_a_wrong_password_read_the_same(client, province):
    with_demo_password([province.officer])  # an account with a password, as a real one
    unknown = client.post("/tai-khoan/login/", {"username": "khong.co.ai", "password": "x1"})
    wrong = client.post("/tai-khoan/login/", {"username": "khcn.tiepnhan", "password": "x1"})
    assert unknown.status_code == wrong.status_code == 200
    assert _page_text(unknown).replace("khong.co.ai", "") == \
        _page_text(wrong).replace("khcn.tiepnhan", "")
    api_unknown = client.post("/api/v1/auth/token", {"username": "khong.co.ai", "password": "x"},
                              content_type="application/json")
    api_wrong = client.post("/api/v1/auth/token", {"username": "khcn.tiepnhan", "password": "x"},
                            content_type="application/json")
    assert api_unknown.status_code == api_wrong.status_code == 401
    assert api_unknown.json() == api_wrong.json()


def test_the_lookup_page_is_limited_per_address(client, code, budgets):
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        answers = [client.get("/tra-cuu", {"MHS": f"{code[:-1]}{n}", "SGT": CITIZEN})
                   for n in range(6)]
        assert [a.status_code for a in answers] == [200] * 5 + [429]
        assert int(answers[-1]["Retry-After"]) > 0
        assert "Vui lòng thử lại sau" in answers[-1].content.decode()
        # the empty form is not a guess; another address has its own budget
        assert client.get("/tra-cuu").status_code == 200
        other = Client(REMOTE_ADDR="203.0.113.9")
        assert other.get("/tra-cuu", {"MHS": code, "SGT": CITIZEN}).status_code == 200
    with time_machine.travel(local(2026, 3, 2, 10, 1, 1), tick=False):  # a minute later
        assert client.get("/tra-cuu", {"MHS": code, "SGT": CITIZEN}).status_code == 200


def test_the_lookup_api_is_limited_per_address(client, code, budgets):
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        statuses = [client.get("/api/v1/lookup", {"code": code, "id_number": "1"}).status_code
                    for _ in range(6)]
        refused = client.get("/api/v1/lookup", {"code": code, "id_number": CITIZEN})
    assert statuses == [404] * 5 + [429]
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["detail"]  # said in words, in JSON


def test_a_forged_forwarded_for_header_does_not_reset_the_budget(client, code, budgets):
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        statuses = [client.get("/api/v1/lookup", {"code": code, "id_number": "1"},
                               headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code
                    for n in range(6)]
    assert statuses[-1] == 429


@pytest.mark.parametrize("path, data", [
    ("/tai-khoan/login/", {"username": "khcn.tiepnhan", "password": "sai-mat-khau"}),
    ("/tai-khoan/password_reset/", {"email": "ai@example.vn"}),
    ("/tai-khoan/dang-ky/", {"full_name": "Ai Đó"}),
])
def test_the_sign_in_pages_are_limited_per_address(client, province, budgets, path, data):
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        statuses = [client.post(path, data).status_code for _ in range(4)]
        assert client.get(path).status_code == 200  # reading the form is free
    assert 429 not in statuses[:3] and statuses[3] == 429


def test_api_tokens_are_limited_per_address_across_accounts(client, province, budgets):
    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        statuses = [client.post("/api/v1/auth/token", {"username": f"user{n}", "password": "x"},
                                content_type="application/json").status_code
                    for n in range(4)]
    assert statuses == [401, 401, 401, 429]
