"""The admin pages of the proposals' data edited by the Department of Home Affairs' emulation
office: the procedure's numbers (time limits, council ratios, base salary), each with its legal
source and start date, and the councils with their members over time (docs/emulation-
proposals.md). Proposals themselves are handled on the back office's pages."""

from django.contrib import admin

from motcua.emulation.models import Council, CouncilMember, ProcedureValue


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
