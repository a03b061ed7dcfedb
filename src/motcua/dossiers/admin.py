"""Dossiers in the admin: read-only. Every change goes through the lifecycle (services.act)."""

from django.contrib import admin

from motcua.core.account_rules import report
from motcua.dossiers.models import AuditDigest, Dossier, DossierEvent, DossierStep, Pause


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EventInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierEvent
    fields = ("version", "at", "action", "actor", "role", "from_status", "to_status", "step_key",
              "note")
    extra = 0


class StepInline(ReadOnlyMixin, admin.TabularInline):
    model = DossierStep
    fields = ("step", "agency", "state", "started_at", "due_at", "ended_at", "ended_by")
    extra = 0


class PauseInline(ReadOnlyMixin, admin.TabularInline):
    model = Pause
    fields = ("kind", "requested_at", "completed_at", "reason", "items", "amount_vnd")
    extra = 0


@admin.register(Dossier)
class DossierAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "status", "owner_name", "receiving_agency", "deciding_agency",
                    "accepted_at", "due_at")
    list_filter = ("status", "channel", "receiving_agency")
    search_fields = ("code", "search_text")
    date_hierarchy = "submitted_at"
    inlines = [StepInline, PauseInline, EventInline]
    list_select_related = ("receiving_agency", "deciding_agency")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A dossier opened in the admin (its applicant's personal data) is a security event."""
        report("sensitive_read", request=request, user=request.user, object_type="dossier",
               object_id=object_id, reason="admin")
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        """A search of the dossiers in the admin is one too (the query may be a name)."""
        if request.GET.get("q"):
            report("sensitive_read", request=request, user=request.user, object_type="dossier",
                   reason="admin_search")
        return super().changelist_view(request, extra_context)


@admin.register(AuditDigest)
class AuditDigestAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The daily digests of the history (``motcua audit digest``), to read and copy the roots."""

    list_display = ("day", "dossiers", "events", "root", "created_at")
    date_hierarchy = "day"
