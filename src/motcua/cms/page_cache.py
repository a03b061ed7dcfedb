"""The portals' pages kept for anonymous readers (e-portal spec §9: article and home pages cached,
invalidated on publication).

A page is kept under its Site, language and path for ``SECONDS`` (the platform's sections — the
figures, answers and schedules — are at most that old) and dropped at once when a page of that
Site is published, unpublished or moved, when any portal's footer settings change, or when an
agency's clerk publishes a document on its portal or withdraws one: each Site's entries carry
its generation, which these events renew. Only a GET without a query string from
a reader without a session is served from or kept in the cache: signed-in editors (and anyone
with a session: a password-protected page they opened, a message) always get the page made for
them. The form token of the page (the language switch) is put back for each reader, and an
article served from the cache still counts its view.
"""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from motcua.cms.models import PortalHomePage, PortalSettings
from motcua.exchange.models import OutgoingDocument
from motcua.exchange.services.outgoing import PORTAL_FIELDS

SECONDS = 300
PREFIX = "cms:page"
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
TOKEN_MARK = "\x00csrf\x00"


def _generation_key(site_id: int) -> str:
    return f"{PREFIX}:generation:{site_id}"


def _generation(site_id: int) -> str:
    return cache.get_or_set(_generation_key(site_id), uuid.uuid4().hex, None)


def key_for(request: HttpRequest, site: Site) -> str:
    return (f"{PREFIX}:{site.pk}:{_generation(site.pk)}:{translation.get_language()}:"
            f"{request.path}")


def cacheable(request: HttpRequest) -> bool:
    return (request.method == "GET" and not request.GET
            and settings.SESSION_COOKIE_NAME not in request.COOKIES)


def serve(request: HttpRequest, path: str):
    """Wagtail's page serving with the cache in front of it (see the module's docstring)."""
    site = Site.find_for_request(request) if cacheable(request) else None
    if site is None:
        return wagtail_views.serve(request, path)
    key = key_for(request, site)
    kept = cache.get(key)
    if kept is not None:
        html, content_type, counted_page = kept
        if counted_page:
            from motcua.cms import services

            services.count_view(counted_page)
        return HttpResponse(html.replace(TOKEN_MARK, get_token(request)),
                            content_type=content_type)
    response = wagtail_views.serve(request, path)
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        html = TOKEN.sub(lambda found: f"{found[1]}{TOKEN_MARK}{found[2]}",
                         response.content.decode(response.charset))
        cache.set(key, (html, response["Content-Type"],
                        getattr(request, "cms_counted_page", None)), SECONDS)
    return response


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
def _footer_changed(sender, instance, **kwargs):
    forget(Site.objects.values_list("pk", flat=True))


@receiver(post_save, sender=OutgoingDocument)
def _document_published_or_withdrawn(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(PORTAL_FIELDS) <= set(update_fields):
        for home in PortalHomePage.objects.filter(agency=instance.agency_id):
            forget_around(home)
