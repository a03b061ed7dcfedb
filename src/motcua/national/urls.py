"""The national integrations in the back office, under /can-bo/ket-noi/."""

from django.urls import path

from motcua.national import views

app_name = "national"
urlpatterns = [
    path("", views.operator, name="operator"),
    path("dvcqg/gui-lai/", views.resend, name="resend"),
    path("dvcqg/tu-choi/<int:pk>/thu-lai/", views.retry_push, name="retry_push"),
    path("dvcqg/hoi-ngay/", views.poll_now, name="poll_now"),
    path("danh-muc/lay-ngay/", views.pull_catalogue, name="pull_catalogue"),
    path("danh-muc/<int:pk>/", views.catalogue_report, name="catalogue_report"),
]
