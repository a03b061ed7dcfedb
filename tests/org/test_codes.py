"""Agency identifier codes, with the examples of domain/onestop.md §3.1."""

import pytest

from motcua.org.codes import (
    IdentifierScheme,
    InvalidIdentifierCode,
    identifier_scheme,
)


@pytest.mark.parametrize(
    "code",
    ["000.00.00.H56", "000.00.14.H20", "000.17.22.H56", "000.00.00.H30", "000.00.00.H42"],
)
def test_qcvn102_2016_codes_are_valid(code):
    assert identifier_scheme(code) is IdentifierScheme.QCVN_102


@pytest.mark.parametrize("code", ["H56.14", "H55.242", "H42", "G03.1A.7", "A01." + "1" * 31])
def test_qd20_2020_codes_are_valid(code):
    assert identifier_scheme(code) is IdentifierScheme.QD_20


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("", "trống"),
        ("000.00.14.H2", "QCVN 102"),  # 12 characters
        ("000.00.14.H200", "QCVN 102"),  # 14 characters
        ("00.000.14.H20", "QCVN 102"),  # groups of the wrong width
        ("000.00.14.20H", "QCVN 102"),  # level 1 must be letter + 2 digits
        ("000-00-14-H20", "QCVN 102"),
        ("h56.14", "in hoa"),
        (" H56.14", "khoảng trắng"),
        ("Z56.14", "A–Y"),  # M is A–Y in QĐ 20/2020
        ("H5.14", "A–Y"),
        ("H56..14", "nhóm"),
        ("H56.14.", "nhóm"),
        ("H56.1-4", "nhóm"),
        ("A01." + "1" * 32, "35"),  # 36 characters
    ],
)
def test_invalid_codes_are_refused_with_a_reason(code, reason):
    with pytest.raises(InvalidIdentifierCode, match=reason):
        identifier_scheme(code)
