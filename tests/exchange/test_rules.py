"""The rules of numbers, notations, the axis and states (exchange.rules), one test per rule."""

import datetime as dt

import pytest

from motcua.exchange import rules
from motcua.exchange.models import DocumentType, Urgency


def test_number_below_ten_gets_a_leading_zero():
    # NĐ 30/2020 Phụ lục I: "Số: 05"
    assert rules.format_number(5) == "05"
    assert rules.format_number(1) == "01"


def test_number_from_ten_is_written_as_is():
    assert rules.format_number(10) == "10"
    assert rules.format_number(7816) == "7816"


def test_number_zero_is_refused():
    with pytest.raises(rules.RuleError):
        rules.format_number(0)


def test_notation_is_number_type_and_agency_without_spaces():
    # NĐ 30/2020 Phụ lục I §II.3: 12/QĐ-UBND
    assert rules.format_notation(12, "quyet_dinh", "UBND") == "12/QĐ-UBND"
    assert rules.format_notation(3, "to_trinh", " sở  khcn ") == "03/TTr-SỞKHCN"


def test_official_letter_has_no_type_abbreviation():
    # NĐ 30/2020 Phụ lục III: no "CV"; 7816/VPCP-TTĐT
    assert rules.format_notation(7816, "cong_van", "VPCP", "TTĐT") == "7816/VPCP-TTĐT"
    assert rules.format_notation(4, "cong_van", "UBND") == "04/UBND"
    assert "CV" not in rules.format_notation(4, "cong_van", "UBND")


def test_notation_needs_the_agency_abbreviation():
    with pytest.raises(rules.RuleError, match="chữ viết tắt"):
        rules.format_notation(1, "quyet_dinh", "  ")


def test_every_document_type_has_an_abbreviation_entry():
    assert set(rules.TYPE_ABBREVIATIONS) == set(DocumentType.values)
    assert set(rules.TYPE_NAMES) == set(DocumentType.values)
    assert [code for code, abbr in rules.TYPE_ABBREVIATIONS.items() if not abbr] == ["cong_van"]


def test_counter_resets_on_first_january():
    # NĐ 30/2020 art. 15(1): numbered from 01 on 1 January
    assert rules.numbering_year(dt.date(2026, 12, 31)) == 2026
    assert rules.numbering_year(dt.date(2027, 1, 1)) == 2027


def test_only_normal_confidentiality_is_no_state_secret_qd28_art2():
    # QĐ 28/2018/QĐ-TTg art. 2(2): state secrets are outside the electronic exchange
    assert not rules.is_state_secret("normal")
    for level in ("confidential", "secret", "top_secret"):
        assert rules.is_state_secret(level)


def test_document_id_is_organ_date_number_and_notation():
    assert rules.document_id("000.00.00.G22", dt.date(2015, 9, 30), "7816", "VPCP-TTĐT") == \
        "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"


def test_status_codes_are_two_digits_and_read_as_integers():
    assert rules.status_code(1) == "01"
    assert rules.status_code("1") == "01"
    assert rules.status_code("06") == "06"
    with pytest.raises(rules.RuleError):
        rules.status_code("x")


def test_type_is_recognised_from_its_edxml_name():
    assert rules.type_from_name("Công văn") == "cong_van"
    assert rules.type_from_name("quyết  định") == "quyet_dinh"
    assert rules.type_from_name("Sao y") == "sao_y"
    assert rules.type_from_name("Không biết") == ""


def test_urgency_and_edxml_priority_are_one_table_read_both_ways():
    # NĐ 30/2020 art. 10: Thường, Khẩn, Thượng khẩn, Hỏa tốc ↔ OtherInfo/Priority 0–3
    assert [rules.PRIORITY[urgency] for urgency in Urgency.values] == [0, 1, 2, 3]
    assert [rules.urgency_of(priority) for priority in (0, 1, 2, 3)] == Urgency.values


def test_a_timed_express_priority_reads_as_express_and_an_unknown_one_as_normal():
    assert rules.urgency_of(4) == Urgency.EXPRESS  # hỏa tốc hẹn giờ
    assert rules.urgency_of(-1) == Urgency.NORMAL
