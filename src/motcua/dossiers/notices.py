"""What people are told through the outbox at each step that concerns them.

The applicant: by e-mail and, with an account, in their inbox and by SMS or Zalo if they chose
it (``messaging``: the values named below fill the providers' templates). The officers: in their
inbox, when a dossier reaches their step, when a supplement arrives, when it is due today or
overdue.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.core.dates import vn_datetime
from motcua.core.text import vn_number
from motcua.dossiers.models import Dossier, DossierStep, Pause
from motcua.dossiers.selectors import due_is_estimated, handlers_now, step_holders
from motcua.messaging.services import text
from motcua.outbox.services import notify, post


def when(instant) -> str:
    """09:30 02/03/2026, or "không quy định" for a dossier without a due date."""
    return vn_datetime(instant) or _("không quy định")


def appointment(dossier: Dossier) -> str:
    """The due instant as the applicant is told it, "(dự kiến)" after it while it is counted
    into a year whose days off are not announced yet (``selectors.due_is_estimated``)."""
    if due_is_estimated(dossier):
        return _("%(due)s (dự kiến)") % {"due": when(dossier.due_at)}
    return when(dossier.due_at)


def _send(dossier: Dossier, topic: str, subject: str, lines: list[str],
          values: dict[str, str] | None = None) -> None:
    greeting = _("Kính gửi %(name)s,") % {"name": dossier.owner_name}
    footer = "\n\n".join([_follow(dossier), _signature(dossier)])
    post(
        topic=topic, reference=dossier.code,
        recipient=_recipient(dossier, topic),
        subject=f"[{dossier.code}] {subject}",
        body="\n\n".join([greeting, *lines, footer]),
    )
    if dossier.applicant_id:
        notify(user=dossier.applicant, topic=topic, reference=dossier.code, subject=subject,
               body="\n\n".join(lines))
        text(user=dossier.applicant, notice=topic, reference=dossier.code,
             values={"ma_ho_so": dossier.code, "ten_nguoi_dan": dossier.owner_name,
                     **(values or {})})


def _recipient(dossier: Dossier, topic: str) -> str:
    """An online dossier's notices go to its account only, never to an address typed in, and
    only the kinds its holder wants by e-mail (the account page); the inbox has them all."""
    if dossier.applicant_id:
        applicant = dossier.applicant
        return applicant.email if applicant.wants_email(topic) else ""
    return dossier.owner_email or dossier.submitter_email


def _follow(dossier: Dossier) -> str:
    """Where to follow the dossier: its page in the account that filed it, else the lookup."""
    if dossier.applicant_id:
        return _("Theo dõi hồ sơ tại: %(link)s") % {
            "link": settings.MOTCUA_PUBLIC_URL + reverse("portal:dossier", args=[dossier.code])}
    return _("Tra cứu hồ sơ tại %(link)s bằng mã %(code)s và số định danh của người nộp.") % {
        "link": settings.MOTCUA_PUBLIC_URL + reverse("portal:lookup"), "code": dossier.code}


def _signature(dossier: Dossier) -> str:
    """Who writes: the agency that received the dossier, and the site with its address."""
    return "\n".join([dossier.receiving_agency.name, settings.MOTCUA_SITE_NAME,
                      settings.MOTCUA_PUBLIC_URL + "/"])


def submitted(dossier: Dossier) -> None:
    _send(dossier, "submitted", _("Đã nhận hồ sơ nộp trực tuyến"), [
        _("Hồ sơ “%(subject)s” đã được đăng ký với mã %(code)s và đang chờ cán bộ một cửa "
          "kiểm tra, tiếp nhận.") % {"subject": dossier.subject, "code": dossier.code},
    ])


def receipt(dossier: Dossier) -> None:
    _send(dossier, "receipt", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"), [
        _("Hồ sơ %(code)s đã được tiếp nhận lúc %(accepted)s.") % {
            "code": dossier.code, "accepted": when(dossier.accepted_at)},
        _("Ngày hẹn trả kết quả: %(due)s.") % {"due": appointment(dossier)},
    ], {"ngay_hen_tra": appointment(dossier), "thoi_gian": when(dossier.accepted_at)})


def supplement_request(dossier: Dossier, items: list[str], reason: str) -> None:
    listed = "\n".join(f"- {item}" for item in items)
    _send(dossier, "supplement_request", _("Yêu cầu bổ sung, hoàn thiện hồ sơ"), [
        _("Hồ sơ %(code)s cần bổ sung, hoàn thiện các giấy tờ sau:") % {"code": dossier.code},
        listed, _("Lý do: %(reason)s") % {"reason": reason},
    ], {"ly_do": reason})


def supplement_received(dossier: Dossier, at: dt.datetime) -> None:
    """The applicant's confirmation that the papers they added arrived and went back to the
    officer handling the dossier, with the appointment now in force."""
    _send(dossier, "supplement_received", _("Đã nhận giấy tờ bổ sung"), [
        _("Giấy tờ bổ sung cho hồ sơ %(code)s đã được nhận lúc %(at)s và chuyển lại cho cán bộ "
          "xử lý.") % {"code": dossier.code, "at": when(at)},
        _("Ngày hẹn trả kết quả: %(due)s.") % {"due": appointment(dossier)}
        if dossier.accepted_at else _("Hồ sơ đang chờ cán bộ một cửa kiểm tra, tiếp nhận."),
    ], {"thoi_gian": when(at),
        "ngay_hen_tra": appointment(dossier) if dossier.accepted_at else ""})


def refusal(dossier: Dossier) -> None:
    _send(dossier, "refusal", _("Từ chối tiếp nhận hồ sơ"), [
        _("Hồ sơ %(code)s không được tiếp nhận.") % {"code": dossier.code},
        _("Lý do: %(reason)s") % {"reason": dossier.close_reason},
    ], {"ly_do": dossier.close_reason})


def payment_request(dossier: Dossier, pause: Pause) -> None:
    _send(dossier, "payment_request", _("Yêu cầu thực hiện nghĩa vụ tài chính"), [
        _("Để tiếp tục giải quyết hồ sơ %(code)s, ông/bà cần nộp %(amount)s đồng.") % {
            "code": dossier.code, "amount": vn_number(pause.amount_vnd or 0)},
        _("Khoản phải nộp: %(reason)s") % {"reason": pause.reason},
        _("Cách nộp: %(how)s") % {"how": pause.how_to_pay},
        _("Thời gian chờ nộp không tính vào thời hạn giải quyết."),
    ], {"so_tien": vn_number(pause.amount_vnd or 0), "ly_do": pause.reason})


def apology(dossier: Dossier) -> None:
    _send(dossier, "apology", _("Xin lỗi và hẹn lại ngày trả kết quả"), [
        _("Cơ quan giải quyết xin lỗi vì hồ sơ %(code)s chưa thể trả kết quả đúng hẹn "
          "%(old)s.") % {"code": dossier.code, "old": when(dossier.extension_previous_due_at)},
        _("Lý do: %(reason)s") % {"reason": dossier.extension_reason},
        _("Ngày hẹn trả mới: %(due)s.") % {"due": when(dossier.due_at)},
    ], {"ngay_hen_tra": when(dossier.due_at), "ly_do": dossier.extension_reason,
        "ngay_hen_cu": when(dossier.extension_previous_due_at)})


def due_recounted(dossier: Dossier, old_due: dt.datetime, legal_source: str) -> None:
    """The appointment moved because the government announced the year's days off."""
    _send(dossier, "due_recounted", _("Thay đổi ngày hẹn trả kết quả theo lịch nghỉ đã công bố"), [
        _("Ngày hẹn trả kết quả của hồ sơ %(code)s đã được tính lại theo lịch nghỉ lễ, Tết "
          "do cơ quan có thẩm quyền công bố (%(source)s).") % {
            "code": dossier.code, "source": legal_source},
        _("Ngày hẹn cũ: %(old)s.") % {"old": when(old_due)},
        _("Ngày hẹn trả mới: %(due)s.") % {"due": appointment(dossier)},
    ], {"ngay_hen_tra": appointment(dossier), "ngay_hen_cu": when(old_due),
        "ly_do": legal_source})


