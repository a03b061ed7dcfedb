"""Online payment (integrations §3), under /thanh-toan/."""

from django.urls import path

from motcua.payments import views

app_name = "payments"
urlpatterns = [
    path("ipn/", views.notify, name="notify"),
    path("ket-qua/", views.back, name="back"),
    path("nghia-vu/", views.owed, name="owed"),
    path("doi-soat/", views.reconciliation_day, name="reconciliation"),
    path("<str:code>/", views.start, name="start"),
    path("<str:code>/bien-lai/", views.receipt, name="receipt"),
]
