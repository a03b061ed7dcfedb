"""The VNeID callback under arbitrary input (integrations §2.4's anti-pattern: a forged sign-in):
whatever comes back in its query, with the session's state or not, it answers a refusal page or
a 404, never a server error, and nobody is signed in or created."""

import string

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.national.sandbox import start_in_thread
from motcua.org.models import User, VneidLink

TEXT = st.text(string.printable + "àđươ", max_size=80)


@pytest.fixture(scope="module")
def sandbox():
    server, url = start_in_thread(motcua_url="http://testserver")
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def configured(sandbox, settings, world):
    settings.MOTCUA_NATIONAL = {"vneid": {
        "URL": f"{sandbox}/sso", "ISSUER": f"{sandbox}/sso/oauth2/token",
        "CLIENT_ID": "motcua", "CLIENT_SECRET": "sandbox",
        "REDIRECT_URI": "http://testserver/tai-khoan/vneid/callback/", "SCOPE": "openid",
        "ACR_VALUES": "LoA1", "TIMEOUT": 5.0}}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["code", "state", "error", "error_description",
                                              "session_state", "x"]), TEXT, max_size=5),
       with_session_state=st.booleans())
def test_any_callback_query_is_refused_cleanly(configured, query, with_session_state):
    accounts = User.objects.count()
    client = Client()
    client.get("/tai-khoan/vneid/")
    if with_session_state:
        query = {**query, "state": client.session["vneid_pending"]["state"]}
    answer = client.get("/tai-khoan/vneid/callback/", query)
    assert answer.status_code == 400, answer.status_code
    assert "Không đăng nhập được bằng VNeID" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == accounts and not VneidLink.objects.exists()
