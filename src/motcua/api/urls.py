"""The motcua API, version 1: one router per app, OpenAPI at /api/v1/openapi.json."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from motcua.api.auth import router as auth_router
from motcua.catalog.api import router as catalog_router
from motcua.dossiers.api import ActionIn, DossierIn
from motcua.dossiers.api import router as dossiers_router
from motcua.dossiers.services import DossierError
from motcua.dossiers.uploads import RequestTooLarge
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
        return schema


api = MotcuaAPI(
    title="motcua API",
    version="1",
    description="API của Hệ thống thông tin giải quyết thủ tục hành chính (motcua).",
    urls_namespace="api-v1",
)
api.add_router("/", auth_router)
api.add_router("/", calendar_router)
api.add_router("/", catalog_router)
api.add_router("/", dossiers_router)
api.add_router("/", reports_router)


@api.exception_handler(DossierError)
def dossier_error(request, error: DossierError):
    return api.create_response(request, {"detail": error.message}, status=error.status)


@api.exception_handler(RequestTooLarge)
def request_too_large(request, error: RequestTooLarge):
    # refused before the body was read (dossiers.uploads)
    return api.create_response(request, {"detail": str(error)}, status=413)


@api.exception_handler(DeadlineError)
def deadline_error(request, error: DeadlineError):
    # e.g. a due instant pushed past the calendar's last year
    return api.create_response(request, {"detail": str(error)}, status=422)


@api.exception_handler(Http404)
def not_found(request, error: Http404):
    return api.create_response(request, {"detail": str(error) or _("Không tìm thấy.")},
                               status=404)
