from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from motcua.workcal.models import CalendarOverride
from motcua.workcal.services import OverrideImportError, import_overrides_csv

MAX_CSV_BYTES = 1_000_000


class YearFilter(admin.SimpleListFilter):
    title = _("năm")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = CalendarOverride.objects.dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(date__year=self.value())
        return queryset


class OverrideImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV"),
        help_text=_("Các cột: date (dd/mm/yyyy), kind (day_off hoặc working_day), reason, "
                    "legal_source. Một dòng sai thì không dòng nào được lưu."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 1 MB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Tệp phải được mã hóa UTF-8.")) from None


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "kind", "reason", "legal_source")
    list_filter = (YearFilter, "kind")
    search_fields = ("reason", "legal_source")
    date_hierarchy = "date"
    change_list_template = "workcal/override_changelist.html"

    @admin.display(description=_("thứ"))
    def weekday(self, obj):
        return [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"),
                _("Thứ Bảy"), _("Chủ nhật")][obj.date.weekday()]

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view),
                 name="workcal_calendaroverride_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            return redirect("admin:workcal_calendaroverride_changelist")
        form = OverrideImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = import_overrides_csv(form.cleaned_data["file"])
            except OverrideImportError as error:
                for line in error.errors:
                    form.add_error("file", line)
            else:
                self.message_user(
                    request,
                    _("Đã nhập: %(created)d ngày mới, %(updated)d ngày cập nhật.")
                    % {"created": result.created, "updated": result.updated},
                    messages.SUCCESS,
                )
                return redirect("admin:workcal_calendaroverride_changelist")
        context = {**self.admin_site.each_context(request), "form": form,
                   "opts": self.model._meta, "title": _("Nhập ngày nghỉ, ngày làm bù từ CSV")}
        return TemplateResponse(request, "workcal/override_import.html", context)
