"""Every read of the national integrations: who may run them, and how each one is doing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import CatalogueSync, PullState
from motcua.dossiers.models import Dossier
from motcua.national.models import DvcqgPoll, DvcqgSync, RefusedPush
from motcua.org.models import Role, User
from motcua.org.selectors import holding

DVCQG = "dvcqg"
CATALOGUE = "dvcqg_catalogue"  # motcua.national.catalogue_sync.GATEWAY


def is_operator(user: User) -> bool:
    """The system administrator (or the installation's superuser) runs the integrations."""
    return user.is_authenticated and (user.is_superuser
                                      or bool(holding(user, [Role.SYSTEM_ADMIN])))


@dataclass(frozen=True)
class IntegrationStatus:
    name: str
    title: str
    configured: bool
    address: str
    auth: str
    last_success: dt.datetime | None
    last_error: str
    last_error_at: dt.datetime | None
    backlog: int
    given_up: int


def dvcqg_status() -> IntegrationStatus:
    """DVCQG's dossier sync: when it last worked, its last error, how many dossiers are behind."""
    totals = DvcqgSync.objects.aggregate(
        last_success=Max("delivered_at"),
        backlog=Count("pk", filter=Q(delivered_at__isnull=True)),
        given_up=Count("pk", filter=Q(delivered_at__isnull=True, failed_at__isnull=False)),
    )
    latest_error = DvcqgSync.objects.exclude(last_error_at=None).order_by("-last_error_at") \
        .values("last_error", "last_error_at").first() or {}
    entry = settings.MOTCUA_NATIONAL.get(DVCQG) or {}
    return IntegrationStatus(
        name=DVCQG, title=str(_("Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia (DVCQG)")),
        configured=bool(entry), address=entry.get("URL", ""),
        auth=str(_("qua LGSP/NGSP") if entry.get("AUTH") == "lgsp" else _("kết nối trực tiếp")),
        last_success=totals["last_success"], last_error=latest_error.get("last_error", ""),
        last_error_at=latest_error.get("last_error_at"), backlog=totals["backlog"],
        given_up=totals["given_up"],
    )


def integrations() -> list[IntegrationStatus]:
    return [dvcqg_status()]


@dataclass(frozen=True)
class PollStatus:
    seconds: int  # 0: off
    service: str
    state: DvcqgPoll | None  # None: never polled


def poll_status() -> PollStatus:
    """The inbound poller: its setting, and where it stands (watermark, last poll, last error)."""
    poll = settings.MOTCUA_DVCQG_POLL
    seconds = poll["SECONDS"] if settings.MOTCUA_NATIONAL.get(DVCQG) else 0
    return PollStatus(seconds=seconds, service=poll["SERVICE"],
                      state=DvcqgPoll.objects.filter(service=poll["SERVICE"]).first())


def behind(limit: int = 50):
    """The dossiers DVCQG has not heard the latest of, oldest change first."""
    return DvcqgSync.objects.filter(delivered_at__isnull=True).select_related("dossier") \
        .order_by("marked_at")[:limit]


def refused_pushes(limit: int = 50):
    """The pushes from DVCQG refused and not taken since, newest first (the operator's queue)."""
    return RefusedPush.objects.filter(resolved_at__isnull=True)[:limit]


def catalogue_address() -> str:
    """Where the national catalogue is pulled from (empty: not set up)."""
    return (settings.MOTCUA_NATIONAL.get(CATALOGUE) or {}).get("URL", "")


def catalogue_pulls(limit: int = 10):
    """The latest pulls of the national catalogue, newest first, without their package."""
    return CatalogueSync.objects.defer("package", "report")[:limit]


def catalogue_pull_running() -> bool:
    """A pull started within the hour and not finished (an older one was cut short)."""
    since = timezone.now() - dt.timedelta(hours=1)
    return CatalogueSync.objects.filter(state=PullState.RUNNING, started_at__gte=since).exists()


def catalogue_pull(pk: int) -> CatalogueSync | None:
    return CatalogueSync.objects.defer("package").filter(pk=pk).first()


def national_origin(dossier: Dossier) -> str:
    """The dossier's code on DVCQG when it was filed there (pushed or polled in), else "": a
    dossier filed in motcua is synced under its own code (integrations §1.3, §1.5)."""
    code = DvcqgSync.objects.filter(dossier=dossier).values_list("national_code", flat=True)
    found = code.first() or ""
    return found if found != dossier.code else ""
