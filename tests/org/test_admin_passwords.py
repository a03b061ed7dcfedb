"""Administrators' passwords (docs/security.md): the last ADMIN_PASSWORD_HISTORY (10) cannot be
chosen again, and one older than ADMIN_PASSWORD_MAX_DAYS (60) must be changed first."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from motcua.org.models import PasswordHistory, User
from motcua.org.passwords import password_expired

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
CHANGE = "/tai-khoan/password_change/"


@pytest.fixture(autouse=True)
def rules(settings):
    settings.MOTCUA_ADMIN_PASSWORD_HISTORY = 10
    settings.MOTCUA_ADMIN_PASSWORD_MAX_DAYS = 60
    settings.MOTCUA_ADMIN_2FA = False
    settings.MOTCUA_STAFF_2FA = False


def administrator(**extra) -> User:
    return User.objects.create_user("qt.thu", password="Khoi-dau-2026!x", is_staff=True, **extra)


def set_passwords(user: User, passwords) -> None:
    for password in passwords:
        user.set_password(password)
        user.save()


def refused(password: str, user: User) -> bool:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return "password_recently_used" in [e.code for e in error.error_list]
    return False


def test_an_administrator_cannot_reuse_the_last_10_passwords_tcvn14423_5_6_2_2_b():
    admin = administrator()
    old = [f"Mat-khau-so-{n:02d}-Ninh-Binh" for n in range(11)]
    set_passwords(admin, old)
    assert all(refused(password, admin) for password in old[1:])  # the last ten, current too
    assert not refused(old[0], admin)  # the eleventh back may come again
    assert PasswordHistory.objects.filter(user=admin).count() == 10


def test_the_history_keeps_hashes_only():
    admin = administrator()
    set_passwords(admin, ["Mat-khau-moi-Ninh-Binh-1"])
    assert "Mat-khau-moi" not in PasswordHistory.objects.get(user=admin).password


def test_staff_who_are_not_administrators_have_no_history():
    officer = User.objects.create_user("cb.thu", password="Khoi-dau-2026!x")
    set_passwords(officer, ["Mat-khau-so-01-Ninh-Binh", "Mat-khau-so-02-Ninh-Binh"])
    assert not refused("Mat-khau-so-01-Ninh-Binh", officer)
    assert not PasswordHistory.objects.filter(user=officer).exists()


def test_a_password_expires_after_max_days_tcvn14423_5_6_2_2_b():
    assert not password_expired(START, START + 60 * DAY, 60)
    assert password_expired(START, START + 60 * DAY + dt.timedelta(seconds=1), 60)
    assert not password_expired(START, START + 1000 * DAY, 0)  # 0: never


def test_an_administrator_must_change_an_expired_password_first(client):
    with time_machine.travel(START, tick=False) as clock:
        admin = administrator()
        client.force_login(admin)
        assert client.get("/admin/").status_code == 200
        clock.shift(61 * DAY)
        client.force_login(admin)  # signed in again: the sessions of 61 days ago have ended
        response = client.get("/admin/")
        assert response.status_code == 302 and response["Location"] == CHANGE
        assert client.get("/api/v1/dossiers").status_code == 403
        assert client.get(CHANGE).status_code == 200
        response = client.post(CHANGE, {"old_password": "Khoi-dau-2026!x",
                                         "new_password1": "Mat-khau-moi-Ninh-Binh-61",
                                         "new_password2": "Mat-khau-moi-Ninh-Binh-61"})
        assert response.status_code == 302, response.content.decode()[:2000]
        assert client.get("/admin/").status_code == 200
        clock.shift(59 * DAY)
        admin.refresh_from_db()  # its new password
        client.force_login(admin)
        assert client.get("/admin/").status_code == 200


def test_the_change_form_refuses_a_recent_password(client):
    admin = administrator()
    set_passwords(admin, ["Mat-khau-cu-Ninh-Binh-01", "Mat-khau-cu-Ninh-Binh-02"])
    client.force_login(admin)
    response = client.post(CHANGE, {"old_password": "Mat-khau-cu-Ninh-Binh-02",
                                    "new_password1": "Mat-khau-cu-Ninh-Binh-01",
                                    "new_password2": "Mat-khau-cu-Ninh-Binh-01"})
    assert response.status_code == 200
    assert "10 mật khẩu gần nhất" in response.content.decode()
