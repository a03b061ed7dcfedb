"""Who runs the portal, as every page's header and footer say it: the site's name and its managing
agency with the address and hotline.

Configured (SITE_NAME, SITE_OPERATOR, SITE_ADDRESS, SITE_HOTLINE), or read from the root agency:
"Cổng Dịch vụ công tỉnh Ninh Bình", managed by "Ủy ban nhân dân tỉnh Ninh Bình".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils.translation import gettext as _

from motcua.org import selectors

CACHE_KEY, CACHE_SECONDS = "portal:site-root-agency", 300


@dataclass(frozen=True)
class Site:
    name: str
    operator: str
    address: str
    hotline: str


def _root_agency() -> tuple[str, str] | None:
    """(the root agency's name, its area's name), e.g. ("Ủy ban nhân dân tỉnh Ninh Bình",
    "Tỉnh Ninh Bình"); None without one."""
    found = cache.get(CACHE_KEY)
    if found is None:
        try:
            agency = selectors.root_agency()
        except DatabaseError:  # an error page while the database is away
            return None
        found = (agency.name, agency.admin_unit.name) if agency else ()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return tuple(found) or None


def site() -> Site:
    configured = settings.MOTCUA_SITE
    root = None if configured["NAME"] and configured["OPERATOR"] else _root_agency()
    name = configured["NAME"]
    if not name:
        area = root[1] if root else ""
        name = _("Cổng Dịch vụ công %(area)s") % {"area": area[:1].lower() + area[1:]} \
            if area else settings.MOTCUA_SITE_NAME
    operator = configured["OPERATOR"] or (root[0] if root else "")
    return Site(name=name.strip(), operator=operator, address=configured["ADDRESS"],
                hotline=configured["HOTLINE"])


def identity(request) -> dict:
    """Context processor: ``site`` on every page."""
    return {"site": site()}
