from django.urls import path

from motcua.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("<str:code>/tep/<int:pk>/", views.attachment, name="attachment"),
    path("<str:code>/tep/<int:pk>/ky/<str:key>/", views.signed_attachment,
         name="signed_attachment"),
]
