"""Every read of the e-portals, scoped to one agency's portal (its home page's subtree) and to
what is live: readers never see drafts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Site

from motcua.cms import mandatory, view_counts
from motcua.cms.models import (
    DowntimeNotice,
    InfoPage,
    NewsPage,
    PageViewDay,
    PortalHomePage,
    PortalSettings,
)
from motcua.core.text import words
from motcua.org.models import AdminLevel

LATEST = 20
RELATED = 5


def _live_news(home: PortalHomePage):
    return NewsPage.objects.live().public().descendant_of(home).order_by("-first_published_at")


def latest_articles(home: PortalHomePage, limit: int = LATEST):
    return list(_live_news(home).child_of(home)[:limit])


def articles_on(home: PortalHomePage, day: dt.date):
    """'Các tin đã đưa ngày': the items of this portal first published on ``day`` (local)."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return list(_live_news(home).child_of(home).filter(
        first_published_at__gte=start, first_published_at__lt=start + dt.timedelta(days=1)))


def search(home: PortalHomePage, query: str):
    """Articles of this portal and of its component portals containing every word of the query
    as a whole word, diacritics folded on both sides ('tiep cong dan' finds 'Tiếp công dân',
    đ -> d; 'dan' does not find 'Đảng' nor 'đang', which fold to 'dang')."""
    terms = words(query)
    if not terms:
        return []
    found = _live_news(home)
    for term in terms:  # a regular expression both SQLite and PostgreSQL read alike
        found = found.filter(search_folded__regex=f"(^|[^a-z0-9]){re.escape(term)}([^a-z0-9]|$)")
    return list(found[:LATEST])


def related_articles(article: NewsPage):
    """The latest live items of the same portal sharing a category, else the latest others."""
    home = article.get_parent()
    others = _live_news(home).child_of(home).exclude(pk=article.pk)
    categories = list(article.categories.values_list("pk", flat=True))
    if categories:
        same = list(others.filter(categories__in=categories).distinct()[:RELATED])
        if same:
            return same
    return list(others[:RELATED])


def rendition_file(name: str):
    """The stored file of a Wagtail image rendition (the portals' images, public), or None: the
    media folder's other files — dossiers' attachments, original uploads — are not among them."""
    from wagtail.images import get_image_model

    found = get_image_model().get_rendition_model().objects.filter(file=name).first()
    return found.file if found is not None else None


def view_count(page) -> int:
    """The page's readers: its days' rows and what the view counters hold not yet folded into
    them (cms.view_counts)."""
    folded = PageViewDay.objects.filter(page_id=page.pk).aggregate(n=Sum("count"))["n"] or 0
    if not view_counts.shared_cache():
        return folded
    return folded + sum(view_counts.pending([page.pk], view_counts.days()).values())


def settings_for(home: PortalHomePage) -> PortalSettings | None:
    """The footer settings of the nearest Site at or above this portal (one Site per agency)."""
    chain = [home.pk, *reversed(home.get_ancestors().values_list("pk", flat=True))]
    sites = {site.root_page_id: site for site in Site.objects.filter(root_page_id__in=chain)}
    for pk in chain:
        if pk in sites:
            return PortalSettings.objects.filter(site=sites[pk]).first()
    return None


@dataclass(frozen=True)
class ChecklistRow:
    item: mandatory.MandatoryItem
    state: str  # "present", "stale" or "missing"
    page: InfoPage | None

    @property
    def published(self) -> dt.datetime | None:
        return self.page.last_published_at if self.page else None


def editable_homes(user) -> list[PortalHomePage]:
    """The portals whose pages ``user`` may edit (their editors and board, the superuser)."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return list(PortalHomePage.objects.filter(pk__in=editable.values("pk")).order_by("path"))


def checklist(home: PortalHomePage, now: dt.datetime | None = None) -> list[ChecklistRow]:
    """Each item the law requires of this portal (cms.mandatory) with its state: present, out
    of date (a yearly item last published too long ago) or missing (no live page)."""
    now = now or timezone.now()
    agency = home.agency
    is_locality = agency is not None and (  # the province's own portal, a commune's
        agency.parent_id is None or agency.admin_unit.level == AdminLevel.COMMUNE)
    pages = {}
    for page in InfoPage.objects.live().child_of(home).order_by("last_published_at"):
        pages[page.topic] = page  # the latest published of a topic wins
    rows = []
    for item in mandatory.ITEMS:
        if item.locality_only and not is_locality:
            continue
        page = pages.get(item.code)
        if page is None:
            state = "missing"
        elif item.current_days and page.last_published_at < now - dt.timedelta(
                days=item.current_days):
            state = "stale"
        else:
            state = "present"
        rows.append(ChecklistRow(item, state, page))
    return rows


def downtime_notice(home: PortalHomePage, now: dt.datetime | None = None):
    """The planned interruption readers of this portal are told about now: announced, and its
    expected return not yet passed; the nearest first."""
    now = now or timezone.now()
    return DowntimeNotice.objects.filter(home=home, announced_at__lte=now, ends_at__gt=now) \
        .order_by("starts_at").first()


def downtime_notices(home: PortalHomePage, now: dt.datetime | None = None):
    """The notices of this portal whose expected return has not passed, the nearest first."""
    return list(DowntimeNotice.objects.filter(home=home, ends_at__gt=now or timezone.now())
                .order_by("starts_at"))
