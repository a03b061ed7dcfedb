"""The agency portals as readers see them: home, article, archive by date, search, feeds,
sitemap, Dublin Core, footer."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.cms.conftest import local, path_of, publish_article

pytestmark = pytest.mark.django_db


def test_every_agency_portal_is_a_path_below_the_provincial_one(client, portals):
    assert path_of(portals.provincial) == "/cong/"
    assert path_of(portals.science) == "/cong/so-khcn/"
    response = client.get("/cong/so-khcn/")
    assert response.status_code == 200
    assert "Sở Khoa học và Công nghệ" in response.content.decode()


def test_an_agency_portal_answers_on_its_own_hostname(client, portals, settings):
    from wagtail.models import Site

    settings.ALLOWED_HOSTS = ["skhcn.ninhbinh.gov.vn", "testserver", "localhost"]
    Site.objects.filter(root_page=portals.science).update(hostname="skhcn.ninhbinh.gov.vn")
    response = client.get("/cong/", HTTP_HOST="skhcn.ninhbinh.gov.vn")
    assert response.status_code == 200
    assert '<h1 class="visually-hidden">Sở Khoa học và Công nghệ</h1>' in response.content.decode()


def test_the_article_shows_its_parts_and_the_vietnamese_weekday(client, portals):
    # sample page 001: 31/05/2020 was a Sunday, news is published on weekends too
    article = publish_article(
        portals.science, title="Hội nghị chuyển đổi số", kicker="Đảng bộ cơ quan Sở:",
        author="Phương Bùi", is_republished=True, source_name="Báo Ninh Bình",
        at=local(2020, 5, 31, 8, 49),
        body=[("subheading", "Kết quả nổi bật"),
              ("paragraph", "<p>Năm 2020 Sở đã hoàn thành.</p>")])
    page = client.get(path_of(article)).content.decode()
    assert "Chủ nhật, 31/05/2020 08:49" in page
    for part in ("Đảng bộ cơ quan Sở:", "Phương Bùi", "Báo Ninh Bình", "Kết quả nổi bật",
                 "Số lượt xem"):
        assert part in page


def test_view_counts_are_kept_outside_the_page_row(client, portals):
    from motcua.cms import selectors
    from motcua.cms.models import PageViewDay

    article = publish_article(portals.science, title="Tin đếm lượt xem")
    revisions = article.revisions.count()
    client.get(path_of(article))
    client.get(path_of(article))
    assert selectors.view_count(article) == 2
    assert PageViewDay.objects.get(page_id=article.pk).count == 2
    assert article.revisions.count() == revisions


def test_the_archive_lists_the_items_of_a_day_with_its_weekday(client, portals):
    publish_article(portals.science, title="Tin ngày hai tháng bảy", at=local(2020, 7, 2, 9, 7))
    publish_article(portals.science, title="Tin ngày ba tháng bảy", at=local(2020, 7, 3, 0, 30))
    publish_article(portals.culture, title="Tin của Sở khác", at=local(2020, 7, 2, 10, 0))
    page = client.get("/cong/so-khcn/ngay/2020-07-02/").content.decode()
    assert "Thứ năm, 02/07/2020" in page
    assert "Tin ngày hai tháng bảy" in page
    assert "Tin ngày ba tháng bảy" not in page
    assert "Tin của Sở khác" not in page
    picked = client.get("/cong/so-khcn/ngay/", {"ngay": "2020-07-03"})
    assert picked.status_code == 302 and picked["Location"].endswith("/ngay/2020-07-03/")
    assert client.get("/cong/so-khcn/ngay/2020-02-30/").status_code == 404


def test_search_folds_diacritics_and_d_stroke(client, portals):
    publish_article(portals.science, title="Tiếp công dân định kỳ tháng 12")
    publish_article(portals.science, title="Hội thảo khoa học")
    for query in ("tiep cong dan", "TIẾP CÔNG DÂN", "dinh ky"):
        page = client.get("/cong/so-khcn/tim-kiem/", {"q": query}).content.decode()
        assert "Tiếp công dân định kỳ" in page, query
        assert "Hội thảo khoa học" not in page


def test_search_matches_whole_words_only(client, portals):
    publish_article(portals.science, title="Tiếp công dân định kỳ tháng 12")
    publish_article(portals.science, title="Đảng bộ Sở đang học tập nghị quyết")
    page = client.get("/cong/so-khcn/tim-kiem/", {"q": "dan"}).content.decode()
    assert "Tiếp công dân định kỳ" in page
    assert "Đảng bộ Sở" not in page  # 'dang' holds 'dan', but not as a word
    page = client.get("/cong/so-khcn/tim-kiem/", {"q": "dang bo"}).content.decode()
    assert "Đảng bộ Sở" in page and "Tiếp công dân" not in page


def test_search_of_the_provincial_portal_covers_its_components(client, portals):
    publish_article(portals.culture, title="Đón tiếp đoàn văn hóa")
    page = client.get("/cong/tim-kiem/", {"q": "don tiep"}).content.decode()
    assert "Đón tiếp đoàn văn hóa" in page
    page = client.get("/cong/so-khcn/tim-kiem/", {"q": "don tiep"}).content.decode()
    assert "Đón tiếp đoàn văn hóa" not in page


def test_drafts_are_never_shown_to_readers(client, portals):
    from motcua.cms.models import NewsPage

    draft = NewsPage(title="Bản nháp chưa duyệt", lead="x", author_display="A",
                     body=[("paragraph", "<p>x</p>")], live=False)
    portals.science.add_child(instance=draft)
    assert "Bản nháp chưa duyệt" not in client.get("/cong/so-khcn/").content.decode()
    assert "Bản nháp" not in client.get("/cong/so-khcn/tim-kiem/", {"q": "ban nhap"}) \
        .content.decode()
    assert client.get("/cong/so-khcn/ban-nhap-chua-duyet/").status_code == 404


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_are_valid_xml_with_the_latest_items(client, portals, kind):
    publish_article(portals.science, title="Tin trong luồng tin")
    response = client.get(f"/cong/so-khcn/{kind}/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert "Tin trong luồng tin" in ET.tostring(root, encoding="unicode")


def test_the_sitemap_is_valid_xml_and_lists_the_articles(client, portals):
    article = publish_article(portals.science, title="Tin trong sơ đồ trang")
    response = client.get("/cong/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(path_of(article)) for loc in locs)


def test_dublin_core_metadata_on_every_item(client, portals):
    """TT 24/2011 art. 4 (legacy), NĐ 224/2026 art. 11(5): title, creator, date, description,
    publisher, identifier."""
    article = publish_article(portals.science, title="Tin có siêu dữ liệu", author="Hoài An",
                              lead="Tóm tắt của tin.")
    for url in (path_of(article), path_of(portals.science), "/cong/so-khcn/ngay/2020-01-01/"):
        page = client.get(url).content.decode()
        for name in ("DC.title", "DC.creator", "DC.date", "DC.description", "DC.publisher",
                     "DC.identifier"):
            assert f'name="{name}"' in page, (url, name)
    page = client.get(path_of(article)).content.decode()
    assert 'name="DC.creator" content="Hoài An"' in page
    assert 'name="DC.description" content="Tóm tắt của tin."' in page


def test_the_footer_follows_the_site_settings_and_the_licence_only_when_set(client, portals):
    from motcua.cms.models import PortalSettings

    page = client.get("/cong/so-khcn/").content.decode()
    assert "Trưởng ban biên tập: Giám đốc Sở Khoa học và Công nghệ" in page
    assert "0229 3871 234" in page and "skhcn@ninhbinh.gov.vn" in page
    assert "dichvucong.gov.vn" in page
    assert 'id="portal-licence"' not in page
    footer = PortalSettings.objects.get(site__root_page=portals.science)
    footer.licence = "Giấy phép số 23/GP-TTĐT ngày 30/3/2016"
    footer.save()  # as the settings' form in /bien-tap/ saves it (the page cache hears of it)
    assert "Giấy phép số 23/GP-TTĐT" in client.get("/cong/so-khcn/").content.decode()


def test_related_articles_share_a_category(client, portals):
    from motcua.cms.models import NewsCategory

    party = NewsCategory.objects.create(home=portals.science, name="Tin Đảng", slug="tin-dang")
    first = publish_article(portals.science, title="Đại hội chi bộ")
    second = publish_article(portals.science, title="Học tập nghị quyết")
    publish_article(portals.science, title="Tin khác chuyên mục")
    for article in (first, second):
        article.categories.set([party])
        article.save_revision().publish()
    page = client.get(path_of(second)).content.decode()
    related = page.split('id="related"')[1]
    assert "Đại hội chi bộ" in related and "Tin khác chuyên mục" not in related


def test_a_republished_item_needs_its_source(portals):
    """NĐ 43/2011 art. 5(3) (legacy): re-used information cites its source."""
    from django.core.exceptions import ValidationError

    from motcua.cms.models import NewsPage

    article = NewsPage(title="Tin đăng lại", lead="x", author_display="A", is_republished=True,
                       body=[("paragraph", "<p>x</p>")], slug="tin-dang-lai")
    with pytest.raises(ValidationError):
        article.full_clean()
