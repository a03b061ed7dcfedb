"""Prometheus metrics at ``/metrics`` (django-prometheus), for the addresses in METRICS_ALLOWED
only; anyone else gets the site's ordinary 404, as if there were nothing there.

With several processes (gunicorn workers) set PROMETHEUS_MULTIPROC_DIR: each process writes its
figures there and the page sums them (prometheus_client's multiprocess mode).
"""

from __future__ import annotations

import ipaddress
from functools import cache

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView
from ninja.throttling import BaseThrottle
from prometheus_client import Counter

DOSSIERS_RECEIVED = Counter("motcua_dossiers_received", "Dossiers received (committed), by channel",
                            ["channel"])
_IDENT = BaseThrottle()  # only its reading of the client address


@cache
def _allowed(networks: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network,
                                                 ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in networks)


def client_address(request: HttpRequest) -> str | None:
    """The caller's address as the API's throttles read it (ninja's ``get_ident``: the peer's,
    or the one the trusted proxies report). A request that came through a proxy motcua does not
    trust (X-Forwarded-For with TRUSTED_PROXIES=0) has no usable address here: the proxy's own
    must not stand for the client's."""
    if "HTTP_X_FORWARDED_FOR" in request.META and not settings.NINJA_NUM_PROXIES:
        return None
    return _IDENT.get_ident(request)


def comes_from(request: HttpRequest, networks: list[str] | tuple[str, ...]) -> bool:
    """Whether the caller's address (``client_address``) lies in one of ``networks``."""
    address = client_address(request)
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return any(ip in network for network in _allowed(tuple(networks)))


def may_read_metrics(request: HttpRequest) -> bool:
    return comes_from(request, settings.MOTCUA_METRICS_ALLOWED)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        raise Http404
    return ExportToDjangoView(request)


def count_received_dossier(sender, instance, created: bool, using: str, **kwargs) -> None:
    """post_save of a dossier: counted once its transaction commits (a rolled-back one is not)."""
    if created:
        channel = instance.channel
        transaction.on_commit(lambda: DOSSIERS_RECEIVED.labels(channel=channel).inc(), using=using)
