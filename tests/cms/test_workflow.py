"""The editorial workflow through the editors' admin (/bien-tap/): draft -> review -> publish by
the agency's editorial board; editors never publish their own drafts (e-portal spec §6);
scheduled publication and expiry; each agency edits only its own portal."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.cms.conftest import local

pytestmark = pytest.mark.django_db


def article_form(title="Tin hội nghị tổng kết", **extra):
    from django.utils.text import slugify

    from motcua.core.text import fold

    return nested_form_data({
        "title": title, "slug": slugify(fold(title)), "kicker": "", "lead": "Sở tổng kết năm 2026.",
        "author_display": "Hoài An", "source_name": "", "source_url": "",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung hội nghị.</p>"))]),
        "comments": {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0", "MIN_NUM_FORMS": "0",
                     "MAX_NUM_FORMS": "1000"},
        **extra,
    })


def write(client, home, action: str, **extra):
    """The editor's 'Lưu bản nháp' / 'Gửi duyệt' / 'Xuất bản' on a new article under ``home``."""
    from motcua.cms.models import NewsPage

    data = article_form(**extra)
    if action:
        data[f"action-{action}"] = "1"
    response = client.post(f"/bien-tap/pages/add/cms/newspage/{home.pk}/", data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    return NewsPage.objects.child_of(home).get(title=data["title"])


def approve(client, article):
    state = article.current_workflow_task_state
    return client.post(
        f"/bien-tap/pages/workflow/action/{article.pk}/approve/{state.pk}/", {"comment": ""})


def test_an_editor_cannot_publish_and_the_publish_button_only_saves_a_draft(client_as, portals):
    article = write(client_as(portals.editor), portals.science, "publish")
    assert not article.live
    assert article.get_latest_revision() is not None


def test_the_board_publishes_what_an_editor_submitted(client_as, portals):
    editor, board = client_as(portals.editor), client_as(portals.board)
    article = write(editor, portals.science, "submit")
    assert article.workflow_in_progress and not article.live
    approve(editor, article)
    article.refresh_from_db()
    assert not article.live, "the editor approved their own draft"
    approve(board, article)
    article.refresh_from_db()
    assert article.live and article.first_published_at is not None


def test_editors_never_publish_their_own_drafts_even_on_the_board(client_as, portals):
    """E-portal spec §6 (our rule: four eyes): the submitter cannot approve their submission."""
    from motcua.cms.models import BoardApprovalTask

    board = client_as(portals.board)
    article = write(board, portals.science, "submit", title="Tin của thành viên ban biên tập")
    task = BoardApprovalTask.objects.get(groups=portals.science.board_group)
    assert task.get_actions(article, portals.board) == []
    assert not task.get_task_states_user_can_moderate(portals.board).exists()
    approve(board, article)
    article.refresh_from_db()
    assert not article.live


def test_scheduled_publication_and_expiry(client_as, portals):
    from django.utils.module_loading import import_string

    from motcua.cms.models import NewsPage
    from motcua.ops.schedule import jobs

    editor, board = client_as(portals.editor), client_as(portals.board)
    with time_machine.travel(local(2026, 12, 5, 8, 0), tick=False):
        article = write(editor, portals.science, "submit", title="Tin đặt lịch",
                        go_live_at="2026-12-07 07:00", expire_at="2026-12-31 17:00")
        approve(board, article)
        article.refresh_from_db()
        assert not article.live
    job = import_string(next(job for job in jobs() if job.name == "cms_publish").target)
    with time_machine.travel(local(2026, 12, 7, 7, 5), tick=False):
        job()  # the scheduler's every-minute job
        assert NewsPage.objects.get(pk=article.pk).live
    with time_machine.travel(local(2027, 1, 1, 0, 0), tick=False):
        job()
        expired = NewsPage.objects.get(pk=article.pk)
        assert not expired.live and expired.expired


def test_the_page_history_records_who_did_what(client_as, portals):
    from wagtail.models import PageLogEntry

    editor, board = client_as(portals.editor), client_as(portals.board)
    article = write(editor, portals.science, "submit")
    approve(board, article)
    actions = {(entry.action, entry.user_id)
               for entry in PageLogEntry.objects.filter(page_id=article.pk)}
    assert ("wagtail.workflow.start", portals.editor.pk) in actions
    assert ("wagtail.publish", portals.board.pk) in actions
    assert client_as(portals.board).get(f"/bien-tap/pages/{article.pk}/history/") \
        .status_code == 200


def test_an_editor_of_one_agency_cannot_edit_another_agencys_portal(client_as, portals):
    from tests.cms.conftest import publish_article

    other = publish_article(portals.science, title="Tin của Sở Khoa học")
    culture = client_as(portals.culture_editor)
    assert culture.get(f"/bien-tap/pages/{other.pk}/edit/").status_code in (302, 403)
    assert culture.get(f"/bien-tap/pages/add/cms/newspage/{portals.science.pk}/") \
        .status_code in (302, 403)
    response = culture.post(f"/bien-tap/pages/{other.pk}/edit/",
                            article_form(title="Sửa trộm", slug=other.slug))
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title == "Tin của Sở Khoa học" and other.get_latest_revision().object_str \
        == "Tin của Sở Khoa học"
    assert culture.get(f"/bien-tap/pages/{portals.culture.pk}/").status_code == 200


def test_citizens_and_other_staff_have_no_editors_admin(client_as, world, portals):
    assert client_as(world.citizen).get("/bien-tap/").status_code in (302, 403)
    assert client_as(world.officer).get("/bien-tap/").status_code in (302, 403)


def test_the_date_a_reader_sees_is_the_first_publication(client_as, portals, client):
    editor, board = client_as(portals.editor), client_as(portals.board)
    with time_machine.travel(local(2020, 5, 31, 8, 49), tick=False):
        article = write(editor, portals.science, "submit", title="Tin ngày Chủ nhật")
        approve(board, article)
    article.refresh_from_db()
    assert article.first_published_at.astimezone(dt.UTC) == local(2020, 5, 31, 8, 49) \
        .astimezone(dt.UTC)
    page = client.get("/cong/so-khcn/ngay/2020-05-31/").content.decode()
    assert "Chủ nhật, 31/05/2020" in page and "Tin ngày Chủ nhật" in page
