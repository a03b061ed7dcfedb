"""The slips as official papers (NĐ 30/2020 Phụ lục I): heading, number, salutation."""

from tests.backoffice.conftest import act, pdf_text, received
from tests.slips.test_as_issued import fetched, pages


def test_letters_follow_the_nd30_2020_heading_with_a_number_and_the_salutation(staff):
    # NĐ 30/2020 Phụ lục I: governing body in capitals over the issuing agency; "Số:" line
    dossier = received()
    act("khcn.tiepnhan", dossier, "stop", reason="Công dân rút hồ sơ")
    data = fetched(staff("khcn.tiepnhan"), dossier, "dung-xu-ly", keep="slip-stop")
    text = pdf_text(data)
    assert text.startswith("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    assert "Số: 260302-0001/TB-SKHCN" in text
    assert "Kính gửi: Ông/Bà Nguyễn Thị Ánh Tuyết" in text
    assert "Số điện thoại" not in text  # none was given: no empty label
    assert "Ninh Bình, ngày 02 tháng 03 năm 2026" in text  # the day it was issued
    assert pages(data) == 1


def test_a_business_is_addressed_by_its_name_alone(staff):
    dossier = received(name="Công ty TNHH Bưu chính Hoa Lư", id_number="2700123456",
                       type="business")
    act("khcn.tiepnhan", dossier, "stop", reason="Doanh nghiệp rút hồ sơ")
    text = pdf_text(fetched(staff("khcn.tiepnhan"), dossier, "dung-xu-ly"))
    assert "Kính gửi: Công ty TNHH Bưu chính Hoa Lư" in text and "Ông/Bà Công ty" not in text


def test_the_receipt_is_no_letter_and_has_no_number_line(staff):
    text = pdf_text(fetched(staff("khcn.tiepnhan"), received(), "tiep-nhan"))
    assert "Số: " not in text and "Mẫu số 01" in text


def test_no_agency_name_breaks_inside_a_word_in_the_heading(demo_data):
    # NĐ 30/2020 Phụ lục I: the names in the heading are whole words, in capitals
    import datetime as dt

    from motcua.org.models import Agency
    from motcua.slips import content, render
    from motcua.slips.regimes import CURRENT, Slip

    for agency in Agency.objects.select_related("parent", "admin_unit"):
        text = pdf_text(render.pdf("slips/page.html", {  # the A5 heading, with no body
            "regime": CURRENT, "number": CURRENT.number(Slip.RECEIPT), "title": "GIẤY",
            "agency": agency, "place": content.place(agency), "today": dt.date(2026, 3, 2)}))
        assert agency.name.upper() in text, agency.name
