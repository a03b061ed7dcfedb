"""Reconciliation (đối soát, integrations §3.5): one agency's online payments of one day as a
workbook — paid, pending, failed or abandoned, and mismatched (an amount that differs, a payment
for a dossier that no longer waited for it) — for the finance officer to check against the
platform's and the treasury's statements. ``daily`` is the scheduler's job: it settles what is
still pending (QUERY), then keeps yesterday's workbook of each agency in the file storage."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.dates import VN_TZ, to_local, vn_datetime
from motcua.core.spreadsheets import table_workbook
from motcua.payments import selectors, services
from motcua.payments.models import PaymentState, PaymentTransaction

MISMATCHED = "mismatched"


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    lo = dt.datetime.combine(day, dt.time.min, tzinfo=VN_TZ)
    return lo, lo + dt.timedelta(days=1)


def status_of(attempt: PaymentTransaction) -> str:
    """What the report says of an attempt: mismatched before anything else."""
    return _("Sai lệch") if attempt.mismatch else attempt.get_state_display()


def header() -> list[str]:
    return [_("Cơ quan"), _("Mã hồ sơ"), _("Mã tham chiếu"), _("Số tiền (đồng)"),
            _("Trạng thái"), _("Mã giao dịch"), _("Ngân hàng"), _("Bắt đầu lúc"),
            _("Có kết quả lúc"), _("Sai lệch"), _("Kênh thanh toán")]


def row(attempt: PaymentTransaction) -> list:
    return [attempt.dossier.deciding_agency.name, attempt.dossier.code, attempt.reference,
            attempt.amount_vnd, status_of(attempt), attempt.provider_transaction,
            attempt.bank_code, vn_datetime(attempt.started_at),
            vn_datetime(attempt.settled_at) if attempt.settled_at else "", attempt.mismatch,
            attempt.get_provider_display()]


def totals(attempts: list[PaymentTransaction]) -> dict[str, int]:
    """Count and amount of each state, and of the mismatched."""
    found: dict[str, int] = defaultdict(int)
    for attempt in attempts:
        key = MISMATCHED if attempt.mismatch else attempt.state
        found[key] += 1
        found[f"{key}_vnd"] += attempt.amount_vnd
    return dict(found)


def workbook(agency_ids: set[int] | None, day: dt.date) -> bytes:
    attempts = list(selectors.of_agency_day(agency_ids, *day_bounds(day)))
    found = totals(attempts)
    lines = [row(attempt) for attempt in attempts]
    lines.append([])
    for key, label in ((PaymentState.PAID, _("Đã thanh toán")),
                       (PaymentState.PENDING, _("Chờ kết quả")),
                       (PaymentState.FAILED, _("Không thành công")),
                       (PaymentState.CANCELLED, _("Đã hủy")), (MISMATCHED, _("Sai lệch"))):
        lines.append([_("Tổng"), label, found.get(key, 0), found.get(f"{key}_vnd", 0)])
    title = _("Đối soát thanh toán trực tuyến ngày %(day)s") % {"day": day.strftime("%d/%m/%Y")}
    return table_workbook(title, header(), lines, _("Đối soát"),
                          [30, 22, 30, 14, 20, 20, 12, 18, 18, 40, 30])


def file_name(day: dt.date, agency_code: str = "") -> str:
    return f"doi-soat-thanh-toan-{day:%Y-%m-%d}{'-' + agency_code if agency_code else ''}.xlsx"


def yesterday() -> dt.date:
    return (to_local(timezone.now()) - dt.timedelta(days=1)).date()


def daily(day: dt.date | None = None) -> list[str]:
    """Settle the pending attempts, then store each agency's workbook of ``day`` (yesterday
    by default); the stored paths."""
    services.settle_pending()
    day = day or yesterday()
    agencies = {attempt.dossier.deciding_agency for attempt
                in selectors.of_agency_day(None, *day_bounds(day))}
    stored = []
    for agency in sorted(agencies, key=lambda one: one.pk):
        name = f"payments/reconciliation/{day:%Y-%m-%d}/" + file_name(day,
                                                                        agency.identifier_code)
        stored.append(default_storage.save(name, ContentFile(workbook({agency.pk}, day))))
    return stored
