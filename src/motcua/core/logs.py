"""Logs: one JSON object a line in production (LOG_FORMAT=json), readable lines in development.

Every logger — motcua's, Django's, the libraries' — goes through structlog's ProcessorFormatter,
so each line has the same fields: ``timestamp`` (ISO 8601, UTC), ``level``, ``logger``,
``event``, and during a request its ``request_id``. :class:`RequestLogMiddleware` writes one
line per request (logger ``motcua.request``) with ``method``, ``path``, ``status``,
``duration_ms`` and ``user_id`` when the request knew its user, and returns the request id in the
``X-Request-ID`` header (the proxy's when it sent a usable one, else a new one).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import structlog
from django.http import HttpRequest, HttpResponse

REQUEST_ID_HEADER = "X-Request-ID"
_USABLE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

request_logger = logging.getLogger("motcua.request")


def _shared_processors() -> list:
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def formatter(log_format: str = "json") -> structlog.stdlib.ProcessorFormatter:
    """The formatter of every handler (LOGGING's ``"()"`` factory)."""
    renderer: Any
    if log_format == "json":
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
        tail = [structlog.processors.format_exc_info]
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
        tail = []
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *tail, renderer],
    )


def logging_config(log_format: str, *, debug: bool) -> dict:
    """Django's LOGGING: one console handler with the structlog formatter. In production the
    request lines come from motcua.request (Django's own would repeat them)."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_shared_processors(),
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structlog": {"()": "motcua.core.logs.formatter",
                                     "log_format": log_format}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structlog"}},
        "root": {"handlers": ["console"], "level": "WARNING" if debug else "INFO"},
        "loggers": {
            # Django's own request lines repeat motcua.request's (its 4xx warnings; runserver's
            # lines stay in development, where motcua.request is quiet)
            "django.request": {"level": "ERROR"},
            **({} if debug else {"django.server": {"level": "ERROR"}}),
            # WeasyPrint reports every font it subsets; only its errors matter here.
            "weasyprint": {"level": "ERROR"},
            "fontTools": {"level": "ERROR"},
        },
    }


def request_id_of(request: HttpRequest) -> str:
    sent = request.headers.get(REQUEST_ID_HEADER, "")
    return sent if _USABLE_REQUEST_ID.match(sent) else uuid.uuid4().hex


class RequestLogMiddleware:
    """One log line per request, with the request id bound to every line logged meanwhile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        request_id = request_id_of(request)
        request.request_id = request_id
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            self._log(request, response.status_code, started)
            return response
        except Exception:
            self._log(request, 500, started)
            raise
        finally:
            structlog.contextvars.clear_contextvars()

    @staticmethod
    def _log(request: HttpRequest, status: int, started: float) -> None:
        fields = {
            "method": request.method,
            "path": request.path,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        # the user when the request already knew it (session or API token): no extra query
        user = request.__dict__.get("_cached_user") or getattr(request, "auth", None)
        if getattr(user, "is_authenticated", False):
            fields["user_id"] = user.pk
        level = logging.ERROR if status >= 500 else logging.INFO
        request_logger.log(level, "request", extra=fields)