def result_ready(dossier: Dossier) -> None:
    _send(dossier, "result_ready", _("Hồ sơ đã có kết quả"), [
        _("Hồ sơ %(code)s đã giải quyết xong lúc %(finished)s. Mời ông/bà nhận kết quả theo "
          "hình thức đã đăng ký: %(delivery)s.") % {
            "code": dossier.code, "finished": when(dossier.finished_at),
            "delivery": dossier.get_delivery_display()},
    ], {"thoi_gian": when(dossier.finished_at), "hinh_thuc_nhan": dossier.get_delivery_display()})


def stop_notice(dossier: Dossier) -> None:
    _send(dossier, "stop_notice", _("Thông báo dừng giải quyết hồ sơ"), [
        _("Hồ sơ %(code)s đã dừng giải quyết.") % {"code": dossier.code},
        _("Lý do: %(reason)s") % {"reason": dossier.close_reason},
    ], {"ly_do": dossier.close_reason})


# -- the officers' inbox --------------------------------------------------------------------


def _tell(users, dossier: Dossier, topic: str, subject: str, line: str) -> int:
    summary = _("%(procedure)s — chủ hồ sơ: %(owner)s — hạn trả: %(due)s") % {
        "procedure": dossier.procedure_version.name, "owner": dossier.owner_name,
        "due": when(dossier.due_at)}
    for user in users:
        notify(user=user, topic=topic, reference=dossier.code,
               subject=f"[{dossier.code}] {subject}", body="\n\n".join([line, summary]))
    return len(users)


def step_reached(dossier_step: DossierStep) -> None:
    dossier, step = dossier_step.dossier, dossier_step.step
    _tell(list(step_holders(dossier_step)), dossier, "step_reached",
          _("Hồ sơ đến bước “%(step)s”") % {"step": step.name},
          _("Hồ sơ %(code)s đã đến bước “%(step)s” tại %(agency)s; hạn của bước: %(due)s.") % {
              "code": dossier.code, "step": step.name, "agency": dossier_step.agency.name,
              "due": when(dossier_step.due_at)})


def supplement_arrived(dossier: Dossier) -> None:
    _tell(list(handlers_now(dossier)), dossier, "supplement_arrived",
          _("Công dân đã bổ sung hồ sơ"),
          _("Hồ sơ %(code)s vừa được bổ sung giấy tờ theo yêu cầu.") % {"code": dossier.code})


def due_today(dossier: Dossier, users) -> int:
    return _tell(users, dossier, "due_today", _("Hồ sơ đến hạn hôm nay"), _(
        "Hồ sơ %(code)s đến hạn trả kết quả hôm nay, lúc %(due)s.") % {
            "code": dossier.code, "due": when(dossier.due_at)})


def overdue(dossier: Dossier, users) -> int:
    return _tell(users, dossier, "overdue", _("Hồ sơ đã quá hạn"), _(
        "Hồ sơ %(code)s đã quá hạn trả kết quả (%(due)s).") % {
            "code": dossier.code, "due": when(dossier.due_at)})
