"""Level-3 account rules (security-operations §1.3, TCVN 14423:2026 5.5–5.6 and 5.13, secondary):
lockout after 5 failures, idle sessions ended (15 minutes, administrators 5), accounts disabled
after 45 idle days, a second factor for administrators and from outside the management
network, the admin site on its own host name."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.config import load_config
from motcua.core.account_rules import LAST_SEEN, LAST_SEEN_STEP, account_event
from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import User
from motcua.org.services import disable_idle_accounts
from tests.factories.org import UserFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 09:00 in Vietnam
INSIDE, OUTSIDE = "10.20.0.7", "203.0.113.9"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def idle_limits(settings):
    """The defaults (the root conftest turns them off for every other test)."""
    settings.MOTCUA_SESSION_IDLE_MINUTES, settings.MOTCUA_SESSION_IDLE_ADMIN_MINUTES = 15, 5


@pytest.fixture
def events():
    """The account events sent (``account_event``), by name."""
    sent: list[tuple[str, dict]] = []

    def receive(sender, name, **fields):
        sent.append((name, fields))

    account_event.connect(receive)
    yield sent
    account_event.disconnect(receive)


@pytest.fixture
def administrator(db):
    user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@pytest.fixture
def officer(world):
    world.officer.set_password(DEMO_PASSWORD)
    world.officer.save(update_fields=["password"])
    return world.officer


def sign_in(client, user, address=INSIDE):
    response = client.post(reverse("login"), {"username": user.username,
                                              "password": DEMO_PASSWORD}, REMOTE_ADDR=address)
    assert response.status_code == 302, response
    return client


def code(device: TOTPDevice) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{value:0{device.digits}d}"


# -- lockout ---------------------------------------------------------------------------------

def test_lockout_at_five_failures_tcvn_14423_5_5_2_2(client, officer):
    assert load_config({}).axes_failure_limit == 5  # the default: ≤5 for business software
    for _ in range(5):
        client.post(reverse("login"), {"username": officer.username, "password": "sai"},
                    REMOTE_ADDR=INSIDE)
    response = client.post(reverse("login"), {"username": officer.username,
                                              "password": DEMO_PASSWORD}, REMOTE_ADDR=INSIDE)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# -- idle sessions ---------------------------------------------------------------------------

def test_idle_defaults_tcvn_14423_5_5_2_2_a():
    config = load_config({})
    assert (config.session_idle_minutes, config.session_idle_admin_minutes) == (15, 5)


def test_staff_idle_fifteen_minutes_are_signed_out(client, officer, clock, events):
    sign_in(client, officer)
    assert client.get("/can-bo/").status_code == 200
    clock.shift(dt.timedelta(minutes=14, seconds=59))
    assert client.get("/can-bo/").status_code == 200  # activity moves the mark on
    clock.shift(dt.timedelta(minutes=15, seconds=1))
    response = client.get("/can-bo/")
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert [name for name, _ in events] == ["session_expired"]
    assert events[0][1]["user"] == officer and events[0][1]["idle_minutes"] == 15


def test_the_last_request_is_marked_at_most_every_thirty_seconds(client, officer, clock):
    sign_in(client, officer)
    client.get("/can-bo/")
    marked = client.session[LAST_SEEN]
    clock.shift(dt.timedelta(seconds=LAST_SEEN_STEP - 1))
    client.get("/can-bo/")
    assert client.session[LAST_SEEN] == marked  # the session is not saved again
    clock.shift(dt.timedelta(seconds=1))
    client.get("/can-bo/")
    assert client.session[LAST_SEEN] == marked + LAST_SEEN_STEP


def test_an_unmoved_mark_ends_the_session_early_never_late(client, officer, clock):
    sign_in(client, officer)
    client.get("/can-bo/")
    clock.shift(dt.timedelta(seconds=LAST_SEEN_STEP - 1))
    client.get("/can-bo/")  # the last activity, not marked
    clock.shift(dt.timedelta(minutes=15, seconds=-LAST_SEEN_STEP + 2))
    response = client.get("/can-bo/")  # idle 14:31 since it, 15:01 since the mark
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_administrator_idle_five_minutes_is_signed_out(client, administrator, clock):
    sign_in(client, administrator)
    assert client.get("/admin/").status_code == 200
    clock.shift(dt.timedelta(minutes=4))
    assert client.get("/admin/").status_code == 200
    clock.shift(dt.timedelta(minutes=5, seconds=1))
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_idle_session_no_longer_opens_the_api(client, officer, clock):
    sign_in(client, officer)
    assert client.get("/api/v1/dossiers").status_code == 200
    clock.shift(dt.timedelta(minutes=16))
    assert client.get("/api/v1/dossiers").status_code == 401


def test_applicants_sessions_have_no_staff_idle_limit(client, world, clock):
    client.force_login(world.citizen)
    assert client.get("/").status_code == 200
    clock.shift(dt.timedelta(hours=1))
    client.get("/")
    assert client.session["_auth_user_id"] == str(world.citizen.pk)


def test_zero_minutes_turns_the_idle_limit_off(client, officer, clock, settings):
    settings.MOTCUA_SESSION_IDLE_MINUTES = 0
    sign_in(client, officer)
    client.get("/can-bo/")
    clock.shift(dt.timedelta(hours=3))
    assert client.get("/can-bo/").status_code == 200


# -- 45 idle days ----------------------------------------------------------------------------

def test_accounts_idle_45_days_are_disabled_tcvn_14423_5_6_2_3(world, clock, events):
    assert load_config({}).account_idle_days == 45
    now = START
    User.objects.filter(pk=world.officer.pk).update(last_login=now - dt.timedelta(days=46))
    User.objects.filter(pk=world.clerk.pk).update(last_login=now - dt.timedelta(days=44))
    User.objects.filter(pk=world.specialist.pk).update(
        last_login=None, date_joined=now - dt.timedelta(days=50))
    User.objects.filter(pk=world.citizen.pk).update(last_login=now - dt.timedelta(days=400))

    disabled = disable_idle_accounts()

    assert sorted(disabled) == sorted([world.officer.username, world.specialist.username])
    active = dict(User.objects.values_list("username", "is_active"))
    assert not active[world.officer.username] and not active[world.specialist.username]
    assert active[world.clerk.username] and active[world.citizen.username]
    assert [name for name, _ in events] == ["user_disabled", "user_disabled"]
    assert disable_idle_accounts() == []  # the next night: nothing more


def test_an_account_used_through_the_api_is_not_idle(world, client):
    from tests.helpers import bearer_headers

    User.objects.filter(pk__in=[world.officer.pk, world.clerk.pk]).update(
        last_login=START - dt.timedelta(days=90))
    for user, days in ((world.officer, 2), (world.clerk, 60)):
        with time_machine.travel(START - dt.timedelta(days=days), tick=False):
            used = client.get("/api/v1/dossiers", headers=bearer_headers(user.username))
        assert used.status_code == 200
    with time_machine.travel(START, tick=False):
        assert disable_idle_accounts() == [world.clerk.username]


def test_the_idle_account_job_is_scheduled_daily():
    from motcua.ops.schedule import DAY, jobs

    job = next(job for job in jobs() if job.name == "disable_idle_accounts")
    assert job.period == DAY
    assert job.resolve() is disable_idle_accounts


# -- second factor ---------------------------------------------------------------------------

def test_administrators_need_the_second_factor_in_production_by_default():
    assert load_config({}).admin_2fa_required is False  # development: as before
    production = load_config({"MOTCUA_ENV": "production", "SECRET_KEY": "abcdefghij" * 6,
                              "ALLOWED_HOSTS": "motcua.example.vn",
                              "DATABASE_URL": "postgres://u@db/motcua"})
    assert production.admin_2fa_required is True
    assert load_config({"ADMIN_2FA": "false"}).admin_2fa_required is False


def test_mfa_enforced_for_an_administrator_tcvn_14423_5_6_2_2_b(client, administrator, clock,
                                                                 settings, events):
    settings.MOTCUA_ADMIN_2FA = True
    sign_in(client, administrator)
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith(reverse("otp_verify"))
    device = TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    verify = f"{reverse('otp_verify')}?next=/admin/"
    assert client.post(verify, {"code": "000000" if code(device) != "000000" else "111111"}
                       ).status_code == 200
    assert [name for name, _ in events] == ["authn_mfa_fail"]
    clock.shift(dt.timedelta(seconds=5))  # django-otp's throttle after a failure
    assert client.post(verify, {"code": code(device)}).url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_an_officer_inside_the_management_network_needs_no_second_factor(client, officer,
                                                                         settings):
    settings.MOTCUA_ADMIN_2FA = True
    settings.MOTCUA_MANAGEMENT_NETWORKS = ["10.20.0.0/16"]
    sign_in(client, officer, INSIDE)
    assert client.get("/can-bo/", REMOTE_ADDR=INSIDE).status_code == 200


def test_mfa_enforced_from_outside_the_management_network_tcvn_14423_5_6_2_4(client, officer,
                                                                             settings):
    settings.MOTCUA_MANAGEMENT_NETWORKS = ["10.20.0.0/16"]
    sign_in(client, officer, OUTSIDE)
    response = client.get("/can-bo/", REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 302 and response.url.startswith(reverse("otp_verify"))
    # the same session from inside the network is let through; outside again, it is not
    assert client.get("/can-bo/", REMOTE_ADDR=INSIDE).status_code == 200
    assert client.get("/can-bo/", REMOTE_ADDR=OUTSIDE).status_code == 302


def test_an_api_token_from_outside_the_management_network_needs_the_code(client, officer,
                                                                         settings):
    settings.MOTCUA_MANAGEMENT_NETWORKS = ["10.20.0.0/16"]

    def token(address, otp=""):
        return client.post("/api/v1/auth/token",
                           {"username": officer.username, "password": DEMO_PASSWORD, "otp": otp},
                           content_type="application/json", REMOTE_ADDR=address)

    assert token(INSIDE).status_code == 200
    assert token(OUTSIDE).status_code == 401
    device = TOTPDevice.objects.create(user=officer, name="app", confirmed=True)
    assert token(OUTSIDE, code(device)).status_code == 200


def test_management_networks_must_be_networks():
    from motcua.config import ConfigError

    with pytest.raises(ConfigError, match="MANAGEMENT_NETWORKS"):
        load_config({"MANAGEMENT_NETWORKS": "10.0.0.0/8,intranet"})
    assert load_config({"MANAGEMENT_NETWORKS": "10.0.0.0/8, 192.168.1.0/24"}
                       ).management_networks == ["10.0.0.0/8", "192.168.1.0/24"]


# -- the admin site's own host ---------------------------------------------------------------

def test_admin_site_only_on_admin_host_tcvn_14423_5_13_2_3_b(client, administrator, settings):
    settings.MOTCUA_ADMIN_HOST = "quantri.motcua.local"
    settings.ALLOWED_HOSTS = ["motcua.example.vn", "quantri.motcua.local"]
    client.force_login(administrator)
    assert client.get("/admin/", HTTP_HOST="motcua.example.vn").status_code == 404
    assert client.get("/admin/login/", HTTP_HOST="motcua.example.vn").status_code == 404
    assert client.get("/admin/", HTTP_HOST="quantri.motcua.local").status_code == 200
    assert client.get("/admin/", HTTP_HOST="quantri.motcua.local:8443").status_code == 200
    assert client.get("/", HTTP_HOST="motcua.example.vn").status_code == 200


def test_without_admin_host_the_admin_answers_on_every_host(client, administrator, settings):
    settings.MOTCUA_ADMIN_HOST = ""
    client.force_login(administrator)
    assert client.get("/admin/").status_code == 200


# -- the superuser reading dossiers in the admin ---------------------------------------------

def test_a_dossier_opened_in_the_admin_is_a_security_event(client, administrator, events, api,
                                                          caplog):
    from motcua.dossiers.models import Dossier
    from tests.helpers import submit_online

    dossier = Dossier.objects.get(code=submit_online(api)["code"])
    client.force_login(administrator)
    with caplog.at_level(logging.WARNING, logger="motcua.security"):
        page = client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk]))
        client.get(reverse("admin:dossiers_dossier_changelist"), {"q": "Nguyễn"})
    assert page.status_code == 200
    assert [(name, fields.get("object_id"), fields["reason"])
            for name, fields in events] == [("sensitive_read", str(dossier.pk), "admin"),
                                            ("sensitive_read", None, "admin_search")]
    assert events[0][1]["user"] == administrator
    assert [record.msg for record in caplog.records
            if record.name == "motcua.security"] == ["sensitive_read", "sensitive_read"]
