"""Signing in and out, and passwords: Django's views in the portal's look, under /tai-khoan/.

Not namespaced: Django's views find each other by these names. Password guessing and reset
mails are limited per address (motcua.core.throttles).
"""

from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from motcua.core.throttles import throttled
from motcua.portal.forms import (
    ChangePasswordForm,
    LoginForm,
    PasswordResetRequestForm,
    SetNewPasswordForm,
)
from motcua.portal.vneid import SignInView

FORM, NOTICE = "portal/account/password_form.html", "portal/account/notice.html"


def notice(view, heading, text, link: str, link_text):
    """A page that says what happened and where to go next."""
    return view.as_view(template_name=NOTICE, extra_context={
        "heading": heading, "text": text, "link": reverse_lazy(link), "link_text": link_text})


urlpatterns = [
    path("login/", throttled("login")(SignInView.as_view(authentication_form=LoginForm)),
         name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password_reset/", throttled("login")(auth.PasswordResetView.as_view(
        form_class=PasswordResetRequestForm, template_name=FORM, extra_context={
            "heading": _("Quên mật khẩu"), "submit": _("Gửi liên kết đặt lại mật khẩu"),
            "intro": _("Nhập thư điện tử đã đăng ký với tài khoản. Chúng tôi sẽ gửi tới địa chỉ "
                       "đó một liên kết để đặt mật khẩu mới.")})),
         name="password_reset"),
    path("password_reset/done/", notice(
        auth.PasswordResetDoneView, _("Hãy kiểm tra hộp thư"),
        _("Nếu thư điện tử bạn nhập là của một tài khoản, liên kết đặt lại mật khẩu đã được gửi "
          "tới đó trong vài phút. Không thấy thư? Hãy xem cả mục thư rác, hoặc liên hệ bộ phận "
          "một cửa."), "login", _("Về trang đăng nhập")),
         name="password_reset_done"),
    path("reset/<uidb64>/<token>/", auth.PasswordResetConfirmView.as_view(
        form_class=SetNewPasswordForm, template_name=FORM, extra_context={
            "heading": _("Đặt mật khẩu mới"), "submit": _("Đặt mật khẩu mới")}),
         name="password_reset_confirm"),
    path("reset/done/", notice(
        auth.PasswordResetCompleteView, _("Đã đặt mật khẩu mới"),
        _("Mật khẩu mới của bạn đã được lưu. Hãy đăng nhập bằng mật khẩu mới."),
        "login", _("Đăng nhập")),
         name="password_reset_complete"),
    path("password_change/", auth.PasswordChangeView.as_view(
        form_class=ChangePasswordForm, template_name=FORM, extra_context={
            "heading": _("Đổi mật khẩu"), "submit": _("Đổi mật khẩu")}),
         name="password_change"),
    path("password_change/done/", notice(
        auth.PasswordChangeDoneView, _("Đã đổi mật khẩu"),
        _("Mật khẩu mới của bạn đã được lưu; lần đăng nhập sau hãy dùng mật khẩu mới."),
        "portal:start", _("Về trang làm việc của bạn")),
         name="password_change_done"),
]
