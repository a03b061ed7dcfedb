"""The statistical reports of spec §10 as Excel workbooks, recomputed from the records of the
period (a past year gives the same numbers again).

The five forms are those of Thông tư 02/2023/TT-BNV (23/3/2023, in force 10/5/2023; whether a
later circular on the Home Affairs statistics, 18/2025/TT-BNV of 08/10/2025, replaced them is
uncertain, spec §0). The legal text's annex could not be read here; the rows, columns, codes
(*mã số*) and wording below follow the forms as rendered by a product deployed in provinces
(the domain notes' LS: lifephongphanmem/thiduakhenthuong_php8 at dc8c198, its views
BaoCao/TT022023/Mau0601–0605), which prints them with their codes and column letters.

Followed exactly: each form's number, title, unit of count, the column letters line, the rows
with their codes and wording, the columns, the age bands (30 and under, 31–40, 41–50, 51–55,
56–60, over 60), the education levels, the identification lines (form number, the circular,
reporting unit, receiving unit, received on 15 December of the report year) and the signatures
(the person drawing up the form, the head of the unit). The period is the field's statistical
year, 1 December of the year before to 30 November (TT 02/2023 as summarised by a provincial
Department of Home Affairs: secondary).

Still ours, and why:
- 0601.N: the launching level (columns 2–4) is read from the movement's scope (national: the
  Central council; ministry or province: the ministry or province; a cluster or block, led by a
  member unit, and one unit: the unit); the duration band from the movement's kind (campaign:
  under 1 year, yearly: 1 year, 5 years or more), a multi-year movement split at 3 years by its
  dates.
- 0602.N and 0603.N: an award type falls in a column by its name. 0603: Bằng khen, Chiến sĩ
  thi đua, Cờ thi đua, Kỷ niệm chương or Huy hiệu; a provincial type in none of these (TTLĐXS,
  the model commune) is not counted, as the form has no column for it. 0602: each Huân chương
  or Huy chương met, the Hồ Chí Minh and State prizes, each other state-level title met (the
  honorary titles), the Government's flag, the Prime Minister's Bằng khen, CSTĐ toàn quốc, each
  remaining form met ("other forms"), split collective and individual where the form does. The
  kind rows map the register's kinds (merit: regular; movement and the thematic kinds:
  thematic; one-off; foreign; long service; seniority; none is a resistance award). The
  register holds units and people, not households, enterprises or the people's ranks: those
  rows are left blank, to be filled by hand. A province submits to the Prime Minister as a
  province: 0602's ministry row is 0. 0602's codes skip 04–05 as in the only rendering found
  (two rows it omits, uncertain).
- 0604.N counts the organisations doing the work (departments, offices, the Home Affairs
  department's board or office); the system does not record that structure, so its rows are
  left blank and our own figures (the units with emulation staff, full-time or only part-time,
  the councils, the clusters and blocks) follow below the form, marked as not part of it.
- 0605.N counts every person of the year's staff records, full-time or part-time (the form says
  civil servants doing the work); "Khác" education counts as Sơ cấp so that the levels add up;
  the seniority middle band reads "from 5 to under 10 years" where the rendering's "from 5 to 10"
  overlaps the next band.
- the receiving unit reads "Bộ Nội vụ" (the rendering leaves it blank or names the reporting
  unit's superior); the reporting unit is the province as the portal names it.
- the cluster report is ours: each member's total, rank and the year-end meeting's proposals.

An award counts in the period of its decision (its achievement year when no decision date is
recorded). openpyxl is loaded only when a workbook is written (``core.spreadsheets``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.core.dates import vn_date
from motcua.core.spreadsheets import table_workbook
from motcua.emulation import clusters
from motcua.emulation.models import (
    Award,
    AwardKind,
    Cluster,
    ClusterKind,
    ClusterMembership,
    CouncilMember,
    Education,
    EmulationStaff,
    Family,
    Level,
    Movement,
    MovementForm,
    MovementKind,
    MovementScope,
    Subject,
)
from motcua.org import selectors as org_selectors

REPORTS = ("0601", "0602", "0603", "0604", "0605", "cum")
STATE_LEVELS = (Level.NHA_NUOC, Level.TOAN_QUOC)
CIRCULAR = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023"


def report_period(year: int) -> tuple[dt.date, dt.date]:
    """The statistical year of the field: 1 December of the year before to 30 November."""
    return dt.date(year - 1, 12, 1), dt.date(year, 11, 30)


# -- the form's frame: identification lines, period, signatures ---------------------------------


def _reporting_unit() -> str:
    """The province's People's Committee, for which the emulation office reports."""
    root = org_selectors.root_agency()
    return root.name if root else "…………"


def _frame(form: str, year: int, unit: str, columns: int) -> dict:
    """The lines around a form's table: top (form number, circular, receipt date; reporting and
    receiving unit on the right), lead (period, unit of count) and foot (signatures)."""
    right = max(columns - 1, 2)

    def line(left: str, other: str = "") -> list[str]:
        return [left, *[""] * (right - 1), other]

    start, end = report_period(year)
    return {
        "top": [
            line(_("Biểu số: %(form)s/BNV-TĐKT") % {"form": form},
                 _("Đơn vị báo cáo: %(unit)s") % {"unit": _reporting_unit()}),
            line(_("Ban hành theo %(circular)s") % {"circular": CIRCULAR},
                 _("Đơn vị nhận báo cáo: Bộ Nội vụ")),
            line(_("Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo")),
        ],
        "lead": [
            [_("Năm %(year)s (từ ngày %(start)s đến ngày %(end)s)")
             % {"year": year, "start": vn_date(start), "end": vn_date(end)}],
            *([line("", _("Đơn vị tính: %(unit)s") % {"unit": unit})] if unit else []),
        ],
        "foot": [
            line("", _("…………, ngày …… tháng …… năm ……")),
            line(_("NGƯỜI LẬP BIỂU"), _("THỦ TRƯỞNG ĐƠN VỊ")),
            line(_("(Ký, họ tên)"), _("(Ký, họ tên, đóng dấu)")),
        ],
    }


def _form_workbook(form: str, year: int, title: str, unit: str, header: Sequence[str],
                   rows: Iterable[Sequence], widths: Sequence[int]) -> bytes:
    return table_workbook(title, [str(label) for label in header], rows, form, widths,
                          **_frame(form, year, unit, len(header)))


def _heading(label: str, columns: int) -> tuple:
    """A section line of a form: its label, no code, no figures."""
    return (label, *[None] * (columns - 1))


# -- 0601.N: the movements ---------------------------------------------------------------------


@dataclass(frozen=True)
class MovementRow:
    """One movement launched in the period, as report 0601.N reads it."""

    form: str
    scope: str
    kind: str
    starts_on: dt.date
    ends_on: dt.date


# the launching level (columns 2-4) of each scope: Central, ministry or province, the unit
LAUNCH_LEVEL = {MovementScope.NATIONAL: 0, MovementScope.PROVINCE: 1,
                MovementScope.CLUSTER: 2, MovementScope.AGENCY: 2}


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def duration_band(row: MovementRow) -> int:
    """0601.N's duration band, 0-4: under 1 year, 1 year, 1 to under 3, 3 to under 5, 5 or
    more. The kind says it, except a multi-year movement: under 3 years or not by its dates."""
    if row.kind == MovementKind.CAMPAIGN:
        return 0
    if row.kind == MovementKind.YEARLY:
        return 1
    if row.kind == MovementKind.FIVE_YEAR:
        return 4
    after = row.ends_on + dt.timedelta(days=1)
    return 3 if after >= _years_later(row.starts_on, 3) else 2


def movement_lines(movements: Iterable[MovementRow]) -> list[tuple]:
    """The lines of 0601.N: (label, code, total, Central, ministry or province, unit)."""
    rows = list(movements)

    def line(label: str, code: str, chosen: Callable[[MovementRow], bool]) -> tuple:
        by_level = Counter(LAUNCH_LEVEL[row.scope] for row in rows if chosen(row))
        return (label, code, sum(by_level.values()), by_level[0], by_level[1], by_level[2])

    scopes = ((MovementScope.NATIONAL, _("- Toàn quốc")),
              (MovementScope.PROVINCE, _("- Bộ, ban, ngành, đoàn thể, địa phương")),
              (MovementScope.CLUSTER, _("- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng "
                                        "các cấp tổ chức")),
              (MovementScope.AGENCY, _("- Cơ quan, tổ chức, đơn vị")))
    bands = (_("- Dưới 1 năm"), _("- 1 năm"), _("- Từ 1 năm đến dưới 3 năm"),
             _("- Từ 3 năm đến dưới 5 năm"), _("- Từ 5 năm trở lên"))
    forms = ((MovementForm.THEMATIC, _("- Thi đua theo chuyên đề")),
             (MovementForm.REGULAR, _("- Thi đua thường xuyên hằng năm")))
    return [
        ("A", "B", "1=(2+3+4)", "2", "3", "4"),
        line(_("Tổng số"), "01", lambda row: True),
        _heading(_("1. Chia theo phạm vi tổ chức thi đua"), 6),
        *[line(label, f"{2 + n:02d}", lambda row, scope=scope: row.scope == scope)
          for n, (scope, label) in enumerate(scopes)],
        _heading(_("2. Chia theo thời hạn thi đua"), 6),
        *[line(label, f"{6 + n:02d}", lambda row, n=n: duration_band(row) == n)
          for n, label in enumerate(bands)],
        _heading(_("3. Chia theo phương thức tổ chức phong trào thi đua"), 6),
        *[line(label, f"{11 + n:02d}", lambda row, form=form: row.form == form)
          for n, (form, label) in enumerate(forms)],
    ]


def report_0601(year: int) -> bytes:
    movements = [MovementRow(*values) for values in Movement.objects.filter(
        starts_on__range=report_period(year)).values_list(
        "form", "scope", "kind", "starts_on", "ends_on")]
    return _form_workbook(
        "0601.N", year, _("SỐ PHONG TRÀO THI ĐUA"), _("Phong trào"),
        ["", _("Mã số"), _("Tổng số"),
         _("Chia theo cấp chủ trì phát động: Cấp Trung ương (Hội đồng Thi đua - Khen thưởng "
           "Trung ương)"),
         _("Cấp bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"),
         _("Cơ quan, tổ chức, đơn vị")],
        movement_lines(movements), (60, 8, 12, 22, 26, 18))


# -- 0602.N and 0603.N: the awards -------------------------------------------------------------


@dataclass(frozen=True)
class AwardRow:
    """One award decided in the period, as reports 0602.N and 0603.N read it."""

    type_name: str
    family: str
    subject: str  # Subject: the register holds collectives and individuals
    kind: str  # AwardKind


@dataclass(frozen=True)
class AwardColumn:
    label: str
    takes: Callable[[AwardRow], bool]


# the forms' kind rows (phương thức khen thưởng) and the register's kinds counted in each
KIND_LINES = (
    (gettext_lazy("- Thường xuyên"), (AwardKind.MERIT,)),
    (gettext_lazy("- Chuyên đề"),
     (AwardKind.MOVEMENT, AwardKind.THEMATIC_MOVEMENT, AwardKind.THEMATIC)),
    (gettext_lazy("- Đột xuất"), (AwardKind.ONE_OFF,)),
    (gettext_lazy("- Đối ngoại"), (AwardKind.FOREIGN,)),
    (gettext_lazy("- Cống hiến"), (AwardKind.LONG_SERVICE,)),
    (gettext_lazy("- Niên hạn"), (AwardKind.SENIORITY,)),
    (gettext_lazy("- Kháng chiến"), ()),
)
# the forms' individual rows: the register does not record these ranks (left blank)
PEOPLE_LINES = (
    gettext_lazy("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"),
    gettext_lazy("+ Lãnh đạo cấp vụ, sở, ngành và tương đương"),
    gettext_lazy("+ Doanh nhân"),
    gettext_lazy("+ Các cấp lãnh đạo khác từ phó phòng trở lên"),
    gettext_lazy("+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến "
                 "đấu (công nhân, nông dân,...)"),
)


def award_lines(awards: Iterable[AwardRow], columns: Sequence[AwardColumn],
                codes: Sequence[str], issuers: bool = False) -> list[tuple]:
    """The lines of 0602.N or 0603.N: (label, code, unit, total, one figure per column); an
    award in none of the columns is not counted. ``codes`` are the rows' codes after the
    total's 01; ``issuers`` adds 0602's rows by who submitted to the Prime Minister (the
    province: all of them). Rows the register cannot tell are blank."""
    rows = [row for row in awards if any(column.takes(row) for column in columns)]
    numbers = iter(codes)
    width = 4 + len(columns)

    def line(label: str, unit: str, chosen: Callable[[AwardRow], bool] | None) -> tuple:
        label, code = str(label), next(numbers)
        if chosen is None:
            return (label, code, unit, *[None] * (width - 3))
        picked = [row for row in rows if chosen(row)]
        return (label, code, unit, len(picked),
                *[sum(1 for row in picked if column.takes(row)) for column in columns])

    people = _("Người")
    lines = [("A", "B", "C", *[str(n) for n in range(1, len(columns) + 2)]),
             (_("Tổng số"), "01", "", len(rows),
              *[sum(1 for row in rows if column.takes(row)) for column in columns])]
    if issuers:
        lines += [
            _heading(_("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen "
                       "thưởng"), width),
            line(_("- Bộ, ban, ngành, đoàn thể Trung ương"), _("Bộ, ngành"), lambda row: False),
            line(_("- Tỉnh, thành phố trực thuộc Trung ương"), _("Tỉnh, TP"), lambda row: True),
        ]
    section = 2 if issuers else 1
    lines += [
        _heading(_("%(n)s. Chia theo đối tượng khen thưởng") % {"n": section}, width),
        line(_("- Tập thể"), _("Tập thể"), lambda row: row.subject == Subject.COLLECTIVE),
        line(_("Trong đó: Doanh nghiệp"), _("Doanh nghiệp"), None),
        line(_("- Hộ gia đình"), _("Hộ"), None),
        line(_("- Cá nhân"), people, lambda row: row.subject == Subject.INDIVIDUAL),
        *[line(label, people, None) for label in PEOPLE_LINES],
        _heading(_("%(n)s. Chia theo phương thức khen thưởng") % {"n": section + 1}, width),
        *[line(label, "", lambda row, kinds=kinds: row.kind in kinds)
          for label, kinds in KIND_LINES],
    ]
    return lines


def _named(*prefixes: str) -> Callable[[AwardRow], bool]:
    lowered = tuple(prefix.lower() for prefix in prefixes)
    return lambda row: row.type_name.lower().startswith(lowered)


def _of(*subjects: str) -> Callable[[AwardRow], bool]:
    return lambda row: row.subject in subjects


def _both(*tests: Callable[[AwardRow], bool]) -> Callable[[AwardRow], bool]:
    return lambda row: all(test(row) for test in tests)


PROVINCE_COLUMNS = (
    AwardColumn(gettext_lazy("Bằng khen"), _named("Bằng khen")),
    AwardColumn(gettext_lazy("Chiến sĩ thi đua cấp bộ, cấp tỉnh"), _named("Chiến sĩ thi đua")),
    AwardColumn(gettext_lazy("Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành "
                             "phố trực thuộc Trung ương"), _named("Cờ thi đua")),
    AwardColumn(gettext_lazy("Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung "
                             "ương, tỉnh, thành phố trực thuộc Trung ương"),
                _named("Huy hiệu", "Kỷ niệm chương")),
)
# 0602.N's fixed columns, between the orders and medals and the other forms
ORDERS = _named("Huân chương", "Huy chương")
HCM_PRIZE, STATE_PRIZE = _named("Giải thưởng Hồ Chí Minh"), _named("Giải thưởng Nhà nước")
GOVERNMENT_FLAG, PM_BANG_KHEN = _named("Cờ thi đua của Chính phủ"), _named(
    "Bằng khen của Thủ tướng")
NATIONAL_CSTD = _named("Chiến sĩ thi đua toàn quốc")
STATE_FIXED = (ORDERS, HCM_PRIZE, STATE_PRIZE, GOVERNMENT_FLAG, PM_BANG_KHEN, NATIONAL_CSTD)


def _fixed(row: AwardRow) -> bool:
    return any(test(row) for test in STATE_FIXED)


def _honorary(row: AwardRow) -> bool:
    """A state honorary title (danh hiệu vinh dự nhà nước): a title of the State's level that
    has no fixed column of its own."""
    return row.family == Family.TITLE and not _fixed(row)


def state_columns(awards: Iterable[AwardRow]) -> list[AwardColumn]:
    """0602.N's columns: each order or medal met (collective, individual), the two prizes, each
    honorary title met (collective, individual), the Government's flag, the Prime Minister's
    Bằng khen (collective, individual), CSTĐ toàn quốc, each other form met (collective,
    individual); a group with none met keeps one pair of empty columns."""
    rows = list(awards)

    def names(test) -> list[str]:
        return list(dict.fromkeys(row.type_name for row in rows if test(row)))

    def pairs(group: str, test) -> list[AwardColumn]:
        found = names(test) or [group]
        return [AwardColumn(f"{name}: {label}",
                            _both(test, _of(subject)) if name == group
                            else _both(lambda row, name=name: row.type_name == name,
                                       _of(subject)))
                for name in found
                for subject, label in ((Subject.COLLECTIVE, _("Tập thể")),
                                       (Subject.INDIVIDUAL, _("Cá nhân")))]

    other = lambda row: not (_honorary(row) or _fixed(row))  # noqa: E731
    return [
        *pairs(_("Các loại huân chương, huy chương"), ORDERS),
        AwardColumn(_("Giải thưởng Hồ Chí Minh"), HCM_PRIZE),
        AwardColumn(_("Giải thưởng Nhà nước"), STATE_PRIZE),
        *pairs(_("Danh hiệu vinh dự nhà nước"), _honorary),
        AwardColumn(_("Cờ thi đua của Chính phủ"), GOVERNMENT_FLAG),
        AwardColumn(_("Bằng khen của Thủ tướng Chính phủ: Tập thể"),
                    _both(PM_BANG_KHEN, _of(Subject.COLLECTIVE))),
        AwardColumn(_("Bằng khen của Thủ tướng Chính phủ: Cá nhân"),
                    _both(PM_BANG_KHEN, _of(Subject.INDIVIDUAL))),
        AwardColumn(_("Chiến sĩ thi đua toàn quốc"), NATIONAL_CSTD),
        *pairs(_("Các hình thức khen thưởng khác"), other),
    ]


def _decided_in(year: int):
    return Award.objects.filter(Q(decision_date__range=report_period(year))
                                | Q(decision_date__isnull=True, year=year))


def _award_rows(year: int, levels) -> list[AwardRow]:
    awards = (_decided_in(year).filter(award_type__level__in=levels)
              .select_related("award_type").order_by("award_type__order", "award_type__code"))
    return [AwardRow(award.award_type.name, award.award_type.family,
                     Subject.INDIVIDUAL if award.staff_id else Subject.COLLECTIVE, award.kind)
            for award in awards]


# 0602.N's codes as rendered: 04-05 are not among its rows (uncertain)
STATE_CODES = ("02", "03", *[f"{n:02d}" for n in range(6, 22)])
PROVINCE_CODES = tuple(f"{n:02d}" for n in range(2, 18))


def report_0602(year: int) -> bytes:
    rows = _award_rows(year, STATE_LEVELS)
    columns = state_columns(rows)
    return _form_workbook(
        "0602.N", year, _("SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC"), "",
        ["", _("Mã số"), _("Đơn vị tính"), _("Tổng số"), *[column.label for column in columns]],
        award_lines(rows, columns, STATE_CODES, issuers=True),
        (56, 8, 12, 10, *[16] * len(columns)))


def report_0603(year: int) -> bytes:
    return _form_workbook(
        "0603.N", year,
        _("SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ "
          "TRỰC THUỘC TRUNG ƯƠNG"), "",
        ["", _("Mã số"), _("Đơn vị tính"), _("Tổng số"),
         *[column.label for column in PROVINCE_COLUMNS]],
        award_lines(_award_rows(year, (Level.TINH,)), PROVINCE_COLUMNS, PROVINCE_CODES),
        (56, 8, 12, 10, 14, 18, 26, 26))


def report_clusters(year: int) -> bytes:
    rows = []
    for cluster in Cluster.objects.all():
        proposed: dict[int, list[str]] = {}
        for proposal in clusters.proposals_of(cluster, year):
            proposed.setdefault(proposal.agency_id, []).append(proposal.award_type.name)
        rows += [(cluster.name, row.agency.name, row.total, row.rank,
                  ", ".join(proposed.get(row.agency.pk, ())))
                 for row in clusters.standings(cluster, year)]
    return table_workbook(
        _("Báo cáo cụm, khối thi đua năm %(year)s: điểm, xếp hạng, đề nghị khen thưởng")
        % {"year": year},
        [_("Cụm, khối"), _("Đơn vị"), _("Tổng điểm"), _("Xếp hạng"), _("Cụm đề nghị")],
        rows, _("Cụm, khối"), (36, 40, 12, 10, 44))


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


AGE_BANDS = ((0, 30), (31, 40), (41, 50), (51, 55), (56, 60), (61, 200))
AGE_LABELS = (gettext_lazy("- Từ 30 trở xuống"), gettext_lazy("- Từ 31 đến 40"),
              gettext_lazy("- Từ 41 đến 50"), gettext_lazy("- Từ 51 đến 55"),
              gettext_lazy("- Từ 56 đến 60"), gettext_lazy("- Trên 60 tuổi"))
# the form's training levels and the records' education counted in each ("Khác": Sơ cấp)
EDUCATION_LINES = (
    (gettext_lazy("- Sơ cấp"), (Education.OTHER,)),
    (gettext_lazy("- Trung cấp"), (Education.VOCATIONAL,)),
    (gettext_lazy("- Cao đẳng"), (Education.COLLEGE,)),
    (gettext_lazy("- Đại học"), (Education.UNIVERSITY,)),
    (gettext_lazy("- Trên đại học"), (Education.MASTER, Education.DOCTORATE)),
)
SENIORITY_BANDS = ((0, 4), (5, 9), (10, 200))
SENIORITY_LABELS = (gettext_lazy("- Dưới 5 năm"), gettext_lazy("- Từ 5 năm đến dưới 10 năm"),
                    gettext_lazy("- Từ 10 năm trở lên"))


def unit_lines(staff: Iterable[StaffRow], councils: int,
               clusters: Iterable[str]) -> list[tuple]:
    """The lines of 0604.N, each (label, code, unit, figure): the form's organisations (not
    recorded: blank), then ours, marked as not part of the form: the units with emulation staff
    (with a full-time one, or only part-time ones), the councils sitting in the period, the
    clusters and blocks by kind."""
    rows = list(staff)
    units = {row.agency_id for row in rows}
    full = {row.agency_id for row in rows if row.full_time}
    kinds = Counter(clusters)
    unit, body = _("Đơn vị"), _("Tổ chức")
    return [
        ("A", "B", "C", "1"),
        (_("Tổng số"), "01", body, None),
        _heading(_("Chia theo cơ cấu tổ chức bộ máy"), 4),
        (_("- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương"), "02", _("Vụ"), None),
        (_("- Cấp phòng, ban hoặc bộ phận thuộc Vụ"), "03", _("Phòng"), None),
        (_("- Cấp ban thuộc Sở Nội vụ"), "04", _("Ban"), None),
        (_("- Cấp phòng thuộc Sở Nội vụ"), "05", _("Phòng"), None),
        _heading(_("Số liệu tham khảo của hệ thống (không thuộc biểu 0604.N)"), 4),
        (_("Số cơ quan, đơn vị có người làm công tác thi đua, khen thưởng"), "", unit,
         len(units)),
        (_("trong đó: có người chuyên trách"), "", unit, len(full)),
        (_("trong đó: chỉ có người kiêm nhiệm"), "", unit, len(units - full)),
        (_("Số Hội đồng Thi đua - Khen thưởng"), "", _("Hội đồng"), councils),
        *[(str(kind.label), "", _("Cụm, khối"), kinds[kind.value]) for kind in ClusterKind],
    ]


def staff_lines(staff: Iterable[StaffRow]) -> list[tuple]:
    """The lines of 0605.N, each (label, code, total, of whom women): the total, the age bands,
    the training levels, the seniority bands in emulation work."""
    rows = list(staff)
    numbers = (f"{n:02d}" for n in range(1, 16))

    def line(label: str, chosen: Callable[[StaffRow], bool]) -> tuple:
        picked = [row for row in rows if chosen(row)]
        return str(label), next(numbers), len(picked), sum(1 for row in picked if row.female)

    return [
        ("A", "B", "1", "2"),
        line(_("Tổng số"), lambda row: True),
        _heading(_("1. Chia theo độ tuổi"), 4),
        *[line(label, lambda row, low=low, high=high: low <= row.age <= high)
          for label, (low, high) in zip(AGE_LABELS, AGE_BANDS, strict=True)],
        _heading(_("2. Chia theo trình độ đào tạo"), 4),
        *[line(label, lambda row, levels=levels: row.education in levels)
          for label, levels in EDUCATION_LINES],
        _heading(_("3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng"), 4),
        *[line(label, lambda row, low=low, high=high: low <= row.seniority <= high)
          for label, (low, high) in zip(SENIORITY_LABELS, SENIORITY_BANDS, strict=True)],
    ]


def _staff_rows(year: int) -> list[StaffRow]:
    return [StaffRow(person.agency_id, person.is_female, year - person.birth_year,
                     person.education, year - person.started_year, person.full_time)
            for person in EmulationStaff.objects.filter(year=year)]


def _in_force(rows, start_field: str, end_field: str, year: int):
    start, end = report_period(year)
    return rows.filter(**{f"{start_field}__lte": end}).filter(
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": start}))


def report_0604(year: int) -> bytes:
    councils = _in_force(CouncilMember.objects, "joined_on", "left_on", year).order_by(
        ).values("council").distinct().count()
    clusters = (_in_force(ClusterMembership.objects, "valid_from", "valid_to", year).order_by()
                .values_list("cluster_id", "cluster__kind").distinct())
    return _form_workbook(
        "0604.N", year,
        _("SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ "
          "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"), "",
        ["", _("Mã số"), _("Đơn vị tính"), _("Số lượng")],
        unit_lines(_staff_rows(year), councils, [kind for _pk, kind in clusters]),
        (64, 8, 14, 12))


def report_0605(year: int) -> bytes:
    return _form_workbook(
        "0605.N", year,
        _("SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ "
          "TRUNG ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG"), _("Người"),
        ["", _("Mã số"), _("Số lượng (người): Tổng số"), _("Trong đó: Nữ")],
        staff_lines(_staff_rows(year)), (60, 8, 16, 14))
