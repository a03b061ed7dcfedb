"""E-portal worlds: the provincial portal with the portals of two departments of the minimal
world (Science, Culture), each with an editor and a member of its editorial board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest


@dataclass
class Portals:
    provincial: object
    science: object
    culture: object
    editor: object  # Science's editor
    board: object  # Science's editorial board member
    culture_editor: object


def make_portals(world) -> Portals:
    from motcua.cms import services
    from motcua.org.models import Role
    from tests.factories.org import StaffFactory
    from tests.factories.world import culture_department

    culture = culture_department(world)
    provincial = services.set_up_portal(
        world.agency.parent, slug="tinh", title="Cổng thông tin điện tử tỉnh Ninh Bình")
    science = services.set_up_portal(
        world.agency, parent=provincial, slug="so-khcn",
        settings={"person_responsible": "Trưởng ban biên tập: Giám đốc Sở Khoa học và Công nghệ",
                  "address": "Số 2 đường Lê Hồng Phong", "phone": "0229 3871 234",
                  "email": "skhcn@ninhbinh.gov.vn"})
    culture_home = services.set_up_portal(culture, parent=provincial, slug="so-vhtt")

    def member(username, full_name, agency, group):
        user = StaffFactory(username=username, full_name=full_name, agency=agency,
                            role=Role.SPECIALIST)
        user.groups.add(group)
        return user

    return Portals(
        provincial=provincial, science=science, culture=culture_home,
        editor=member("bientap.khcn", "Nguyễn Thu Hà", world.agency, science.editors_group),
        board=member("banbientap.khcn", "Trần Văn Bình", world.agency, science.board_group),
        culture_editor=member("bientap.vhtt", "Lê Thị Mai", culture, culture_home.editors_group),
    )


@pytest.fixture
def portals(world):
    return make_portals(world)


def publish_article(home, *, title, lead="Sa pô của tin.", body=(), at=None, **fields):
    """A live article under ``home``, first published at ``at`` (an aware datetime)."""
    from motcua.cms.models import NewsPage

    article = NewsPage(title=title, lead=lead, author_display=fields.pop("author", "V.H"),
                       body=list(body) or [("paragraph", "<p>Nội dung tin.</p>")], **fields)
    home.add_child(instance=article)
    article.save_revision().publish()
    if at is not None:
        NewsPage.objects.filter(pk=article.pk).update(first_published_at=at)
        article.refresh_from_db()
    return article


def local(*args) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime(*args))


def path_of(page) -> str:
    """The page's path on one host (make run): below the provincial portal's /cong/."""
    from django.test import RequestFactory

    return page.get_url(RequestFactory().get("/", HTTP_HOST="localhost"))
