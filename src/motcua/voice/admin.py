"""The citizens' voice in the admin. Letters and cases are read-only: every change goes through
the services (the register's numbers, the lifecycle). Clock rules are legal data: a change of
the law is a new row with its effective date, never an edit of a row cases already keep."""

from django.contrib import admin

from motcua.dossiers.admin import ReadOnlyMixin
from motcua.voice.models import (
    ClockRule,
    DenunciationCase,
    DenunciationEvent,
    FeedbackCase,
    FeedbackEvent,
    Letter,
    NationalFeedback,
)


@admin.register(Letter)
class LetterAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("number", "year", "agency", "channel", "classification", "outcome",
                    "received_at", "title")
    list_filter = ("channel", "classification", "outcome", "agency")
    search_fields = ("title", "sender_name")
    date_hierarchy = "received_at"
    list_select_related = ("agency",)


class FeedbackEventInline(ReadOnlyMixin, admin.TabularInline):
    model = FeedbackEvent
    fields = ("version", "at", "action", "actor", "role", "from_status", "to_status", "note")
    extra = 0


@admin.register(FeedbackCase)
class FeedbackCaseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "status", "agency", "subject", "started_at", "answer_due")
    list_filter = ("status", "subject", "class_766", "agency")
    search_fields = ("code", "letter__title")
    date_hierarchy = "started_at"
    inlines = [FeedbackEventInline]
    list_select_related = ("agency", "letter")


@admin.register(NationalFeedback)
class NationalFeedbackAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("case", "national_code", "received", "delivered_at", "attempts",
                    "failed_at", "last_error_at")
    list_filter = ("received",)
    search_fields = ("case__code", "national_code")
    list_select_related = ("case",)


class DenunciationEventInline(ReadOnlyMixin, admin.TabularInline):
    model = DenunciationEvent
    fields = ("version", "at", "action", "role", "from_status", "to_status", "note")
    extra = 0


@admin.register(DenunciationCase)
class DenunciationCaseAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The case without its denouncer: ``Denouncer`` has no admin page at all (Luật Tố cáo
    2018 art. 56: the resolver alone reads it, on the case page)."""

    list_display = ("code", "status", "agency", "accept_due", "resolve_due", "extensions")
    list_filter = ("status", "agency")
    search_fields = ("code", "accused")
    inlines = [DenunciationEventInline]
    list_select_related = ("agency",)


@admin.register(ClockRule)
class ClockRuleAdmin(admin.ModelAdmin):
    list_display = ("track", "clock", "variant", "value", "unit", "effective_from",
                    "legal_source")
    list_filter = ("track", "clock", "unit")

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
