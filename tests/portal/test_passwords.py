"""Signing in and passwords: a natural login error, the reset by e-mail (Vietnamese, with the
site's name, through the outbox), the change, and the rules stated before anything is sent."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import User
from motcua.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db

CITIZEN = "037090001234"
RULES = ("Có ít nhất 8 ký tự.", "Không chỉ gồm chữ số.")
PORTAL_LOOK = '<header class="border-bottom site-header'
ENGLISH = re.compile(r"\b(password|the|you|your|please|email|reset)\b", re.IGNORECASE)



def login(client, username, password):
    return client.post("/tai-khoan/login/", {"username": username, "password": password},
                       REMOTE_ADDR="10.0.0.8")


def test_a_wrong_password_reads_naturally_and_the_page_offers_a_reset(demo_passwords):
    response = login(Client(), CITIZEN, "sai-mat-khau")
    page = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page
    assert '<a href="/tai-khoan/password_reset/">Quên mật khẩu?</a>' in page


def test_the_reset_mail_is_vietnamese_with_the_site_name_and_its_link_sets_a_password(
        demo_passwords, settings):
    settings.MOTCUA_SITE_NAME = "Cổng Dịch vụ công tỉnh Ninh Bình"
    client = Client()
    form = client.get("/tai-khoan/password_reset/").content.decode()
    assert PORTAL_LOOK in form and "Quên mật khẩu" in form and "Django" not in form
    response = client.post("/tai-khoan/password_reset/", {"email": f"{CITIZEN}@example.vn"})
    assert response.status_code == 302 and response.url == "/tai-khoan/password_reset/done/"
    assert "Hãy kiểm tra hộp thư" in client.get(response.url).content.decode()
    mail = OutboxMessage.objects.get(topic="password_reset")
    assert mail.recipient == f"{CITIZEN}@example.vn"
    assert mail.subject == "[Cổng Dịch vụ công tỉnh Ninh Bình] Đặt lại mật khẩu"
    assert "Kính gửi Nguyễn Văn An," in mail.body
    assert "Cổng Dịch vụ công tỉnh Ninh Bình" in mail.body
    link = re.search(r"http://127\.0\.0\.1:8000(/tai-khoan/reset/\S+/)", mail.body).group(1)
    assert not ENGLISH.search(mail.body.replace(link, "")), mail.body
    set_form = client.get(link, follow=True)
    page = set_form.content.decode()
    assert PORTAL_LOOK in page and "Đặt mật khẩu mới" in page and all(r in page for r in RULES)
    done = client.post(set_form.redirect_chain[-1][0], {
        "new_password1": "Trang-An-2026!", "new_password2": "Trang-An-2026!"}, follow=True)
    assert "Đã đặt mật khẩu mới" in done.content.decode()
    assert login(Client(), CITIZEN, "Trang-An-2026!").status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(demo_passwords):
    response = Client().post("/tai-khoan/password_reset/", {"email": "ai@example.vn"})
    assert response.status_code == 302 and response.url == "/tai-khoan/password_reset/done/"
    assert not OutboxMessage.objects.filter(topic="password_reset").exists()


def test_a_used_reset_link_says_so_and_offers_a_new_one(demo_passwords):
    page = Client().get("/tai-khoan/reset/MQ/x-y/").content.decode()
    assert "không còn dùng được" in page and 'href="/tai-khoan/password_reset/"' in page


@pytest.mark.parametrize(("old", "new", "message"), [
    ("sai-mat-khau", "Trang-An-2026!", "Mật khẩu hiện tại không đúng."),
    (DEMO_PASSWORD, "ab1", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
    (DEMO_PASSWORD, "20262026", "Mật khẩu không được chỉ gồm chữ số."),
    (DEMO_PASSWORD, "password", "Mật khẩu này quá phổ biến, dễ bị đoán ra."),
])
def test_a_refused_password_change_says_why_in_vietnamese(demo_passwords, old, new, message):
    client = Client()
    client.force_login(User.objects.get(username=CITIZEN))
    response = client.post("/tai-khoan/password_change/", {
        "old_password": old, "new_password1": new, "new_password2": new})
    assert response.status_code == 200 and message in response.content.decode()


def test_the_password_change_states_the_rules_and_saves(demo_passwords):
    client = Client()
    client.force_login(User.objects.get(username="khcn.tiepnhan"))
    page = client.get("/tai-khoan/password_change/").content.decode()
    assert PORTAL_LOOK in page and "Mật khẩu hiện tại" in page and all(r in page for r in RULES)
    response = client.post("/tai-khoan/password_change/", {
        "old_password": DEMO_PASSWORD, "new_password1": "Trang-An-2026!",
        "new_password2": "Trang-An-2026!"}, follow=True)
    assert "Đã đổi mật khẩu" in response.content.decode()
    assert User.objects.get(username="khcn.tiepnhan").check_password("Trang-An-2026!")


def test_sign_up_states_the_password_rules_before_submitting(demo_passwords):
    page = Client().get("/tai-khoan/dang-ky/").content.decode()
    assert all(rule in page for rule in RULES)


@pytest.mark.parametrize("password", ["123", "password", "12345678901", "037090001234x"])
def test_every_password_rule_speaks_vietnamese(demo_passwords, password):
    user = User.objects.get(username=CITIZEN)
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    for message in refused.value.messages:
        assert message.startswith("Mật khẩu") and not ENGLISH.search(message), message
