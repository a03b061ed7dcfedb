"""Which circular's forms a dossier's papers follow, as effective-dated data. Pure.

A dossier keeps the forms of the regime in force on the day it was received (domain §0): TT
01/2018/TT-VPCP (Mẫu 01-06) before TT 03/2025/TT-VPCP (Mẫu 01-07).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Slip(StrEnum):
    RECEIPT = "tiep-nhan"
    SUPPLEMENT = "bo-sung"
    REFUSAL = "tu-choi"
    APOLOGY = "xin-loi"
    STOP = "dung-xu-ly"
    CONTROL = "kiem-soat"
    REGISTER = "so-theo-doi"


@dataclass(frozen=True)
class Regime:
    circular: str
    decree: str
    effective_from: dt.date
    numbers: dict[Slip, str]  # a slip the circular has no form for is absent
    titles: dict[Slip, str]

    def number(self, slip: Slip) -> str:
        return self.numbers.get(slip) or CURRENT.numbers[slip]

    def title(self, slip: Slip) -> str:
        return self.titles.get(slip) or CURRENT.titles[slip]


TITLES = {
    Slip.RECEIPT: "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    Slip.SUPPLEMENT: "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    Slip.REFUSAL: "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    Slip.STOP: "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    Slip.CONTROL: "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    Slip.REGISTER: "SỔ THEO DÕI HỒ SƠ",
}

TT01_2018 = Regime(
    # TT 01/2018/TT-VPCP art. 9, effective 06/01/2019; no stop notice (the 2025 form is used)
    circular="Thông tư số 01/2018/TT-VPCP",
    decree="Nghị định số 61/2018/NĐ-CP",
    effective_from=dt.date(2019, 1, 6),
    numbers={Slip.RECEIPT: "01", Slip.SUPPLEMENT: "02", Slip.REFUSAL: "03", Slip.APOLOGY: "04",
             Slip.CONTROL: "05", Slip.REGISTER: "06"},
    titles={**TITLES, Slip.APOLOGY: "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"},
)

CURRENT = TT03_2025 = Regime(
    # TT 03/2025/TT-VPCP of 15/09/2025 (domain §2; its effective day is uncertain: taken as
    # the day it was signed), under NĐ 118/2025/NĐ-CP
    circular="Thông tư số 03/2025/TT-VPCP",
    decree="Nghị định số 118/2025/NĐ-CP",
    effective_from=dt.date(2025, 9, 15),
    numbers={Slip.RECEIPT: "01", Slip.SUPPLEMENT: "02", Slip.REFUSAL: "03", Slip.APOLOGY: "04",
             Slip.STOP: "05", Slip.CONTROL: "06", Slip.REGISTER: "07"},
    titles={**TITLES,
            Slip.APOLOGY: "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"},
)

REGIMES = (TT01_2018, TT03_2025)

# The letters carry a "Số:" line (NĐ 30/2020 Phụ lục I); their kind of document for the
# notation (Phụ lục III): the stop notice is a Thông báo (TB), the others have no abbreviation
LETTER_TYPES = {Slip.SUPPLEMENT: "cong_van", Slip.REFUSAL: "cong_van",
                Slip.APOLOGY: "cong_van", Slip.STOP: "thong_bao"}


def regime_on(day: dt.date) -> Regime:
    """The regime in force on ``day`` (the oldest one for days before every regime)."""
    in_force = [regime for regime in REGIMES if regime.effective_from <= day]
    return max(in_force, key=lambda r: r.effective_from) if in_force else REGIMES[0]
