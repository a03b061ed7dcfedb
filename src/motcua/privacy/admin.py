from django.contrib import admin

from motcua.privacy.models import Breach, ClockRule, DataRequest


@admin.register(ClockRule)
class ClockRuleAdmin(admin.ModelAdmin):
    list_display = ("kind", "clock", "value", "unit", "legal_source", "effective_from")
    list_filter = ("clock", "kind")


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    """Read only: a request changes through its lifecycle (the officer's pages)."""

    list_display = ("code", "kind", "status", "submitted_at", "answer_due")
    list_filter = ("status", "kind")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    list_display = ("code", "place", "discovered_at", "personal_data", "cyber_incident")

    def has_delete_permission(self, request, obj=None):
        return False
