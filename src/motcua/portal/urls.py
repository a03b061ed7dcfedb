from django.urls import path

from motcua.portal import inbox, views, vneid, voice

app_name = "portal"
urlpatterns = [
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure, name="procedure"),
    path("thu-tuc/<str:code>/mau/<int:order>/", views.component_template, name="template"),
    path("thu-tuc/<str:code>/nop-truc-tuyen/", views.start_filing, name="start_filing"),
    path("tra-cuu", views.lookup, name="lookup"),
    path("phan-anh/", voice.answers, name="feedback_answers"),
    path("phan-anh/tra-cuu", voice.follow, name="feedback_follow"),
    path("tai-khoan/dang-ky/", views.sign_up, name="sign_up"),
    path("tai-khoan/vneid/", vneid.start, name="vneid_start"),
    path("tai-khoan/vneid/callback/", vneid.callback, name="vneid_callback"),
    path("tai-khoan/vneid/lien-ket/", vneid.confirm, name="vneid_confirm"),
    path("tai-khoan/bat-dau/", views.start, name="start"),
    path("tai-khoan/ho-so/", views.profile, name="profile"),
    path("ca-nhan/", views.mine, name="mine"),
    path("ca-nhan/thong-bao/", inbox.inbox, name="inbox"),
    path("ca-nhan/thong-bao/<int:pk>/da-doc/", inbox.read, name="notification_read"),
    path("ca-nhan/dang-soan/<int:pk>/", views.draft_details, name="draft_details"),
    path("ca-nhan/dang-soan/<int:pk>/giay-to/", views.draft_files, name="draft_files"),
    path("ca-nhan/dang-soan/<int:pk>/tai-len/", views.draft_upload, name="draft_upload"),
    path("ca-nhan/dang-soan/<int:pk>/tep/<int:file_pk>/xoa/", views.draft_remove_file,
         name="draft_remove_file"),
    path("ca-nhan/dang-soan/<int:pk>/xem-lai/", views.draft_review, name="draft_review"),
    path("ca-nhan/dang-soan/<int:pk>/xoa/", views.draft_delete, name="draft_delete"),
    path("ca-nhan/ho-so/<str:code>/", views.dossier, name="dossier"),
    path("ca-nhan/ho-so/<str:code>/bo-sung/", views.supplement, name="supplement"),
    path("ca-nhan/ho-so/<str:code>/rut/", views.withdraw, name="withdraw"),
    path("ca-nhan/ho-so/<str:code>/danh-gia/", views.rate, name="rate"),
    path("ca-nhan/phan-anh/gui/", voice.new, name="feedback_new"),
    path("ca-nhan/phan-anh/<str:code>/", voice.case_page, name="feedback"),
    path("ca-nhan/phan-anh/<str:code>/bo-sung/", voice.supplement, name="feedback_supplement"),
]
