"""The Zalo OA's access token is refreshed before it expires, and the refresh token that each
refresh rotates is stored at once, under a lock (integrations §5.3, §7.5 "the rotated refresh
token is persisted")."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from motcua.messaging import services, tokens
from motcua.messaging.fakes import SANDBOX_REFRESH_TOKEN
from motcua.messaging.models import MessageState, PhoneChannel, TextMessage, ZaloToken
from motcua.messaging.providers import refresh as zalo_refresh
from tests.messaging.conftest import citizen_chooses
from tests.messaging.test_notices import NOW, deliver_at, tell

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
WORKERS = 2


def stored() -> ZaloToken:
    return ZaloToken.objects.get(pk=tokens.TOKEN_ROW)


def test_the_first_call_refreshes_and_stores_the_rotated_refresh_token(providers, db):
    _sms, zalo = providers
    token = tokens.access_token()
    assert zalo.refresh_calls == 1 and token in zalo.access_tokens
    row = stored()
    assert row.refresh_token == zalo.refresh_token != SANDBOX_REFRESH_TOKEN
    assert tokens.access_token() == token and zalo.refresh_calls == 1  # reused while valid


def test_the_token_is_refreshed_before_it_expires(providers, db):
    _sms, zalo = providers
    first = tokens.access_token()
    ZaloToken.objects.filter(pk=tokens.TOKEN_ROW).update(
        expires_at=timezone.now() + dt.timedelta(minutes=30))  # inside the hour's margin
    second = tokens.access_token()
    assert second != first and zalo.refresh_calls == 2
    assert stored().refresh_token == zalo.refresh_token


def test_a_refused_refresh_token_keeps_the_message_waiting(flow, providers, templates):
    _sms, zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.ZALO)
    zalo.control("refresh-expired")
    row = tell(run, "receipt")
    assert deliver_at(NOW) == (0, 1)
    row.refresh_from_db()
    assert row.state == MessageState.QUEUED and "RefreshRefused" in row.last_error
    zalo.control("normal")  # an operator pasted a valid refresh token
    assert deliver_at(NOW + dt.timedelta(minutes=1)) == (1, 0)


def test_an_access_token_zalo_no_longer_takes_is_refreshed_at_the_next_try(
        flow, providers, templates):
    _sms, zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.ZALO)
    tokens.access_token()
    zalo.control("expire-tokens")
    row = tell(run, "receipt")
    assert deliver_at(NOW) == (0, 1)
    row.refresh_from_db()
    assert "TokenRejected" in row.last_error
    assert deliver_at(NOW + dt.timedelta(minutes=1)) == (1, 0)
    assert zalo.refresh_calls == 2 and stored().refresh_token == zalo.refresh_token


@pytest.mark.postgres
@pytest.mark.skipif(not ON_POSTGRES, reason="needs PostgreSQL (DATABASE_URL=postgres://...)")
def test_two_workers_with_an_expired_token_refresh_it_once(providers, transactional_db):
    _sms, zalo = providers
    ZaloToken.objects.create(pk=tokens.TOKEN_ROW, access_token="old",
                             refresh_token=SANDBOX_REFRESH_TOKEN,
                             expires_at=timezone.now() - dt.timedelta(minutes=1))
    zalo.refresh_delay = 0.5  # the second worker asks while the first one's refresh is out
    start = threading.Barrier(WORKERS)

    def worker(_):
        try:
            start.wait()
            return tokens.access_token()
        finally:
            connection.close()

    with ThreadPoolExecutor(WORKERS) as pool:
        got = list(pool.map(worker, range(WORKERS)))
    assert zalo.refresh_calls == 1
    assert got[0] == got[1] and got[0] in zalo.access_tokens
    assert stored().refresh_token == zalo.refresh_token  # the latest, the only one alive
    assert zalo_refresh(stored().refresh_token).access_token  # and it still works


def test_the_daily_job_keeps_the_token_fresh_without_messages(providers, db, settings):
    _sms, zalo = providers
    assert tokens.keep_fresh() and zalo.refresh_calls == 1
    assert tokens.keep_fresh() and zalo.refresh_calls == 1  # still valid: nothing to do
    settings.MOTCUA_MESSAGING = {**settings.MOTCUA_MESSAGING,
                                 "ZALO": {**settings.MOTCUA_MESSAGING["ZALO"], "ZNS_URL": ""}}
    assert not tokens.keep_fresh()


def test_messages_given_up_on_go_again_when_the_operator_says_so(flow, providers, templates):
    _sms, zalo = providers
    run = flow()
    citizen_chooses(PhoneChannel.ZALO)
    zalo.control("refresh-expired")
    row = tell(run, "receipt")
    TextMessage.objects.filter(pk=row.pk).update(failed_at=NOW, attempts=10)
    zalo.control("normal")  # a new refresh token pasted in the admin
    assert services.retry_now([row.pk]) == 1
    assert deliver_at(timezone.now()) == (1, 0)
    row.refresh_from_db()
    assert row.state == MessageState.ACCEPTED and row.attempts == 1
