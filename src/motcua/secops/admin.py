from django.contrib import admin

from motcua.secops.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read only: an event is never changed or deleted here (the chain would break)."""

    list_display = ("sequence", "at", "name", "severity", "delivered_at", "failed_at")
    list_filter = ("name", "severity")
    date_hierarchy = "at"
    readonly_fields = ("sequence", "at", "name", "severity", "line", "delivered_at", "failed_at",
                       "attempts", "last_error", "last_error_at", "next_attempt_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
