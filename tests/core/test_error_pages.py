"""The error pages: in the site's look, in Vietnamese, with a way back; JSON under /api/."""

import pytest
from django.test import Client

from motcua.org.models import User

pytestmark = pytest.mark.django_db

HEADER = '<header class="border-bottom site-header'


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def branded(response, status: int, *texts: str) -> str:
    """The page: the status, the site's header, the texts and a link home; never Django's."""
    page = response.content.decode()
    assert response.status_code == status
    assert HEADER in page and 'href="/">Về trang chủ</a>' in page
    for text in texts:
        assert text in page
    assert "Bad Request" not in page and "Forbidden" not in page and "Not Found" not in page
    assert "URLconf" not in page and "Using the URLconf" not in page
    return page


def test_an_unknown_address_has_the_404_page_without_the_list_of_addresses(world):
    page = branded(Client().get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang",
                   'href="/thu-tuc/">Tìm thủ tục hành chính</a>')
    assert "tai-khoan/login" not in page.split("</header>", 1)[1]


def test_a_page_that_is_not_for_you_has_the_403_page_leading_to_your_own(world):
    page = branded(signed_in("037090001234").get("/can-bo/"), 403,
                   "Bạn không có quyền xem trang này", "Về trang làm việc của bạn",
                   "Trang này dành cho cán bộ giải quyết thủ tục hành chính.")
    assert 'href="/tai-khoan/bat-dau/"' in page


def test_a_request_for_another_host_has_the_400_page(world):
    branded(Client().get("/", HTTP_HOST="evil.example"), 400, "Yêu cầu không hợp lệ")


def test_a_fault_has_the_500_page_in_vietnamese(world, settings):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    client = signed_in("khcn.tiepnhan")
    client.raise_request_exception = False
    branded(client.get("/loi-thu/"), 500, "Hệ thống đang gặp sự cố", "Vui lòng thử lại sau")


def test_the_api_keeps_its_json_errors(world, settings):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/loi-thu")
    assert response.status_code == 500 and "sự cố" in response.json()["detail"]
    response = client.get("/api/v1/khong-co")
    assert response.status_code == 404 and response.json()["detail"]


def test_a_stale_form_has_the_session_expired_page_with_a_reload_link(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/login/", {"username": "x", "password": "y"})
    page = branded(response, 403, "Phiên làm việc đã hết hạn, vui lòng tải lại trang.")
    assert 'href="/tai-khoan/login/">Tải lại trang</a>' in page


def test_too_many_requests_has_the_429_page_with_a_way_back(world, settings):
    settings.MOTCUA_THROTTLES = {**settings.MOTCUA_THROTTLES, "lookup": "1/m"}
    client = Client()
    client.get("/tra-cuu", {"MHS": "X", "SGT": "1"})
    branded(client.get("/tra-cuu", {"MHS": "X", "SGT": "1"}), 429, "Quá nhiều yêu cầu")
