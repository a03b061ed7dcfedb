"""What an applicant is known by, and a phone number: one rule for every channel.

Sign-up, counter intake, online filing, the API and the dossier service all check through this
module, so a dossier that could never be looked up cannot be received. Forgiving on input: spaces
and dots (and, in a phone number, dashes and brackets) are dropped, "+84" becomes "0".

Each `validate_*` takes the stored form and raises Django's ValidationError; each `clean_*`
takes what was typed and returns the stored form (or raises).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Số định danh cá nhân (số căn cước): 12 digits (Luật Căn cước 2023 art. 12; NĐ 70/2024 art. 13).
PERSONAL_ID = re.compile(r"\d{12}")
# Mã số thuế: 10 digits; a branch or dependent unit adds "-" and 3 digits
# (Luật Quản lý thuế 2019 art. 30; TT 86/2024 art. 5).
TAX_CODE = re.compile(r"\d{10}(-\d{3})?")
# A mobile number: 10 digits from 0; a landline: 02, area code and number, 10 or 11 digits
# (QĐ 798/QĐ-BTTTT 2017 on the landline area codes).
PHONE = re.compile(r"0\d{9}|02\d{9}")

# The applicant kinds known by a personal ID; every other kind (business, organisation, agency)
# is known by its tax code.
PERSONAL_KINDS = frozenset({"citizen"})

PERSONAL_ID_MESSAGE = _("Số định danh cá nhân (số căn cước) gồm đúng 12 chữ số.")
TAX_CODE_MESSAGE = _("Mã số thuế gồm 10 chữ số; chi nhánh, đơn vị phụ thuộc thêm dấu gạch "
                     "ngang và 3 chữ số (ví dụ 0101234567-001).")
PHONE_MESSAGE = _("Số điện thoại di động gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84); số cố định "
                  "gồm mã vùng bắt đầu bằng 02 và số máy.")


def compact(value: str) -> str:
    """'037 090.001 234' -> '037090001234': an identifier as typed, as stored."""
    return re.sub(r"[\s.]", "", value or "")


def normalize_phone(value: str) -> str:
    """'+84 912-345 678' -> '0912345678'."""
    digits = re.sub(r"[\s.()-]", "", value or "")
    return "0" + digits[3:] if digits.startswith("+84") else digits


def validate_personal_id(value: str) -> None:
    if not PERSONAL_ID.fullmatch(value or ""):
        raise ValidationError(PERSONAL_ID_MESSAGE, code="personal_id")


def validate_tax_code(value: str) -> None:
    if not TAX_CODE.fullmatch(value or ""):
        raise ValidationError(TAX_CODE_MESSAGE, code="tax_code")


def validate_applicant_id(kind: str, value: str) -> None:
    """A citizen's personal ID, or the tax code of a business, organisation or agency."""
    if kind in PERSONAL_KINDS:
        validate_personal_id(value)
    else:
        validate_tax_code(value)


def validate_phone(value: str) -> None:
    if not PHONE.fullmatch(value or ""):
        raise ValidationError(PHONE_MESSAGE, code="phone")


def clean_applicant_id(kind: str, value: str) -> str:
    """What was typed as the applicant's identifier, checked and in its stored form."""
    value = compact(value)
    validate_applicant_id(kind, value)
    return value


def clean_phone(value: str) -> str:
    """What was typed as a phone number, checked and in its stored form."""
    value = normalize_phone(value)
    validate_phone(value)
    return value
