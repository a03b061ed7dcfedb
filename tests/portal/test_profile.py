"""The account page: contact details, and which kinds of notification also come by e-mail."""

import pytest
from django.test import Client

from motcua.org.models import NotificationKind, User

pytestmark = pytest.mark.django_db

CITIZEN = "037090001234"


def signed_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_a_citizen_changes_contact_details_and_turns_off_progress_mails(world):
    client = signed_in(CITIZEN)
    page = client.get("/tai-khoan/ho-so/").content.decode()
    assert "Tài khoản của tôi" in page and "037090001234" in page
    assert 'href="/tai-khoan/password_change/"' in page
    assert "Việc cần tôi làm: bổ sung hồ sơ, nộp phí, lệ phí" in page
    assert "Hồ sơ chuyển đến bước của tôi" not in page  # an officer's kind
    response = client.post("/tai-khoan/ho-so/", {
        "phone": "+84 912 000 111", "email": "an.moi@example.vn",
        "address": "Số 3 phố Lý Thái Tổ, phường Hoa Lư",
        "email_on": ["action_needed", "dossier_decision"]})
    assert response.status_code == 302 and response.url == "/tai-khoan/ho-so/"
    user = User.objects.get(username=CITIZEN)
    assert (user.phone, user.email) == ("0912000111", "an.moi@example.vn")
    assert user.applicant_profile.address == "Số 3 phố Lý Thái Tổ, phường Hoa Lư"
    assert user.email_notifications_off == [NotificationKind.DOSSIER_PROGRESS]
    assert not user.wants_email("receipt") and user.wants_email("supplement_request")
    assert user.wants_email("password_reset")  # not a preference
    assert "Đã lưu thông tin tài khoản." in client.get(response.url).content.decode()


def test_an_officer_chooses_among_the_officers_kinds(world):
    client = signed_in("khcn.chuyenvien")
    page = client.get("/tai-khoan/ho-so/").content.decode()
    assert "Hồ sơ chuyển đến bước của tôi" in page and 'name="address"' not in page
    client.post("/tai-khoan/ho-so/", {"email": "thang@example.vn", "email_on": ["deadlines"]})
    user = User.objects.get(username="khcn.chuyenvien")
    assert set(user.email_notifications_off) == {"step_reached", "supplement_arrived"}
    assert user.wants_email("late_guard") and not user.wants_email("step_reached")


def test_a_wrong_phone_comes_back_with_its_message(world):
    User.objects.filter(username=CITIZEN).update(phone="0912345678")
    response = signed_in(CITIZEN).post("/tai-khoan/ho-so/", {"phone": "12",
                                                            "email": "an@example.vn"})
    assert response.status_code == 422
    assert "Số điện thoại di động gồm 10 chữ số" in response.content.decode()
    assert User.objects.get(username=CITIZEN).phone == "0912345678"


def test_the_header_links_to_the_account_page(world):
    header = signed_in(CITIZEN).get("/").content.decode().split("</header>", 1)[0]
    assert '<a href="/tai-khoan/ho-so/">Tài khoản</a>' in header
