from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.messaging.models import PhonePreference, Template, TextMessage, ZaloToken
from motcua.messaging.services import retry_now


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ("notice", "channel", "template_id", "params", "max_length", "active")
    list_filter = ("channel", "active")
    list_editable = ("active",)


@admin.register(TextMessage)
class TextMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "notice", "reference", "phone", "state",
                    "provider_id", "received_at", "attempts")
    list_filter = ("channel", "state", "notice")
    search_fields = ("reference", "phone", "provider_id", "tracking_id")
    readonly_fields = [field.name for field in TextMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    actions = ["retry_now"]

    @admin.action(description=_("Gửi lại ngay các tin đang chờ đã chọn"))
    def retry_now(self, request, queryset):
        count = retry_now(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, ngettext("%(n)d tin sẽ được gửi lại.",
                                           "%(n)d tin sẽ được gửi lại.", count) % {"n": count},
                          messages.SUCCESS)


@admin.register(PhonePreference)
class PhonePreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "channel")
    list_filter = ("channel",)
    search_fields = ("user__username",)


@admin.register(ZaloToken)
class ZaloTokenAdmin(admin.ModelAdmin):
    """Where an operator pastes a new refresh token when Zalo refused the stored one."""

    list_display = ("__str__", "expires_at", "refreshed_at")
    fields = ("refresh_token", "expires_at", "refreshed_at")
    readonly_fields = ("expires_at", "refreshed_at")
