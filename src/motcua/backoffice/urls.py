from django.urls import path

from motcua.backoffice import datastore, identity, inbox, reception, views, voice

app_name = "backoffice"
urlpatterns = [
    path("", views.queues, name="queues"),
    path("xuat-excel/", views.queue_xlsx, name="queue_xlsx"),
    path("ban-giao/", views.queue_handover, name="queue_handover"),
    path("tiep-nhan/", views.intake, name="intake"),
    path("xac-minh-danh-tinh/", identity.verify_identity, name="identity"),
    path("ho-so/<str:code>/", views.dossier_page, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<slug:action>/", views.do_action, name="action"),
    path("ho-so/<str:code>/kho-du-lieu/", datastore.take_from_store, name="datastore"),
    path("thong-bao/", inbox.inbox, name="inbox"),
    path("thong-bao/<int:pk>/da-doc/", inbox.read, name="notification_read"),
    path("so-theo-doi/", views.register, name="register"),
    path("don/", voice.letters, name="letters"),
    path("don/<int:pk>/phan-loai/", voice.letter_classify, name="letter_classify"),
    path("don/<int:pk>/chuyen/", voice.letter_forward, name="letter_forward"),
    path("don/<int:pk>/ban-quet/", voice.letter_scan, name="letter_scan"),
    path("tiep-cong-dan/", reception.visits, name="reception"),
    path("tiep-cong-dan/<int:pk>/tra-loi/", reception.answer, name="reception_answer"),
    path("tiep-cong-dan/lich/", reception.schedule, name="reception_schedule"),
    path("phan-anh/", voice.queue, name="feedback_queue"),
    path("phan-anh/<str:code>/", voice.case_page, name="feedback"),
    path("phan-anh/<str:code>/thao-tac/<slug:action>/", voice.case_action,
         name="feedback_action"),
    path("khieu-nai/", voice.complaint_queue, name="complaint_queue"),
    path("khieu-nai/<str:code>/", voice.complaint_page, name="complaint"),
    path("khieu-nai/<str:code>/thao-tac/<slug:action>/", voice.complaint_action,
         name="complaint_action"),
    path("khieu-nai/<str:code>/<slug:notice>.pdf", voice.complaint_notice,
         name="complaint_notice"),
]
