"""API authentication: a bearer token from POST /auth/token, or the web session (with CSRF).

Staff who must prove a second factor (STAFF_2FA, ADMIN_2FA, outside MANAGEMENT_NETWORKS) need
their authenticator code for a token, and a web session counts only once they have entered it
(``motcua.core.twofactor``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from motcua.api.models import ApiToken
from motcua.core.apitools.types import REFUSALS, LocalDateTime, Message
from motcua.core.throttles import AddressThrottle
from motcua.core.twofactor import code_matches, second_factor_missing, second_factor_required

router = Router(tags=["auth"])


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class BearerToken(HttpBearer):
    def authenticate(self, request, token: str):
        row = (ApiToken.objects.select_related("user")
               .filter(key_hash=_hash(token), expires_at__gt=timezone.now()).first())
        if row is None or not row.user.is_active:
            return None
        if row.last_used_at is None or timezone.now() - row.last_used_at > dt.timedelta(minutes=5):
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


class VerifiedSession(SessionAuth):
    """The web session, once staff have entered their second factor where STAFF_2FA asks it."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        return None if user is not None and second_factor_missing(user, request) else user


AUTH = [BearerToken(), VerifiedSession()]


class TokenIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=4096)
    otp: str = Field(default="", max_length=6,
                     description="Staff: the authenticator app's code, when STAFF_2FA is on.")


class TokenOut(Schema):
    token: str
    token_type: str = "bearer"
    expires_at: LocalDateTime


@router.post("/auth/token", response={200: TokenOut, 401: Message, **REFUSALS},
             auth=None, throttle=[AddressThrottle("login")])
def issue_token(request, credentials: TokenIn, response: HttpResponse):
    """A bearer token for ``Authorization: Bearer <token>``, valid for API_TOKEN_HOURS.

    429: too many attempts; the account is locked for AXES_COOLOFF_MINUTES after repeated
    failures from the same address.
    """
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if getattr(request, "axes_locked_out", False):
        # Answered here in JSON: axes' middleware would replace the answer with its HTML page.
        request.axes_locked_out = False
        minutes = round(settings.AXES_COOLOFF_TIME * 60)
        response["Retry-After"] = str(minutes * 60)
        return Status(429, {"detail": _("Tài khoản tạm bị khóa vì đăng nhập sai nhiều lần; thử lại "
                                        "sau %(minutes)s phút.") % {"minutes": minutes}})
    passed = user is not None and _second_factor_passed(request, user, credentials.otp)
    if user is None or not user.is_active or not passed:
        raise HttpError(401, _("Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang bị khóa."))
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(hours=settings.MOTCUA_API_TOKEN_HOURS)
    ApiToken.objects.create(user=user, key_hash=_hash(token), expires_at=expires_at)
    return TokenOut(token=token, expires_at=expires_at)


def _second_factor_passed(request, user, code: str) -> bool:
    return not second_factor_required(user, request) or code_matches(user, code, request)
