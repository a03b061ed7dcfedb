"""STAFF_2FA: staff enter an authenticator code after the password; applicants never do."""

import datetime as dt

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import User

pytestmark = pytest.mark.django_db

ADMIN = "motcua.quantri"  # staff with admin access (the province's administrator)
OFFICER = "khcn.tiepnhan"  # staff without admin access
CITIZEN = "037090001234"
WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn."


@pytest.fixture
def clock():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        yield clock


@pytest.fixture
def two_factor_on(settings, province_logins, clock):
    settings.MOTCUA_STAFF_2FA = True
    return clock


def log_in(client, username):
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD},
                           REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 302, username
    return client


def confirmed_device(username) -> TOTPDevice:
    return TOTPDevice.objects.create(user=User.objects.get(username=username), name="app",
                                     confirmed=True)


def code(device: TOTPDevice, steps_off: int = 0) -> str:
    """The device's code now (django-otp's own TOTP), or ``steps_off`` time steps away."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_off)
    return f"{value:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    accepted = {code(device, steps_off) for steps_off in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(10)) if c not in accepted)


def verify_url(next_url: str) -> str:
    return f"{reverse('otp_verify')}?next={next_url.replace('/', '%2F')}"


def test_switch_off_staff_reach_the_admin_with_the_password_alone(client, province_logins):
    log_in(client, ADMIN)
    assert client.get("/admin/").status_code == 200
    assert not TOTPDevice.objects.exists()


def test_first_sign_in_sets_up_the_app_and_a_right_code_opens_the_admin(client, two_factor_on):
    log_in(client, ADMIN)
    response = client.get("/admin/")
    assert response.url == verify_url("/admin/")
    response = client.get(response.url)
    assert response.url == f"{reverse('otp_setup')}?next=%2Fadmin%2F"

    page = client.get(response.url)
    device = TOTPDevice.objects.get(user__username=ADMIN)
    assert not device.confirmed
    assert "<svg" in page.content.decode()
    assert page.context["secret"].replace(" ", "") in device.config_url
    assert "issuer=motcua" in device.config_url

    refused = client.post(reverse("otp_setup"), {"code": wrong_code(device), "next": "/admin/"})
    assert refused.status_code == 200
    assert WRONG_CODE in refused.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302

    two_factor_on.shift(30)  # past django-otp's throttle after one failure
    accepted = client.post(reverse("otp_setup"), {"code": code(device), "next": "/admin/"})
    assert accepted.url == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.filter(user__username=ADMIN).count() == 1


def test_next_sign_in_asks_for_the_code_and_a_wrong_one_keeps_the_admin_shut(
    client, two_factor_on
):
    device = confirmed_device(ADMIN)
    log_in(client, ADMIN)
    page = client.get(verify_url("/admin/"))
    assert page.status_code == 200
    assert [t.name for t in page.templates][0] == "registration/otp_verify.html"
    assert "<svg" not in page.content.decode()

    refused = client.post(reverse("otp_verify"), {"code": wrong_code(device), "next": "/admin/"})
    assert WRONG_CODE in refused.content.decode()
    assert 'role="alert"' in refused.content.decode()
    assert client.get("/admin/").url == verify_url("/admin/")

    two_factor_on.shift(30)
    accepted = client.post(reverse("otp_verify"), {"code": code(device), "next": "/admin/"})
    assert accepted.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_code_lasts_for_the_session_only(client, two_factor_on):
    device = confirmed_device(ADMIN)
    log_in(client, ADMIN)
    client.post(reverse("otp_verify"), {"code": code(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200
    client.post(reverse("logout"))
    log_in(client, ADMIN)
    assert client.get("/admin/").url == verify_url("/admin/")


def test_a_confirmed_app_cannot_be_replaced_with_the_password_alone(client, two_factor_on):
    confirmed_device(ADMIN)
    log_in(client, ADMIN)
    response = client.get(reverse("otp_setup"), {"next": "/admin/"})
    assert response.url == verify_url("/admin/")
    assert TOTPDevice.objects.filter(user__username=ADMIN).count() == 1


def test_a_deleted_device_means_setting_up_again(client, two_factor_on):
    """How an administrator resets a lost phone: delete the device in the admin."""
    assert admin.site.is_registered(TOTPDevice)
    confirmed_device(ADMIN).delete()
    log_in(client, ADMIN)
    response = client.get(reverse("otp_verify"), {"next": "/admin/"})
    assert response.url.startswith(reverse("otp_setup"))


def test_back_office_paths_are_guarded_before_the_url_resolver(client, two_factor_on):
    log_in(client, OFFICER)
    response = client.get("/can-bo/ho-so/?trang=2")
    assert response.status_code == 302
    assert response.url == f"{reverse('otp_verify')}?next=%2Fcan-bo%2Fho-so%2F%3Ftrang%3D2"


def test_the_portals_editors_admin_asks_staff_for_the_code_too(client, two_factor_on):
    log_in(client, OFFICER)
    assert client.get("/bien-tap/").url == f"{reverse('otp_verify')}?next=%2Fbien-tap%2F"


def test_an_htmx_request_is_sent_to_the_code_page_as_a_whole(client, two_factor_on):
    log_in(client, OFFICER)
    response = client.get("/can-bo/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == f"{reverse('otp_verify')}?next=%2Fcan-bo%2F"


def test_account_pages_health_and_api_are_never_redirected(client, two_factor_on):
    log_in(client, ADMIN)
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get(reverse("otp_verify")).status_code == 302  # to set-up, its own page
    assert client.get(reverse("otp_setup")).status_code == 200
    assert not client.get(reverse("admin:login")).url.startswith(reverse("otp_verify"))
    assert client.post(reverse("logout")).url == reverse("home")


def test_citizens_are_never_asked(client, two_factor_on):
    log_in(client, CITIZEN)
    back_office = client.get("/can-bo/")
    assert not back_office.get("Location", "").startswith(reverse("otp_verify"))
    assert client.get(reverse("otp_setup")).status_code == 302
    assert not TOTPDevice.objects.exists()
    token = client.post("/api/v1/auth/token", {"username": CITIZEN, "password": DEMO_PASSWORD},
                        content_type="application/json")
    assert token.status_code == 200


def test_pages_need_a_login(client, two_factor_on):
    for name in ("otp_verify", "otp_setup"):
        response = client.get(reverse(name))
        assert response.url.startswith(reverse("login")), name


def test_next_to_another_host_is_not_followed(client, two_factor_on):
    device = confirmed_device(ADMIN)
    log_in(client, ADMIN)
    response = client.post(reverse("otp_verify"),
                           {"code": code(device), "next": "https://evil.example/admin/"})
    assert response.url == "/can-bo/"


def request_token(client, username, **extra):
    return client.post("/api/v1/auth/token",
                       {"username": username, "password": DEMO_PASSWORD, **extra},
                       content_type="application/json")


def test_api_token_needs_the_staff_code_when_switched_on(client, two_factor_on):
    device = confirmed_device(OFFICER)
    wrong_password = client.post("/api/v1/auth/token",
                                 {"username": OFFICER, "password": "wrong"},
                                 content_type="application/json")
    missing = request_token(client, OFFICER)
    wrong = request_token(client, OFFICER, otp=wrong_code(device))
    assert missing.status_code == wrong.status_code == wrong_password.status_code == 401
    assert missing.json() == wrong.json() == wrong_password.json()

    two_factor_on.shift(30)
    granted = request_token(client, OFFICER, otp=code(device))
    assert granted.status_code == 200
    listed = client.get("/api/v1/dossiers",
                        headers={"Authorization": f"Bearer {granted.json()['token']}"})
    assert listed.status_code == 200


def test_api_token_without_a_device_is_refused_when_switched_on(client, two_factor_on):
    assert request_token(client, OFFICER, otp="123456").status_code == 401


def test_api_token_needs_no_code_when_switched_off(client, world):
    world.officer.set_password(DEMO_PASSWORD)
    world.officer.save(update_fields=["password"])
    assert request_token(client, OFFICER).status_code == 200


def test_api_session_counts_only_after_the_code(client, two_factor_on):
    device = confirmed_device(OFFICER)
    log_in(client, OFFICER)
    assert client.get("/api/v1/dossiers").status_code == 401
    client.post(reverse("otp_verify"), {"code": code(device)})
    assert client.get("/api/v1/dossiers").status_code == 200
