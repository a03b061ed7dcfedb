from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from motcua.outbox.models import OutboxMessage
from motcua.outbox.services import retry_now


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "topic", "reference", "recipient", "user",
                    "attempts", "delivered_at", "failed_at")
    list_filter = ("channel", "topic", ("delivered_at", admin.EmptyFieldListFilter),
                   ("failed_at", admin.EmptyFieldListFilter))
    search_fields = ("reference", "recipient", "user__username")
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["retry_now"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Gửi lại ngay các thư đã chọn"))
    def retry_now(self, request, queryset):
        count = retry_now(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, ngettext("%(n)d thư sẽ được gửi lại.",
                                           "%(n)d thư sẽ được gửi lại.", count) % {"n": count},
                          messages.SUCCESS)
