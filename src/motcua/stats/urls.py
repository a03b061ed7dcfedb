from django.urls import path

from motcua.stats import views

app_name = "stats"
urlpatterns = [
    path("thong-ke", views.public, name="public"),
    path("thong-ke/06a.<str:extension>", views.public_file, name="public_file"),
    path("thong-ke/du-lieu-mo.zip", views.open_data, name="open_data"),
    path("can-bo/thong-ke/", views.dashboard, name="dashboard"),
    path("can-bo/thong-ke/06a.<str:extension>", views.dashboard_file, name="dashboard_file"),
]
