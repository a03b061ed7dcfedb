"""Search without diacritics (on whichever database runs), spreadsheet import, the API."""

import datetime as dt

import pytest
from django.db import connection
from openpyxl import Workbook

from motcua.catalog.models import Procedure
from motcua.catalog.selectors import search_versions
from motcua.catalog.spreadsheet import import_catalogue
from motcua.core.text import fold
from tests.factories.catalog import ProcedureVersionFactory
from tests.factories.org import AgencyFactory

pytestmark = pytest.mark.django_db


def test_fold_drops_marks_and_folds_d():
    assert fold("Cấp giấy phép bưu chính") == "cap giay phep buu chinh"
    assert fold("ĐĂNG KÝ  Đài") == "dang ky dai"


def test_words_of_either_unicode_form_with_or_without_marks():
    import unicodedata

    from motcua.core.text import search_document, words

    typed = unicodedata.normalize("NFD", "Giấy phép (Bưu chính)")  # as some keyboards send it
    assert words(typed) == ["giay", "phep", "buu", "chinh"]
    assert words(typed, marks=True) == ["giấy", "phép", "bưu", "chính"]
    assert search_document(("Cho phép họp báo", "Báo chí")) == " cho phep hop bao | bao chi |"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("giay phep buu chinh", "Cấp giấy phép bưu chính (phạm vi nội tỉnh)"),
        ("GIẤY PHÉP BƯU CHÍNH", "Cấp giấy phép bưu chính (phạm vi nội tỉnh)"),
        ("dang ky thu tin hieu",
         "Đăng ký thu tín hiệu truyền hình nước ngoài trực tiếp từ vệ tinh"),
        ("họp báo nước ngoài", "Cho phép họp báo (nước ngoài)"),
        ("2.001098", "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp"),
    ],
)
def test_search_ignores_diacritics_and_case(catalogue, query, expected):
    names = [version.name for version in search_versions(query)]
    assert expected in names


def codes(query, **filters):
    return [version.procedure.code for version in search_versions(query, **filters)]


PRESS = ["1.009374", "2.001171", "2.001173"]


def test_search_by_sector_name_ranks_the_words_side_by_side_first(catalogue):
    """'báo chí' finds the three press procedures (their sector's name) before the postal ones
    whose names only hold 'thông báo' ... 'bưu chính' apart."""
    for query in ("báo chí", "bao chi"):
        found = search_versions(query)
        assert sorted(v.procedure.code for v in found[:3]) == PRESS
        assert all(v.sector.code == "BUUCHINH" for v in found[3:])


def test_search_matches_the_beginning_of_words_not_their_middle(catalogue):
    """'in' is inside 'tin', 'tỉnh', 'chính' (10 of 13 procedures matched it); it begins only
    a word of the publishing sector's name ('Xuất bản, In và Phát hành')."""
    assert {v.sector.code for v in search_versions("in")} == {"XUATBAN"}
    assert codes("giay phep buu ch") == ["DP.BC001", "DP.BC003", "DP.BC004", "DP.BC005"]
    assert codes("phạm vi") == ["DP.BC001"]  # just after the parenthesis


def test_search_by_the_deciding_agency_name(catalogue):
    from motcua.catalog.models import ProcedureVersion

    science = ProcedureVersion.objects.get(procedure__national_code="DP.BC001").deciding_agency
    assert set(codes(science.name)) == set(
        ProcedureVersion.objects.filter(deciding_agency=science)
        .values_list("procedure__national_code", flat=True))


def test_a_renamed_sector_or_agency_is_searched_under_its_new_name(catalogue):
    from motcua.catalog.models import ProcedureVersion, Sector

    press = Sector.objects.get(code="BAOCHI")
    press.name = "Báo chí, truyền thông"
    press.save()
    assert sorted(codes("truyền thông")[:3]) == PRESS  # the words side by side
    agency = ProcedureVersion.objects.get(procedure__national_code="DP.BC001").deciding_agency
    agency.name = "Sở Khoa học, Công nghệ và Đổi mới sáng tạo"
    agency.save()
    assert "DP.BC001" in codes("đổi mới sáng tạo")


