"""Administrators' passwords (docs/security.md, "Level-3 account rules"): the last
ADMIN_PASSWORD_HISTORY cannot be chosen again, and one older than ADMIN_PASSWORD_MAX_DAYS must be
changed before anything else is done.

The history is kept by the validator's ``password_changed`` hook, which Django calls whenever a
password is saved (the forms, the admin site, ``changepassword``, ``set_password`` + ``save``).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.twofactor import is_administrator
from motcua.org.models import PasswordHistory

# the pages an administrator with an expired password may still open
OPEN_PREFIXES = ("/static/", "/i18n/", "/admin/password_change/", "/admin/logout/")


def password_expired(changed_at: dt.datetime, now: dt.datetime, max_days: int) -> bool:
    """Pure: a password set at ``changed_at`` is too old at ``now`` (``max_days`` 0: never)."""
    # TCVN 14423:2026 5.6.2.2 b (secondary): administrators change their password every 2 months
    return bool(max_days) and now - changed_at > dt.timedelta(days=max_days)


def last_changed(user) -> dt.datetime:
    """When ``user``'s password was last set; the account's creation when no change is known."""
    found = user.password_history.values_list("changed_at", flat=True).first()
    return found or user.date_joined


def must_change_password(user) -> bool:
    return (user.is_authenticated and is_administrator(user) and password_expired(
        last_changed(user), timezone.now(), settings.MOTCUA_ADMIN_PASSWORD_MAX_DAYS))


class NotRecentlyUsed:
    """An administrator's new password is none of their last ADMIN_PASSWORD_HISTORY ones."""

    def validate(self, password: str, user=None) -> None:
        # TCVN 14423:2026 5.6.2.2 b (secondary): administrators cannot reuse the last 10
        count = settings.MOTCUA_ADMIN_PASSWORD_HISTORY
        if user is None or user.pk is None or not count or not is_administrator(user):
            return
        # the password in use, and those of the history (a legacy account may have none)
        recent = [user.password, *user.password_history.values_list("password", flat=True)
                  [:count]]
        if any(encoded and check_password(password, encoded) for encoded in recent):
            raise ValidationError(self.message() % {"count": count},
                                  code="password_recently_used")

    @staticmethod
    def message() -> str:
        return _("Mật khẩu này trùng một trong %(count)s mật khẩu gần nhất của bạn; hãy chọn "
                 "mật khẩu khác.")

    def password_changed(self, password: str, user=None) -> None:
        """Keep the new password's hash; only the last ADMIN_PASSWORD_HISTORY are kept."""
        if user is None or user.pk is None or not is_administrator(user):
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = max(settings.MOTCUA_ADMIN_PASSWORD_HISTORY, 1)  # the newest dates the password
        old = user.password_history.values_list("pk", flat=True)[keep:]
        PasswordHistory.objects.filter(pk__in=list(old)).delete()

    def get_help_text(self) -> str:
        if not settings.MOTCUA_ADMIN_PASSWORD_HISTORY:
            return ""
        return _("Người quản trị: không trùng %(count)s mật khẩu gần nhất.") % {
            "count": settings.MOTCUA_ADMIN_PASSWORD_HISTORY}


class AdminPasswordExpiryMiddleware:
    """An administrator whose password is older than ADMIN_PASSWORD_MAX_DAYS is sent to the
    password change page (the API answers 403) until it is changed. After the authentication
    and the second-factor middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not must_change_password(request.user) or self._open(request.path):
            return self.get_response(request)
        text = _("Mật khẩu của bạn đã dùng quá %(days)s ngày: hãy đổi mật khẩu để tiếp tục.") % {
            "days": settings.MOTCUA_ADMIN_PASSWORD_MAX_DAYS}
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": text}, status=403)
        messages.warning(request, text)
        return redirect("password_change")

    @staticmethod
    def _open(path: str) -> bool:
        return path.startswith(OPEN_PREFIXES) or path in (
            reverse("password_change"), reverse("password_change_done"), reverse("logout"))
