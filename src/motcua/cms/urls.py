"""The editors' admin (/bien-tap/) and the agencies' portals (/cong/): on one host every agency's
portal is a path below the provincial portal's (/cong/<agency>/); with its own hostname a Site
serves it at /cong/ there."""

from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from motcua.cms import page_cache

# Wagtail's routes, its page serving behind the readers' page cache (same pattern, same name)
portal_urls = [
    re_path(wagtail_urls.serve_pattern, page_cache.serve, name="wagtail_serve"),
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
]

urlpatterns = [
    path("bien-tap/", include(wagtailadmin_urls)),
    path("cong/sitemap.xml", sitemap, name="cms_sitemap"),
    path("cong/", include(portal_urls)),
]
