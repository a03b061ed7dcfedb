"""`motcua demo` sets up the provincial portal and two departments' portals with the five real
article pages published as articles, and running it again changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.cms.conftest import path_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(media_in_tmp):
    call_command("demo", stdout=io.StringIO())


def test_the_demo_publishes_the_five_sample_pages_on_two_departments_portals(client, demo):
    from motcua.cms.models import NewsPage, PortalHomePage

    homes = {home.slug: home for home in PortalHomePage.objects.all()}
    assert {"tinh", "so-khcn", "so-vhttdl"} <= set(homes)
    assert NewsPage.objects.live().count() == 5
    assert NewsPage.objects.child_of(homes["so-khcn"]).count() == 3
    assert NewsPage.objects.child_of(homes["so-vhttdl"]).count() == 2

    article = NewsPage.objects.get(slug="dai-hoi-dang-bo-so-tttt-bac-ninh-lan-iv")
    page = client.get(path_of(article)).content.decode()
    assert "Đại hội Đảng bộ Sở Thông tin và Truyền thông lần thứ IV, nhiệm kỳ 2020-2025" in page
    assert "Chủ nhật, 31/05/2020 08:49" in page  # the page's date, the weekday in Vietnamese
    assert "Đảng bộ Sở Thông tin và Truyền thông được thành lập trên cơ sở Chi bộ" in page
    assert 'alt="Lãnh đạo Đảng uỷ Khối các Cơ quan và Doanh nghiệp tỉnh' in page
    assert "Bắc Ninh" in page  # the source it was republished from
    archive = client.get(f"{path_of(homes['so-khcn'])}ngay/2020-05-31/").content.decode()
    assert "lần thứ IV, nhiệm kỳ 2020-2025" in archive


def test_the_demo_twice_gives_the_same_portals_and_articles(demo):
    from wagtail.images.models import Image
    from wagtail.models import Page, Site

    def counts():
        return Page.objects.count(), Site.objects.count(), Image.objects.count()

    first = counts()
    call_command("demo", stdout=io.StringIO())
    assert counts() == first


def test_the_science_portal_shows_the_documents_its_clerk_published(client, demo):
    from motcua.cms.models import PortalHomePage
    from motcua.exchange import demo as documents_demo
    from motcua.exchange.models import OutgoingDocument
    from motcua.org.demo import DEPT_SCIENCE

    documents_demo.load(count=9)  # two of them issued by the Department of Science
    published = OutgoingDocument.objects.filter(agency__identifier_code=DEPT_SCIENCE,
                                                portal_published_at__isnull=False)
    assert published.count() == 2
    home = PortalHomePage.objects.get(agency__identifier_code=DEPT_SCIENCE)
    assert [block.block_type for block in home.sections][-2:] == ["documents", "conclusions"]
    page = client.get(path_of(home)).content.decode()
    assert all(document.notation in page for document in published)
    call_command("demo", stdout=io.StringIO())
    home.refresh_from_db()
    assert [block.block_type for block in home.sections].count("documents") == 1


def test_the_demo_fills_the_mandatory_pages_of_one_agency_only(client, demo):
    from motcua.cms import demo as demo_data
    from motcua.cms import mandatory, selectors
    from motcua.cms.models import InfoPage, PortalHomePage

    science = PortalHomePage.objects.get(slug="so-khcn")
    culture = PortalHomePage.objects.get(slug="so-vhttdl")
    assert {row.state for row in selectors.checklist(science)} == {"present"}
    assert {row.item.code for row in selectors.checklist(science)} == {
        item.code for item in mandatory.ITEMS if not item.locality_only}
    assert "missing" in {row.state for row in selectors.checklist(culture)}

    spokesperson = InfoPage.objects.child_of(science).get(topic="spokesperson")
    page = client.get(path_of(spokesperson)).content.decode()
    assert "Trần Quang Vinh" in page and "0229 3000 151" in page
    assert demo_data.DEMO_NOTE in page  # the names and numbers are made up, and it says so
    leaders = client.get(path_of(InfoPage.objects.get(topic="leaders"))).content.decode()
    assert "<h2" in leaders and "Đinh Công Sơn" in leaders and "Nhiệm vụ đảm nhận" in leaders


def test_the_information_text_gives_subheadings_lists_and_paragraphs():
    from motcua.cms.demo import info_pages

    (page,) = info_pages("=== contacts | lien-he | Liên hệ\n## Sở\nĐịa chỉ: Số 2 <b>\n\n"
                         "- Văn phòng\n- Phòng Kế hoạch\nGiờ làm việc\n")
    assert (page.topic, page.slug, page.title) == ("contacts", "lien-he", "Liên hệ")
    assert [kind for kind, _value in page.body] == ["subheading", "paragraph", "paragraph",
                                                    "paragraph"]
    assert page.body[1][1] == "<p>Địa chỉ: Số 2 &lt;b&gt;</p>"
    assert page.body[2][1] == "<ul><li>Văn phòng</li><li>Phòng Kế hoạch</li></ul>"
