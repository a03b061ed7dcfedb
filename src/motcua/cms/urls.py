"""The editors' admin (/bien-tap/) and the agencies' portals (/cong/): on one host every agency's
portal is a path below the provincial portal's (/cong/<agency>/); with its own hostname a Site
serves it at /cong/ there. Anonymous readers get kept pages from cms.page_cache's middleware."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from motcua.cms import views

urlpatterns = [
    path("bien-tap/", include(wagtailadmin_urls)),
    path("cong/sitemap.xml", sitemap, name="cms_sitemap"),
    # the images of the portals (under MEDIA_URL, where Wagtail's renditions say they are)
    path(f"media/{views.RENDITIONS}<path:path>", views.rendition, name="cms_rendition"),
    path("cong/", include(wagtail_urls)),  # readers' page cache: cms.page_cache
]
