from django.contrib import admin

from motcua.stats.models import FeedKey, PeriodSnapshot


@admin.register(FeedKey)
class FeedKeyAdmin(admin.ModelAdmin):
    """Keys are issued and revoked by ``motcua ioc_key`` (the key is shown once); listed here."""

    list_display = ("name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("name", "key_hash", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PeriodSnapshot)
class PeriodSnapshotAdmin(admin.ModelAdmin):
    """A reporting month's figures as taken once: read only, never changed or deleted."""

    list_display = ("__str__", "taken_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
