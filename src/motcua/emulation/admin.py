"""The catalogue and the yearly records, edited by the Department of Home Affairs' emulation
office (staff accounts with the emulation app's permissions: docs/emulation.md). An award type's
page shows its rules inline; an appraisal's or award's list filters by year; "Xét điều kiện"
shows the engine's verdicts for the chosen people or units."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.emulation import proposal_admin, selectors  # noqa: F401 - registers
from motcua.emulation.models import (
    Appraisal,
    Award,
    AwardRule,
    AwardType,
    Case,
    Cluster,
    ClusterMeeting,
    ClusterMembership,
    ClusterProposal,
    ClusterTerm,
    Initiative,
    Movement,
    MovementCriterion,
    Pledge,
    ScoreCriterion,
    UnitMember,
)


class AwardRuleInline(admin.StackedInline):
    model = AwardRule
    extra = 0
    fields = (("subject", "effective_from", "effective_to"), "criteria",
              ("bonus_coefficient", "ballot_threshold", "tie_break_female"), "legal_source")


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin):
    list_display = ("code", "short_name", "name", "family", "level", "decided_by", "cadence",
                    "is_active")
    list_filter = ("family", "level", "decided_by", "is_active")
    search_fields = ("code", "name", "short_name")
    inlines = [AwardRuleInline]


@admin.register(AwardRule)
class AwardRuleAdmin(admin.ModelAdmin):
    list_display = ("award_type", "subject", "bonus_coefficient", "ballot_threshold",
                    "effective_from", "effective_to", "legal_source")
    list_filter = ("subject", "award_type__family")
    search_fields = ("award_type__code", "legal_source")
    list_select_related = ("award_type",)


@admin.register(UnitMember)
class UnitMemberAdmin(admin.ModelAdmin):
    list_display = ("staff", "agency", "is_female", "joined_on", "left_on")
    list_filter = ("is_female",)
    search_fields = ("staff__username", "staff__last_name", "agency__name")
    autocomplete_fields = ("staff", "agency")


class YearRecordAdmin(admin.ModelAdmin):
    list_filter = ("year",)
    search_fields = ("staff__username", "staff__last_name", "agency__name")
    autocomplete_fields = ("staff", "agency")
    list_select_related = ("staff", "agency")
    actions = ["show_verdicts"]

    @admin.action(description=gettext_lazy("Xét điều kiện các danh hiệu, hình thức năm đó"))
    def show_verdicts(self, request, queryset):
        for row in queryset[:20]:
            subject = row.staff or row.agency
            for verdict in selectors.verdicts(subject, row.year):
                level = messages.SUCCESS if verdict.eligible else messages.WARNING
                state = _("đủ điều kiện") if verdict.eligible else _("chưa đủ điều kiện")
                self.message_user(request, f"{subject} — {verdict.code} {row.year}: {state}. "
                                  + " ".join(selectors.reasons_text(verdict)), level)


@admin.register(Appraisal)
class AppraisalAdmin(YearRecordAdmin):
    list_display = ("year", "staff", "agency", "rating", "decision")
    list_filter = ("year", "rating")


@admin.register(Award)
class AwardAdmin(YearRecordAdmin):
    list_display = ("year", "award_type", "staff", "agency", "kind", "decision_number",
                    "decision_date", "issuer")
    list_filter = ("year", "kind", "award_type")
    list_select_related = ("award_type", "staff", "agency")
    search_fields = (*YearRecordAdmin.search_fields, "decision_number")


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "scope", "recognised_by", "decision_number", "used_by")
    list_filter = ("year", "scope", ("used_by", admin.EmptyFieldListFilter))
    search_fields = ("title", "decision_number")
    autocomplete_fields = ("authors", "agency")
    raw_id_fields = ("used_by",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("kind", "staff", "agency", "discipline", "started_on", "ended_on", "pending")
    list_filter = ("kind", "pending", "discipline")
    search_fields = ("staff__username", "staff__last_name", "agency__name", "note")
    autocomplete_fields = ("staff", "agency")
    list_select_related = ("staff", "agency")


# -- movements, clusters and blocks (docs/emulation-clusters.md) ------------------------------


class MovementCriterionInline(admin.TabularInline):
    model = MovementCriterion
    extra = 0


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "form", "kind", "scope", "starts_on", "ends_on")
    list_filter = ("form", "kind", "scope")
    search_fields = ("code", "title")
    inlines = [MovementCriterionInline]


class ClusterMembershipInline(admin.TabularInline):
    model = ClusterMembership
    extra = 0
    autocomplete_fields = ("agency",)


class ClusterTermInline(admin.TabularInline):
    model = ClusterTerm
    extra = 0
    autocomplete_fields = ("head", "deputy")


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "organiser")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    inlines = [ClusterMembershipInline, ClusterTermInline]


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("cluster", "year", "signed_on")
    list_filter = ("year",)
    filter_horizontal = ("signatories",)


@admin.register(ScoreCriterion)
class ScoreCriterionAdmin(admin.ModelAdmin):
    list_display = ("cluster", "year", "code", "name", "kind", "max_points")
    list_filter = ("year", "kind", "cluster")


class ClusterProposalInline(admin.TabularInline):
    model = ClusterProposal
    extra = 0


@admin.register(ClusterMeeting)
class ClusterMeetingAdmin(admin.ModelAdmin):
    list_display = ("cluster", "year", "kind", "held_on", "chair", "next_head")
    list_filter = ("year", "kind")
    inlines = [ClusterProposalInline]
