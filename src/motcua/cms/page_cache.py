"""The portals' pages kept for anonymous readers (e-portal spec §9: article and home pages cached,
invalidated on publication).

A page is kept under its host, language and path for ``SECONDS`` (the platform's sections — the
figures, answers and schedules — are at most that old) and dropped at once when a page of its
Site is published, unpublished or moved, when any portal's footer settings or any Site change,
or when an agency's clerk publishes a document on its portal or withdraws one: each Site has a
generation, which these events renew, and a kept page is served only while its Site's
generation is the one it was made in. Only a GET of a portal's page without a query string from
a reader without a session is served from or kept in the cache: signed-in editors (and anyone
with a session: a password-protected page they opened, a message) always get the page made for
them.

``PageCacheMiddleware`` serves a kept page early in the middleware stack (after the CSRF
middleware, which sets the reader's form cookie): the layers after it — authentication, the
security events, the URL resolver, Wagtail's Site and page lookups — are not needed for a page
already made, and a kept page costs two cache reads. The headers those layers added (the
Content-Security-Policy, X-Frame-Options) are kept with the page and sent again; the form token
of the page (the language switch) is put back for each reader, and an article served from the
cache still counts its view.
"""

from __future__ import annotations

import re
import uuid
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from motcua.cms.models import PortalHomePage, PortalSettings
from motcua.exchange.models import OutgoingDocument
from motcua.exchange.services.outgoing import PORTAL_FIELDS

SECONDS = 300
PREFIX = "cms:page"
PORTALS = "/cong/"  # the portals' paths (cms.urls)
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
TOKEN_MARK = "\x00csrf\x00"
NOT_KEPT_HEADERS = {"content-length"}  # worked out again for each copy


class KeptPage(NamedTuple):
    site_id: int
    generation: str  # the Site's generation when the page was made
    html: str  # with TOKEN_MARK where the reader's form token goes
    headers: dict[str, str]
    counted_page: int | None  # the article whose view a copy counts


def _generation_key(site_id: int) -> str:
    return f"{PREFIX}:generation:{site_id}"


def _generation(site_id: int) -> str:
    return cache.get_or_set(_generation_key(site_id), uuid.uuid4().hex, None)


def key_for(request: HttpRequest) -> str:
    return f"{PREFIX}:{request.get_host().lower()}:{translation.get_language()}:{request.path}"


def cacheable(request: HttpRequest) -> bool:
    return (request.method == "GET" and request.path.startswith(PORTALS) and not request.GET
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


def _keepable(response: HttpResponse) -> bool:
    return (response.status_code == 200 and not response.streaming and not response.cookies
            and response.get("Content-Type", "").startswith("text/html"))


class PageCacheMiddleware:
    """Serves the kept copy of a portal's page, or keeps the page made (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable(request):
            return self.get_response(request)
        key = key_for(request)
        kept = cache.get(key)
        if kept is not None and kept.generation == _generation(kept.site_id):
            return _copy(request, kept)
        site = Site.find_for_request(request)
        generation = _generation(site.pk) if site is not None else None
        response = self.get_response(request)
        if generation is not None and _keepable(response):
            _keep(key, request, response, site.pk, generation)
        return response


def _copy(request: HttpRequest, kept: KeptPage) -> HttpResponse:
    if kept.counted_page:
        from motcua.cms import services

        services.count_view(kept.counted_page)
    return HttpResponse(kept.html.replace(TOKEN_MARK, get_token(request)), headers=kept.headers)


def _keep(key: str, request: HttpRequest, response: HttpResponse, site_id: int,
          generation: str) -> None:
    html = TOKEN.sub(lambda found: f"{found[1]}{TOKEN_MARK}{found[2]}",
                     response.content.decode(response.charset))
    headers = {name: value for name, value in response.items()
               if name.lower() not in NOT_KEPT_HEADERS}
    cache.set(key, KeptPage(site_id, generation, html, headers,
                            getattr(request, "cms_counted_page", None)), SECONDS)


def forget(sites) -> None:
    """Every kept page of these Sites is stale from now on."""
    for site_id in sites:
        cache.set(_generation_key(site_id), uuid.uuid4().hex, None)


def forget_around(page) -> None:
    """The Sites that show ``page``: those whose root is the page or above it (on one host the
    provincial portal's Site serves every agency's pages under its paths)."""
    forget(Site.objects.filter(root_page__in=page.get_ancestors(inclusive=True))
           .values_list("pk", flat=True))


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    forget_around(instance)


@receiver(post_page_move)
def _page_moved(sender, instance, **kwargs):
    forget_around(instance)
    forget(Site.objects.filter(root_page__in=kwargs["parent_page_before"].get_ancestors(
        inclusive=True)).values_list("pk", flat=True))


@receiver(post_save, sender=PortalSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _footer_or_site_changed(sender, instance, **kwargs):
    forget(Site.objects.values_list("pk", flat=True))


@receiver(post_save, sender=OutgoingDocument)
def _document_published_or_withdrawn(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(PORTAL_FIELDS) <= set(update_fields):
        for home in PortalHomePage.objects.filter(agency=instance.agency_id):
            forget_around(home)
