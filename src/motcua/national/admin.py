from django.contrib import admin

from motcua.national.models import DocumentOrigin, DvcqgSync


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


@admin.register(DocumentOrigin)
class DocumentOriginAdmin(admin.ModelAdmin):
    """Where a fetched file came from, read only: written by the service that fetched it, the
    evidence behind DVCQG's reuse flags and the 766 group-4 figures (docs/eresults.md)."""

    list_display = ("attachment", "origin", "reference", "result_code", "fetched_at")
    list_filter = ("origin",)
    search_fields = ("attachment__dossier__code", "reference", "result_code")
    readonly_fields = [field.name for field in DocumentOrigin._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
