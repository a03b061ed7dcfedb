"""The one rule for applicant identifiers and phone numbers (motcua.core.identifiers)."""

import pytest
from django.core.exceptions import ValidationError

from motcua.core import identifiers


@pytest.mark.parametrize("value", ["12345", "abc", "", "0370900012345", "03709000123a"])
def test_personal_id_has_12_digits_luat_can_cuoc_2023(value):
    with pytest.raises(ValidationError):
        identifiers.validate_personal_id(value)


def test_personal_id_typed_with_spaces_and_dots_is_stored_compact():
    assert identifiers.clean_applicant_id("citizen", "037 090.001 234") == "037090001234"


@pytest.mark.parametrize("value", ["0101234567", "0101234567-001"])
def test_tax_code_is_10_digits_or_branch_suffix_tt_86_2024(value):
    identifiers.validate_tax_code(value)


@pytest.mark.parametrize("value", ["12345", "010123456", "0101234567-01", "0101234567001",
                                   "037090001234"])
def test_tax_code_other_shapes_refused_tt_86_2024(value):
    with pytest.raises(ValidationError):
        identifiers.validate_tax_code(value)


def test_applicant_id_follows_the_kind():
    identifiers.validate_applicant_id("citizen", "037090001234")
    identifiers.validate_applicant_id("business", "0101234567-001")
    with pytest.raises(ValidationError):
        identifiers.validate_applicant_id("citizen", "0101234567")
    with pytest.raises(ValidationError):
        identifiers.validate_applicant_id("business", "037090001234")


@pytest.mark.parametrize(("typed", "stored"), [
    ("0912345678", "0912345678"),
    ("+84 912-345 678", "0912345678"),
    ("(024) 3825 1234", "02438251234"),
    ("0206 385 1234", "02063851234"),
])
def test_phone_mobile_and_landline_accepted(typed, stored):
    assert identifiers.clean_phone(typed) == stored


@pytest.mark.parametrize("value", ["12", "abc", "912345678", "09123456789", "+8491234567"])
def test_phone_other_shapes_refused(value):
    with pytest.raises(ValidationError):
        identifiers.clean_phone(value)
