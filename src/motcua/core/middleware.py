"""Request middleware: text with NUL characters is refused before it reaches a view (PostgreSQL
cannot store or compare it: a 500 otherwise, and no real input contains it); the language a page
is shown in is the one the person chose, else Vietnamese; the site's Content-Security-Policy,
relaxed only under the prefixes that need it (the editors' admin)."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

NUL = "\x00"


def has_nul(request: HttpRequest) -> bool:
    if NUL in request.path or any(NUL in key or any(NUL in v for v in values)
                                  for key, values in request.GET.lists()):
        return True
    if request.content_type == "application/json":
        return b"\\u0000" in request.body or b"\x00" in request.body
    if request.content_type == "application/x-www-form-urlencoded":
        return any(NUL in key or any(NUL in v for v in values)
                   for key, values in request.POST.lists())
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            message = _("Dữ liệu gửi lên có ký tự không hợp lệ (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese, the language of the service, whatever the browser asks for; another language
    only when the person chose it with the language switch (Django's set_language, its cookie)."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        # chosen by the cookie, never by Accept-Language
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class SitePolicyMiddleware(CSPMiddleware):
    """The site's Content-Security-Policy and X-Frame-Options everywhere but under the prefixes
    of CONTENT_SECURITY_POLICY_RELAXED, where its directives replace the site's and its
    X-Frame-Options is sent (Wagtail's editors' admin runs inline scripts and styles and shows
    its previews in a frame of the same origin). Must come after XFrameOptionsMiddleware."""

    @staticmethod
    def _relaxed(request: HttpRequest) -> dict | None:
        path = request.path_info
        return next((relaxed for prefix, relaxed in settings.CONTENT_SECURITY_POLICY_RELAXED.items()
                     if path.startswith(prefix)), None)

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        relaxed = self._relaxed(request)
        if relaxed is not None and not report_only:
            parts.replace = {**relaxed["DIRECTIVES"], **(parts.replace or {})}
        return parts

    def process_response(self, request, response):
        relaxed = self._relaxed(request)
        if relaxed is not None:
            response.headers.setdefault("X-Frame-Options", relaxed["X_FRAME_OPTIONS"])
        return super().process_response(request, response)
