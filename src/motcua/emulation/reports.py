"""The statistical reports of spec §10 as Excel workbooks, recomputed from the records of the
period (a past year gives the same numbers again).

- 0601.N/BNV-TĐKT: the movements launched in the year, by form, scope and duration band;
- 0602.N: state-level awards (Nhà nước, Chính phủ, Thủ tướng) by title or form, collective and
  individual;
- 0603.N: province-level awards by title or form: collectives, households, individuals;
- the cluster report: each member's total, rank and the year-end meeting's proposals.

The forms come from TT 02/2023/TT-BNV (its validity is uncertain, spec §0): the counts are the
forms' lines, the layout is ours. An award counts in the year of its decision (its achievement
year when no decision date is recorded). openpyxl is loaded only when a workbook is written
(``core.spreadsheets``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _

from motcua.core.spreadsheets import table_workbook
from motcua.emulation import clusters
from motcua.emulation.models import (
    Award,
    Cluster,
    Level,
    Movement,
    MovementForm,
    MovementKind,
    MovementScope,
    Subject,
)

REPORTS = ("0601", "0602", "0603", "cum")
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
