"""Refusals every view can make, recorded as security events whatever refused them: a 403
(``authz_fail``), a 429 (``excess_rate_limit_exceeded``) and an unhandled error
(``app_unhandled_error``). Placed after the authentication middleware (the user is known)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from motcua.secops import events


class SecurityEventMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403:
            events.record("authz_fail", request=request,
                          reason=getattr(request, "_secops_reason", "forbidden"))
        elif response.status_code == 429:
            events.record("excess_rate_limit_exceeded", request=request,
                          limit=response.get("Retry-After", ""))
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            request._secops_reason = "permission_denied"
        elif not _expected(exception):
            events.record("app_unhandled_error", request=request,
                          exception__type=type(exception).__name__)


def _expected(exception: Exception) -> bool:
    from django.http import Http404

    return isinstance(exception, Http404)
