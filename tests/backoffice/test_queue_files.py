"""The queue's files: the Excel export and the hand-over list hold the page's rows and filters."""

import io
import re

import time_machine
from openpyxl import load_workbook

from tests.backoffice.conftest import pdf_text, received, tv_registration
from tests.dossiers.conftest import local
from tests.factories.world import culture_department

AT = local(2026, 3, 2, 10, 30)


def get(client, path, **params):
    with time_machine.travel(AT, tick=False):
        return client.get(path, params)


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200, response.content[:300]
    book = load_workbook(io.BytesIO(response.content))
    return list(book.active.iter_rows(values_only=True))


def page_codes(response) -> list[str]:
    return re.findall(r'href="/can-bo/ho-so/([^/"]+)/"', response.content.decode())


def test_the_excel_file_holds_the_rows_and_filters_of_the_page(staff):
    tuyet = received(at=local(2026, 3, 2, 9, 5))
    binh = received(at=local(2026, 3, 2, 9, 10), name="Trần Văn Bình", id_number="037111111111")
    officer = staff("khcn.tiepnhan")
    params = {"hang": "cho-chuyen-xu-ly", "sap-xep": "moi"}
    page = get(officer, "/can-bo/", **params)
    assert 'href="/can-bo/xuat-excel/?hang=cho-chuyen-xu-ly&amp;q=&amp;' in page.content.decode()
    response = get(officer, "/can-bo/xuat-excel/", **params)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="ho-so-cho-chuyen-xu-ly-02-03-2026.xlsx"' in response["Content-Disposition"]
    rows = sheet_rows(response)
    assert rows[0][0] == "Chờ chuyển xử lý (lập lúc 10:30 02/03/2026)"
    assert rows[1] == ("STT", "Mã hồ sơ", "Thủ tục", "Chủ hồ sơ", "Ngày nộp", "Kênh",
                       "Bước hiện tại", "Người thụ lý", "Trạng thái", "Hạn trả")
    assert [row[1] for row in rows[2:]] == page_codes(page) == [binh.code, tuyet.code]
    assert rows[3][0] == 2 and rows[3][3] == "Nguyễn Thị Ánh Tuyết"
    assert rows[3][4] == "09:05 02/03/2026" and rows[3][5] == "Trực tiếp"
    filtered = sheet_rows(get(officer, "/can-bo/xuat-excel/", q="binh", **params))
    assert [row[1] for row in filtered[2:]] == [binh.code]


def test_another_agencys_officer_exports_none_of_its_dossiers(staff, world):
    culture_department(world)  # another agency, its clerk motcua.vanthu
    received()
    rows = sheet_rows(get(staff("motcua.vanthu"), "/can-bo/xuat-excel/", hang="tat-ca"))
    assert rows[2:] == []


def test_past_the_limit_the_export_goes_back_to_the_page_saying_why(staff, monkeypatch):
    from motcua.backoffice import views

    monkeypatch.setattr(views, "EXPORT_LIMIT", 1)
    received(), received()
    officer = staff("khcn.tiepnhan")
    response = get(officer, "/can-bo/xuat-excel/", hang="tat-ca", kenh="direct")
    assert response.status_code == 302
    assert response["Location"].startswith("/can-bo/?hang=tat-ca&q=&thu-tuc=&kenh=direct")
    assert "hơn 1 hồ sơ" in get(officer, response["Location"]).content.decode()


def test_the_hand_over_list_names_the_rows_the_date_and_both_signers(staff):
    first, second = received(), received(name="Trần Văn Bình", id_number="037111111111")
    response = get(staff("khcn.tiepnhan"), "/can-bo/ban-giao/", hang="cho-chuyen-xu-ly")
    assert response["Content-Type"] == "application/pdf"
    assert "danh-sach-ban-giao-ho-so-02-03-2026.pdf" in response["Content-Disposition"]
    text = pdf_text(response.content)
    flat = text.replace(" ", "")
    assert "DANH SÁCH BÀN GIAO HỒ SƠ" in text and "Chờ chuyển xử lý" in text
    assert first.code in flat and second.code in flat and "Trần Văn Bình" in text
    assert "Ninh Bình, ngày 02 tháng 03 năm 2026" in text
    assert "NGƯỜI GIAO" in text and "NGƯỜI NHẬN" in text and "Tổng số: 2 hồ sơ" in text


def test_the_hand_over_list_has_the_nd30_2020_heading_of_the_slips(staff):
    # NĐ 30/2020 Phụ lục I: the governing body in capitals over the agency, as on every slip
    received()
    response = get(staff("khcn.tiepnhan"), "/can-bo/ban-giao/", hang="cho-chuyen-xu-ly")
    text = pdf_text(response.content)
    assert text.startswith("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH SỞ KHOA HỌC VÀ CÔNG NGHỆ")


def test_the_hand_over_list_keeps_each_column_header_on_one_line(staff, world):
    """"Ghi chú" (the column to write in by hand) has room: its header is not broken."""
    from pypdf import PdfReader

    tv_registration(world)
    received("motcua.tiepnhan", procedure="DP.TH001",
             name="Công ty Trách nhiệm hữu hạn Truyền thông và Dịch vụ Khách sạn Tràng An")
    response = get(staff("motcua.tiepnhan"), "/can-bo/ban-giao/", hang="cho-chuyen-xu-ly")
    lines = PdfReader(io.BytesIO(response.content)).pages[0].extract_text().splitlines()
    [header] = [line for line in lines if line.startswith("STT")]
    assert header == "STT Mã hồ sơ Thủ tục Chủ hồ sơ Ngày nộp Kênh Hạn trả Ghi chú"
