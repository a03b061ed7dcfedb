from django.contrib import admin

from motcua.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by POST /api/v1/auth/token; here they are listed and revoked."""

    list_display = ("user", "created_at", "expires_at", "last_used_at")
    search_fields = ("user__username",)
    readonly_fields = ("user", "key_hash", "created_at", "expires_at", "last_used_at")

    def has_add_permission(self, request) -> bool:
        return False
