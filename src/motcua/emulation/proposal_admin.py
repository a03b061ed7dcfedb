"""The admin pages of the proposals' data edited by the Department of Home Affairs' emulation
office: the procedure's numbers (time limits, council ratios, base salary), each with its legal
source and start date, the public notices' periods per title, the councils with their members
over time, and the yearly emulation staff of reports 0604.N and 0605.N (docs/emulation-
proposals.md). Proposals, their notices and revocations are handled on the back office's pages;
the comments and revoking decisions are read here."""

from django.contrib import admin

from motcua.emulation.models import (
    Council,
    CouncilMember,
    EmulationStaff,
    NoticeComment,
    NoticePeriod,
    ProcedureValue,
    Revocation,
)


@admin.register(ProcedureValue)
class ProcedureValueAdmin(admin.ModelAdmin):
    list_display = ("parameter", "value", "effective_from", "legal_source")
    list_filter = ("parameter",)


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 1


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")
    inlines = [CouncilMemberInline]


@admin.register(NoticePeriod)
class NoticePeriodAdmin(admin.ModelAdmin):
    list_display = ("award_type", "working_days", "effective_from", "legal_source")
    list_select_related = ("award_type",)


@admin.register(NoticeComment)
class NoticeCommentAdmin(admin.ModelAdmin):
    list_display = ("created_at", "name", "notice")
    list_select_related = ("notice", "notice__proposal")
    readonly_fields = ("notice", "name", "contact", "text", "created_at")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Revocation)
class RevocationAdmin(admin.ModelAdmin):
    list_display = ("decision_number", "decision_date", "issuer", "ground", "proposal")
    list_filter = ("ground",)
    readonly_fields = ("proposal", "ground", "reason", "decision_number", "decision_date",
                       "issuer", "recorded_by", "recorded_at")

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(EmulationStaff)
class EmulationStaffAdmin(admin.ModelAdmin):
    list_display = ("year", "full_name", "agency", "is_female", "birth_year", "education",
                    "started_year", "full_time")
    list_filter = ("year", "education", "full_time", "is_female")
    search_fields = ("full_name", "agency__name")
    autocomplete_fields = ("agency",)
    list_select_related = ("agency",)
