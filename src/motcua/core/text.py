"""Text folding for search that ignores diacritics and case. Pure."""

import unicodedata

_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


def strip_marks(text: str) -> str:
    """'Đơn đề nghị' -> 'Don de nghi': the letters without their marks, case kept.

    NFD splits the letters from their marks, the marks are dropped, and đ (which has no
    decomposition) is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """'Cấp giấy phép bưu chính' -> 'cap giay phep buu chinh'; 'Đ' and 'đ' fold to 'd'.

    The marks stripped, then case-folded with single spaces.
    """
    return " ".join(strip_marks(text).casefold().split())


def vn_number(value: int) -> str:
    """1500000 -> '1.500.000' (dots between thousands, the Vietnamese way)."""
    return f"{value:,}".replace(",", ".")