def national_printing_catalogue(tmp_path):
    """Names of the national catalogue's printing procedures (QĐ 4508/QĐ-BVHTTDL)."""
    path = tmp_path / "in-xuat-ban.xlsx"
    write_sheet(path, [
        [code, name, "Xuất bản, In và Phát hành", "Cấp tỉnh", "7 ngày làm việc", "Không",
         "000.00.12.H42"]
        for code, name in [("2.001740", "Xác nhận đăng ký hoạt động cơ sở in"),
                           ("2.001594", "Cấp giấy phép hoạt động in xuất bản phẩm"),
                           ("2.001600", "Cấp giấy phép hoạt động in")]
    ])
    import_catalogue(path, effective_from=dt.date(2025, 7, 1))


def test_search_ranks_the_exact_name_first_with_or_without_diacritics(catalogue, tmp_path):
    national_printing_catalogue(tmp_path)
    assert codes("Cấp giấy phép hoạt động in") == ["2.001600", "2.001594"]
    assert codes("CAP GIAY PHEP HOAT DONG IN") == ["2.001600", "2.001594"]
    assert codes("hoạt động in") == ["2.001594", "2.001600", "2.001740"]  # side by side first


def test_search_ranks_the_diacritics_as_typed_before_the_folded_match(catalogue):
    """'tín' (tín hiệu, signal) before 'tin' (bản tin, thông tin) and 'tỉnh', which fold alike."""
    found = codes("tín")
    assert found[0] == "DP.TH001" and len(found) == 5
    assert codes("tin")[-1] == "DP.BC001"  # 'tỉnh' last, after the four that read 'tin'


def test_search_filters_by_sector_level_and_agency(catalogue):
    commune = search_versions(level="commune")
    assert [v.procedure.code for v in commune] == ["1.013792"]
    postal = search_versions(sector="BUUCHINH")
    assert {v.procedure.code for v in postal} == {f"DP.BC00{n}" for n in range(1, 6)}
    assert search_versions("tro choi", agency="000.22.30.H42").count() == 1  # receives it
    assert search_versions("buu chinh", agency="000.00.12.H42").count() == 0


def test_postgres_has_the_trigram_index(catalogue):
    if connection.vendor != "postgresql":
        assert not search_versions("khong co thu tuc nao nhu the").exists()
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                       ["catalog_version_search_trgm"])
        assert "gin_trgm_ops" in cursor.fetchone()[0]


def write_sheet(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện",
                  "Thời hạn giải quyết", "Phí, lệ phí", "Cơ quan thực hiện"])
    for row in rows:
        sheet.append(row)
    book.save(path)


@pytest.fixture
def agencies():
    """The agencies the spreadsheets name, by code or by name."""
    AgencyFactory(identifier_code="000.00.12.H42", name="Sở Văn hóa, Thể thao và Du lịch")
    AgencyFactory(identifier_code="000.00.15.H42", name="Sở Khoa học và Công nghệ")
    AgencyFactory(identifier_code="000.21.30.H42", name="Ủy ban nhân dân phường Hoa Lư")


