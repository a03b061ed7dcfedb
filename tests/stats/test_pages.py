"""The public statistics page, the leaders' dashboard, the report files and the reports API."""

import csv
import io
import zipfile
from decimal import Decimal

from django.test import Client
from openpyxl import load_workbook

from motcua.dossiers.models import Status
from motcua.org.models import User
from tests.helpers import local
from tests.stats.conftest import CULTURE, SCIENCE, imported, make

MARCH_QUERY = "start=01/03/2026&end=31/03/2026"


def signed_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_public_page_shows_the_figures_without_personal_data(march):
    response = Client().get(f"/thong-ke?{MARCH_QUERY}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="on-time-rate">85,71 %' in page  # Vietnamese decimal comma
    assert "Sở Văn hóa, Thể thao và Du lịch" in page and "Sở Khoa học và Công nghệ" in page
    assert "TEST-" not in page and "Chủ hồ sơ" not in page  # no code, no owner
    assert 'id="indicator-2.1"' in page and "Quyết định 766" in page


def test_the_monthly_table_shows_only_months_with_resolved_dossiers(march):
    page = Client().get("/thong-ke?start=01/01/2026&end=30/04/2026").content.decode()
    shown = [month for month in ("01", "02", "03", "04")
             if f'<th scope="row">{month}/2026</th>' in page]
    assert shown == ["02", "03"]  # none resolved in January and April
    empty = Client().get("/thong-ke?start=01/01/2026&end=31/01/2026").content.decode()
    assert "Chưa có hồ sơ nào được giải quyết trong kỳ." in empty


def test_satisfaction_shows_its_numerator_beside_its_value(march):
    page = Client().get(f"/thong-ke?{MARCH_QUERY}").content.decode()
    row = page[page.index('id="indicator-5.4"'):]
    assert "71,43 %" in row[:400] and "5 / 7" in row[:600]


def test_the_statistics_answer_head_requests(march):
    # link checkers and monitors ask for the headers only
    for path in ("/thong-ke", "/thong-ke/06a.csv", "/thong-ke/du-lieu-mo.zip"):
        response = Client().head(f"{path}?{MARCH_QUERY}")
        assert (response.status_code, response.content) == (200, b""), path


def test_a_bad_day_is_explained_and_the_default_period_shown(march):
    response = Client().get("/thong-ke?start=31/02/2026")
    assert response.status_code == 422
    assert "Ngày không hợp lệ: 31/02/2026" in response.content.decode()


def test_the_dashboard_is_for_leaders_and_statistics_viewers(march):
    assert Client().get("/can-bo/thong-ke/").status_code == 302
    assert signed_in("khcn.tiepnhan").get("/can-bo/thong-ke/").status_code == 403
    assert signed_in("037090001234").get("/can-bo/thong-ke/").status_code == 403
    leader = signed_in("khcn.giamdoc").get(f"/can-bo/thong-ke/?{MARCH_QUERY}")
    page = leader.content.decode()
    assert leader.status_code == 200
    assert f"{SCIENCE}-TEST-N" in page and f"{CULTURE}-TEST-X" not in page  # overdue, scoped
    assert "B2. " in page  # where the late dossier lost its time
    assert "Sở Văn hóa, Thể thao và Du lịch" not in page
    province = signed_in("motcua.thongke").get(f"/can-bo/thong-ke/?{MARCH_QUERY}")
    assert "Sở Văn hóa, Thể thao và Du lịch" in province.content.decode()


def test_report_06a_downloads_as_csv_and_excel(march):
    response = Client().get(f"/thong-ke/06a.csv?{MARCH_QUERY}&by=agency")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:3] == ["Mã", "Tên", "Tổng số hồ sơ tiếp nhận"]
    assert [line[0] for line in lines[1:]] == [CULTURE, SCIENCE, ""]
    assert lines[-1][1:3] == ["Tổng cộng", "12"]


def test_report_files_are_named_in_vietnamese(march):
    response = Client().get(f"/thong-ke/06a.xlsx?{MARCH_QUERY}&by=procedure")
    assert response["Content-Disposition"] == (
        'attachment; filename="Bao cao 06a theo thu tuc tu 01-03-2026 den 31-03-2026.xlsx"; '
        "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%2006a%20theo%20th%E1%BB%A7%20t%E1%BB%A5c%20t%E1%BB"
        "%AB%2001-03-2026%20%C4%91%E1%BA%BFn%2031-03-2026.xlsx")


def test_report_06a_has_no_other_format(march):
    for path in ("/thong-ke/06a.pdf", "/thong-ke/06a.", "/thong-ke/06a.csv.pdf",
                 "/can-bo/thong-ke/06a.docx"):
        response = signed_in("khcn.giamdoc").get(f"{path}?{MARCH_QUERY}")
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("text/html"), path


