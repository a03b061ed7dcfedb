"""The readers' page cache (e-portal spec §9): anonymous readers get a kept copy, dropped when a
page of the Site is published, unpublished or moved or the footer changes; signed-in editors
never get one; an article served from the cache still counts its view; the language form's
token is each reader's own."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from motcua.cms import selectors
from motcua.cms.models import NewsPage, PortalSettings
from tests.cms.conftest import path_of, publish_article

pytestmark = pytest.mark.django_db


def behind_wagtails_back(article, **fields):
    """A change no signal reports: the cache does not know of it."""
    NewsPage.objects.filter(pk=article.pk).update(**fields)


def test_an_anonymous_reader_gets_the_kept_copy_until_the_page_is_published_again(portals):
    article = publish_article(portals.science, title="Hội nghị chuyển đổi số")
    url = path_of(article)
    assert "Hội nghị chuyển đổi số" in Client().get(url).content.decode()
    behind_wagtails_back(article, title="Tiêu đề đổi ngầm")
    assert "Hội nghị chuyển đổi số" in Client().get(url).content.decode()  # the kept copy

    article.refresh_from_db()
    article.title = "Hội nghị chuyển đổi số năm 2026"
    article.save_revision().publish()
    assert "Hội nghị chuyển đổi số năm 2026" in Client().get(url).content.decode()


def test_the_home_page_lists_a_new_article_at_once(portals):
    publish_article(portals.science, title="Tin thứ nhất")
    home = path_of(portals.science)
    assert "Tin thứ nhất" in Client().get(home).content.decode()
    publish_article(portals.science, title="Tin thứ hai")
    assert "Tin thứ hai" in Client().get(home).content.decode()


def test_an_unpublished_article_is_gone_at_once(portals):
    article = publish_article(portals.science, title="Tin sẽ gỡ")
    url = path_of(article)
    assert Client().get(url).status_code == 200
    article.unpublish()
    assert Client().get(url).status_code == 404


def test_signed_in_editors_never_get_a_kept_copy(portals):
    article = publish_article(portals.science, title="Tin của ban biên tập")
    url = path_of(article)
    Client().get(url)
    behind_wagtails_back(article, title="Tiêu đề mới của biên tập viên")
    editor = Client()
    editor.force_login(portals.editor)
    assert "Tiêu đề mới của biên tập viên" in editor.get(url).content.decode()


def test_an_article_served_from_the_cache_still_counts_its_view(portals):
    article = publish_article(portals.science, title="Tin được đọc")
    for _ in range(3):
        assert Client().get(path_of(article)).status_code == 200
    assert selectors.view_count(article) == 3


def test_pages_with_a_query_are_never_kept(portals):
    publish_article(portals.science, title="Tiếp công dân định kỳ")
    search = f"{path_of(portals.science)}tim-kiem/?q=tiep+cong+dan"
    assert "Tiếp công dân định kỳ" in Client().get(search).content.decode()
    article = NewsPage.objects.get(title="Tiếp công dân định kỳ")
    behind_wagtails_back(article, search_folded="khac")
    assert "Tiếp công dân định kỳ" not in Client().get(search).content.decode()


def test_a_changed_footer_shows_at_once(portals):
    home = path_of(portals.science)
    Client().get(home)
    footer = PortalSettings.objects.get(site__root_page=portals.science)
    footer.phone = "0229 3999 999"
    footer.save()
    assert "0229 3999 999" in Client().get(home).content.decode()


def test_each_reader_gets_a_form_token_of_their_own_that_works(portals):
    article = publish_article(portals.science, title="Tin có biểu mẫu")
    url = path_of(article)
    Client().get(url)  # kept
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None and "\x00" not in page
    response = reader.post("/i18n/setlang/", {"language": "en", "next": url,
                                               "csrfmiddlewaretoken": token[1]})
    assert response.status_code == 302


def test_a_kept_home_page_is_served_without_a_database_query(portals, django_assert_num_queries):
    home = path_of(portals.science)
    made = Client().get(home)
    with django_assert_num_queries(0):
        kept = Client().get(home)
    assert kept.content.decode() == re.sub(
        r'(name="csrfmiddlewaretoken" value=")[^"]*', lambda found: found[1] + token_of(kept),
        made.content.decode())


def token_of(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def test_a_kept_copy_carries_the_security_headers_of_the_page_made(portals):
    home = path_of(portals.science)
    made = Client().get(home)
    kept = Client().get(home)
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert made[header]
        assert kept[header] == made[header], header
    assert kept.cookies["csrftoken"].value  # the reader's form cookie, set for this reader


def test_a_changed_site_drops_the_kept_pages(portals):
    from wagtail.models import Site

    home = path_of(portals.science)
    Client().get(home)
    site = Site.objects.get(root_page=portals.provincial)
    PortalHomePage = type(portals.science)
    PortalHomePage.objects.filter(pk=portals.science.pk).update(title="Tên cổng đổi ngầm")
    site.site_name = "Cổng tỉnh"
    site.save()
    assert "Tên cổng đổi ngầm" in Client().get(home).content.decode()
