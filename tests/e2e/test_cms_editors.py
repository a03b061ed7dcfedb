"""The editorial journey in the editors' admin (/bien-tap/) in real Chromium: an editor writes
an article with a captioned image and submits it, cannot publish it; a member of the agency's
editorial board approves it; readers see it on the agency's home page; an editor of another
agency sees none of it (e-portal spec §6)."""

from __future__ import annotations

import pytest

from tests.cms.conftest import make_portals
from tests.e2e.conftest import signed_in_page
from tests.e2e.test_cms import an_image, wagtail_roots
from tests.factories.world import with_demo_password

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def desk(live_server, province, media_in_tmp):
    wagtail_roots()
    portals = make_portals(province)
    with_demo_password([portals.editor, portals.board, portals.culture_editor])
    from wagtail.models import Collection

    image = an_image("Hội nghị tổng kết")  # in the agency's collection, where its editors choose
    image.collection = Collection.objects.get(name=province.agency.name)
    image.save()
    return live_server.url, portals


TITLE = "Sở Khoa học và Công nghệ tổng kết công tác năm 2026"


def footer_action(page, selector: str):
    """A button of the editor's footer: the main one, else in its dropdown."""
    button = page.locator(f'[aria-label="Thao tác (chân trang)"] {selector}')
    if not button.is_visible():
        page.locator('[aria-label="Thao tác (chân trang)"] .w-dropdown__toggle').click()
    return button


def write_and_submit(page, base, home):
    """The editor's new article under ``home``, with a paragraph and a captioned image, sent
    to the board ('Gửi duyệt'): the footer offers no 'Xuất bản'."""
    page.goto(f"{base}/bien-tap/pages/add/cms/newspage/{home.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.get_by_role("textbox", name="Sa pô (tóm tắt)").fill("Sở tổng kết công tác năm 2026.")
    page.get_by_role("textbox", name="Tác giả").fill("Hoài An")
    body = page.locator('[data-contentpath="body"]')
    body.get_by_title("Chèn một khối").click()
    page.get_by_role("option", name="Đoạn văn").click()
    page.locator(".public-DraftEditor-content").first.fill("Hội nghị tổng kết diễn ra tại Sở.")
    body.get_by_title("Chèn một khối").last.click()
    page.get_by_role("option", name="Ảnh có chú thích").click()
    body.get_by_role("button", name="Chọn một hình ảnh").click()
    page.locator(".modal").get_by_text("Hội nghị tổng kết").click()
    body.get_by_role("textbox", name="Văn bản thay thế").fill(
        "Giám đốc Sở phát biểu tại hội nghị tổng kết")
    body.get_by_role("textbox", name="Chú thích", exact=False).first.fill("Giám đốc Sở phát biểu")
    assert page.locator('button[name="action-publish"]').count() == 0
    footer_action(page, 'button[name="action-submit"]').click()
    page.wait_for_url(f"{base}/bien-tap/pages/{home.pk}/")


@pytest.mark.django_db(transaction=True)
def test_an_editor_submits_the_board_approves_and_readers_see_it(open_page, desk):
    from motcua.cms.models import NewsPage

    base, portals = desk
    editor = signed_in_page(open_page, base, "bientap.khcn", "/bien-tap/", DESKTOP)
    write_and_submit(editor, base, portals.science)
    article = NewsPage.objects.get(title=TITLE)
    assert article.workflow_in_progress and not article.live
    editor.goto(f"{base}/bien-tap/pages/{article.pk}/edit/")
    assert editor.locator('button[name="action-publish"]').count() == 0
    assert editor.locator("[data-workflow-action-name]").count() == 0  # no approving one's own

    board = signed_in_page(open_page, base, "banbientap.khcn", "/bien-tap/", DESKTOP)
    board.goto(f"{base}/bien-tap/pages/{article.pk}/edit/")
    approve = '[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    footer_action(board, approve).click()  # 'Phê chuẩn', without a comment
    board.wait_for_url(f"{base}/bien-tap/pages/{portals.science.pk}/")
    article.refresh_from_db()
    assert article.live and not article.workflow_in_progress

    reader = open_page(viewport=DESKTOP)
    reader.goto(f"{base}/cong/so-khcn/")
    reader.get_by_role("link", name=TITLE).click()
    assert reader.get_by_alt_text("Giám đốc Sở phát biểu tại hội nghị tổng kết").count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_editor_of_another_agency_sees_nothing_of_its_portal(open_page, desk):
    from tests.cms.conftest import publish_article

    base, portals = desk
    article = publish_article(portals.science, title=TITLE)
    other = signed_in_page(open_page, base, "bientap.vhtt", "/bien-tap/", DESKTOP)
    other.goto(f"{base}/bien-tap/pages/")  # the explorer opens at the editor's own portal
    assert other.get_by_role("link", name=portals.culture.title).count() >= 1
    science = other.locator(f'a[href="/bien-tap/pages/{portals.science.pk}/"]')
    assert science.count() == 0 and other.get_by_text(TITLE).count() == 0
    for path in (f"/bien-tap/pages/{portals.science.pk}/", f"/bien-tap/pages/{article.pk}/edit/",
                 f"/bien-tap/pages/add/cms/newspage/{portals.science.pk}/"):
        other.goto(f"{base}{path}")
        assert other.url != f"{base}{path}" or other.get_by_text(TITLE).count() == 0
        assert other.locator("#id_title").count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_checklist_shows_a_missing_item_and_then_not_once_it_is_published(open_page, desk):
    from motcua.cms.models import InfoPage

    base, portals = desk
    editor = signed_in_page(open_page, base, "bientap.khcn", "/bien-tap/", DESKTOP)
    editor.goto(f"{base}/bien-tap/noi-dung-bat-buoc/")
    row = editor.locator('tr[data-item="introduction"]')
    assert row.locator(".checklist-state").inner_text() == "Còn thiếu"
    assert editor.get_by_text(portals.culture.title).count() == 0
    page = InfoPage(title="Giới thiệu Sở", topic="introduction",
                    body=[("paragraph", "<p>Chức năng, nhiệm vụ.</p>")])
    portals.science.add_child(instance=page)
    page.save_revision().publish()
    editor.reload()
    assert row.locator(".checklist-state").inner_text() == "Đã có"
    assert row.get_by_role("link").inner_text().startswith("Giới thiệu")
