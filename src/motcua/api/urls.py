"""The motcua API, version 1: one router per app, OpenAPI at /api/v1/openapi.json.

Every error is JSON, {"detail": "…"} (``Message``), and a 422 also lists the fields at fault
(``Invalid``): ninja's own errors (validation, authentication, unreadable body) are answered here
in that shape, in Vietnamese, and so is an address under /api/v1/ that names no operation.
"""

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as InputError

from motcua.api.auth import AUTH
from motcua.api.auth import router as auth_router
from motcua.api.messages import invalid
from motcua.api.openapi import completed
from motcua.catalog.api import router as catalog_router
from motcua.core.errors import ServiceError
from motcua.core.throttles import api_throttles
from motcua.core.uploads import RequestTooLarge
from motcua.dossiers.api import ActionIn, DossierIn
from motcua.dossiers.api import router as dossiers_router
from motcua.stats.api import router as reports_router
from motcua.workcal.api import router as calendar_router
from motcua.workcal.engine import DeadlineError


class MotcuaAPI(NinjaAPI):
    # Bodies read by hand (JSON or multipart) are documented by reference to these schemas.
    body_schemas = (DossierIn, ActionIn)

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in self.body_schemas:
            model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, sub_schema in model_schema.pop("$defs", {}).items():
                components.setdefault(name, sub_schema)
            components[model.__name__] = model_schema
        return completed(schema)


class Docs(Swagger):
    """Swagger UI from the static files django-ninja ships, served by us under our CSP (no
    other site reached, so it works offline), in the site's language."""

    template = "api/docs.html"


DOCS_SETTINGS = {
    "validatorUrl": None,  # Swagger UI would send the schema to an outside validator
    "deepLinking": False,  # its links sit inside the operations' buttons (nested controls)
    "docExpansion": "list",
    "defaultModelsExpandDepth": 0,
    "tryItOutEnabled": False,
}

api = MotcuaAPI(
    title="API motcua",
    version="1",
    description="API của Hệ thống thông tin giải quyết thủ tục hành chính (motcua).",
    urls_namespace="api-v1",
    throttle=api_throttles(),
    docs=Docs(settings=DOCS_SETTINGS),
)
# The dossiers' and documents' operations need a signed-in caller (AUTH), except those that
# say auth=None (the public lookup).
api.add_router("/", auth_router)
api.add_router("/", calendar_router)
api.add_router("/", catalog_router)
api.add_router("/", dossiers_router, auth=AUTH)
api.add_router("/", reports_router)
api.add_router("/", "motcua.stats.ioc_api.router")  # its own key: X-IOC-Key
api.add_router("/documents", "motcua.exchange.api.router", auth=AUTH)
api.add_router("/", "motcua.national.api.router", auth=AUTH)
api.add_router("/", "motcua.messaging.api.router")
api.add_router("/", "motcua.voice.api.router", auth=AUTH)
api.add_router("/", "motcua.voice.denunciation_api.router", auth=AUTH)


@csrf_exempt
def unknown_address(request, *args, **kwargs):
    """An address under /api/v1/ that names no operation (motcua.urls routes it here after the
    API's own): the API's JSON 404, not the site's HTML page."""
    return api.create_response(request, {"detail": _("Không có địa chỉ API này.")}, status=404)


@api.exception_handler(InputError)
def input_error(request, error: InputError):
    return api.create_response(request, invalid(error.errors), status=422)


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    """ninja's own errors say it in English; ours (raised with a message) pass through."""
    if isinstance(error, AuthenticationError):
        detail = _("Cần đăng nhập: gửi mã truy cập (Authorization: Bearer …) lấy từ "
                   "POST /api/v1/auth/token.")
    elif isinstance(error, Throttled):
        detail = _("Quá nhiều yêu cầu; vui lòng thử lại sau.")
    elif error.message == "CSRF check Failed":  # a session without its CSRF token
        detail = _("Thiếu mã CSRF của phiên đăng nhập, hoặc mã không đúng.")
    elif isinstance(error, AuthorizationError):
        detail = _("Bạn không có quyền thực hiện yêu cầu này.")
    elif error.status_code == 400 and error.message.startswith("Cannot parse request body"):
        detail = _("Nội dung yêu cầu không đọc được: cần JSON hợp lệ.")
    else:
        detail = error.message
    return api.create_response(request, {"detail": detail}, status=error.status_code)


@api.exception_handler(SuspiciousOperation)
def suspicious_request(request, error: SuspiciousOperation):
    # e.g. too many fields or files in a form; Django would answer with its HTML error page
    if isinstance(error, RequestDataTooBig):
        return api.create_response(request, {"detail": _("Yêu cầu quá lớn.")}, status=413)
    return api.create_response(request, {"detail": _("Yêu cầu không hợp lệ.")}, status=400)


@api.exception_handler(ServiceError)
def service_error(request, error: ServiceError):
    """Every service's refusal: its status (403, 404, 409, 422, 503) and its message."""
    return api.create_response(request, {"detail": error.message}, status=error.status)


@api.exception_handler(RequestTooLarge)
def request_too_large(request, error: RequestTooLarge):
    # refused before the body was read (core.uploads)
    return api.create_response(request, {"detail": str(error)}, status=413)


@api.exception_handler(DeadlineError)
def deadline_error(request, error: DeadlineError):
    # e.g. a due instant pushed past the calendar's last year
    return api.create_response(request, {"detail": str(error)}, status=422)


@api.exception_handler(Http404)
def not_found(request, error: Http404):
    return api.create_response(request, {"detail": str(error) or _("Không tìm thấy.")},
                               status=404)
