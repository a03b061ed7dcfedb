"""The public post's pages (integrations §4), under /buu-chinh/."""

from django.urls import path

from motcua.post import views

app_name = "post"
urlpatterns = [
    path("lay-ho-so/<str:code>/", views.pickup, name="pickup"),
    path("ket-qua/<str:code>/", views.result, name="result"),
    path("cua-toi/", views.mine, name="mine"),
    path("cua-toi/<int:pk>/huy/", views.cancel, name="cancel"),
    path("can-bo/", views.desk, name="desk"),
    path("can-bo/don/<int:pk>/tiep-nhan/", views.accept, name="accept"),
    path("can-bo/ho-so/<str:code>/giao-buu-dien/", views.hand_over, name="hand_over"),
]
