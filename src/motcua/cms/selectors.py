"""Every read of the e-portals, scoped to one agency's portal (its home page's subtree) and to
what is live: readers never see drafts."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils import timezone
from wagtail.models import Site

from motcua.cms.models import NewsPage, PageViewDay, PortalHomePage, PortalSettings
from motcua.core.text import words

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
    """Articles of this portal and of its component portals containing every word of the query,
    diacritics folded on both sides ('tiep cong dan' finds 'Tiếp công dân', đ -> d)."""
    terms = words(query)
    if not terms:
        return []
    found = _live_news(home)
    for term in terms:
        found = found.filter(search_folded__contains=term)
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


def view_count(page) -> int:
    return PageViewDay.objects.filter(page_id=page.pk).aggregate(n=Sum("count"))["n"] or 0


def settings_for(home: PortalHomePage) -> PortalSettings | None:
    """The footer settings of the nearest Site at or above this portal (one Site per agency)."""
    chain = [home.pk, *reversed(home.get_ancestors().values_list("pk", flat=True))]
    sites = {site.root_page_id: site for site in Site.objects.filter(root_page_id__in=chain)}
    for pk in chain:
        if pk in sites:
            return PortalSettings.objects.filter(site=sites[pk]).first()
    return None
