from django.urls import path

from motcua.slips import views

app_name = "slips"
urlpatterns = [
    path("<str:code>/<slug:slip>.pdf", views.slip_pdf, name="pdf"),
]
