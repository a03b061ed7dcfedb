"""The project's one error model, and the site's error pages.

Every service refuses a request by raising a ``ServiceError``: the API answers it with its
``status`` and ``{"detail": message}`` (api/urls.py); a page shows its form again with the message
and answers ``page_status`` (422, or 403/404 where the service says the user may not do it or
see it).

The error pages: 400, 403, 404, 500 and a refused CSRF check, in the site's look.

Each page says in plain Vietnamese what happened and offers a way back. Addresses under /api/
keep the API's JSON errors ({"detail": "…"}). The 500 page is rendered without the request:
whatever failed (the database, the session) is not asked again to draw the page.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

API_PREFIX = "/api/"


class ShownToUser(Exception):  # noqa: N818 - a mark, not an error of its own
    """Mixed into an exception whose message is written for the person who sent the request
    (e.g. an upload over the size limit): the error page shows it."""


class ServiceError(Exception):
    """A request a service refuses, with a message for the person who sent it."""

    status = 422  # the API's answer
    page_status = 422  # a page's answer: the form again, with the message

    def __init__(self, message: str):
        super().__init__(str(message))
        self.message = str(message)


class Refused(ServiceError):
    """The action may not happen now (e.g. not in the record's present state)."""


class InvalidInput(ServiceError):
    """What was sent cannot be accepted (a missing reason, a file of the wrong type)."""


class Forbidden(ServiceError):
    """The service says this user may not do it."""

    status = page_status = 403


class NotFound(ServiceError):
    """What the request names does not exist, or is not the caller's to see."""

    status = page_status = 404


class Conflict(ServiceError):
    """The record changed, or moved on, since the caller read it (a stale version)."""

    status = 409


class ScannerDown(ServiceError):
    """The virus scanner does not answer: nothing is stored unscanned (503)."""

    status = 503


# status -> (heading, explanation)
PAGES = {
    400: (gettext_lazy("Yêu cầu không hợp lệ"),
          gettext_lazy("Máy chủ không đọc được yêu cầu vừa gửi. Vui lòng quay lại trang trước "
                       "và thử lại.")),
    403: (gettext_lazy("Bạn không có quyền xem trang này"),
          gettext_lazy("Trang này dành cho người có vai trò khác. Nếu bạn cho rằng mình cần "
                       "quyền này, hãy liên hệ quản trị hệ thống của cơ quan.")),
    404: (gettext_lazy("Không tìm thấy trang"),
          gettext_lazy("Địa chỉ này không có trên hệ thống, hoặc trang đã được chuyển đi. Hãy "
                       "kiểm tra lại địa chỉ, hoặc tìm từ trang chủ.")),
    500: (gettext_lazy("Hệ thống đang gặp sự cố"),
          gettext_lazy("Đã có lỗi khi xử lý yêu cầu của bạn; lỗi đã được ghi lại để khắc phục. "
                       "Vui lòng thử lại sau ít phút.")),
}


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _page(request: HttpRequest | None, status: int, **context) -> HttpResponse:
    heading, explanation = PAGES[status]
    context = {"status": status, "heading": heading, "explanation": explanation, **context}
    return HttpResponse(render_to_string("core/error.html", context, request), status=status)


def _json(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400; a request over the upload limit says so and leads back to its form."""
    detail = str(exception) if isinstance(exception, ShownToUser) else ""
    if _is_api(request):
        if isinstance(exception, RequestDataTooBig):  # a body read before the API's handlers
            return _json(413, _("Yêu cầu quá lớn."))
        return _json(400, detail or _("Yêu cầu không hợp lệ."))
    back = request.get_full_path() if request.method == "POST" else ""
    return _page(request, 400, detail=detail, back=back)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json(403, _("Bạn không có quyền thực hiện yêu cầu này."))
    # our views' refusals say in Vietnamese whom the page is for
    return _page(request, 403, detail=str(exception or ""),
                 own_page=request.user.is_authenticated)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return _json(404, _("Không có địa chỉ API này."))
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json(500, _("Hệ thống đang gặp sự cố; vui lòng thử lại sau."))
    return _page(None, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form's CSRF token is missing or stale (usually a page left open too long)."""
    if _is_api(request):
        return _json(403, _("Thiếu mã CSRF của phiên đăng nhập, hoặc mã không đúng."))
    return HttpResponse(render_to_string("core/csrf_failure.html", {
        "back": request.get_full_path()}, request), status=403)
