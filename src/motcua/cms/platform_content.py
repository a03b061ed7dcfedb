"""What an agency's portal shows drawn from the platform, never copied into pages (e-portal spec
§3; NĐ 224/2026 art. 9(1): procedures taken from the national catalogue; Luật Tiếp công dân 2013
art. 24(2): the reception schedule; Luật Tiếp cận thông tin 2016 art. 19(1)(a): the agency's
documents; Luật Tố cáo 2018 art. 40: denunciation conclusions): each read through the owning
app's selectors, scoped to the agency of the portal, public data only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from motcua.catalog.selectors import search_versions
from motcua.exchange.selectors import public_entry, published_documents
from motcua.stats.rules import Period, percent
from motcua.stats.selectors import totals, with_descendants
from motcua.voice.denunciation_selectors import published_conclusions
from motcua.voice.reception import public_schedule
from motcua.voice.selectors import published_answers


def procedures(agency, limit: int):
    """The procedures in force the agency receives or decides (the catalogue's, which DVCQG
    supplies), the best known first."""
    return list(search_versions(agency=agency.identifier_code)[:limit])


@dataclass(frozen=True)
class Figures:
    start: dt.date
    end: dt.date
    resolved: int
    on_time_rate: Decimal | None  # report 06a: resolved on time ÷ resolved, per cent
    received: int
    online_share: Decimal | None  # received online ÷ received in the period, per cent


def figures(agency, today: dt.date | None = None) -> Figures:
    """This year's figures of the agency and the agencies below it, as the public statistics
    page (/thong-ke) counts them (report 06a, TT 01/2018 as amended)."""
    today = today or timezone.localdate()
    period = Period(dt.date(today.year, 1, 1), today)
    counts = totals(period, with_descendants([agency.pk]))
    return Figures(start=period.start, end=period.end, resolved=counts.resolved,
                   on_time_rate=counts.on_time_rate, received=counts.received_in_period,
                   online_share=percent(counts.received_online, counts.received_in_period))


def answers(agency, limit: int) -> list[dict]:
    """The agency's published answers to feedback, without any personal data of the sender."""
    return list(published_answers().filter(agency=agency)[:limit])


def reception_sessions(agency, limit: int):
    """The agency's published reception sessions from today on."""
    return list(public_schedule().filter(agency=agency)[:limit])


def documents(agency, limit: int):
    """The latest documents the agency's clerk published on its portal, public fields only."""
    return [public_entry(document) for document in published_documents(agency)[:limit]]


def conclusions(agency, limit: int) -> list[dict]:
    """The agency's denunciation conclusions on show, nothing about the denouncer."""
    return list(published_conclusions().filter(agency=agency)[:limit])
