"""The catalogue in the Django admin. New versions of a procedure are drafted and published
through catalog.services (draft_next_version, publish_version), never by editing dates here."""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import (
    CatalogueSync,
    ChannelLimit,
    Component,
    Fee,
    NationalCode,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    PullOutcome,
    Sector,
)
from motcua.catalog.services import draft_next_version, process_errors, publish_version
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

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a new version is drafted by the action "Soạn phiên bản mới"


class DraftActionForm(ActionForm):
    """The action bar of the procedures, with the date a drafted version takes effect."""

    effective_from = forms.DateField(
        label=_("hiệu lực từ ngày"), required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("code", "national_code", "local_suffix")
    search_fields = ("national_code", "local_suffix", "versions__search_text")
    inlines = [VersionInline]
    actions = ["export_json", "draft_next"]
    action_form = DraftActionForm

    @admin.action(description=_("Xuất JSON các thủ tục đã chọn"))
    def export_json(self, request, queryset):
        data = [export_procedure(procedure) for procedure in queryset]
        body = json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2)
        return downloads.document(body, "application/json; charset=utf-8", "thu-tuc.json")

    @admin.action(description=_("Soạn phiên bản mới (sao chép phiên bản mới nhất)"))
    def draft_next(self, request, queryset):
        """catalog.services.draft_next_version for the one procedure chosen, from the date in
        the action bar; the draft opens for editing, then the action "Công bố" puts it in
        force."""
        try:
            effective_from = DraftActionForm.base_fields["effective_from"].clean(
                request.POST.get("effective_from"))
        except ValidationError:
            effective_from = None
        if len(queryset) != 1:
            self.message_user(request, gettext("Chọn đúng một thủ tục để soạn phiên bản mới."),
                              messages.ERROR)
            return None
        if effective_from is None:
            self.message_user(request, gettext("Nhập ngày hiệu lực của phiên bản mới."),
                              messages.ERROR)
            return None
        try:
            draft = draft_next_version(queryset.get().pk, effective_from)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
            return None
        self.log_addition(request, draft, [{"added": {}}])
        self.message_user(request, gettext(
            "Đã soạn %(version)s. Sửa nội dung rồi chọn thao tác “Công bố” ở danh sách phiên "
            "bản.") % {"version": draft}, messages.SUCCESS)
        return redirect("admin:catalog_procedureversion_change", draft.pk)


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


class ChannelLimitInline(admin.TabularInline):
    """A channel's own limit; a channel not listed keeps the version's."""

    model = ChannelLimit
    extra = 0


class StepInline(admin.StackedInline):
    model = ProcessStep
    extra = 0
    fk_name = "version"
    filter_horizontal = ("next_steps",)
    autocomplete_fields = ("agency", "division")


class VersionForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        procedure = cleaned.get("procedure")
        if self.instance.pk is None and procedure is not None and procedure.versions.exists():
            raise ValidationError(_(
                "Thủ tục này đã có phiên bản: soạn phiên bản mới bằng thao tác “Soạn phiên bản "
                "mới” ở danh sách thủ tục, rồi chọn “Công bố”."))
        return cleaned


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    form = VersionForm
    list_display = ("procedure", "number", "name", "level", "deciding_agency", "effective_from",
                    "effective_to")
    list_filter = ("level", "online_level", "sector")
    search_fields = ("search_text",)
    autocomplete_fields = ("procedure", "sector", "deciding_agency", "receiving_agencies")
    inlines = [ComponentInline, ChannelLimitInline, FeeInline, StepInline]
    actions = ["publish"]

    def get_readonly_fields(self, request, obj=None):
        # a saved version's start is the one it was drafted with; publish_version checks it
        return ("effective_from",) if obj is not None else ()

    @admin.action(description=_("Công bố các phiên bản đã chọn (đưa vào hiệu lực)"))
    def publish(self, request, queryset):
        """catalog.services.publish_version for each chosen version, earliest first: its
        checks (the process, the date), and the version before it ends the day before. Each
        change is written to the admin history."""
        for version in queryset.select_related("procedure").order_by("procedure", "effective_from"):
            ends = dict(version.procedure.versions.values_list("pk", "effective_to"))
            try:
                publish_version(version)
            except ValidationError as refusal:
                self.message_user(request, gettext("%(version)s chưa được công bố: %(why)s") % {
                    "version": version, "why": " ".join(refusal.messages)}, messages.ERROR)
                continue
            self.log_change(request, version, gettext("Công bố, hiệu lực từ %(day)s.") % {
                "day": version.effective_from.strftime("%d/%m/%Y")})
            for ended in version.procedure.versions.exclude(pk=version.pk):
                if ended.effective_to != ends.get(ended.pk):
                    self.log_change(request, ended, gettext("Hết hiệu lực sau ngày %(day)s.") % {
                        "day": ended.effective_to.strftime("%d/%m/%Y")})
            self.message_user(request, gettext("Đã công bố %(version)s.") % {"version": version},
                              messages.SUCCESS)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for error in process_errors(form.instance):
            messages.warning(request, _("Quy trình nội bộ: %s") % error)


@admin.register(NationalCode)
class NationalCodeAdmin(admin.ModelAdmin):
    """Which national record (MATTHC, MADVC) a local procedure follows in the daily pull of
    the national catalogue: change the procedure to map a local code (1.001776.H42) to it."""

    list_display = ("matthc", "procedure", "madvc")
    search_fields = ("matthc", "madvc", "procedure__national_code", "procedure__local_suffix")
    autocomplete_fields = ("procedure",)


@admin.register(CatalogueSync)
class CatalogueSyncAdmin(admin.ModelAdmin):
    """The pulls of the national catalogue, read only (the report is also on /can-bo/ket-noi/)."""

    list_display = ("started_at", "state", "dry_run", "created", "changed", "deactivated",
                    "unchanged", "failed")
    list_filter = ("state", "dry_run")
    exclude = ("report", "package")
    readonly_fields = ("started_at", "finished_at", "state", "dry_run", "agency_code",
                       "effective_from", "reason", "created", "changed", "deactivated",
                       "unchanged", "failed", "change_report")

    @admin.display(description=_("báo cáo thay đổi"))
    def change_report(self, run: CatalogueSync) -> str:
        lines = [f"{row['local']} {row['name']}: {PullOutcome(row['outcome']).label} "
                 f"{'; '.join(row['changes']) or row['reason']}".rstrip()
                 for row in run.report if row["outcome"] != "unchanged"]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines)) or "—"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
