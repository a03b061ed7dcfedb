"""The statistical reports of spec §10 as Excel workbooks, recomputed from the records of the
period (a past year gives the same numbers again).

- 0601.N/BNV-TĐKT: the movements launched in the year, by form, scope and duration band;
- 0602.N: state-level awards (Nhà nước, Chính phủ, Thủ tướng) by title or form, collective and
  individual;
- 0603.N: province-level awards by title or form: collectives, households, individuals;
- 0604.N: the bodies doing emulation work: the units with emulation staff (full-time or only
  part-time), the councils and the clusters and blocks of the year;
- 0605.N: the emulation staff (``EmulationStaff``, entered yearly) by sex, age, education and
  seniority in emulation work, full-time and part-time (the bands are ours: uncertain);
- the cluster report: each member's total, rank and the year-end meeting's proposals.

The forms come from TT 02/2023/TT-BNV (its validity is uncertain, spec §0): the counts are the
forms' lines, the layout is ours. An award counts in the year of its decision (its achievement
year when no decision date is recorded). openpyxl is loaded only when a workbook is written
(``core.spreadsheets``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.core.spreadsheets import table_workbook
from motcua.emulation import clusters
from motcua.emulation.models import (
    Award,
    Cluster,
    ClusterKind,
    ClusterMembership,
    CouncilMember,
    Education,
    EmulationStaff,
    Level,
    Movement,
    MovementForm,
    MovementKind,
    MovementScope,
    Subject,
)

REPORTS = ("0601", "0602", "0603", "0604", "0605", "cum")
STATE_LEVELS = (Level.NHA_NUOC, Level.TOAN_QUOC)


def movement_lines(movements: Iterable[tuple[str, str, str]]) -> list[tuple[str, int]]:
    """(form, scope, kind) of each movement -> the lines of 0601.N: the total, then by form, by
    scope and by duration band (every choice listed, zeros included)."""
    rows = list(movements)
    lines = [(_("Tổng số phong trào thi đua"), len(rows))]
    for position, choices in ((0, MovementForm), (1, MovementScope), (2, MovementKind)):
        counted = Counter(row[position] for row in rows)
        lines += [(str(choice.label), counted[choice.value]) for choice in choices]
    return lines


def award_lines(awards: Iterable[tuple[str, str]]) -> list[tuple[str, int, int, int, int]]:
    """(award type code and name, subject) of each award -> one line per type, in the order
    met: the total, collectives, households, individuals."""
    counted: dict[str, Counter] = {}
    for name, subject in awards:
        counted.setdefault(name, Counter())[subject] += 1
    return [(name, sum(counts.values()), counts[Subject.COLLECTIVE], counts[Subject.HOUSEHOLD],
             counts[Subject.INDIVIDUAL]) for name, counts in counted.items()]


def _decided_in(year: int):
    return Award.objects.filter(Q(decision_date__year=year)
                                | Q(decision_date__isnull=True, year=year))


def _award_rows(year: int, levels) -> list[tuple[str, str]]:
    awards = (_decided_in(year).filter(award_type__level__in=levels)
              .select_related("award_type").order_by("award_type__order", "award_type__code"))
    return [(str(award.award_type), Subject.INDIVIDUAL if award.staff_id
             else Subject.COLLECTIVE) for award in awards]


def report_0601(year: int) -> bytes:
    movements = Movement.objects.filter(starts_on__year=year).values_list("form", "scope", "kind")
    return table_workbook(
        _("Biểu 0601.N/BNV-TĐKT: Số phong trào thi đua phát động năm %(year)s") % {"year": year},
        [_("Chỉ tiêu"), _("Số phong trào")], movement_lines(movements), "0601.N", (60, 16))


def _award_header() -> list[str]:
    return [_("Danh hiệu, hình thức"), _("Tổng số"), _("Tập thể"), _("Hộ gia đình"), _("Cá nhân")]


def report_0602(year: int) -> bytes:
    return table_workbook(
        _("Biểu 0602.N/BNV-TĐKT: Khen thưởng cấp Nhà nước năm %(year)s") % {"year": year},
        _award_header(), award_lines(_award_rows(year, STATE_LEVELS)), "0602.N",
        (60, 12, 12, 14, 12))


def report_0603(year: int) -> bytes:
    return table_workbook(
        _("Biểu 0603.N/BNV-TĐKT: Khen thưởng cấp tỉnh năm %(year)s") % {"year": year},
        _award_header(), award_lines(_award_rows(year, (Level.TINH,))), "0603.N",
        (60, 12, 12, 14, 12))


def report_clusters(year: int) -> bytes:
    rows = []
    for cluster in Cluster.objects.all():
        proposed: dict[int, list[str]] = {}
        for proposal in clusters.proposals_of(cluster, year):
            proposed.setdefault(proposal.agency_id, []).append(proposal.award_type.code)
        rows += [(cluster.name, row.agency.name, row.total, row.rank,
                  ", ".join(proposed.get(row.agency.pk, ())))
                 for row in clusters.standings(cluster, year)]
    return table_workbook(
        _("Báo cáo cụm, khối thi đua năm %(year)s: điểm, xếp hạng, đề nghị khen thưởng")
        % {"year": year},
        [_("Cụm, khối"), _("Đơn vị"), _("Tổng điểm"), _("Xếp hạng"), _("Cụm đề nghị")],
        rows, _("Cụm, khối"), (36, 40, 12, 10, 24))


# -- 0604.N and 0605.N: the emulation bodies and staff -----------------------------------------


@dataclass(frozen=True)
class StaffRow:
    """One person of report 0605.N, in the report's year."""

    agency_id: int
    female: bool
    age: int
    education: str
    seniority: int  # years in emulation work
    full_time: bool


