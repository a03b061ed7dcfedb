"""Every write of the e-portals: setting up an agency's portal (its Site, editors, editorial
board and approval workflow) and counting readers (cms.view_counts)."""

from __future__ import annotations

import zlib

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from motcua.cms import page_cache, rules, view_counts
from motcua.cms.models import (
    BoardApprovalTask,
    DowntimeNotice,
    NewsPage,
    PageViewDay,
    PortalHomePage,
    PortalSettings,
)
from motcua.workcal.selectors import calendar_for

# editors write and submit; nobody of the agency holds "publish_page": only the board's
# approval in the workflow publishes (e-portal spec §6, four eyes)
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
IMAGE_PERMISSIONS = ("add_image", "choose_image", "change_image")


def count_view(page_id: int) -> None:
    """One more reader of the page today: in the shared cache (Redis), folded into the day's
    row by the scheduler (cms.view_counts); straight into the row when the cache is each
    process's own."""
    day = timezone.localdate()
    if view_counts.shared_cache():
        view_counts.add(page_id, day)
    else:
        _add_views(page_id, day, 1)


def _add_views(page_id: int, day, views: int) -> None:
    """One statement that adds the day's row or adds to it (SQLite and PostgreSQL)."""
    table = connection.ops.quote_name(PageViewDay._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (page_id, day, count) VALUES (%s, %s, %s) "  # noqa: S608
            f"ON CONFLICT (page_id, day) DO UPDATE SET count = {table}.count + EXCLUDED.count",
            [page_id, connection.ops.adapt_datefield_value(day), views])


FOLD_LOCK = zlib.crc32(b"motcua.cms.view_counts.fold")


def fold_view_counts() -> int:
    """Move what the view counters hold into the days' rows (the scheduler, every few minutes);
    the views moved. Each view moves once: the folds run one at a time (a PostgreSQL advisory
    lock; SQLite's write transactions are serial), each reads the counters once it holds that
    turn and takes off them what it adds to the rows, so a view counted meanwhile stays on its
    counter for the next fold. When the transaction fails the views taken are given back."""
    if not view_counts.shared_cache():
        return 0
    page_ids = list(NewsPage.objects.values_list("pk", flat=True))
    taken: list[tuple[int, object, int]] = []
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
            for (page_id, day), views in view_counts.pending(page_ids,
                                                              view_counts.days()).items():
                _add_views(page_id, day, views)
                view_counts.take(page_id, day, views)
                taken.append((page_id, day, views))
    except Exception:
        for page_id, day, views in taken:
            view_counts.give_back(page_id, day, views)
        raise
    return sum(views for _page, _day, views in taken)


def _permission(codename: str) -> Permission:
    app = {"access_admin": "wagtailadmin"}.get(codename)
    if app is None:
        app = "wagtailcore" if codename.endswith("_page") else "wagtailimages"
    return Permission.objects.get(content_type__app_label=app, codename=codename)


def _group(name: str, home: PortalHomePage, collection: Collection) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(_permission("access_admin"))
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page=home,
                                                  permission=_permission(codename))
    for codename in IMAGE_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(codename))
    return group


def default_sections() -> list[tuple[str, dict]]:
    """A new portal's home page shows what the platform holds of its agency (e-portal spec §3):
    its procedures, this year's figures, published feedback answers, reception sessions."""
    return [
        ("procedures", {"heading": _("Thủ tục hành chính"), "limit": 5}),
        ("figures", {"heading": _("Kết quả giải quyết hồ sơ năm nay")}),
        ("answers", {"heading": _("Trả lời phản ánh, kiến nghị"), "limit": 5}),
        ("reception", {"heading": _("Lịch tiếp công dân"), "limit": 5}),
    ]


@transaction.atomic
def set_up_portal(agency, *, parent: PortalHomePage | None = None, slug: str,
                  title: str | None = None, hostname: str = "", port: int = 80,
                  settings: dict | None = None) -> PortalHomePage:
    """The agency's portal: its home page with the platform's sections (under the provincial
    portal's when ``parent`` is given, else at the top: the provincial portal, the default
    Site), a Site for its own
    hostname, an image collection, the groups 'Biên tập viên' and 'Ban biên tập' and the
    workflow where the board approves before publication."""
    home = PortalHomePage(title=title or agency.name, slug=slug, agency=agency,
                          sections=default_sections())
    (parent or Page.get_first_root_node()).add_child(instance=home)
    home.save_revision().publish()
    if parent is None:  # replaces the default Site (Wagtail's welcome page after install)
        Site.objects.filter(Q(is_default_site=True) | Q(hostname=hostname or "localhost",
                                                       port=port)).delete()
        Site.objects.create(hostname=hostname or "localhost", port=port, root_page=home,
                            is_default_site=True, site_name=home.title)
    else:  # its own hostname in production; on one host (make run) only its path is used
        Site.objects.create(hostname=hostname or f"{slug}.localhost", port=port,
                            root_page=home, site_name=home.title)
    PortalSettings.objects.update_or_create(
        site=Site.objects.get(root_page=home),
        defaults={"portal_name": home.title, "agency_name": agency.name, **(settings or {})})
    collection = Collection.get_first_root_node().add_child(name=agency.name[:255])
    editors = _group(_("Biên tập viên — %(agency)s") % {"agency": agency.name}, home, collection)
    board = _group(_("Ban biên tập — %(agency)s") % {"agency": agency.name}, home, collection)
    workflow = Workflow.objects.create(
        name=(_("Duyệt tin — %(agency)s") % {"agency": agency.name})[:255])
    task = BoardApprovalTask.objects.create(
        name=_("Ban biên tập duyệt — %(agency)s") % {"agency": agency.name})
    task.groups.set([board])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    home.editors_group, home.board_group = editors, board
    return home


class NoticeRefused(ValueError):
    """A downtime notice the rules refuse; the message says why."""


@transaction.atomic
def announce_downtime(home: PortalHomePage, *, starts_at, ends_at, reason: str,
                      by) -> DowntimeNotice:
    """Announce a planned interruption of ``home``'s portal: at least 7 working days ahead of
    it, with the expected return (NĐ 224/2026 art. 13(1)); only by whoever edits the portal."""
    if not home.permissions_for_user(by).can_edit():
        raise PermissionDenied
    now = timezone.now()
    earliest = rules.earliest_downtime_day(timezone.localdate(now),
                                           calendar_for(home.agency).is_working_day)
    if timezone.localtime(starts_at).date() < earliest:
        raise NoticeRefused(_(
            "Tạm ngừng theo kế hoạch phải được thông báo trước ít nhất %(days)d ngày làm việc "
            "(Nghị định 224/2026/NĐ-CP, điều 13): thông báo hôm nay thì chỉ được tạm ngừng từ "
            "ngày %(earliest)s.") % {"days": rules.DOWNTIME_NOTICE_WORKING_DAYS,
                                    "earliest": f"{earliest:%d/%m/%Y}"})
    if ends_at <= starts_at:
        raise NoticeRefused(_("Thời điểm dự kiến hoạt động trở lại phải sau thời điểm tạm ngừng."))
    notice = DowntimeNotice.objects.create(home=home, starts_at=starts_at, ends_at=ends_at,
                                           reason=reason, announced_at=now, announced_by=by)
    # readers see the notice at once, not when the kept pages expire
    transaction.on_commit(lambda: page_cache.forget_around(home))
    return notice
