"""A citizen's account: sign up with the ID number, land on "Hồ sơ của tôi"."""

import pytest

from motcua.org.models import User

pytestmark = pytest.mark.django_db

GOOD = {"full_name": "Trần Văn Bình", "id_number": "037 200 001 111", "phone": "0912.345.678",
        "email": "binh@example.vn", "password": "Hoa-sen-2026!", "password_again": "Hoa-sen-2026!"}


def test_sign_up_creates_a_citizen_signed_in_on_my_dossiers(client, world):
    response = client.post("/tai-khoan/dang-ky/", GOOD)
    assert response.status_code == 302 and response.url == "/ca-nhan/"
    user = User.objects.get(username="037200001111")
    assert user.is_applicant and user.phone == "0912345678"
    assert user.applicant_profile.id_number == "037200001111"
    assert user.get_full_name() == "Trần Văn Bình"
    page = client.get("/ca-nhan/").content.decode()
    assert "Hồ sơ của tôi" in page and "Bạn chưa nộp hồ sơ nào" in page


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"id_number": "12345"}, "id_number", "12 chữ số"),
    ({"id_number": "037090001234"}, "id_number", "đã có tài khoản"),
    ({"phone": "12345"}, "phone", "10 chữ số"),
    ({"password_again": "khac"}, "password_again", "không giống nhau"),
    ({"password": "123", "password_again": "123"}, "password", ""),
])
def test_a_wrong_entry_comes_back_with_what_was_typed(client, world, change, field, message):
    response = client.post("/tai-khoan/dang-ky/", {**GOOD, **change})
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert "Trần Văn Bình" in response.content.decode()
    assert not User.objects.filter(username="037200001111").exists()


def test_a_citizen_login_lands_on_my_dossiers(client, world):
    from motcua.org.demo import DEMO_PASSWORD

    world.citizen.set_password(DEMO_PASSWORD)
    world.citizen.save(update_fields=["password"])
    response = client.post("/tai-khoan/login/", {"username": "037090001234",
                                                 "password": DEMO_PASSWORD},
                           follow=True, REMOTE_ADDR="10.0.0.9")
    assert response.redirect_chain[-1][0] == "/ca-nhan/"


def test_staff_are_sent_away_from_the_citizen_pages(world):
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="khcn.tiepnhan"))
    assert client.get("/ca-nhan/").status_code == 403


@pytest.mark.parametrize(("target", "lands"), [
    ("/thu-tuc/DP.BC002/", "/thu-tuc/DP.BC002/"), ("https://evil.example/", "/ca-nhan/"),
    ("//evil.example/", "/ca-nhan/"),
])
def test_sign_up_returns_only_to_a_page_of_this_site(client, world, target, lands):
    response = client.post(f"/tai-khoan/dang-ky/?next={target}", GOOD)
    assert response.status_code == 302 and response.url == lands


BUSINESS = {**GOOD, "applicant_type": "business", "id_number": "2700 999 888",
            "organisation_name": "Công ty TNHH Sách Hoa Lư", "full_name": "Lê Thị Hoa"}


def test_a_business_signs_up_with_its_tax_code(client, world):
    response = client.post("/tai-khoan/dang-ky/", BUSINESS)
    assert response.status_code == 302 and response.url == "/ca-nhan/"
    profile = User.objects.get(username="2700999888").applicant_profile
    assert profile.applicant_type == "business" and profile.id_number == "2700999888"
    assert profile.organisation_name == "Công ty TNHH Sách Hoa Lư"


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"id_number": "037200001111"}, "id_number", "Mã số thuế gồm 10 chữ số"),
    ({"organisation_name": " "}, "organisation_name", "Nhập tên doanh nghiệp."),
    ({"applicant_type": "citizen"}, "id_number", "gồm đúng 12 chữ số"),
])
def test_a_business_sign_up_is_checked_by_its_own_rules(client, world, change, field,
                                                         message):
    response = client.post("/tai-khoan/dang-ky/", {**BUSINESS, **change})
    assert response.status_code == 422
    assert message in " ".join(response.context["form"].errors[field])
