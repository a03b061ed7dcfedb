from django.contrib import admin

from motcua.ops.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """Read-only: the rows are the scheduler's own record."""

    list_display = ("job", "period_start", "started_at", "finished_at", "ok", "host")
    list_filter = ("job", "ok")
    date_hierarchy = "period_start"
    readonly_fields = [field.name for field in JobRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
