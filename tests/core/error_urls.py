"""The site's addresses with one more that fails, for the 500 page's tests."""

from django.urls import path

from motcua.urls import handler400, handler403, handler404, handler500  # noqa: F401
from motcua.urls import urlpatterns as site


def broken(request):
    raise RuntimeError("a fault in a page")


urlpatterns = [path("loi-thu/", broken), path("api/v1/loi-thu", broken), *site]
