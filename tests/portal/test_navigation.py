"""Each role lands on its own page after signing in, and the header links only what opens."""

import pytest
from django.test import Client

from motcua.org.demo import DEMO_PASSWORD
from motcua.org.models import User

pytestmark = pytest.mark.django_db

QUEUES, DASHBOARD, ADMIN = "/can-bo/", "/can-bo/thong-ke/", "/admin/"
DOCUMENTS, EMULATION = "/can-bo/van-ban/di/", "/can-bo/thi-dua/ho-so/"
LINKS = {"Hồ sơ của tôi": "/ca-nhan/", "Hồ sơ công việc": QUEUES, "Văn bản": DOCUMENTS,
         "Thi đua, khen thưởng": EMULATION, "Bảng điều hành": DASHBOARD, "Quản trị": ADMIN}


@pytest.mark.parametrize(("username", "lands"), [
    ("motcua.thongke", DASHBOARD),  # statistics viewer
    ("motcua.quantri", ADMIN),  # system administrator
    ("khcn.vanthu", QUEUES),  # clerk
    ("khcn.tiepnhan", QUEUES),  # one-stop officer
    ("khcn.giamdoc", QUEUES),  # agency leader: works on dossiers, reads the dashboard too
    ("037090001234", "/ca-nhan/"),  # citizen
])
def test_each_role_lands_on_a_page_it_may_open(province_logins, username, lands):
    response = Client().post("/tai-khoan/login/", {"username": username,
                                                   "password": DEMO_PASSWORD},
                             follow=True, REMOTE_ADDR="10.0.0.7")
    assert response.redirect_chain[-1][0] == lands
    assert response.status_code == 200


@pytest.mark.parametrize(("username", "shown"), [
    ("motcua.thongke", {"Bảng điều hành"}),
    ("motcua.quantri", {"Quản trị"}),
    ("khcn.vanthu", {"Hồ sơ công việc", "Văn bản", "Thi đua, khen thưởng"}),
    ("khcn.tiepnhan", {"Hồ sơ công việc", "Thi đua, khen thưởng"}),
    ("khcn.giamdoc", {"Hồ sơ công việc", "Văn bản", "Thi đua, khen thưởng", "Bảng điều hành"}),
    ("037090001234", {"Hồ sơ của tôi"}),
])
def test_the_header_shows_only_the_links_the_user_may_open(province, username, shown):
    client = Client()
    client.force_login(User.objects.get(username=username))
    header = client.get("/").content.decode().split("</header>", 1)[0]
    found = {name for name, url in LINKS.items() if f'href="{url}">{name}</a>' in header}
    assert found == shown
    for name in shown:
        assert client.get(LINKS[name]).status_code == 200, name


def test_anyone_finds_the_public_notice_of_awards_in_the_footer(world):
    page = Client().get("/").content.decode()
    assert 'href="/thi-dua/quyet-dinh/">Công khai khen thưởng</a>' in page.split("<footer", 1)[1]


def test_nobody_signed_in_sees_no_working_link(world):
    header = Client().get("/").content.decode().split("</header>", 1)[0]
    assert not any(f'href="{url}"' in header for url in LINKS.values())


def test_the_home_page_lists_the_officers_roles_where_they_hold_them(world):
    client = Client()
    client.force_login(User.objects.get(username="khcn.chuyenvien"))
    page = " ".join(client.get("/").content.decode().split())
    assert ("<li>Chuyên viên — Sở Khoa học và Công nghệ (Phòng Bưu chính, Viễn thông và Công "
            "nghệ thông tin)</li>") in page
