"""The Decision 766/QĐ-TTg indicators the data supports, each with its formula (domain §5.2).

The numbers come from ``rules`` (pure); this module names them for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from motcua.stats.feedback_rules import FeedbackCounts
from motcua.stats.rules import Counts, Digitisation, percent

PERCENT = "%"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    value: Decimal | None
    unit: str
    numerator: Decimal | int
    denominator: int
    formula: str
    target: str


def indicators(counts: Counts, procedures: tuple[int, int],
               payments: tuple[int, int]) -> list[Indicator]:
    online_procedures, all_procedures = procedures
    paid_online, paid = payments
    return [
        # QĐ 766/QĐ-TTg indicator 2.1
        Indicator("2.1", _("Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn"), counts.rate_766,
                  PERCENT, counts.on_time_766, counts.received,
                  _("(Hồ sơ đã giải quyết và đang giải quyết trong hạn) ÷ (hồ sơ tiếp nhận trong "
                    "kỳ + kỳ trước chuyển qua) × 100. Trong hạn: thời điểm kết thúc xử lý (chưa "
                    "xong: cuối kỳ), đã trừ thời gian chờ bổ sung, không quá ngày hẹn trả; yêu "
                    "cầu bổ sung quá một lần tính là trễ hạn."),
                  _("100 %")),
        # QĐ 766/QĐ-TTg indicator 2.2
        Indicator("2.2", _("Thời gian giải quyết trung bình"), counts.average_days,
                  _("ngày làm việc"), counts.resolution_hours, counts.decided,
                  _("Tổng thời gian giải quyết (từ tiếp nhận đến khi có kết quả, trừ thời gian "
                    "tạm dừng, tính bằng giờ làm việc ÷ 8) ÷ số hồ sơ đã có kết quả trong kỳ."),
                  _("càng ngắn càng tốt")),
        # QĐ 766/QĐ-TTg indicator 3.1
        Indicator("3.1", _("Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến"),
                  percent(online_procedures, all_procedures), PERCENT, online_procedures,
                  all_procedures,
                  _("Thủ tục có dịch vụ công trực tuyến toàn trình hoặc một phần ÷ tổng số thủ "
                    "tục đang hiệu lực cuối kỳ × 100."),
                  _("≥ 80 % đạt điểm tối đa")),
        # QĐ 766/QĐ-TTg indicator 3.3
        Indicator("3.3", _("Tỷ lệ hồ sơ nộp trực tuyến"),
                  percent(counts.received_online, counts.received_in_period), PERCENT,
                  counts.received_online, counts.received_in_period,
                  _("Hồ sơ tiếp nhận trực tuyến trong kỳ ÷ tổng số hồ sơ tiếp nhận trong kỳ × "
                    "100 (hồ sơ được đồng bộ đầy đủ: hệ số đồng bộ = 1)."),
                  _("≥ 50 % đạt điểm tối đa")),
        # QĐ 766/QĐ-TTg indicator 3.6
        Indicator("3.6", _("Tỷ lệ hồ sơ thanh toán trực tuyến"), percent(paid_online, paid),
                  PERCENT, paid_online, paid,
                  _("Hồ sơ nộp phí, lệ phí bằng thanh toán trực tuyến ÷ hồ sơ đã nộp phí, lệ phí "
                    "trong kỳ × 100."),
                  _("≥ 80 % đạt điểm tối đa")),
        # QĐ 766/QĐ-TTg indicator 5.4
        Indicator("5.4", _("Mức độ hài lòng trong giải quyết thủ tục hành chính"),
                  counts.satisfaction, PERCENT,
                  counts.resolved - counts.late - counts.dissatisfied, counts.resolved,
                  _("100 % − (tỷ lệ hồ sơ giải quyết quá hạn + tỷ lệ hồ sơ bị phản ánh, kiến "
                    "nghị hoặc đánh giá không hài lòng), trên số hồ sơ đã giải quyết trong kỳ; "
                    "tử số: hồ sơ đã giải quyết trừ hồ sơ quá hạn và hồ sơ có phản ánh, kiến nghị "
                    "hoặc bị đánh giá không hài lòng."),
                  _("≥ 90 % đạt điểm tối đa")),
    ]


def digitisation_indicators(found: Digitisation) -> list[Indicator]:
    """QĐ 766 group 4 (the national formulas, integrations §6.4), from stored evidence only."""
    return [
        # QĐ 766/QĐ-TTg indicator 4.1
        Indicator("4.1", _("Tỷ lệ hồ sơ có kết quả điện tử"),
                  percent(found.e_result, found.resolved), PERCENT, found.e_result,
                  found.resolved,
                  _("Hồ sơ đã giải quyết trong kỳ có tệp kết quả điện tử ÷ hồ sơ đã giải quyết "
                    "trong kỳ × 100 (không lấy tệp người nộp thay cho kết quả)."), _("100 %")),
        # QĐ 766/QĐ-TTg indicator 4.2
        Indicator("4.2", _("Tỷ lệ số hóa hồ sơ, kết quả giải quyết"),
                  percent(found.fully_digitised, found.resolved), PERCENT,
                  found.fully_digitised, found.resolved,
                  _("Hồ sơ đã giải quyết trong kỳ có cả tệp thành phần hồ sơ và tệp kết quả ÷ "
                    "hồ sơ đã giải quyết trong kỳ × 100."), _("≥ 80 % đạt điểm tối đa")),
        # QĐ 766/QĐ-TTg indicator 4.3
        Indicator("4.3", _("Tỷ lệ hồ sơ có thành phần được số hóa"),
                  percent(found.digitised, found.received), PERCENT, found.digitised,
                  found.received,
                  _("Hồ sơ tiếp nhận trong kỳ có ít nhất một thành phần hồ sơ đã lưu tệp ÷ hồ "
                    "sơ tiếp nhận trong kỳ × 100."), _("≥ 80 % đạt điểm tối đa")),
        # QĐ 766/QĐ-TTg indicator 4.4
        Indicator("4.4", _("Tỷ lệ khai thác, sử dụng lại dữ liệu đã số hóa"),
                  percent(found.reused, found.received), PERCENT, found.reused, found.received,
                  _("Hồ sơ tiếp nhận trong kỳ có giấy tờ lấy từ kho dữ liệu hoặc từ kết quả "
                    "giải quyết trước ÷ hồ sơ tiếp nhận trong kỳ × 100."), _("càng cao càng tốt")),
        # QĐ 766/QĐ-TTg indicator 4.5
        Indicator("4.5", _("Tỷ lệ hồ sơ sử dụng định danh, dữ liệu quốc gia"),
                  percent(found.identified, found.received), PERCENT, found.identified,
                  found.received,
                  _("Hồ sơ tiếp nhận trong kỳ của tài khoản xác thực qua VNeID hoặc có giấy tờ "
                    "lấy từ kho dữ liệu ÷ hồ sơ tiếp nhận trong kỳ × 100."),
                  _("càng cao càng tốt")),
    ]


def feedback_indicators(found: FeedbackCounts) -> list[Indicator]:
    """QĐ 766 group 5 on feedback and petitions (domain feedback-complaints §3.3)."""
    return [
        # QĐ 766/QĐ-TTg indicator 5.1
        Indicator("5.1", _("Tỷ lệ phản ánh, kiến nghị về quy định, chính sách, TTHC và hành vi "
                           "của cán bộ, công chức"),
                  percent(found.classed, found.total), PERCENT, found.classed, found.total,
                  _("Phản ánh, kiến nghị phân loại “quy định, chính sách, thủ tục hành chính” "
                    "hoặc “hành vi của cán bộ, công chức” ÷ tổng số phản ánh, kiến nghị tiếp "
                    "nhận trong kỳ × 100."), _("càng cao càng tốt")),
        # QĐ 766/QĐ-TTg indicator 5.2
        Indicator("5.2", _("Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn"),
                  percent(found.on_time, found.total), PERCENT, found.on_time, found.total,
                  _("Phản ánh, kiến nghị tiếp nhận trong kỳ qua mọi mốc đúng hạn ÷ tổng số × "
                    "100. Mốc tính từ ngày gửi (hoặc ngày chuyển đến gần nhất): từ chối, trả lại "
                    "≤ 2 ngày làm việc; yêu cầu bổ sung lần đầu ≤ 5; có kết quả chờ công khai ≤ "
                    "15; công khai ≤ 2 ngày làm việc sau khi duyệt; còn mở cuối kỳ: ≤ 15."),
                  _("100 %")),
        # QĐ 766/QĐ-TTg indicator 5.3
        Indicator("5.3", _("Tỷ lệ hài lòng trong tiếp nhận, xử lý phản ánh, kiến nghị"),
                  percent(found.satisfied, found.received), PERCENT, found.satisfied,
                  found.received,
                  _("(Tổng số − số bị đánh giá không hài lòng nhiều hơn hài lòng − số xử lý trễ "
                    "hạn − số bị phản ánh lại do không hài lòng) ÷ tổng số × 100; mỗi phản ánh "
                    "tính một lần theo ngày tiếp nhận đầu tiên, không tính phản ánh bị từ chối "
                    "tiếp nhận."), _("càng cao càng tốt")),
    ]
