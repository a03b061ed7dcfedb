"""Agency electronic identifier codes (mã định danh). Pure: no Django import.

Two schemes are in use (domain/onestop.md §3.1):

- QCVN 102:2016/BTTTT: ``V1V2V3.Z1Z2.Y1Y2.MX1X2``, 13 characters, levels read right to
  left, e.g. ``000.00.14.H20``;
- QĐ 20/2020/QĐ-TTg art. 4 (amended by QĐ 09/2025/QĐ-TTg): up to 35 characters of
  ``[0-9A-Z.]``, dot-separated groups growing left to right, the first group ``MX1X2``
  with M in A–Y, e.g. ``H56.14``.
"""

from __future__ import annotations

import re
from enum import StrEnum

# QCVN 102:2016/BTTTT: V1V2V3.Z1Z2.Y1Y2.MX1X2 (level 4 . level 3 . level 2 . level 1).
QCVN102_PATTERN = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}")
QCVN102_LENGTH = 13
# QĐ 20/2020/QĐ-TTg art. 4: at most 35 characters, first group M X1 X2 with M in A–Y.
QD20_MAX_LENGTH = 35
QD20_FIRST_GROUP = re.compile(r"[A-Y]\d{2}")
QD20_GROUP = re.compile(r"[0-9A-Z]+")


class IdentifierScheme(StrEnum):
    QCVN_102 = "qcvn102"
    QD_20 = "qd20"


class InvalidIdentifierCode(ValueError):
    """The code fits neither scheme; the message says why, in Vietnamese."""


def identifier_scheme(code: str) -> IdentifierScheme:
    """Return the scheme that ``code`` follows, or raise InvalidIdentifierCode."""
    if not isinstance(code, str) or not code:
        raise InvalidIdentifierCode("Mã định danh không được để trống.")
    if code != code.strip():
        raise InvalidIdentifierCode("Mã định danh không được có khoảng trắng ở đầu hoặc cuối.")
    if code != code.upper():
        raise InvalidIdentifierCode("Mã định danh chỉ dùng chữ in hoa (ví dụ H56.14).")
    if code[:1].isdigit():
        return _check_qcvn102(code)
    return _check_qd20(code)


def _check_qcvn102(code: str) -> IdentifierScheme:
    if len(code) != QCVN102_LENGTH or not QCVN102_PATTERN.fullmatch(code):
        raise InvalidIdentifierCode(
            "Mã định danh theo QCVN 102:2016 phải có dạng V1V2V3.Z1Z2.Y1Y2.MX1X2, "
            "13 ký tự (ví dụ 000.00.14.H20)."
        )
    return IdentifierScheme.QCVN_102


def _check_qd20(code: str) -> IdentifierScheme:
    if len(code) > QD20_MAX_LENGTH:
        raise InvalidIdentifierCode(
            f"Mã định danh theo QĐ 20/2020 dài tối đa {QD20_MAX_LENGTH} ký tự."
        )
    first, *rest = code.split(".")
    if not QD20_FIRST_GROUP.fullmatch(first):
        raise InvalidIdentifierCode(
            "Nhóm đầu của mã định danh theo QĐ 20/2020 phải là một chữ cái A–Y "
            "và hai chữ số (ví dụ H56)."
        )
    if any(not QD20_GROUP.fullmatch(group) for group in rest):
        raise InvalidIdentifierCode(
            "Mỗi nhóm sau dấu chấm phải có ít nhất một chữ số hoặc chữ cái in hoa "
            "(ví dụ H56.14)."
        )
    return IdentifierScheme.QD_20
