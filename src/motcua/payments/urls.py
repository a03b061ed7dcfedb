"""Online payment (integrations §3), under /thanh-toan/."""

from django.urls import path  # noqa: F401

app_name = "payments"
urlpatterns: list = []
