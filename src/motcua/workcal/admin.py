from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.workcal.engine import FIRST_YEAR, LAST_YEAR
from motcua.workcal.models import AnnouncedYear, CalendarOverride
from motcua.workcal.selectors import year_calendar
from motcua.workcal.services import OverrideImportError, announce_year, import_overrides_csv

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


def _csv_text(upload) -> str:
    if upload.size > MAX_CSV_BYTES:
        raise forms.ValidationError(_("Tệp quá lớn (tối đa 1 MB)."))
    try:
        return upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise forms.ValidationError(_("Tệp phải được mã hóa UTF-8.")) from None


class OverrideImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp CSV"),
        help_text=_("Các cột: date (dd/mm/yyyy), kind (day_off hoặc working_day), reason, "
                    "legal_source. Một dòng sai thì không dòng nào được lưu."),
    )

    def clean_file(self):
        return _csv_text(self.cleaned_data["file"])


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class AnnounceForm(forms.Form):
    """The year's announced schedule: previewed first (the CSV then travels in ``text``)."""

    year = forms.IntegerField(label=_("Năm"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    legal_source = forms.CharField(label=_("Văn bản công bố"), max_length=255,
                                   help_text=_("Số, ký hiệu văn bản, ví dụ CV 9859/VPCP-KGVX."))
    file = forms.FileField(
        label=_("Tệp CSV"), required=False,
        help_text=_("Mọi ngày nghỉ, ngày làm bù của năm theo văn bản công bố (trừ các ngày lễ "
                    "cố định), mỗi dòng: ngày (dd/mm/yyyy), loại (nghỉ hoặc làm bù), lý do, "
                    "văn bản (bỏ trống: văn bản công bố ở trên)."),
    )
    text = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("file"):
            data["text"] = _csv_text(data["file"])
        if not data.get("text"):
            raise forms.ValidationError(_("Chọn tệp CSV."))
        return data


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "weekday", "kind", "reason", "legal_source", "year_status")
    list_filter = (YearFilter, "kind")
    search_fields = ("reason", "legal_source")
    date_hierarchy = "date"
    change_list_template = "workcal/override_changelist.html"

    def get_queryset(self, request):
        announced = AnnouncedYear.objects.filter(year=ExtractYear(OuterRef("date")))
        return super().get_queryset(request).annotate(announced=Exists(announced))

    @admin.display(description=_("lịch nghỉ của năm"))
    def year_status(self, obj):
        return _("đã công bố") if obj.announced else _("dự kiến")

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


@admin.register(AnnouncedYear)
class AnnouncedYearAdmin(admin.ModelAdmin):
    """Announced years are read here; they are made only by the announce page (or the command
    line), which shows what changes before applying it."""

    list_display = ("year", "legal_source", "announced_at", "announced_by")
    readonly_fields = ("year", "legal_source", "announced_at", "announced_by")
    change_list_template = "workcal/announced_changelist.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("announce/", self.admin_site.admin_view(self.announce_view),
                 name="workcal_announcedyear_announce"),
            path("calendar/", self.admin_site.admin_view(self.calendar_view),
                 name="workcal_announcedyear_calendar"),
            *super().get_urls(),
        ]

    def calendar_view(self, request):
        """A year's days off and make-up days, a year not yet announced and its guessed days
        marked "dự kiến" (as `motcua calendar YEAR`)."""
        form = YearForm(request.GET or {"year": timezone.localdate().year + 1})
        calendar = year_calendar(form.cleaned_data["year"]) if form.is_valid() else None
        context = {**self.admin_site.each_context(request), "form": form, "calendar": calendar,
                   "opts": self.model._meta, "title": _("Lịch nghỉ của một năm")}
        return TemplateResponse(request, "workcal/year_calendar.html", context)

    def announce_view(self, request):
        if not request.user.has_perm("workcal.add_announcedyear"):
            return redirect("admin:workcal_announcedyear_changelist")
        form = AnnounceForm(request.POST or None, request.FILES or None)
        preview = None
        if request.method == "POST" and form.is_valid():
            apply = "apply" in request.POST
            try:
                result = announce_year(
                    form.cleaned_data["year"], form.cleaned_data["text"],
                    form.cleaned_data["legal_source"], request.user, dry_run=not apply)
            except OverrideImportError as error:
                for line in error.errors:
                    form.add_error(None, line)
            else:
                if apply:
                    self.message_user(
                        request,
                        _("Đã áp dụng lịch nghỉ năm %(year)d; %(count)d hồ sơ được tính lại "
                          "ngày hẹn trả.") % {"year": result.year, "count": len(result.moved)},
                        messages.SUCCESS)
                    return redirect("admin:workcal_announcedyear_changelist")
                preview = result
                form = AnnounceForm(initial={**form.cleaned_data, "file": None})
        context = {**self.admin_site.each_context(request), "form": form, "preview": preview,
                   "opts": self.model._meta, "title": _("Nhập lịch nghỉ đã công bố của một năm")}
        return TemplateResponse(request, "workcal/announce.html", context)
