"""The site's addresses and error handlers with one more address that fails, for the 500 page's
tests (the star import takes the site's handler400 … handler500 along with its urlpatterns)."""

from django.urls import path

from motcua.urls import *  # noqa: F403
from motcua.urls import urlpatterns as site


def broken(request):
    raise RuntimeError("a fault in a page")


urlpatterns = [path("loi-thu/", broken), path("api/v1/loi-thu", broken), *site]
