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
    # NĐ 30/2020 Phụ lục I: the names in the heading are whole words, in capitals. A Vietnamese
    # word may span syllables ("DU LỊCH", "HOA LƯ"), and a line break between them cuts it:
    # every demo agency's name is short enough to stay on one line of the A5 heading (the old
    # heading's narrow column printed "SỞ VĂN HÓA, THỂ THAO VÀ DU" over a lone "LỊCH")
    import datetime as dt
    import io
    import unicodedata

    from pypdf import PdfReader

    from motcua.org.models import Agency
    from motcua.slips import content, render
    from motcua.slips.regimes import CURRENT, Slip

    for agency in Agency.objects.select_related("parent", "admin_unit"):
        data = render.pdf("slips/page.html", {  # the A5 heading, with no body
            "regime": CURRENT, "number": CURRENT.number(Slip.RECEIPT), "title": "GIẤY",
            "agency": agency, "place": content.place(agency), "today": dt.date(2026, 3, 2),
            "qr_target": "http://127.0.0.1:8000/tra-cuu"})  # a receipt's lookup QR
        text = unicodedata.normalize("NFC", PdfReader(io.BytesIO(data)).pages[0].extract_text())
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert agency.name.upper() in pdf_text(data), agency.name
        assert any(agency.name.upper() in line for line in lines), (agency.name, lines[:5])


def test_the_agency_has_a_short_solid_rule_under_its_name():
    # NĐ 30/2020 Phụ lục I: under the issuing agency's name a solid horizontal rule, a third to a
    # half as long as the name's line (read from the laid-out A5 heading)
    import datetime as dt

    import weasyprint
    from django.template.loader import render_to_string
    from weasyprint.formatting_structure import boxes

    from motcua.org.models import Agency
    from motcua.slips.regimes import CURRENT, Slip

    agency = Agency(name="Sở Khoa học và Công nghệ",
                    parent=Agency(name="Ủy ban nhân dân tỉnh Ninh Bình"))
    html = render_to_string("slips/page.html", {
        "regime": CURRENT, "number": CURRENT.number(Slip.RECEIPT), "title": "GIẤY", "qr": "",
        "agency": agency, "place": "Ninh Bình", "today": dt.date(2026, 3, 2)})

    def walk(box):
        yield box
        for child in getattr(box, "children", []):
            yield from walk(child)

    page = weasyprint.HTML(string=html).render().pages[0]._page_box
    words = [text for text in walk(page) if isinstance(text, boxes.TextBox)
             and text.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
    assert len(words) == 1  # the name on one line
    [name] = words
    middle = name.position_x + name.width / 2
    rules = [box.border_width() for box in walk(page) if box.border_bottom_width > 0
             and name.position_y < box.position_y < name.position_y + 2 * name.height
             and abs(box.border_box_x() + box.border_width() / 2 - middle) < 2]  # under it
    assert rules and all(name.width / 3 <= width <= name.width / 2 for width in rules), (
        name.width, rules)
