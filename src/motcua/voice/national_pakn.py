"""The sync adapter to the national PAKN system ("Hệ thống tiếp nhận, trả lời phản ánh, kiến
nghị", domain feedback-complaints §3.3): the answers we publish go up to it, the PAKN filed on
it and routed to one of our agencies come down as cases of our own.

The domain texts give no wire shape for this system (the DVCQG Quy chế's article was not seen),
so the adapter speaks a minimal JSON of its own, documented here and answered by the sandbox's
fake (``voice.fake_pakn``); a province's LGSP maps it onto the real service:

- ``POST {PAKN_URL}/CongKhaiPAKN`` ``{MaPAKN, MaPAKNQG, MaDonVi, TieuDe, NoiDung, TieuDeTraLoi,
  NoiDungTraLoi, NgayCongKhai}`` → ``{"error_code": 0, "MaPAKNQG": "…"}``. Like the portal's
  page it carries no personal data (NĐ 13/2023 art. 3); ``MaPAKNQG`` is empty for a PAKN filed
  with us.
- ``POST {PAKN_URL}/LayDanhSachPAKN`` ``{MaDonVi}`` (the province's code, DVCQG_AGENCY_CODE) →
  ``{"error_code": 0, "DanhSach": [{MaPAKNQG, MaDonVi, TieuDe, NoiDung, HoTen, DiaChi,
  SoDienThoai, Email}]}``: those routed to the province, each naming the agency (its identifier
  code) it is for; each is taken once (a code already held is skipped).

The upward call is a side effect: a ``NationalFeedback`` row written with the publication and
sent by the outbox's loop after commit, retried with backoff (``send``); rows wait while
PAKN_URL is empty.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.core.dates import to_local
from motcua.national import gateways
from motcua.outbox import delivery
from motcua.voice.models import FeedbackCase, NationalFeedback

PAKN = "pakn"  # the gateway's and the delivery kind's name
PUBLISH, LIST = "/CongKhaiPAKN", "/LayDanhSachPAKN"


class PaknError(gateways.GatewayError):
    """The national PAKN system could not be reached or refused the call."""


def configured() -> bool:
    return gateways.configured(PAKN)


def queue_published(case: FeedbackCase) -> None:
    """In the publication's transaction: the answer is to go up once it commits."""
    row, _created = NationalFeedback.objects.get_or_create(case=case)
    NationalFeedback.objects.filter(pk=row.pk).update(delivered_at=None, failed_at=None,
                                                      attempts=0)
    delivery.enqueue_on_commit(PAKN, [row.pk])


def published_record(case: FeedbackCase, national_code: str) -> dict:
    """What goes up: the question and the answer, without the sender."""
    return {"MaPAKN": case.code, "MaPAKNQG": national_code,
            "MaDonVi": case.agency.identifier_code, "TieuDe": case.letter.title,
            "NoiDung": case.letter.content, "TieuDeTraLoi": case.answer_title,
            "NoiDungTraLoi": case.answer_body,
            "NgayCongKhai": f"{to_local(case.published_at):%d/%m/%Y %H:%M:%S}"}


def _call(path: str, body: dict) -> dict:
    gateway = gateways.gateway(PAKN)
    answer = gateways.post(gateway.url(path), body, gateway.headers(), gateway.timeout)
    reply = answer.json()
    if answer.status != 200 or not isinstance(reply, dict) \
            or str(reply.get("error_code", "")).strip() not in gateways.OK_CODES:
        raise PaknError(_("Hệ thống phản ánh, kiến nghị quốc gia từ chối (HTTP %(status)s): "
                          "%(reply)s") % {"status": answer.status, "reply": answer.text()[:200]})
    return reply


def send(row: NationalFeedback) -> dict:
    """The outbox's sender: the published answer up; the national code it is known by."""
    case = FeedbackCase.objects.select_related("agency", "letter").get(pk=row.case_id)
    reply = _call(PUBLISH, published_record(case, row.national_code))
    return {"national_code": str(reply.get("MaPAKNQG") or row.national_code)[:60]}


def requeue_stuck(limit: int = 500) -> int:
    """The scheduler's sweeper: answers whose delivery task was lost, queued again."""
    return delivery.requeue_stuck(PAKN, limit)


def routed() -> list[dict]:
    """LayDanhSachPAKN: the PAKN filed nationally for the province, as the system lists them."""
    found = _call(LIST, {"MaDonVi": gateways.gateway(PAKN).agency_code}).get("DanhSach") or []
    return [item for item in found if isinstance(item, dict)]
