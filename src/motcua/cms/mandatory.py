"""The information every agency portal must publish (e-portal spec §3), as a versioned list:
each item with the law that requires it and, for the periodic ones, how long a publication stays
current. The checklist of the editors' admin compares each agency's portal with it.

Procedures, reception schedules and published answers are not in it: the portal draws them from
the platform (e-portal spec §3 rows 12, 19, 20) and an agency cannot leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# the law the list follows, and since when (NĐ 224/2026 replaced NĐ 42/2022 on 01/7/2026)
VERSION = "NĐ 224/2026/NĐ-CP, Luật Tiếp cận thông tin 104/2016/QH13 (từ 01/7/2026)"


@dataclass(frozen=True)
class MandatoryItem:
    code: str
    label: str
    source: str
    # a publication older than this is out of date (the yearly items); None: current until changed
    # (NĐ 224/2026 art. 9(3): updated at once when it changes)
    current_days: int | None = None
    # only the portals of a locality (the province's own, a commune's): NĐ 224/2026 art. 9(1)(c)
    locality_only: bool = False


# yearly items: a year and a quarter, the time a new year's report or plan takes to be adopted
YEARLY = 456

ITEMS: tuple[MandatoryItem, ...] = (
    MandatoryItem("introduction", _("Giới thiệu: chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức, "
                                   "lịch sử"),
                  "NĐ 224/2026 điều 9(1)(b); Luật TCTT điều 19(1)(đ)"),
    MandatoryItem("leaders", _("Lãnh đạo: tiểu sử tóm tắt, nhiệm vụ đảm nhận"),
                  "NĐ 224/2026 điều 9(1)(b)"),
    MandatoryItem("locality", _("Bản đồ hành chính, địa lý, lịch sử, văn hóa, danh lam thắng "
                                "cảnh của địa phương"),
                  "NĐ 224/2026 điều 9(1)(c)", locality_only=True),
    MandatoryItem("contacts", _("Thông tin liên hệ: địa chỉ, điện thoại, thư điện tử"),
                  "Luật TCTT điều 19(1)(đ)"),
    MandatoryItem("spokesperson", _("Người phát ngôn: họ tên, chức vụ, điện thoại, thư điện tử"),
                  "NĐ 09/2017 điều 3(4); NĐ 244/2026 điều 4"),
    MandatoryItem("legal_documents", _("Văn bản quy phạm pháp luật, văn bản hành chính"),
                  "Luật TCTT điều 19(1)(a)"),
    MandatoryItem("legal_guidance", _("Hướng dẫn thực hiện pháp luật"), "Luật TCTT điều 19(1)(b)"),
    MandatoryItem("plans", _("Chiến lược, quy hoạch, kế hoạch (có kế hoạch công tác năm)"),
                  "Luật TCTT điều 19(1)(c)", current_days=YEARLY),
    MandatoryItem("investment", _("Đầu tư công, mua sắm công, đấu thầu"),
                  "Luật TCTT điều 19(1)(d)"),
    MandatoryItem("budget", _("Báo cáo tài chính năm, công khai ngân sách"),
                  "Luật TCTT điều 17(1)(đ), 19(1)(e)", current_days=YEARLY),
    MandatoryItem("statistics", _("Thông tin thống kê về ngành, lĩnh vực quản lý"),
                  "Luật TCTT điều 19(1)(e)", current_days=YEARLY),
    MandatoryItem("research", _("Chương trình, đề tài khoa học"), "Luật TCTT điều 19(1)(e)"),
    MandatoryItem("disclosure_index", _("Danh mục thông tin phải công khai, đầu mối cung cấp "
                                        "thông tin"),
                  "Luật TCTT điều 17(1)(m), 19(1)(g)"),
)

CHOICES = [(item.code, item.label) for item in ITEMS]
