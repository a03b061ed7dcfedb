"""Home page, health probe, logins and the lockout."""

import pytest
from django.urls import reverse

from motcua.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_home_page_is_in_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "vi"
    assert "Dịch vụ công trực tuyến" in response.content.decode()


def test_home_page_in_english_when_the_visitor_chooses_it(client):
    # the browser's Accept-Language alone does not switch (Vietnamese is the service's
    # language); the language switch does
    browser_in_english = client.get("/", headers={"accept-language": "en"})
    assert browser_in_english.headers["Content-Language"] == "vi"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/", headers={"accept-language": "en"})
    assert response.headers["Content-Language"] == "en"
    assert "Online public services" in response.content.decode()


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_staff_log_in_and_see_their_role(client, province_logins):
    response = client.post(
        reverse("login"), {"username": "motcua.tiepnhan", "password": DEMO_PASSWORD},
        follow=True, REMOTE_ADDR="10.0.0.1",
    )
    assert response.redirect_chain[-1][0] == reverse("backoffice:queues")
    page = client.get("/").content.decode()
    assert "Nguyễn Thị Lan" in page
    assert "Cán bộ một cửa — Sở Văn hóa, Thể thao và Du lịch" in page


def test_the_administrator_reaches_the_admin_in_vietnamese(client, province_logins):
    client.post(
        reverse("admin:login"), {"username": "motcua.quantri", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
    )
    response = client.get(reverse("admin:org_agency_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ủy ban nhân dân tỉnh Ninh Bình" in page
    assert "motcua — Quản trị hệ thống" in page
    assert "Thay đổi cơ quan" in page or "Chọn cơ quan để thay đổi" in page


def test_wrong_password_is_refused_and_repeated_failures_lock_the_account(client, world):
    world.clerk.set_password(DEMO_PASSWORD)
    world.clerk.save(update_fields=["password"])
    for _ in range(5):
        response = client.post(
            reverse("login"), {"username": "khcn.vanthu", "password": "wrong"},
            REMOTE_ADDR="10.0.0.3",
        )
    response = client.post(
        reverse("login"), {"username": "khcn.vanthu", "password": DEMO_PASSWORD},
        REMOTE_ADDR="10.0.0.3",
    )
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    assert "thử lại sau 15 phút" in response.content.decode()
    assert 'href="/tai-khoan/password_reset/">Quên mật khẩu?</a>' in response.content.decode()


def test_passwords_are_hashed_with_argon2(province_logins):
    from motcua.org.models import User

    assert User.objects.get(username="motcua.giamdoc").password.startswith("argon2")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/procedures?q=a%00b", "/can-bo/?q=%00",
                                  "/api/v1/dossiers?q=x%00"])
def test_nul_characters_are_refused_not_a_server_error(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_a_json_body_is_refused(client):
    response = client.post("/api/v1/auth/token", {"username": "a\x00", "password": "x"},
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"]
