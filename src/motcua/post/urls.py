"""The public post's pages (integrations §4), under /buu-chinh/."""

from django.urls import path  # noqa: F401

app_name = "post"
urlpatterns: list = []
