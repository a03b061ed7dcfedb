from django.contrib import admin

from motcua.national.models import DvcqgSync


@admin.register(DvcqgSync)
class DvcqgSyncAdmin(admin.ModelAdmin):
    """What DVCQG has heard of each dossier, read only: "Gửi lại" is on the operator's page
    (/can-bo/ket-noi/)."""

    list_display = ("dossier", "national_code", "synced_version", "marked_at", "attempts",
                    "delivered_at", "failed_at", "last_error_at")
    list_filter = (("delivered_at", admin.EmptyFieldListFilter),
                   ("failed_at", admin.EmptyFieldListFilter))
    search_fields = ("dossier__code", "national_code")
    list_select_related = ("dossier",)
    readonly_fields = [field.name for field in DvcqgSync._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