def test_spreadsheet_import_with_one_bad_row(agencies, tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    write_sheet(path, [
        ["1.001001", "Cấp phép thử A", "Báo chí", "Cấp tỉnh", "10 ngày làm việc", "Không",
         "000.00.12.H42"],
        ["1.001002", "Cấp phép thử B", "Báo chí", "Cấp tỉnh", "5 ngày", "500.000 đồng",
         "Sở Khoa học và Công nghệ"],
        ["1.001003", "Cấp phép thử C", "Báo chí", "Cấp tỉnh", "10 ngày làm việc", "Không",
         "Sở Không Tồn Tại"],
        [None, None, None, None, None, None, None],
        ["1.001004", "Cấp phép thử D", "Bưu chính", "Cấp xã", "4 giờ làm việc", "",
         "000.21.30.H42"],
    ])
    progress = []
    report = import_catalogue(path, effective_from=dt.date(2026, 1, 1),
                              bare_days="calendar_days",  # "5 ngày": the operator's choice
                              progress=lambda done, total: progress.append((done, total)))
    assert report.created == ["1.001001", "1.001002", "1.001004"]
    assert report.errors == ["Sheet!G4: không có cơ quan 'Sở Không Tồn Tại' (ghi mã định danh "
                             "hoặc đúng tên; nhiều cơ quan cách nhau bởi dấu chấm phẩy)"]
    assert progress[-1] == (4, 4)
    assert not Procedure.objects.filter(national_code="1.001003").exists()
    b = Procedure.objects.get(national_code="1.001002").versions.get()
    assert (b.time_limit_value, b.time_limit_unit) == (5, "calendar_days")
    assert b.fees.get().amount_vnd == 500000
    again = import_catalogue(path, effective_from=dt.date(2026, 1, 1), bare_days="calendar_days")
    assert again.unchanged == ["1.001001", "1.001002", "1.001004"] and again.created == []


def test_spreadsheet_dry_run_saves_nothing(agencies, tmp_path):
    path = tmp_path / "danh-muc.xlsx"
    write_sheet(path, [["1.001001", "Thử", "Báo chí", "Cấp tỉnh", "1 ngày làm việc", "",
                        "000.00.12.H42"]])
    report = import_catalogue(path, effective_from=dt.date(2026, 1, 1), dry_run=True)
    assert report.created == ["1.001001"]
    assert not Procedure.objects.filter(national_code="1.001001").exists()


def test_api_lists_searches_and_pages(client, catalogue):
    body = client.get("/api/v1/procedures", {"q": "cap giay phep buu chinh noi tinh"}).json()
    assert [item["code"] for item in body["items"]] == ["DP.BC001"]
    page = client.get("/api/v1/procedures", {"page_size": 5}).json()
    assert page["count"] == catalogue.count() and len(page["items"]) == 5
    assert client.get("/api/v1/procedures", {"page_size": 101}).status_code == 422
    assert client.get("/api/v1/procedures", {"level": "galaxy"}).status_code == 422
    assert client.get("/api/v1/procedures", {"page": 0}).status_code == 422


def test_api_detail_and_404(client):
    ProcedureVersionFactory(procedure__national_code="1.009374", time_limit_value=20,
                            time_limit_unit="calendar_days",
                            components=[("Tờ khai đề nghị cấp giấy phép xuất bản bản tin", True,
                                         "original", False)])
    body = client.get("/api/v1/procedures/1.009374").json()
    assert body["time_limit"] == {"months": 0, "value": "20.00", "unit": "calendar_days",
                                  "text": "", "cutoff": "15:00:00"}
    assert body["components"][0]["name"].startswith("Tờ khai")
    assert [step["key"] for step in body["steps"]][:2] == ["B1", "B2"]
    assert body["steps"][0]["next"] == ["B2"]
    response = client.get("/api/v1/procedures/9.999999")
    assert response.status_code == 404


def test_api_gives_a_limits_months_and_its_text(client):
    ProcedureVersionFactory(procedure__national_code="2.002161", time_limit_months=2,
                            time_limit_value=15, time_limit_text="02 tháng và 15 ngày làm việc")
    body = client.get("/api/v1/procedures/2.002161").json()
    assert body["time_limit"] == {"months": 2, "value": "15.00", "unit": "working_days",
                                  "text": "02 tháng và 15 ngày làm việc", "cutoff": "15:00:00"}


def test_api_gives_each_channels_limit_and_a_fees_channel(client):
    """The catalogue's "Cách thức thực hiện": 15 working days at the counter and by post, 5
    online, a lower charge online (procedure 1.010938 as the national export writes it)."""
    version = ProcedureVersionFactory(procedure__national_code="1.010938",
                                      time_limit_value=15, time_limit_text="15 ngày làm việc",
                                      fees=[("Lệ phí", 75000)])
    version.channel_limits.create(channel="online", value=5, unit="working_days",
                                  text="05 ngày làm việc", description="Nộp trên Cổng DVC")
    version.fees.create(kind="charge", name="Lệ phí", amount_vnd=50000, channel="online")
    version.fees.filter(amount_vnd=75000).update(channel="direct")
    version.levels = "commune,province"
    version.save()
    body = client.get("/api/v1/procedures/1.010938").json()
    assert (body["level"], body["levels"]) == ("province", ["province", "commune"])
    assert body["channel_limits"] == [
        {"channel": "direct", "months": 0, "value": "15.00", "unit": "working_days",
         "text": "15 ngày làm việc", "description": ""},
        {"channel": "online", "months": 0, "value": "5.00", "unit": "working_days",
         "text": "05 ngày làm việc", "description": "Nộp trên Cổng DVC"},
        {"channel": "postal", "months": 0, "value": "15.00", "unit": "working_days",
         "text": "15 ngày làm việc", "description": ""},
    ]
    assert sorted((fee["amount_vnd"], fee["channel"]) for fee in body["fees"]) == [
        (50000, "online"), (75000, "direct")]
