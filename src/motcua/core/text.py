"""Text folding for search that ignores diacritics and case. Pure."""

import re
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


_WORD = re.compile(r"\w+")


def words(text: str, *, marks: bool = False) -> list[str]:
    """'Cấp giấy phép (nội tỉnh)' -> ['cap', 'giay', 'phep', 'noi', 'tinh']: folded words, the
    punctuation dropped; with ``marks`` the case is folded and the diacritics kept
    (['cấp', 'giấy', ...]), whichever Unicode form the text came in."""
    text = unicodedata.normalize("NFC", text).casefold() if marks else fold(text)
    return _WORD.findall(text)


SECTION = "|"


def search_document(sections: tuple[str, ...], *, marks: bool = False) -> str:
    """(name, sector, ...) -> ' cap giay phep | buu chinh | ... ': each section's words, a space
    before every word (so ``contains(' ' + prefix)`` finds a word by its beginning) and a bar
    between sections (so a phrase never runs from one section into the next)."""
    return "".join(f" {' '.join(words(section, marks=marks))} {SECTION}" for section in sections)


def vn_number(value: int) -> str:
    """1500000 -> '1.500.000' (dots between thousands, the Vietnamese way)."""
    return f"{value:,}".replace(",", ".")
