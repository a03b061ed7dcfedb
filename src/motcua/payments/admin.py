import datetime as dt

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from motcua.core import downloads
from motcua.core.spreadsheets import XLSX
from motcua.payments import reconciliation
from motcua.payments.models import PaymentTransaction, Receipt


@admin.register(PaymentTransaction)
class PaymentTransactionAdmin(admin.ModelAdmin):
    """Online payment attempts, read only: they move only by the platform's word (its
    notification, our QUERY). The action downloads the reconciliation of the chosen attempts'
    days (docs/payments.md)."""

    list_display = ("reference", "dossier", "amount_vnd", "state", "provider_transaction",
                    "started_at", "settled_at", "mismatch")
    list_filter = ("state", "provider", ("mismatch", admin.EmptyFieldListFilter))
    search_fields = ("reference", "dossier__code", "provider_transaction")
    date_hierarchy = "started_at"
    list_select_related = ("dossier",)
    readonly_fields = [field.name for field in PaymentTransaction._meta.fields]
    actions = ["reconciliation_of_the_day"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Tải bảng đối soát ngày của giao dịch đầu tiên được chọn"))
    def reconciliation_of_the_day(self, request, queryset):
        first = queryset.order_by("started_at").first()
        day: dt.date = reconciliation.to_local(first.started_at).date()
        return downloads.document(reconciliation.workbook(None, day), XLSX,
                                  reconciliation.file_name(day), private=True)


@admin.register(Receipt)
class ReceiptAdmin(admin.ModelAdmin):
    list_display = ("transaction", "delivered_at", "attempts", "failed_at", "last_error_at")
    list_filter = (("delivered_at", admin.EmptyFieldListFilter),)
    search_fields = ("transaction__reference", "transaction__dossier__code")
    readonly_fields = [field.name for field in Receipt._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
