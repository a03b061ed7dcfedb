"""The columns of report 06a as people and programs read them: one list for the pages, the
CSV and Excel files, the open-data README and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.stats.rules import Counts


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    meaning: str


COLUMNS = [
    Column("received", _("Tổng số hồ sơ tiếp nhận"),
           _("Tiếp nhận trong kỳ cộng từ kỳ trước chuyển qua.")),
    Column("received_in_period", _("Tiếp nhận trong kỳ"),
           _("Hồ sơ có ngày tiếp nhận trong kỳ.")),
    Column("received_online", _("Tiếp nhận trực tuyến"), _("Trong kỳ, kênh trực tuyến.")),
    Column("received_direct", _("Tiếp nhận trực tiếp"), _("Trong kỳ, nộp tại bộ phận một cửa.")),
    Column("received_postal", _("Tiếp nhận qua bưu chính công ích"),
           _("Trong kỳ, nộp qua dịch vụ bưu chính công ích.")),
    Column("carried_over", _("Từ kỳ trước chuyển qua"),
           _("Tiếp nhận trước kỳ, chưa giải quyết xong khi kỳ bắt đầu.")),
    Column("resolved", _("Đã giải quyết"),
           _("Có kết quả, hoặc trả lại, rút hồ sơ, trong kỳ.")),
    Column("early", _("Giải quyết trước hạn"),
           _("Có kết quả trước ngày hẹn trả.")),
    Column("on_time", _("Giải quyết đúng hạn"),
           _("Có kết quả trong ngày hẹn trả, không quá giờ hẹn.")),
    Column("returned", _("Trả lại, rút hồ sơ"),
           _("Dừng xử lý hoặc công dân rút sau khi tiếp nhận; tính là đúng hạn.")),
    Column("late", _("Giải quyết quá hạn"), _("Có kết quả sau thời điểm hẹn trả.")),
    Column("in_progress", _("Đang giải quyết"), _("Chưa xong khi hết kỳ.")),
    Column("within", _("Đang giải quyết trong hạn"),
           _("Chưa đến hạn khi hết kỳ, hoặc đang chờ công dân bổ sung, nộp phí.")),
    Column("overdue", _("Đang giải quyết quá hạn"), _("Đã quá hạn khi hết kỳ.")),
    Column("on_time_rate", _("Tỷ lệ giải quyết đúng hạn (%)"),
           _("(Trước hạn + đúng hạn + trả lại, rút) ÷ đã giải quyết × 100.")),
]


def values(counts: Counts) -> dict:
    """The report's columns of one row, by key."""
    return {column.key: getattr(counts, column.key) for column in COLUMNS}
