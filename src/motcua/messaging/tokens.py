"""The Zalo OA's access token, refreshed before it expires (integrations §5.3).

Each refresh rotates the refresh token and kills the old one, so the new pair is written in the
transaction that holds the one ``ZaloToken`` row locked (select_for_update): a second worker
waits for the lock, then finds the fresh token and uses it; nobody refreshes with a dead one.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from motcua.messaging import providers
from motcua.messaging.models import ZaloToken

logger = logging.getLogger(__name__)
TOKEN_ROW = 1


def _fresh(row: ZaloToken, now: dt.datetime) -> bool:
    early = dt.timedelta(seconds=providers.config("ZALO")["REFRESH_EARLY_SECONDS"])
    return bool(row.access_token and row.expires_at and row.expires_at - early > now)


def access_token() -> str:
    """A valid access token: the stored one, or a new one when it expires within the early
    margin (ZALO_REFRESH_EARLY_SECONDS). Raises ``providers.RefreshRefused`` when Zalo refuses
    the refresh token, ``gateways.GatewayError`` when Zalo cannot be reached."""
    row = ZaloToken.objects.filter(pk=TOKEN_ROW).first()
    if row is not None and _fresh(row, timezone.now()):
        return row.access_token
    with transaction.atomic():
        row, _ = ZaloToken.objects.get_or_create(pk=TOKEN_ROW)
        row = ZaloToken.objects.select_for_update().get(pk=TOKEN_ROW)
        now = timezone.now()
        if _fresh(row, now):
            return row.access_token  # another worker refreshed it while we waited
        pair = providers.refresh(row.refresh_token or providers.config("ZALO")["REFRESH_TOKEN"])
        row.access_token, row.refresh_token = pair.access_token, pair.refresh_token
        row.expires_at = now + dt.timedelta(seconds=pair.expires_in)
        row.refreshed_at = now
        row.save()
    logger.info("Zalo access token refreshed; valid until %s", row.expires_at)
    return row.access_token


def expire() -> None:
    """Zalo refused the stored access token: the next call refreshes it."""
    ZaloToken.objects.filter(pk=TOKEN_ROW).update(expires_at=timezone.now())


def keep_fresh() -> bool:
    """The daily job: refresh the token when it expires within the margin, even on a day
    without messages, so the refresh token never ages out unused. False with Zalo off."""
    if not providers.configured("ZALO"):
        return False
    access_token()
    return True
