"""Text folding for search that ignores diacritics and case. Pure."""

import unicodedata

_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """'Cấp giấy phép bưu chính' -> 'cap giay phep buu chinh'; 'Đ' and 'đ' fold to 'd'.

    NFD splits the letters from their marks, the marks are dropped, đ (which has no
    decomposition) is mapped by hand, and the result is case-folded with single spaces.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
