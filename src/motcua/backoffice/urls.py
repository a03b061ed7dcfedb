from django.urls import path

from motcua.backoffice import identity, inbox, views

app_name = "backoffice"
urlpatterns = [
    path("", views.queues, name="queues"),
    path("xuat-excel/", views.queue_xlsx, name="queue_xlsx"),
    path("ban-giao/", views.queue_handover, name="queue_handover"),
    path("tiep-nhan/", views.intake, name="intake"),
    path("xac-minh-danh-tinh/", identity.verify_identity, name="identity"),
    path("ho-so/<str:code>/", views.dossier_page, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<slug:action>/", views.do_action, name="action"),
    path("thong-bao/", inbox.inbox, name="inbox"),
    path("thong-bao/<int:pk>/da-doc/", inbox.read, name="notification_read"),
    path("so-theo-doi/", views.register, name="register"),
]