def test_report_06a_in_excel_is_the_official_form(march):
    # Biểu số 06a/VPCP/KSTT (TT 01/2020/TT-VPCP): heading, grouped headers, signature block
    response = signed_in("khcn.giamdoc").get(f"/can-bo/thong-ke/06a.xlsx?{MARCH_QUERY}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    text = {cell.coordinate: cell.value for row in sheet.iter_rows() for cell in row if cell.value}
    assert text["A1"] == "Đơn vị báo cáo: Sở Khoa học và Công nghệ"
    assert "Biểu số 06a/VPCP/KSTT" in text.values()
    assert text["A4"].startswith("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    assert text["A5"] == "Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026"
    merged = {str(cells): sheet[str(cells).split(":")[0]].value for cells in sheet.merged_cells}
    assert merged["D8:I8"] == "Số hồ sơ nhận giải quyết"
    assert merged["J8:N8"] == "Số hồ sơ đã giải quyết"
    assert merged["O8:Q8"] == "Số hồ sơ đang giải quyết"
    assert merged["A8:A9"] == "STT" and merged["C8:C9"] == "Cơ quan"
    assert [sheet.cell(9, n).value for n in (4, 10, 15)] == [
        "Tổng số hồ sơ tiếp nhận", "Đã giải quyết", "Đang giải quyết"]
    assert [cell.value for cell in sheet[10]][:4] == ["(1)", "(2)", "(3)", "(4)"]
    assert [cell.value for cell in sheet[11]][:4] == [1, SCIENCE, "Sở Khoa học và Công nghệ", 11]
    assert [cell.value for cell in sheet[12]][2:4] == ["Tổng cộng", 11]
    signatures = [cell.value for row in sheet.iter_rows(min_row=13) for cell in row]
    assert "NGƯỜI LẬP BIỂU" in signatures and "THỦ TRƯỞNG ĐƠN VỊ" in signatures
    assert "(Ký, đóng dấu, ghi rõ họ tên)" in signatures


def test_the_province_reports_the_whole_province(march):
    response = Client().get(f"/thong-ke/06a.xlsx?{MARCH_QUERY}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Đơn vị báo cáo: Ủy ban nhân dân tỉnh Ninh Bình"


def test_leaders_download_only_their_agencies(march):
    response = signed_in("khcn.giamdoc").get(f"/can-bo/thong-ke/06a.csv?{MARCH_QUERY}")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == [SCIENCE, ""]


def test_open_data_is_a_zip_of_csv_files_with_a_readme(march):
    response = Client().get(f"/thong-ke/du-lieu-mo.zip?{MARCH_QUERY}")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "06a-co-quan.csv", "06a-linh-vuc.csv", "06a-thu-tuc.csv", "chi-so-766.csv",
        "mo-ta-du-lieu.txt", "theo-thang.csv"]  # named in Vietnamese
    readme = archive.read("mo-ta-du-lieu.txt").decode()
    assert "Từ kỳ trước chuyển qua:" in readme and "01/03/2026" in readme
    indicators = list(csv.reader(io.StringIO(archive.read("chi-so-766.csv").decode("utf-8-sig"))))
    assert [row[0] for row in indicators[1:]] == ["2.1", "2.2", "3.1", "3.3", "3.6", "5.4"]


def test_the_reports_api(march):
    client = Client()
    body = client.get("/api/v1/reports/06a?start=2026-03-01&end=2026-03-31&by=agency"
                      f"&agency={SCIENCE}").json()
    [row] = body["rows"]
    assert (row["code"], row["received"], row["late"], row["on_time_rate"]) == (
        SCIENCE, 11, 1, "85.71")
    assert body["total"]["overdue"] == 2
    indicators = client.get(f"/api/v1/reports/766?start=2026-03-01&end=2026-03-31"
                            f"&agency={SCIENCE}").json()["indicators"]
    assert {i["code"]: i["value"] for i in indicators}["5.4"] == "71.43"
    bad = client.get("/api/v1/reports/06a?start=2026-03-31&end=2026-03-01")
    assert (bad.status_code, bad.json()["detail"]) == (422, "Ngày cuối kỳ phải sau ngày đầu kỳ.")
    assert client.get("/api/v1/reports/766?agency=000.99.99.H42").status_code == 422


def test_each_key_figure_says_what_it_counts(march):
    """The 06a on-time rate and indicator 2.1 differ (2.1 counts dossiers in progress too), and
    5.4 is not the share of 'hài lòng' ratings: the cards name their form or indicator."""
    page = Client().get(f"/thong-ke?{MARCH_QUERY}").content.decode()
    key = page[page.index('id="h-key"'):page.index('id="h-trend"')]
    assert "Tỷ lệ giải quyết đúng hạn (mẫu 06a)" in key
    assert "trên 7 hồ sơ đã giải quyết; mục tiêu 100 %" in key
    assert "(chỉ số 5.4)" in key and "(chỉ số 3.3)" in key
    assert "Đánh giá của người dân trong kỳ (trên số lượt đánh giá)" in page


def test_indicator_numerators_group_thousands(march):
    make("Y", accepted=local(2026, 3, 2, 8), due=local(2026, 3, 31, 17),
         finished=local(2026, 3, 30, 10), status=Status.FINISHED, timeliness="on_time",
         hours=Decimal("1234.5"))
    imported()  # written straight to the table
    page = Client().get(f"/thong-ke?{MARCH_QUERY}").content.decode()
    row = page[page.index('id="indicator-2.2"'):]
    assert "1.656,50 / 7" in row[:400]  # 422 + 1234.5 hours over seven decided dossiers
