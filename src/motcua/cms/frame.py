"""The provincial portal around every page of the site (issue: the citizen pages share the
portal's header, footer and navigation): its footer (TT 32/2017 art. 16(3)(c), legacy: owner,
person responsible, address, phone, e-mail, the licence only when held) and its news in the main
menu.

The provincial portal is the root of the default Site. What the pages need of it is read in one
query, kept in the cache for ``SECONDS`` and forgotten at once when a portal's footer settings,
a Site or a published page change, so a citizen's page reads nothing more while it is kept.
Without a provincial portal the pages keep the site's own footer (motcua.portal.site).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished

from motcua.cms.models import PortalHomePage, PortalSettings

CACHE_KEY, SECONDS = "cms:provincial-frame", 300
FOOTER_TEMPLATE = "cms/_footer.html"


@dataclass(frozen=True)
class Frame:
    home: Page  # the provincial portal's home page (its title)
    portal: PortalSettings  # its footer settings
    news_url: str  # its home, the latest news, on this host
    footer_template: str = FOOTER_TEMPLATE


def _read() -> Frame | None:
    portal = PortalSettings.objects.select_related("site__root_page") \
        .filter(site__is_default_site=True).first()
    if portal is None:
        return None
    # the root of the default Site is served at the portals' address itself (/cong/)
    return Frame(home=portal.site.root_page, portal=portal,
                 news_url=reverse("wagtail_serve", args=[""]))


def provincial() -> Frame | None:
    """The provincial portal's frame, or None when there is no portal on the default Site."""
    found = cache.get(CACHE_KEY)
    if found is None:
        try:
            found = _read() or ()
        except DatabaseError:  # an error page while the database is away: the site's footer
            return None
        cache.set(CACHE_KEY, found, SECONDS)
    return found or None


def context(request) -> dict:
    """Context processor: ``portal_frame``, read only when a page shows it."""
    return {"portal_frame": SimpleLazyObject(provincial)}


def forget(**kwargs) -> None:
    """A footer, a Site or a portal's home page (its title) changed: read them again."""
    cache.delete(CACHE_KEY)


for signal, sender in ((post_save, PortalSettings), (post_save, Site), (post_delete, Site),
                       (page_published, PortalHomePage), (page_unpublished, PortalHomePage)):
    signal.connect(forget, sender=sender)
