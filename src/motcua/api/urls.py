"""The motcua API, version 1: one router per app, OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from motcua.catalog.api import router as catalog_router
from motcua.workcal.api import router as calendar_router

api = NinjaAPI(
    title="motcua API",
    version="1",
    description="API của Hệ thống thông tin giải quyết thủ tục hành chính (motcua).",
    urls_namespace="api-v1",
)
api.add_router("/", calendar_router)
api.add_router("/", catalog_router)
