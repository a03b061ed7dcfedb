"""The editors' admin (/bien-tap/): the checklist of the information the law requires of each
portal the editor edits, and the notices of planned interruptions. Wagtail requires admin access
on every URL registered here."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from motcua.cms import views


@hooks.register("register_admin_urls")
def checklist_urls():
    return [
        path("noi-dung-bat-buoc/", views.checklist, name="cms_checklist"),
        path("tam-ngung/<int:home_id>/", views.downtime, name="cms_downtime"),
    ]


@hooks.register("register_admin_menu_item")
def checklist_menu_item():
    return MenuItem(_("Thông tin bắt buộc"), reverse("cms_checklist"), icon_name="tasks",
                    order=250)
