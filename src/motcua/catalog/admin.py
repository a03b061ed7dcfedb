import json

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Component, Fee, Procedure, ProcedureVersion, ProcessStep, Sector
from motcua.catalog.services import process_errors
from motcua.catalog.transfer import export_procedure
from motcua.core import downloads
from motcua.core.uploads import refuse_oversized


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ("number", "name", "effective_from", "effective_to")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "national_code", "local_suffix")
    search_fields = ("national_code", "local_suffix", "versions__search_text")
    inlines = [VersionInline]
    actions = ["export_json"]

    @admin.action(description=_("Xuất JSON các thủ tục đã chọn"))
    def export_json(self, request, queryset):
        data = [export_procedure(procedure) for procedure in queryset]
        body = json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)
        return downloads.document(body, "application/json; charset=utf-8", "thu-tuc.json")


class ComponentForm(forms.ModelForm):
    def clean_template(self):
        template = self.cleaned_data.get("template")
        refuse_oversized(template)  # cut off while it arrived: nothing of it was kept
        return template


class ComponentInline(admin.TabularInline):
    model = Component
    form = ComponentForm
    extra = 0


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0


class StepInline(admin.StackedInline):
    model = ProcessStep
    extra = 0
    fk_name = "version"
    filter_horizontal = ("next_steps",)
    autocomplete_fields = ("agency", "division")


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ("procedure", "number", "name", "level", "deciding_agency", "effective_from",
                    "effective_to")
    list_filter = ("level", "online_level", "sector")
    search_fields = ("search_text",)
    autocomplete_fields = ("procedure", "sector", "deciding_agency", "receiving_agencies")
    inlines = [ComponentInline, FeeInline, StepInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for error in process_errors(form.instance):
            messages.warning(request, _("Quy trình nội bộ: %s") % error)
