from django.contrib import admin

from motcua.post.models import PostalCancel, PostalEvent, PostalOrder


class PostalEventInline(admin.TabularInline):
    model = PostalEvent
    extra = 0
    can_delete = False
    readonly_fields = ("oid", "status_code", "message", "recipient", "received_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class PostalCancelInline(admin.StackedInline):
    model = PostalCancel
    extra = 0
    can_delete = False
    readonly_fields = ("requested_by", "created_at", "outcome", "attempts", "delivered_at",
                       "failed_at", "last_error")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PostalOrder)
class PostalOrderAdmin(admin.ModelAdmin):
    """The orders to VNPost and their tracking, read only (the counter: /buu-chinh/can-bo/)."""

    list_display = ("order_number", "kind", "agency", "state", "item_code", "attempts",
                    "delivered_at", "failed_at", "created_at")
    list_filter = ("kind", "state", ("failed_at", admin.EmptyFieldListFilter))
    search_fields = ("order_number", "item_code", "name", "dossier__code")
    list_select_related = ("agency",)
    readonly_fields = [field.name for field in PostalOrder._meta.fields]
    inlines = [PostalEventInline, PostalCancelInline]

    def has_add_permission(self, request) -> bool:
        return False
