"""Each event of the catalogue (security-operations §3.5) triggered through the real flow: a
sign-in, a wrong password, a lockout, an authenticator linked and a wrong code, a password reset,
a role given in the admin, a refused page, a rate limit, an export, a forged payment notice, an
edited dossier history, a refused VNeID sign-in."""

from __future__ import annotations

import urllib.parse

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.dossiers import audit
from motcua.dossiers.models import DossierEvent
from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import Role, RoleAssignment
from motcua.secops import events
from tests.factories.org import UserFactory
from tests.helpers import CITIZEN
from tests.payments.conftest import at_now, awaiting, platform, post_json, sandbox_server  # noqa: F401
from tests.portal.test_vneid_signin import authorize, sandbox, sso  # noqa: F401

pytestmark = pytest.mark.django_db
ADDRESS = "203.0.113.9"


@pytest.fixture
def officer(world):
    world.officer.set_password(DEMO_PASSWORD)
    world.officer.save(update_fields=["password"])
    return world.officer


@pytest.fixture
def administrator(db):
    user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def sign_in(client, username, password=DEMO_PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=ADDRESS)


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_authn_login_success(client, officer, stored):
    assert sign_in(client, officer.username).status_code == 302
    [event] = stored("authn_login_success")
    assert event["user.id"] == officer.pk and event["source.ip"] == ADDRESS
    assert event["user.roles"] == [Role.RECEPTION_OFFICER] and event["auth.method"]
    assert event["url.path"] == reverse("login") and event["syslog.severity"] == 6


def test_authn_login_fail_names_no_one(client, officer, stored):
    assert sign_in(client, officer.username, "sai-mat-khau").status_code == 200
    [event] = stored("authn_login_fail")
    assert event["username_hash"] == events.pseudonym(officer.username)
    assert event["event.outcome"] == "failure" and event["syslog.severity"] == 4
    assert officer.username not in str(event) and "sai-mat-khau" not in str(event)


def test_authn_login_lock_after_five_failures(client, officer, stored):
    for _attempt in range(5):
        sign_in(client, officer.username, "sai")
    assert sign_in(client, officer.username).status_code == 429
    locks = stored("authn_login_lock")
    assert locks and locks[0]["lock_until"] and locks[0]["source.ip"] == ADDRESS
    assert len(stored("authn_login_fail")) == 4  # the fifth is the lockout


def test_authn_mfa_enrolled_and_authn_mfa_fail(client, officer, settings, stored):
    settings.MOTCUA_ADMIN_2FA = True
    settings.MOTCUA_MANAGEMENT_NETWORKS = ["10.20.0.0/16"]  # the officer is outside it
    sign_in(client, officer.username)
    setup = reverse("otp_setup")
    client.get(setup, REMOTE_ADDR=ADDRESS)
    device = TOTPDevice.objects.get(user=officer)
    client.post(setup, {"code": code(device)}, REMOTE_ADDR=ADDRESS)
    [enrolled] = stored("authn_mfa_enrolled")
    assert enrolled["target_user.id"] == officer.pk and enrolled["object.id"] == str(device.pk)
    again = Client()
    sign_in(again, officer.username)
    wrong = "000000" if code(device) != "000000" else "111111"
    again.post(reverse("otp_verify"), {"code": wrong}, REMOTE_ADDR=ADDRESS)
    assert [e["user.id"] for e in stored("authn_mfa_fail")] == [officer.pk]
    device.delete()  # an administrator resets a lost authenticator
    assert [e["target_user.id"] for e in stored("authn_mfa_reset")] == [officer.pk]


def test_authn_password_change_by_the_reset_link(client, officer, stored):
    before = stored()[-1]["event.sequence"]
    uid = urlsafe_base64_encode(force_bytes(officer.pk))
    link = client.get(f"/tai-khoan/reset/{uid}/{default_token_generator.make_token(officer)}/")
    new = "Mot-mat-khau-moi-2026!"
    client.post(link.url, {"new_password1": new, "new_password2": new})
    [event] = [e for e in stored("authn_password_change") if e["target_user.id"] == officer.pk
               and e["event.sequence"] > before]
    assert new not in str(event)


