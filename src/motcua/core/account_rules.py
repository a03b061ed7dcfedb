"""Level-3 account rules enforced on every request: idle staff sessions end, and the admin site
answers only on its own host name (docs/security.md, "Level-3 account rules").

The security events of these rules (an idle logout, a wrong second-factor code, a disabled
account) go through ``report``: a line on the ``motcua.security`` logger and the
``account_event`` signal, which the security-events app turns into its recorded events (core
imports no domain app).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

security = logging.getLogger("motcua.security")
# sent with name (an event of security-operations §3.5), request, user and the event's fields
account_event = Signal()

LAST_SEEN = "motcua_last_seen"  # the session's last request, a POSIX timestamp
# The mark moves only when it is this many seconds old: moved on every request, it saved the
# session (the cache and the database: three queries) on every page. An idle session therefore
# ends at most this much before its limit, never after it.
LAST_SEEN_STEP = 30
ADMIN_PREFIX = "/admin/"


def report(name: str, *, request: HttpRequest | None = None, user=None, **fields) -> None:
    """A security event of the account rules: logged, and sent as ``account_event``."""
    security.warning(name, extra={"event": name, "user_id": getattr(user, "pk", None), **fields})
    account_event.send(sender=None, name=name, request=request, user=user, **fields)


def idle_minutes(user) -> int:
    """How long a session of ``user`` may stay idle, in minutes (0: no limit). Applicants'
    sessions are not limited here."""
    # TCVN 14423:2026 5.5.2.2 a (secondary): idle lock ≤15 min, administrators ≤5 min
    if not user.is_authenticated or (user.is_applicant and not user.is_staff):
        return 0
    if user.is_staff or user.is_superuser:
        return settings.MOTCUA_SESSION_IDLE_ADMIN_MINUTES
    return settings.MOTCUA_SESSION_IDLE_MINUTES


def idle_too_long(last_seen: float | None, now: float, minutes: int) -> bool:
    return bool(minutes) and last_seen is not None and now - last_seen > minutes * 60


def mark_is_old(last_seen: float | None, now: float) -> bool:
    return last_seen is None or now - last_seen >= LAST_SEEN_STEP


class IdleStaffLogoutMiddleware:
    """Sign staff out when their session has been idle longer than their limit; the request
    then goes on as an anonymous one (a page asks to sign in again, the API answers 401).

    After the authentication, django-otp and messages middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        minutes = idle_minutes(user)
        if minutes:
            now, last_seen = timezone.now().timestamp(), request.session.get(LAST_SEEN)
            if idle_too_long(last_seen, now, minutes):
                self._sign_out(request, user, minutes)
            elif mark_is_old(last_seen, now):
                request.session[LAST_SEEN] = now
        return self.get_response(request)

    @staticmethod
    def _sign_out(request: HttpRequest, user, minutes: int) -> None:
        logout(request)
        report("session_expired", request=request, user=user, reason="idle",
               idle_minutes=minutes)
        messages.info(request, _("Phiên làm việc đã kết thúc vì không thao tác quá %(minutes)d "
                                 "phút. Vui lòng đăng nhập lại.") % {"minutes": minutes})


def admin_host_refuses(request: HttpRequest) -> bool:
    """Whether this is an admin page asked on another host than ADMIN_HOST (when it is set)."""
    # TCVN 14423:2026 5.13.2.3 b (secondary): the admin interface apart from the service's
    admin_host = settings.MOTCUA_ADMIN_HOST
    if not admin_host or not request.path_info.startswith(ADMIN_PREFIX):
        return False
    return request.get_host().rsplit(":", 1)[0].lower() != admin_host.lower()


class AdminHostMiddleware:
    """With ADMIN_HOST set, the admin site is not there (404) on any other host name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if admin_host_refuses(request):
            raise Http404
        return self.get_response(request)