AGE_BANDS = ((0, 29), (30, 40), (41, 50), (51, 60), (61, 200))
SENIORITY_BANDS = ((0, 4), (5, 9), (10, 200))


def _band_label(low: int, high: int, unit: str) -> str:
    if low == 0:
        return _("Dưới %(n)s %(unit)s") % {"n": high + 1, "unit": unit}
    if high >= 200:
        return _("Từ %(n)s %(unit)s trở lên") % {"n": low, "unit": unit}
    return _("Từ %(low)s đến %(high)s %(unit)s") % {"low": low, "high": high, "unit": unit}


def unit_lines(staff: Iterable[StaffRow], councils: int,
               clusters: Iterable[str]) -> list[tuple[str, int]]:
    """The lines of 0604.N: the units with emulation staff (with a full-time one, or only
    part-time ones), the councils sitting in the year, the clusters and blocks by kind."""
    rows = list(staff)
    units = {row.agency_id for row in rows}
    full = {row.agency_id for row in rows if row.full_time}
    kinds = Counter(clusters)
    return [
        (_("Số cơ quan, đơn vị có người làm công tác thi đua, khen thưởng"), len(units)),
        (_("trong đó: có người chuyên trách"), len(full)),
        (_("trong đó: chỉ có người kiêm nhiệm"), len(units - full)),
        (_("Số Hội đồng Thi đua - Khen thưởng"), councils),
        *[(str(kind.label), kinds[kind.value]) for kind in ClusterKind],
    ]


def staff_lines(staff: Iterable[StaffRow]) -> list[tuple[str, int, int, int]]:
    """The lines of 0605.N, each as (label, total, full-time, part-time): the total, women,
    the age bands, the education levels, the seniority bands."""
    rows = list(staff)

    def line(label: str, chosen) -> tuple[str, int, int, int]:
        picked = [row for row in rows if chosen(row)]
        full = sum(1 for row in picked if row.full_time)
        return str(label), len(picked), full, len(picked) - full

    year_unit, age_unit = _("năm"), _("tuổi")
    return [
        line(_("Tổng số"), lambda row: True),
        line(_("Nữ"), lambda row: row.female),
        *[line(_("Tuổi: %(band)s") % {"band": _band_label(low, high, age_unit)},
               lambda row, low=low, high=high: low <= row.age <= high)
          for low, high in AGE_BANDS],
        *[line(_("Trình độ: %(level)s") % {"level": level.label},
               lambda row, value=level.value: row.education == value) for level in Education],
        *[line(_("Thâm niên: %(band)s") % {"band": _band_label(low, high, year_unit)},
               lambda row, low=low, high=high: low <= row.seniority <= high)
          for low, high in SENIORITY_BANDS],
    ]


def _staff_rows(year: int) -> list[StaffRow]:
    return [StaffRow(person.agency_id, person.is_female, year - person.birth_year,
                     person.education, year - person.started_year, person.full_time)
            for person in EmulationStaff.objects.filter(year=year)]


def _in_force(rows, start_field: str, end_field: str, year: int):
    return rows.filter(**{f"{start_field}__lte": dt.date(year, 12, 31)}).filter(
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": dt.date(year, 1, 1)}))


def report_0604(year: int) -> bytes:
    councils = _in_force(CouncilMember.objects, "joined_on", "left_on", year).order_by(
        ).values("council").distinct().count()
    clusters = (_in_force(ClusterMembership.objects, "valid_from", "valid_to", year).order_by()
                .values_list("cluster_id", "cluster__kind").distinct())
    return table_workbook(
        _("Biểu 0604.N/BNV-TĐKT: Tổ chức làm công tác thi đua, khen thưởng năm %(year)s")
        % {"year": year}, [_("Chỉ tiêu"), _("Số lượng")],
        unit_lines(_staff_rows(year), councils, [kind for _pk, kind in clusters]), "0604.N",
        (60, 14))


def report_0605(year: int) -> bytes:
    return table_workbook(
        _("Biểu 0605.N/BNV-TĐKT: Người làm công tác thi đua, khen thưởng năm %(year)s")
        % {"year": year}, [_("Chỉ tiêu"), _("Tổng số"), _("Chuyên trách"), _("Kiêm nhiệm")],
        staff_lines(_staff_rows(year)), "0605.N", (50, 12, 14, 14))
