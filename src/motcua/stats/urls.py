from django.urls import path, re_path

from motcua.stats import views, voice_report

app_name = "stats"
urlpatterns = [
    path("thong-ke", views.public, name="public"),
    # the report's two formats; any other extension is not found
    re_path(r"^thong-ke/06a\.(?P<extension>csv|xlsx)$", views.public_file, name="public_file"),
    path("thong-ke/du-lieu-mo.zip", views.open_data, name="open_data"),
    path("can-bo/thong-ke/", views.dashboard, name="dashboard"),
    re_path(r"^can-bo/thong-ke/06a\.(?P<extension>csv|xlsx)$", views.dashboard_file,
            name="dashboard_file"),
    path("can-bo/thong-ke/khieu-nai-to-cao/", voice_report.page, name="voice_report"),
    path("can-bo/thong-ke/khieu-nai-to-cao.xlsx", voice_report.download,
         name="voice_report_file"),
]
