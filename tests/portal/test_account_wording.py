"""Sign-up, login and password pages in the words of their own labels."""

import pytest
from django.test import Client

from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import User
from tests.portal.conftest import CITIZEN

pytestmark = pytest.mark.django_db



def test_a_bad_email_is_told_in_the_labels_words(client, world):
    page = client.post("/tai-khoan/dang-ky/", {"email": "x@"})
    errors = " ".join(page.context["form"].errors["email"])
    assert "Thư điện tử" in errors and "email" not in errors


def test_the_login_page_and_the_home_page_name_the_tax_code_for_businesses(client, world):
    login = client.get("/tai-khoan/login/").content.decode()
    home = client.get("/").content.decode()
    for page in (login, home):
        assert "số định danh cá nhân" in page and "mã số thuế" in page


def test_a_password_rule_broken_is_told_under_the_new_password_not_its_repetition(demo_passwords):
    client = Client()
    client.force_login(User.objects.get(username=CITIZEN))
    response = client.post("/tai-khoan/password_change/", {
        "old_password": DEMO_PASSWORD, "new_password1": CITIZEN, "new_password2": CITIZEN})
    errors = response.context["form"].errors
    assert "new_password2" not in errors
    said = " ".join(errors["new_password1"])
    assert "Mật khẩu quá giống thông tin của bạn (tên đăng nhập)." in said
    assert "Mật khẩu không được chỉ gồm chữ số." in said


def test_the_business_name_is_required_and_marked_so(client, world):
    page = client.get("/tai-khoan/dang-ky/").content.decode()
    assert 'class="form-label required" for="id_organisation_name"' in page
    assert 'col-12 business-only' in page
