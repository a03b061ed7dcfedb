"""The columns of report 06a as people and programs read them: one list for the pages, the
CSV and Excel files, the open-data README and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.stats.rules import Counts

# the grouped headers of Biểu số 06a/VPCP/KSTT (TT 01/2020/TT-VPCP, domain §5.1)
RECEIVED = _("Số hồ sơ nhận giải quyết")
RESOLVED = _("Số hồ sơ đã giải quyết")
IN_PROGRESS = _("Số hồ sơ đang giải quyết")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    meaning: str
    group: str = ""  # the grouped header above the column; none for the rate


COLUMNS = [
    Column("received", _("Tổng số hồ sơ tiếp nhận"),
           _("Tiếp nhận trong kỳ cộng từ kỳ trước chuyển qua."), RECEIVED),
    Column("received_in_period", _("Tiếp nhận trong kỳ"),
           _("Hồ sơ có ngày tiếp nhận trong kỳ."), RECEIVED),
    Column("received_online", _("Tiếp nhận trực tuyến"), _("Trong kỳ, kênh trực tuyến."),
           RECEIVED),
    Column("received_direct", _("Tiếp nhận trực tiếp"), _("Trong kỳ, nộp tại bộ phận một cửa."),
           RECEIVED),
    Column("received_postal", _("Tiếp nhận qua bưu chính công ích"),
           _("Trong kỳ, nộp qua dịch vụ bưu chính công ích."), RECEIVED),
    Column("carried_over", _("Từ kỳ trước chuyển qua"),
           _("Tiếp nhận trước kỳ, chưa giải quyết xong khi kỳ bắt đầu."), RECEIVED),
    Column("resolved", _("Đã giải quyết"),
           _("Có kết quả, hoặc trả lại, rút hồ sơ, trong kỳ."), RESOLVED),
    Column("early", _("Giải quyết trước hạn"),
           _("Có kết quả trước ngày hẹn trả."), RESOLVED),
    Column("on_time", _("Giải quyết đúng hạn"),
           _("Có kết quả trong ngày hẹn trả, không quá giờ hẹn."), RESOLVED),
    Column("returned", _("Trả lại, rút hồ sơ"),
           _("Dừng xử lý hoặc công dân rút sau khi tiếp nhận; tính là đúng hạn."), RESOLVED),
    Column("late", _("Giải quyết quá hạn"), _("Có kết quả sau thời điểm hẹn trả."), RESOLVED),
    Column("in_progress", _("Đang giải quyết"), _("Chưa xong khi hết kỳ."), IN_PROGRESS),
    Column("within", _("Đang giải quyết trong hạn"),
           _("Chưa đến hạn khi hết kỳ, hoặc đang chờ công dân bổ sung, nộp phí."),
           IN_PROGRESS),
    Column("overdue", _("Đang giải quyết quá hạn"), _("Đã quá hạn khi hết kỳ."), IN_PROGRESS),
    Column("on_time_rate", _("Tỷ lệ giải quyết đúng hạn (%)"),
           _("(Trước hạn + đúng hạn + trả lại, rút) ÷ đã giải quyết × 100.")),
]


def values(counts: Counts) -> dict:
    """The report's columns of one row, by key."""
    return {column.key: getattr(counts, column.key) for column in COLUMNS}
