"""Every write of the public post (integrations §4): the citizen's requests, the officer's
hand-over and acceptance, the sending of orders and what VNPost's tracking reports.

A. Pick-up: a citizen asks the post to collect their paper dossier (``request_pickup``); the
   order leaves after commit. When VNPost reports it delivered (to the agency, its receiver),
   the package waits at the desk; the officer who accepts it registers the dossier through the
   counter's own service (``dossiers.services.receive``) with channel 3, postal (key rule 13;
   integrations §4.2 A: ``NgayTiepNhan`` is the desk's acceptance).
B. Result by post: chosen at filing, or asked afterwards before the result is ready
   (``request_result_by_post``). When the result is ready an officer hands it to the post
   (``hand_over_result``, HV's ``YeuCauBuuDienLayKetQua``): the order leaves. When VNPost
   reports it delivered (4), the lifecycle's ``deliver`` completes, done by that officer, with
   the recipient VNPost names; a return is left on the officer's page.
Orders leave through the outbox's one delivery loop (kind ``post``): retried with backoff.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.models import Channel
from motcua.catalog.selectors import in_force_by_code
from motcua.core.errors import InvalidInput, NotFound, ServiceError
from motcua.core.identifiers import clean_phone
from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers import services as dossiers
from motcua.dossiers.lifecycle import BEFORE_DECISION, Action
from motcua.dossiers.models import Delivery, Dossier, Status
from motcua.org.models import Role, User
from motcua.outbox import delivery
from motcua.post import client as vnpost
from motcua.post import wire
from motcua.post.models import (
    ENDED,
    WAITING,
    Kind,
    PostalCancel,
    PostalEvent,
    PostalOrder,
    State,
    TrackingCursor,
)

logger = logging.getLogger(__name__)

POST = "post"  # the outbox kinds: orders, and the cancellations of pick-ups
CANCEL = "post_cancel"
MAX_PAGES = 20  # tracking pages read per poll
STATE_OF = {"created": State.CREATED, "collected": State.COLLECTED,
            "in_transit": State.IN_TRANSIT, "delivered": State.DELIVERED,
            "returned": State.RETURNED, "cancelled": State.CANCELLED}
# QĐ 45/2016/QĐ-TTg art. 5: a result may be sent by post until it is ready
RESULT_ASKABLE = BEFORE_DECISION


@dataclass(frozen=True)
class Where:
    """Where the post collects from or delivers to (VNPost's province and district codes)."""

    name: str
    address: str
    phone: str
    province: int
    district: int


def fee_vnd() -> int:
    """The postal fee shown before the citizen confirms: the tariff setting POST_FEE_VND."""
    return int(settings.MOTCUA_POST.get("FEE_VND") or 0)


def _checked(where: Where) -> Where:
    if not where.name.strip() or not where.address.strip():
        raise InvalidInput(_("Nhập họ tên và địa chỉ cho bưu điện."))
    if where.province <= 0 or where.district <= 0:
        raise InvalidInput(_("Chọn mã tỉnh và mã quận, huyện theo VNPost (số nguyên dương)."))
    try:
        phone = clean_phone(where.phone)
    except ValidationError as error:
        raise InvalidInput(error.messages[0]) from None
    return Where(where.name.strip(), where.address.strip(), phone, where.province,
                 where.district)


def _require_post() -> None:
    if not vnpost.configured():
        raise InvalidInput(_("Dịch vụ bưu chính công ích chưa được cấu hình."))


# -- A. pick-up ---------------------------------------------------------------------------------


def request_pickup(user: User, procedure: str, subject: str, agency_code: str, where: Where,
                   result_by_post: bool = False) -> PostalOrder:
    """QĐ 45/2016/QĐ-TTg art. 5: the post collects the citizen's paper dossier."""
    _require_post()
    if not user.is_applicant:
        raise InvalidInput(_("Chỉ người nộp hồ sơ mới đăng ký bưu điện đến lấy hồ sơ."))
    version = in_force_by_code(procedure)
    if version is None:
        raise InvalidInput(_("Không có thủ tục mã %(code)s đang có hiệu lực.")
                           % {"code": procedure})
    agencies = version.receivers()
    agency = next((a for a in agencies if a.identifier_code == agency_code), None)
    if agency is None and len(agencies) == 1 and not agency_code:
        agency = agencies[0]
    if agency is None:
        raise InvalidInput(_("Chọn nơi tiếp nhận hồ sơ."))
    if not subject.strip():
        raise InvalidInput(_("Nhập trích yếu hồ sơ."))
    where = _checked(where)
    with transaction.atomic():
        order = PostalOrder.objects.create(
            kind=Kind.PICKUP, order_number=f"BD-{timezone.now():%y%m%d%H%M%S%f}",
            applicant=user, agency=agency, procedure_code=procedure.strip(),
            subject=subject.strip(), result_by_post=result_by_post, fee_vnd=fee_vnd(),
            state=State.SENDING, **_where_fields(where))
        order.order_number = f"BD-{agency.identifier_code}-{order.pk:06d}"
        order.save(update_fields=["order_number"])
        delivery.enqueue_on_commit(POST, [order.pk])
    return order


def _where_fields(where: Where) -> dict:
    return {"name": where.name, "address": where.address, "phone": where.phone,
            "province": where.province, "district": where.district}


def accept_pickup(officer: User, order_id: int) -> Dossier:
    """The desk accepts a package the post delivered: the dossier is registered by the counter's
    service, channel postal (integrations §4.2 A); the papers are the required ones, checked by
    the postal worker against the published list (QĐ 45/2016/QĐ-TTg art. 5)."""
    with transaction.atomic():
        order = (PostalOrder.objects.select_for_update()
                 .filter(pk=order_id, agency__in=_desk_agencies(officer)).first())
        if order is None:
            raise NotFound(_("Không tìm thấy đơn bưu chính này."))
        if not order.awaits_acceptance:
            raise InvalidInput(_("Đơn này không có hồ sơ chờ tiếp nhận."))
        owner = dossiers.party_of(order.applicant)
        owner.phone, owner.address = owner.phone or order.phone, owner.address or order.address
        registration = dossiers.Registration(
            procedure=order.procedure_code, subject=order.subject,
            receiving_agency=order.agency.identifier_code, owner=owner, submitter=owner,
            channel=Channel.POSTAL,
            delivery=Delivery.POST if order.result_by_post else Delivery.COUNTER,
            delivery_address=order.address if order.result_by_post else "",
            documents=_papers(order.procedure_code))
        dossier = dossiers.receive(officer, registration)
        # the citizen's own dossier, in their "Hồ sơ của tôi", though the desk registered it
        Dossier.objects.filter(pk=dossier.pk).update(applicant=order.applicant)
        dossier.applicant = order.applicant
        order.dossier = dossier
        order.save(update_fields=["dossier", "updated_at"])
        if order.result_by_post:
            _waiting_result(dossier, order.applicant, order.fee_vnd, _where_of(order))
    return dossier


def _papers(procedure: str) -> list[dossiers.PaperCount]:
    version = in_force_by_code(procedure)
    return [dossiers.PaperCount(component.order, originals=1)
            for component in version.components.all()
            if component.required and not component.from_national_database]


def _where_of(order: PostalOrder) -> Where:
    return Where(order.name, order.address, order.phone, order.province, order.district)


def _desk_agencies(officer: User) -> list[int]:
    return [held.agency_id for held in dossier_selectors.held_working_roles(officer)
            if held.role == Role.RECEPTION_OFFICER]


# -- B. result by post --------------------------------------------------------------------------


def request_result_by_post(user: User, code: str, where: Where) -> PostalOrder:
    """The applicant asks for the result by post, until it is ready (QĐ 45/2016 art. 5)."""
    _require_post()
    where = _checked(where)
    with transaction.atomic():
        dossier = (Dossier.objects.select_for_update()
                   .filter(code=code, applicant=user).first())
        if dossier is None:
            raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
        if dossier.status not in RESULT_ASKABLE:
            raise InvalidInput(_("Chỉ đăng ký nhận kết quả qua bưu điện trước khi có kết quả."))
        if _live_result(dossier) is not None:
            raise InvalidInput(_("Hồ sơ đã đăng ký nhận kết quả qua bưu điện."))
        Dossier.objects.filter(pk=dossier.pk).update(delivery=Delivery.POST,
                                                     delivery_address=where.address)
        return _waiting_result(dossier, user, fee_vnd(), where)


def _waiting_result(dossier: Dossier, user: User, fee: int, where: Where) -> PostalOrder:
    return PostalOrder.objects.create(
        kind=Kind.RESULT, order_number=dossier.code, dossier=dossier, applicant=user,
        agency=dossier.receiving_agency, procedure_code="", subject=dossier.subject,
        fee_vnd=fee, next_attempt_at=WAITING, **_where_fields(where))


def _live_result(dossier: Dossier) -> PostalOrder | None:
    return (PostalOrder.objects.filter(dossier=dossier, kind=Kind.RESULT)
            .exclude(state__in=ENDED).first())


def hand_over_result(officer: User, code: str) -> PostalOrder:
    """HV's ``YeuCauBuuDienLayKetQua``: the officer hands the ready result to the post; the
    order leaves after commit (integrations §4.2 B.2). Status 10 waits for VNPost's delivery."""
    _require_post()
    with transaction.atomic():
        dossier = (Dossier.objects.select_for_update()
                   .filter(code=code, receiving_agency__in=_desk_agencies(officer)).first())
        if dossier is None:
            raise NotFound(_("Không tìm thấy hồ sơ %(code)s.") % {"code": code})
        if dossier.status != Status.FINISHED or dossier.delivery != Delivery.POST:
            raise InvalidInput(_("Hồ sơ chưa có kết quả hoặc không đăng ký nhận qua bưu điện."))
        order = _live_result(dossier) or _waiting_result(
            dossier, dossier.applicant or officer, fee_vnd(), _where_at_filing(dossier))
        if order.handed_over_by_id:
            raise InvalidInput(_("Kết quả đã được giao cho bưu điện."))
        order.handed_over_by, order.state = officer, State.SENDING
        order.next_attempt_at = timezone.now()
        order.save(update_fields=["handed_over_by", "state", "next_attempt_at", "updated_at"])
        delivery.enqueue_on_commit(POST, [order.pk])
    return order


def _where_at_filing(dossier: Dossier) -> Where:
    """The result's address chosen at filing: the province's codes are the agency's own (the
    filing form asks no VNPost code; uncertain, integrations §4.3)."""
    entry = settings.MOTCUA_POST
    return Where(dossier.owner_name, dossier.delivery_address or dossier.owner_address,
                 dossier.owner_phone, int(entry.get("AGENCY_PROVINCE") or 0),
                 int(entry.get("AGENCY_DISTRICT") or 0))


# -- sending (the outbox's sender) ---------------------------------------------------------------


def send_order(row: PostalOrder, client: vnpost.VnpostClient | None = None) -> dict:
    """The post's sender (``delivery.Sender``): the order to VNPost. "100" and "101" (already
    created) are a success; another status is VNPost's refusal, kept with its reason."""
    outcome = (client or vnpost.client()).create_order(_wire_order(row))
    if not outcome.ok:
        return {"state": State.REFUSED, "status_code": outcome.status,
                "status_message": outcome.message,
                "problem": _("VNPost từ chối đơn (%(status)s): %(message)s")
                % {"status": outcome.status, "message": outcome.message}}
    return {"state": State.CREATED, "status_code": outcome.status,
            "status_message": outcome.message, "item_code": outcome.item_code or row.item_code}


def _wire_order(row: PostalOrder) -> wire.Order:
    entry = settings.MOTCUA_POST
    agency = wire.Address(
        name=row.agency.name, address=f"{row.agency.name}, {row.agency.admin_unit}",
        tel="", province=int(entry.get("AGENCY_PROVINCE") or 0),
        district=int(entry.get("AGENCY_DISTRICT") or 0))
    citizen = wire.Address(row.name, row.address, row.phone, row.province, row.district)
    pickup = row.kind == Kind.PICKUP
    return wire.Order(
        customer_code=entry.get("CUSTOMER_CODE", ""), order_number=row.order_number,
        description=(_("Hồ sơ thủ tục hành chính: %(subject)s") if pickup
                     else _("Kết quả giải quyết hồ sơ %(subject)s")) % {"subject": row.subject},
        sender=citizen if pickup else agency, receiver=agency if pickup else citizen,
        item_code=row.item_code)


def deliver_due(limit: int = 500, client: vnpost.VnpostClient | None = None,
                kind: str = POST) -> tuple[int, int]:
    return delivery.deliver_due(kind, limit, client=client)


def requeue_stuck(limit: int = 500) -> int:
    """Queue again the orders and cancellations whose task was lost (the scheduler's sweeper,
    every minute)."""
    return sum(delivery.requeue_stuck(kind, limit) for kind in (POST, CANCEL))


# -- cancelling a pick-up ------------------------------------------------------------------------


def cancel_pickup(user: User, order_id: int) -> PostalCancel:
    """The citizen cancels a pick-up VNPost holds and has not collected; the cancellation leaves
    after commit (VNPost's ``apiCancelOrder``)."""
    with transaction.atomic():
        order = (PostalOrder.objects.select_for_update()
                 .filter(pk=order_id, applicant=user, kind=Kind.PICKUP).first())
        if order is None:
            raise NotFound(_("Không tìm thấy đơn bưu chính này."))
        if order.state != State.CREATED or PostalCancel.objects.filter(order=order).exists():
            raise InvalidInput(_("Chỉ hủy được yêu cầu bưu điện đã nhận mà chưa đến lấy hồ sơ."))
        cancel = PostalCancel.objects.create(order=order, requested_by=user)
        delivery.enqueue_on_commit(CANCEL, [cancel.pk])
    return cancel


def send_cancel(row: PostalCancel, client: vnpost.VnpostClient | None = None) -> dict:
    """The cancellations' sender: "100" cancels the order; another status is VNPost's answer
    (already collected…), kept for the citizen to read."""
    outcome = (client or vnpost.client()).cancel(row.order.order_number)
    if outcome.ok:
        PostalOrder.objects.filter(pk=row.order_id).update(state=State.CANCELLED,
                                                           updated_at=timezone.now())
        return {"outcome": _("Đã hủy")}
    return {"outcome": _("Bưu điện không hủy được (%(status)s): %(message)s")
            % {"status": outcome.status, "message": outcome.message}}


# -- tracking ------------------------------------------------------------------------------------


def poll_tracking(client: vnpost.VnpostClient | None = None) -> int:
    """Read VNPost's tracking from where the last poll stopped; every event applied once.
    The scheduler runs it (``post_tracking``); the orders still unsent are sent first."""
    if not vnpost.configured():
        return 0
    client = client or vnpost.client()
    deliver_due(client=client)
    deliver_due(client=client, kind=CANCEL)
    cursor = TrackingCursor.objects.first() or TrackingCursor(last_id=wire.FIRST_LAST_ID)
    applied = 0
    for _page in range(MAX_PAGES):
        events = client.tracking(cursor.last_id)
        if not events:
            break
        applied += sum(apply_event(event) for event in events)
        cursor.last_id = events[-1].oid
        cursor.save()
    return applied


def apply_event(event: wire.TrackingEvent) -> bool:
    """One tracking report: stored, the order's state moved, and its effect on the dossier;
    False when it was already applied or names no order of ours."""
    with transaction.atomic():
        order = (PostalOrder.objects.select_for_update()
                 .filter(order_number=event.order_number, delivered_at__isnull=False)
                 .exclude(state__in=ENDED).first())
        if order is None or PostalEvent.objects.filter(oid=event.oid).exists():
            return False
        PostalEvent.objects.create(order=order, oid=event.oid, status_code=event.status_code,
                                   message=event.message[:500], recipient=event.recipient[:255])
        order.status_code, order.status_message = event.status_code, event.message[:500]
        order.state = STATE_OF.get(wire.meaning(event.status_code), order.state)
        if order.state == State.DELIVERED:
            order.recipient = event.recipient[:255] or order.name
        _effect(order, event)
        order.save()
    return True


def _effect(order: PostalOrder, event: wire.TrackingEvent) -> None:
    if order.kind != Kind.RESULT:
        return  # a pick-up delivered waits at the desk (awaits_acceptance)
    if order.state == State.RETURNED:
        order.problem = _("Bưu điện chuyển hoàn kết quả: %(message)s") % {
            "message": event.message}
    elif order.state == State.DELIVERED:
        _result_delivered(order)


def _result_delivered(order: PostalOrder) -> None:
    """Key rule 13, integrations §4.2 B: status 10 only when the post confirms the delivery;
    the deliver step is the hand-over's officer's, the recipient VNPost's."""
    dossier = order.dossier
    note = _("Bưu điện đã phát kết quả (mã vận đơn %(item)s) cho %(name)s.") % {
        "item": order.item_code or order.order_number, "name": order.recipient}
    try:
        dossiers.act(order.handed_over_by, dossier.code, Action.DELIVER, dossier.version,
                     dossiers.ActionInput(recipient=order.recipient, note=note))
    except ServiceError as error:  # the officer lost the role, the dossier moved meanwhile
        logger.warning("post %s: delivery not recorded on %s: %s", order.pk, dossier.code,
                       error)
        order.problem = _("Bưu điện đã phát nhưng chưa ghi được việc trả kết quả: %(error)s") % {
            "error": error}

