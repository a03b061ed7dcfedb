"""The statistical forms 0601.N-0605.N of TT 02/2023/TT-BNV (spec §10): rows, codes, columns,
bands, period and frame as the forms print them; figures counted by hand."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from motcua.emulation import reports
from motcua.emulation.models import Award, AwardType, Education
from motcua.emulation.reports import AwardRow, MovementRow, StaffRow

D = dt.date


def _by_label(lines) -> dict:
    return {line[0]: tuple(line[1:]) for line in lines}


def test_0601_rows_columns_and_duration_bands_follow_tt_02_2023():
    lines = reports.movement_lines([
        MovementRow("regular", "province", "yearly", D(2026, 1, 1), D(2026, 12, 31)),
        MovementRow("thematic", "cluster", "campaign", D(2026, 3, 1), D(2026, 9, 1)),
        MovementRow("thematic", "province", "five_year", D(2026, 1, 1), D(2030, 12, 31)),
        # multi-year: two years, then three (3 to under 5 starts at the third anniversary)
        MovementRow("thematic", "national", "multi_year", D(2026, 1, 1), D(2027, 12, 31)),
        MovementRow("regular", "agency", "multi_year", D(2026, 1, 1), D(2028, 12, 31)),
    ])
    assert lines[0] == ("A", "B", "1=(2+3+4)", "2", "3", "4")
    rows = _by_label(lines)
    # (code, total, Central, ministry or province, unit)
    assert rows["Tổng số"] == ("01", 5, 1, 2, 2)
    assert rows["- Toàn quốc"] == ("02", 1, 1, 0, 0)
    assert rows["- Bộ, ban, ngành, đoàn thể, địa phương"] == ("03", 2, 0, 2, 0)
    assert rows["- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức"] == (
        "04", 1, 0, 0, 1)
    assert rows["- Cơ quan, tổ chức, đơn vị"] == ("05", 1, 0, 0, 1)
    assert rows["- Dưới 1 năm"] == ("06", 1, 0, 0, 1)
    assert rows["- 1 năm"] == ("07", 1, 0, 1, 0)
    assert rows["- Từ 1 năm đến dưới 3 năm"] == ("08", 1, 1, 0, 0)
    assert rows["- Từ 3 năm đến dưới 5 năm"] == ("09", 1, 0, 0, 1)
    assert rows["- Từ 5 năm trở lên"] == ("10", 1, 0, 1, 0)
    assert rows["- Thi đua theo chuyên đề"] == ("11", 3, 1, 1, 1)
    assert rows["- Thi đua thường xuyên hằng năm"] == ("12", 2, 0, 1, 1)
    assert rows["2. Chia theo thời hạn thi đua"] == (None,) * 5  # a section line


def test_0603_rows_and_columns_follow_tt_02_2023():
    lines = reports.award_lines([
        AwardRow("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "form", "collective", "merit"),
        AwardRow("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "form", "individual",
                 "one_off"),
        AwardRow("Chiến sĩ thi đua cấp tỉnh", "title", "individual", "merit"),
        AwardRow("Cờ thi đua của Ủy ban nhân dân tỉnh", "title", "collective", "merit"),
        AwardRow("Kỷ niệm chương của tỉnh", "form", "individual", "long_service"),
        AwardRow("Tập thể lao động xuất sắc", "title", "collective", "merit"),  # no column
    ], reports.PROVINCE_COLUMNS, reports.PROVINCE_CODES)
    assert lines[0] == ("A", "B", "C", "1", "2", "3", "4", "5")
    rows = _by_label(lines)
    # (code, unit, total, Bằng khen, CSTĐ, flag, badge)
    assert rows["Tổng số"] == ("01", "", 5, 2, 1, 1, 1)
    assert rows["- Tập thể"] == ("02", "Tập thể", 2, 1, 0, 1, 0)
    assert rows["Trong đó: Doanh nghiệp"] == ("03", "Doanh nghiệp", *[None] * 5)
    assert rows["- Hộ gia đình"] == ("04", "Hộ", *[None] * 5)
    assert rows["- Cá nhân"] == ("05", "Người", 3, 1, 1, 0, 1)
    assert rows["+ Doanh nhân"] == ("08", "Người", *[None] * 5)
    assert rows["- Thường xuyên"] == ("11", "", 3, 1, 1, 1, 0)
    assert rows["- Chuyên đề"] == ("12", "", 0, 0, 0, 0, 0)
    assert rows["- Đột xuất"] == ("13", "", 1, 1, 0, 0, 0)
    assert rows["- Cống hiến"] == ("15", "", 1, 0, 0, 0, 1)
    assert rows["- Kháng chiến"] == ("17", "", 0, 0, 0, 0, 0)


def test_0602_columns_by_order_prize_title_and_form_follow_tt_02_2023():
    awards = [
        AwardRow("Huân chương Lao động hạng Ba", "form", "collective", "merit"),
        AwardRow("Huân chương Lao động hạng Ba", "form", "individual", "long_service"),
        AwardRow("Huân chương Lao động hạng Nhì", "form", "individual", "merit"),
        AwardRow("Bằng khen của Thủ tướng Chính phủ", "form", "collective", "merit"),
        AwardRow("Bằng khen của Thủ tướng Chính phủ", "form", "individual", "one_off"),
        AwardRow("Chiến sĩ thi đua toàn quốc", "title", "individual", "merit"),
        AwardRow("Cờ thi đua của Chính phủ", "title", "collective", "merit"),
        AwardRow("Anh hùng Lao động", "title", "individual", "merit"),  # an honorary title
    ]
    columns = reports.state_columns(awards)
    assert [column.label for column in columns] == [
        "Huân chương Lao động hạng Ba: Tập thể", "Huân chương Lao động hạng Ba: Cá nhân",
        "Huân chương Lao động hạng Nhì: Tập thể", "Huân chương Lao động hạng Nhì: Cá nhân",
        "Giải thưởng Hồ Chí Minh", "Giải thưởng Nhà nước",
        "Anh hùng Lao động: Tập thể", "Anh hùng Lao động: Cá nhân",
        "Cờ thi đua của Chính phủ",
        "Bằng khen của Thủ tướng Chính phủ: Tập thể", "Bằng khen của Thủ tướng Chính phủ: Cá nhân",
        "Chiến sĩ thi đua toàn quốc",
        "Các hình thức khen thưởng khác: Tập thể", "Các hình thức khen thưởng khác: Cá nhân"]
    rows = _by_label(reports.award_lines(awards, columns, reports.STATE_CODES, issuers=True))
    every = (1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0)
    assert rows["Tổng số"] == ("01", "", 8, *every)
    assert rows["- Bộ, ban, ngành, đoàn thể Trung ương"] == ("02", "Bộ, ngành", 0, *[0] * 14)
    assert rows["- Tỉnh, thành phố trực thuộc Trung ương"] == ("03", "Tỉnh, TP", 8, *every)
    assert rows["- Tập thể"] == ("06", "Tập thể", 3, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0)
    assert rows["- Cá nhân"] == ("09", "Người", 5, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0)
    assert rows["- Thường xuyên"][:3] == ("15", "", 6)
    assert rows["- Đột xuất"][:3] == ("17", "", 1)
    assert rows["- Cống hiến"][:3] == ("19", "", 1)
    assert rows["- Kháng chiến"][:3] == ("21", "", 0)


def test_0604_rows_follow_tt_02_2023_and_ours_are_marked_apart():
    lines = reports.unit_lines([StaffRow(1, True, 40, Education.UNIVERSITY, 3, False)], 1,
                               ["khoi"])
    rows = _by_label(lines)
    assert rows["- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương"] == ("02", "Vụ", None)
    assert rows["- Cấp phòng, ban hoặc bộ phận thuộc Vụ"] == ("03", "Phòng", None)
    assert rows["- Cấp phòng thuộc Sở Nội vụ"] == ("05", "Phòng", None)
    labels = [line[0] for line in lines]
    apart = labels.index("Số liệu tham khảo của hệ thống (không thuộc biểu 0604.N)")
    assert labels.index("trong đó: chỉ có người kiêm nhiệm") > apart
    assert rows["trong đó: chỉ có người kiêm nhiệm"] == ("", "Đơn vị", 1)
    assert rows["Khối thi đua"] == ("", "Cụm, khối", 1)


def test_0605_age_bands_follow_tt_02_2023():
    def person(age, education=Education.UNIVERSITY, seniority=0, female=False):
        return StaffRow(1, female, age, education, seniority, True)

    ages = [30, 31, 40, 41, 50, 51, 55, 56, 60, 61]
    rows = _by_label(reports.staff_lines(
        [person(age, female=age == 55) for age in ages]
        + [person(45, Education.DOCTORATE, 4), person(45, Education.MASTER, 5),
           person(45, Education.OTHER, 9), person(45, Education.VOCATIONAL, 10, True)]))
    assert rows["Tổng số"] == ("01", 14, 2)
    assert rows["- Từ 30 trở xuống"] == ("02", 1, 0)
    assert rows["- Từ 31 đến 40"] == ("03", 2, 0)
    assert rows["- Từ 41 đến 50"] == ("04", 6, 1)  # 41, 50 and the four of 45
    assert rows["- Từ 51 đến 55"] == ("05", 2, 1)
    assert rows["- Từ 56 đến 60"] == ("06", 2, 0)
    assert rows["- Trên 60 tuổi"] == ("07", 1, 0)
    assert rows["- Sơ cấp"] == ("08", 1, 0)  # "Khác"
    assert rows["- Trung cấp"] == ("09", 1, 1)
    assert rows["- Đại học"] == ("11", 10, 1)
    assert rows["- Trên đại học"] == ("12", 2, 0)  # the doctorate and the master's
    assert rows["- Dưới 5 năm"] == ("13", 11, 1)  # the ten of 0 years and the one of 4
    assert rows["- Từ 5 năm đến dưới 10 năm"] == ("14", 2, 0)
    assert rows["- Từ 10 năm trở lên"] == ("15", 1, 1)


def _sheet(workbook: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True))


@pytest.mark.django_db
def test_tt_02_2023_period_runs_from_1_december_to_30_november(world):
    person = world.specialist
    bang_khen = AwardType.objects.get(code="BK_TINH")
    for day in (D(2025, 11, 30), D(2025, 12, 1), D(2026, 11, 30), D(2026, 12, 1)):
        Award.objects.create(award_type=bang_khen, staff=person, year=day.year,
                             decision_date=day)
    assert reports.report_period(2026) == (D(2025, 12, 1), D(2026, 11, 30))
    Award.objects.create(award_type=AwardType.objects.get(code="HCLD_3"), agency=world.agency,
                         year=2026, decision_date=D(2026, 9, 2))

    def total(workbook):
        return {row[0]: row[1:] for row in _sheet(workbook) if row and row[0]}["Tổng số"]

    assert total(reports.report_0603(2026))[:4] == ("01", None, 2, 2)  # 1/12/25, 30/11/26
    # 0602: the order's collective and individual columns, then the fixed ones
    assert total(reports.report_0602(2026))[:6] == ("01", None, 1, 1, 0, 0)


@pytest.mark.django_db
def test_tt_02_2023_forms_carry_their_identification_lines_and_signatures(world):
    sheet = _sheet(reports.report_0605(2026))
    assert sheet[0][0] == "Biểu số: 0605.N/BNV-TĐKT"
    assert sheet[0][-1].startswith("Đơn vị báo cáo: ")
    assert sheet[1][0] == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
    assert sheet[1][-1] == "Đơn vị nhận báo cáo: Bộ Nội vụ"
    assert sheet[2][0] == "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"
    assert sheet[3][0].startswith("SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG")
    assert sheet[4][0] == "Năm 2026 (từ ngày 01/12/2025 đến ngày 30/11/2026)"
    assert sheet[5][-1] == "Đơn vị tính: Người"
    assert sheet[6][1:] == ("Mã số", "Số lượng (người): Tổng số", "Trong đó: Nữ")
    assert sheet[7] == ("A", "B", "1", "2")
    assert sheet[-2][0] == "NGƯỜI LẬP BIỂU" and sheet[-2][-1] == "THỦ TRƯỞNG ĐƠN VỊ"
    assert sheet[-1] == ("(Ký, họ tên)", None, None, "(Ký, họ tên, đóng dấu)")
