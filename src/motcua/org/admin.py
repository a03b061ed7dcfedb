from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from motcua.org import services
from motcua.org.models import (
    AdminUnit,
    Agency,
    ApplicantProfile,
    Division,
    RoleAssignment,
    User,
    VneidLink,
)


@admin.register(AdminUnit)
class AdminUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level",)
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)


class DivisionInline(admin.TabularInline):
    model = Division
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "identifier_code", "abbreviation", "admin_unit", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "identifier_code", "abbreviation")
    autocomplete_fields = ("parent", "admin_unit")
    inlines = [DivisionInline]
    fieldsets = (
        (None, {"fields": ("identifier_code", "name", "abbreviation", "parent", "admin_unit",
                           "is_active")}),
        (_("Giờ làm việc"), {"fields": ("morning_start", "morning_end", "afternoon_start",
                                         "afternoon_end")}),
        (_("Nghĩa vụ tài chính"), {"fields": ("payment_instructions",)}),
    )


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("name", "agency")
    search_fields = ("name", "agency__name")
    autocomplete_fields = ("agency",)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("agency", "division")


class ApplicantProfileInline(admin.StackedInline):
    model = ApplicantProfile
    fk_name = "user"
    can_delete = False
    extra = 0
    readonly_fields = ("identity_verified_at", "identity_verified_by")


class VneidLinkInline(admin.StackedInline):
    """Read only: made by the VNeID sign-in; deleting it unlinks (the next sign-in asks again)."""

    model = VneidLink
    extra = 0
    max_num = 0
    readonly_fields = ("tech_id", "account_type", "old_id_number", "levels", "linked_at",
                       "last_sign_in_at", "sign_ins")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "kind", "email", "is_active")
    list_filter = ("kind", "is_active", "is_staff")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("motcua"), {"fields": ("kind", "phone")}),
    )
    inlines = [RoleAssignmentInline, ApplicantProfileInline, VneidLinkInline]
    actions = ["verify_identity"]

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not RoleAssignment:
            return super().save_formset(request, form, formset, change)
        for assignment in formset.save(commit=False):
            services.save_assignment(assignment)
        for removed in formset.deleted_objects:
            removed.delete()

    @admin.action(description=_("Xác minh danh tính (đã đối chiếu giấy tờ tùy thân)"))
    def verify_identity(self, request, queryset) -> None:
        profiles = ApplicantProfile.objects.filter(user__in=queryset,
                                                   identity_verified_at__isnull=True)
        count = len(profiles)
        for profile in profiles:
            services.verify_identity(profile, by=request.user)
        self.message_user(request, _("Đã xác minh danh tính %(n)d tài khoản.") % {"n": count})


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "division", "is_active")
    list_filter = ("role", "is_active", "agency")
    search_fields = ("user__username", "user__first_name", "user__last_name", "agency__name")
    autocomplete_fields = ("user", "agency", "division")

    def save_model(self, request, obj, form, change) -> None:
        services.save_assignment(obj)
