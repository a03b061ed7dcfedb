"""Official documents in the back office, under /can-bo/van-ban/."""

from django.urls import path

from motcua.exchange import views

app_name = "exchange"
urlpatterns = [
    path("di/", views.outgoing_list, name="outgoing_list"),
    path("di/so.xlsx", views.outgoing_xlsx, name="outgoing_xlsx"),
    path("di/moi/", views.outgoing_new, name="outgoing_new"),
    path("di/<int:pk>/", views.outgoing_page, name="outgoing"),
    path("di/<int:pk>/sua/", views.outgoing_edit, name="outgoing_edit"),
    path("di/<int:pk>/thao-tac/<slug:action>/", views.outgoing_action, name="outgoing_action"),
    path("di/<int:pk>/tep/", views.outgoing_file, name="outgoing_file"),
    path("di/<int:pk>/tep/<int:file_pk>/", views.outgoing_attachment,
         name="outgoing_attachment"),
    path("den/", views.incoming_list, name="incoming_list"),
    path("den/so.xlsx", views.incoming_xlsx, name="incoming_xlsx"),
    path("den/<int:pk>/", views.incoming_page, name="incoming"),
    path("den/<int:pk>/thao-tac/<slug:action>/", views.incoming_action, name="incoming_action"),
    path("den/<int:pk>/tep/", views.incoming_file, name="incoming_file"),
    path("den/<int:pk>/tep/<int:file_pk>/", views.incoming_attachment,
         name="incoming_attachment"),
    path("goi-tin-loi/", views.failed_packages, name="failed_packages"),
    path("goi-tin-loi/<int:pk>/goi-tin.edxml", views.failed_package_raw,
         name="failed_package_raw"),
    path("goi-tin-loi/<int:pk>/thu-lai/", views.failed_package_retry,
         name="failed_package_retry"),
]
