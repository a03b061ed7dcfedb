"""Reads of the catalogue: the version in force, search that ignores diacritics, lookups."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from motcua.catalog.models import Procedure, ProcedureVersion, ProcessStep
from motcua.core.text import SECTION, words


def today() -> dt.date:
    return timezone.localdate()


def parse_code(code: str) -> tuple[str, str]:
    """'1.009374' -> ('1.009374', ''); '1.009374.H42' -> ('1.009374', 'H42')."""
    parts = code.split(".")
    if len(parts) <= 2:
        return code, ""
    return ".".join(parts[:2]), ".".join(parts[2:])


def procedure_by_code(code: str) -> Procedure | None:
    national_code, suffix = parse_code(code)
    return Procedure.objects.filter(national_code=national_code, local_suffix=suffix).first()


def _versions_of(code: str) -> QuerySet[ProcedureVersion]:
    """Every version of the procedure ``code``, in force or not."""
    national_code, suffix = parse_code(code.strip())
    return ProcedureVersion.objects.filter(procedure__national_code=national_code,
                                           procedure__local_suffix=suffix)


def _in_force(versions: QuerySet[ProcedureVersion],
              on: dt.date | None) -> QuerySet[ProcedureVersion]:
    """Of ``versions``, those in force on ``on`` (default: today), the latest first."""
    return versions.in_force(on or today()).order_by("-effective_from")


def in_force_by_code(code: str, on: dt.date | None = None) -> ProcedureVersion | None:
    """The version of procedure ``code`` in force on ``on`` (default: today), in one query: a
    submission, a postal pickup and DVCQG's inbound dossier each name their procedure by code."""
    return _in_force(_versions_of(code), on).select_related(
        "procedure", "sector", "deciding_agency").first()


def version_ids(code: str) -> list[int]:
    """The ids of every version of the procedure ``code``, in force or not."""
    return list(_versions_of(code).values_list("pk", flat=True))


def version_in_force(procedure: Procedure, on: dt.date | None = None) -> ProcedureVersion | None:
    """The version a dossier received on ``on`` (default: today) is handled under."""
    return _in_force(procedure.versions.all(), on).select_related(
        "sector", "deciding_agency").first()


def detailed(versions: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion]:
    return versions.select_related("procedure", "sector", "deciding_agency").prefetch_related(
        "receiving_agencies", "components", "fees", "channel_limits",
        Prefetch("steps", ProcessStep.objects.select_related("agency", "division")
                 .prefetch_related("next_steps")),
    )


def search_versions(
    q: str = "",
    *,
    sector: str | None = None,
    level: str | None = None,
    agency: str | None = None,
    on: dt.date | None = None,
) -> QuerySet[ProcedureVersion]:
    """Versions in force, filtered; every word of ``q`` must begin a word of the procedure's
    name, sector, deciding agency or code, diacritics ignored ('in' finds 'in ấn', not 'tỉnh').
    The best matches first (``search_rank``), then by code.

    The folded column is indexed with pg_trgm on PostgreSQL; SQLite scans it.
    """
    versions = ProcedureVersion.objects.in_force(on or today())
    for word in words(q):
        versions = versions.filter(search_text__contains=f" {word}")
    if sector:
        versions = versions.filter(sector__code=sector)
    if level:
        versions = versions.filter(levels__contains=level)
    if agency:
        versions = versions.filter(
            Q(receiving_agencies__identifier_code=agency)
            | Q(deciding_agency__identifier_code=agency)
        ).distinct()
    return versions.select_related("procedure", "sector", "deciding_agency").annotate(
        search_rank=search_rank(q)
    ).order_by("search_rank", "procedure__national_code", "procedure__local_suffix")


def search_rank(q: str) -> Case | Value:
    """0 the exact name as typed (diacritics and all), 1 the exact name without diacritics,
    2 the words as typed side by side, 3 the same without diacritics, 4 the words found apart
    ('báo chí': the press sector before 'thông báo hoạt động bưu chính')."""
    folded, marked = " ".join(words(q)), " ".join(words(q, marks=True))
    if not folded:
        return Value(0)
    return Case(
        When(search_marked__startswith=f" {marked} {SECTION}", then=0),
        When(search_text__startswith=f" {folded} {SECTION}", then=1),
        When(search_marked__contains=f" {marked}", then=2),
        When(search_text__contains=f" {folded}", then=3),
        default=4,
    )


def current_version(code: str, on: dt.date | None = None) -> ProcedureVersion | None:
    """The version of procedure ``code`` in force on ``on``, with everything it holds."""
    return detailed(_in_force(_versions_of(code), on)).first()


def fees_to_pay(version: ProcedureVersion, channel: str | None = None) -> tuple[int, str]:
    """The total of the version's fees and charges (đồng) and what they are, as published with
    the procedure, for a dossier filed through ``channel`` (every fee when None); (0, "") for a
    procedure that charges nothing."""
    fees = list(version.fees.all()) if channel is None else version.fees_for(channel)
    reason = "; ".join(f"{fee.name} ({fee.legal_basis})" if fee.legal_basis else fee.name
                       for fee in fees)
    return sum(fee.amount_vnd for fee in fees), reason