def test_authz_change_and_admin_action_when_an_administrator_gives_a_role(
        client, world, administrator, stored):
    client.force_login(administrator)
    response = client.post("/admin/org/roleassignment/add/", {
        "user": world.clerk.pk, "agency": world.agency.pk, "role": Role.SPECIALIST,
        "is_active": "on"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assignment = RoleAssignment.objects.get(user=world.clerk, role=Role.SPECIALIST)
    [change] = [e for e in stored("authz_change") if e["object.id"] == str(assignment.pk)]
    assert change["from"] == "none" and change["to"] == Role.SPECIALIST
    [action] = stored("admin_action")
    assert action["model"] == "org.roleassignment" and action["action"] == "added"
    assert action["object.id"] == str(assignment.pk) and action["user.id"] == administrator.pk
    assert action["user.roles"] == ["superuser"]


def test_admin_action_names_the_changed_fields(client, world, administrator, stored):
    client.force_login(administrator)
    page = f"/admin/org/roleassignment/{world.officer.role_assignments.get().pk}/change/"
    assignment = world.officer.role_assignments.get()
    client.post(page, {"user": world.officer.pk, "agency": assignment.agency_id,
                       "role": assignment.role, "division": assignment.division_id or ""})
    [action] = stored("admin_action")
    assert action["action"] == "changed" and action["changed_fields"]
    [change] = [e for e in stored("authz_change") if e["object.id"] == str(assignment.pk)][-1:]
    assert change["to"].endswith("(inactive)")


def test_authz_fail_when_a_citizen_opens_the_officers_pages(client_as, world, stored):
    assert client_as(world.citizen).get("/can-bo/").status_code == 403
    [event] = stored("authz_fail")
    assert event["user.id"] == world.citizen.pk and event["url.path"] == "/can-bo/"
    assert event["reason"] == "permission_denied"


def test_excess_rate_limit_exceeded_on_the_sign_in_page(client, officer, settings, stored):
    settings.MOTCUA_THROTTLES = {**settings.MOTCUA_THROTTLES, "login": "2/m"}
    statuses = [sign_in(client, "khong-co", "sai").status_code for _ in range(3)]
    assert statuses[-1] == 429
    [event] = stored("excess_rate_limit_exceeded")
    assert event["url.path"] == reverse("login") and event["limit"]


def test_data_export_of_the_queue(staff, flow, stored):
    flow(until="processing")
    response = staff("khcn.tiepnhan").get("/can-bo/xuat-excel/")
    assert response.status_code == 200, response
    [event] = stored("data_export")
    assert event["rows"] >= 0 and event["pd_categories"] == ["owner_name"]
    assert event["format"] == "xlsx"


def test_integrity_fail_for_a_forged_payment_notice(platform, awaiting, client_as,  # noqa: F811
                                                     at_now, stored):  # noqa: F811
    client_as(CITIZEN).post(f"/thanh-toan/{awaiting.code}/")
    from motcua.payments.models import PaymentTransaction

    attempt = PaymentTransaction.objects.get()
    answer = post_json(Client(), "/thanh-toan/ipn/",
                       platform.confirm(attempt.reference, "00", valid=False))
    assert answer.json()["MaLoi"] == "99"
    [event] = stored("integrity_fail")
    assert event["check"] == "payment_notification" and event["reason"] == "forged_checksum"
    assert event["object.id"] == attempt.reference and event["syslog.severity"] == 2


def test_integrity_fail_for_an_edited_dossier_history(flow, stored):
    run = flow(until="processing")
    DossierEvent.objects.filter(dossier__code=run.code, version=1).update(note="sửa lén")
    assert audit.verify().problem_count >= 1
    [event] = stored("integrity_fail")
    assert event["check"] == "dossier_history_chain" and event["problems"] >= 1


def test_authn_sso_assertion_invalid_for_a_refused_vneid_sign_in(client, sso, stored):  # noqa: F811
    state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize(client)).query))["state"]
    client.get("/tai-khoan/vneid/callback/", {"error": "access_denied", "state": state})
    [event] = stored("authn_sso_assertion_invalid")
    assert event["idp"] == "vneid" and event["reason"]


def test_session_expired_at_logout(client, officer, stored):
    sign_in(client, officer.username)
    client.post(reverse("logout"))
    [event] = stored("session_expired")
    assert event["reason"] == "logout" and event["user.id"] == officer.pk


def test_user_created_and_authz_change_of_the_account_flags(world, stored):
    user = UserFactory(username="moi")
    assert [e["target_user.id"] for e in stored("user_created")][-1] == user.pk
    user.is_staff = True
    user.save()
    [change] = [e for e in stored("authz_change") if e["object.type"] == "user"]
    assert change["from"] == {"is_staff": False} and change["to"] == {"is_staff": True}
