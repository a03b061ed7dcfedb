"""Top-level URLs. Each app contributes its own module."""

from django.contrib import admin
from django.urls import include, path, re_path

from motcua.api.urls import api, unknown_address
from motcua.core import metrics, readiness, twofactor
from motcua.core import views as core_views
from motcua.portal import views as portal_views

admin.site.site_header = "motcua — Quản trị hệ thống"
admin.site.site_title = "motcua"
admin.site.index_title = "Quản trị"

# the site's error pages (the API's addresses keep their JSON errors)
handler400 = "motcua.core.errors.bad_request"
handler403 = "motcua.core.errors.permission_denied"
handler404 = "motcua.core.errors.page_not_found"
handler500 = "motcua.core.errors.server_error"

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", readiness.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/xac-thuc/", twofactor.verify, name="otp_verify"),
    path("tai-khoan/xac-thuc/thiet-lap/", twofactor.setup, name="otp_setup"),
    path("tai-khoan/", include("motcua.portal.account_urls")),
    path("admin/", admin.site.urls),
    path("", include("motcua.stats.urls")),
    path("can-bo/van-ban/", include("motcua.exchange.urls")),
    path("can-bo/ket-noi/", include("motcua.national.urls")),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("phieu/", include("motcua.slips.urls")),
    path("ho-so/", include("motcua.dossiers.urls")),
    path("thanh-toan/", include("motcua.payments.urls")),
    path("buu-chinh/", include("motcua.post.urls")),
    path("", include("motcua.cms.urls")),  # /bien-tap/ (editors), /cong/ (e-portals)
    path("api/v1/", api.urls),
    re_path(r"^api/v1/", unknown_address),  # after the API's own: a JSON 404
    path("", include("motcua.portal.urls")),
]
