"""Public pages: home, procedure search and page, form templates, the 90th percentile."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.base import ContentFile

from motcua.catalog.selectors import current_version
from motcua.dossiers.models import Dossier
from motcua.portal import figures
from tests.backoffice.conftest import received
from tests.portal.conftest import local

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db, media_in_tmp):
    """The demo's catalogue built by the factories: the search, sector and paging tests need its
    many procedures in other sectors (press conferences, DP.BC001-005) to show what is left
    out."""
    from tests.factories.catalog import demo_catalogue

    demo_catalogue()


def test_home_offers_search_sectors_agencies_and_the_lookup(client, catalogue):
    page = client.get("/").content.decode()
    assert 'role="search"' in page and 'name="q"' in page
    assert "Bưu chính" in page and "Sở Khoa học và Công nghệ" in page
    assert 'name="MHS"' in page and 'name="SGT"' in page


def test_typing_without_diacritics_finds_the_postal_procedures(client, catalogue):
    response = client.get("/thu-tuc/", {"q": "buu chinh"})
    page = response.content.decode()
    assert "Cấp văn bản xác nhận thông báo hoạt động bưu chính" in page
    assert "Cho phép họp báo" not in page


def test_the_search_answers_a_fragment_to_htmx(client, catalogue):
    response = client.get("/thu-tuc/", {"q": "hop bao"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "Cho phép họp báo (trong nước)" in page


def test_a_sector_filter_lists_only_its_procedures(client, catalogue):
    page = client.get("/thu-tuc/", {"linh-vuc": "BUUCHINH"}).content.decode()
    assert "bưu chính" in page and "họp báo" not in page


def test_the_procedure_page_tells_what_a_citizen_needs(client, catalogue):
    page = client.get("/thu-tuc/DP.BC002/").content.decode()
    for expected in ("Sở Khoa học và Công nghệ", "Thông báo hoạt động bưu chính (Phụ lục II)",
                     "10 ngày làm việc", "Trực tuyến", "Nghị định 47/2011/NĐ-CP",
                     "Không phải nộp: cơ quan khai thác từ cơ sở dữ liệu quốc gia",
                     "Đăng nhập để nộp hồ sơ"):
        assert expected in page, expected
    assert 'id="p90"' not in page


def test_an_unknown_procedure_is_404(client, world):
    assert client.get("/thu-tuc/9.999999/").status_code == 404


def test_a_component_template_downloads_under_its_name(client, world, media_in_tmp):
    component = current_version("DP.BC002").components.get(order=1)
    component.template.save("phu-luc-ii.docx", ContentFile(b"PK\x03\x04 form"))
    page = client.get("/thu-tuc/DP.BC002/").content.decode()
    assert "/thu-tuc/DP.BC002/mau/1/" in page
    response = client.get("/thu-tuc/DP.BC002/mau/1/")
    assert response.status_code == 200 and "phu-luc-ii.docx" in response["Content-Disposition"]
    assert client.get("/thu-tuc/DP.BC002/mau/2/").status_code == 404


def test_percentile_is_the_nearest_rank():
    values = [figures.Decimal(n) for n in range(1, 21)]
    assert figures.percentile(values, 90) == 18
    assert figures.percentile(values[:1], 90) == 1
    assert figures.percentile([], 90) is None
    assert figures.half_days_up(figures.Decimal("2.1")) == figures.Decimal("2.5")


def finish(count, days):
    """``count`` counter dossiers accepted Monday 02/03/2026 08:00 and decided ``days`` later."""
    for _ in range(count):
        dossier = received(at=local(2026, 3, 2, 8, 0))
        Dossier.objects.filter(pk=dossier.pk).update(
            finished_at=local(2026, 3, 2, 8, 0) + dt.timedelta(days=days), status=9)


@time_machine.travel(local(2026, 6, 1, 9, 0), tick=False)
def test_the_90th_percentile_appears_once_twenty_dossiers_are_resolved(
        client, world, media_in_tmp):
    finish(17, 2)  # Wednesday 08:00: two working days
    finish(2, 7)  # Monday 09/03 08:00: five working days
    page = client.get("/thu-tuc/DP.BC002/").content.decode()
    assert 'id="p90"' not in page  # 19 dossiers
    finish(1, 7)
    cache.clear()  # the figure is kept for an hour
    page = client.get("/thu-tuc/DP.BC002/").content.decode()
    # 20 values: 17 of 2 days, 3 of 5 days; the 18th is 5
    assert "90% hồ sơ được giải quyết trong 5 ngày làm việc (theo 20 hồ sơ" in page


@time_machine.travel(local(2027, 4, 1, 9, 0), tick=False)
def test_dossiers_older_than_twelve_months_do_not_count(client, world, media_in_tmp):
    with time_machine.travel(local(2026, 3, 2, 8, 0), tick=False):
        finish(20, 2)
    assert 'id="p90"' not in client.get("/thu-tuc/DP.BC002/").content.decode()


def test_the_result_pages_keep_the_search(client, catalogue, monkeypatch):
    from motcua.portal import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    first = client.get("/thu-tuc/", {"q": "buu chinh", "linh-vuc": "BUUCHINH"})
    assert first.context["page"].paginator.num_pages == 3  # DP.BC001-005
    assert "q=buu+chinh&amp;linh-vuc=BUUCHINH&amp;co-quan=&amp;trang=2" in first.content.decode()
    second = client.get("/thu-tuc/", {"q": "buu chinh", "linh-vuc": "BUUCHINH", "trang": 2})
    assert [v.procedure.code for v in second.context["page"]] == ["DP.BC003", "DP.BC004"]
