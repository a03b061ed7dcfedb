"""The two postal flows (integrations §4.2) against the sandbox's VNPost over real HTTP."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.post import services
from motcua.post.models import Kind, PostalEvent, PostalOrder, State
from tests.dossiers.test_lifecycle import through_the_process

OFFICER = "khcn.tiepnhan"
HOME = services.Where("Nguyễn Văn An", "Số 12 Trần Hưng Đạo, Hoa Lư", "0912345678", 54, 5402)


def pickup(world, **extra) -> PostalOrder:
    return services.request_pickup(world.citizen, world.procedure, "Thông báo hoạt động bưu chính",
                                   world.agency.identifier_code, HOME, **extra)


def test_pickup_registers_a_postal_dossier_when_the_post_hands_it_over(world, vnpost):
    order = pickup(world)
    assert services.deliver_due() == (1, 0)
    sent = vnpost.orders[order.order_number]
    # QĐ 45/2016 art. 5: sender the citizen, receiver the agency, no cash on delivery
    assert sent["SenderName"] == "Nguyễn Văn An" and sent["ReceiverName"] == world.agency.name
    assert sent["SenderProvince"] == 54 and sent["ReceiverDistrict"] == 5401
    assert sent["CODAmount"] == 0
    vnpost.advance(order.order_number)  # collected
    vnpost.handover(order.order_number)  # delivered to the agency
    assert services.poll_tracking() == 3  # created, collected, delivered
    order.refresh_from_db()
    assert order.state == State.DELIVERED and order.awaits_acceptance

    dossier = services.accept_pickup(world.officer, order.pk)

    assert dossier.channel == "postal" and dossier.national_channel == 3  # key rule 13
    assert dossier.status == 2 and dossier.accepted_at is not None
    assert Dossier.objects.get(pk=dossier.pk).applicant == world.citizen
    order.refresh_from_db()
    assert order.dossier == dossier and not order.awaits_acceptance


def test_pickup_with_the_result_by_post_waits_for_the_result(world, vnpost):
    order = pickup(world, result_by_post=True)
    services.deliver_due()
    vnpost.handover(order.order_number)
    services.poll_tracking()
    dossier = services.accept_pickup(world.officer, order.pk)
    assert dossier.delivery == "post"
    waiting = PostalOrder.objects.get(kind=Kind.RESULT, dossier=dossier)
    assert waiting.order_number == dossier.code and waiting.state == State.REQUESTED
    assert services.deliver_due() == (0, 0)  # nothing leaves before the result is handed over


def test_result_sent_by_post_is_delivered_with_the_recipient_the_post_reports(flow, world,
                                                                              vnpost):
    run = flow(until="processing")
    services.request_result_by_post(world.citizen, run.code, HOME)
    through_the_process(run)
    order = services.hand_over_result(world.officer, run.code)
    assert order.state == State.SENDING
    services.deliver_due()
    order.refresh_from_db()
    assert order.state == State.CREATED and order.item_code.startswith("EB")
    assert vnpost.orders[run.code]["ReceiverAddress"] == HOME.address  # OrderNumber = MaHoSo
    services.poll_tracking()
    assert Dossier.objects.get(code=run.code).status == 9  # created is not delivered

    for _step in range(3):  # collected, in transit, delivered (4)
        vnpost.advance(run.code, "Trần Văn Bưu")
    services.poll_tracking()

    dossier = Dossier.objects.get(code=run.code)
    assert dossier.status == 10 and dossier.result_received_by == "Trần Văn Bưu"
    event = DossierEvent.objects.get(dossier=dossier, action="deliver")
    assert event.actor == world.officer and "Trần Văn Bưu" in event.note
    order.refresh_from_db()
    assert order.state == State.DELIVERED and order.recipient == "Trần Văn Bưu"
    assert not order.problem


def test_a_returned_result_is_left_for_the_officer(flow, world, vnpost):
    run = flow(until="processing")
    services.request_result_by_post(world.citizen, run.code, HOME)
    through_the_process(run)
    services.hand_over_result(world.officer, run.code)
    services.deliver_due()
    vnpost.send_back(run.code)
    services.poll_tracking()
    order = PostalOrder.objects.get(order_number=run.code)
    assert order.state == State.RETURNED and "Chuyển hoàn" in order.problem
    assert Dossier.objects.get(code=run.code).status == 9


def test_each_tracking_event_is_applied_once(world, vnpost):
    order = pickup(world)
    services.deliver_due()
    services.poll_tracking()
    services.poll_tracking()
    assert PostalEvent.objects.filter(order=order).count() == 1
    assert [entry["body"]["lastId"] for entry in vnpost.journal
            if entry["path"] == "/tracking"][-1] == "0" * 23 + "1"


def test_a_duplicate_order_is_a_success(world, vnpost):
    order = pickup(world)
    vnpost.orders[order.order_number] = {"ItemCode": "EB000000042VN", "statusCode": "1"}
    assert services.deliver_due() == (1, 0)
    order.refresh_from_db()
    assert order.state == State.CREATED and order.status_code == "101"
    assert order.item_code == "EB000000042VN"


def test_an_order_the_post_refuses_keeps_its_reason(world, vnpost, settings):
    settings.MOTCUA_POST = {**settings.MOTCUA_POST, "AGENCY_DISTRICT": 0}
    order = pickup(world)
    services.deliver_due()
    order.refresh_from_db()
    assert order.state == State.REFUSED and order.status_code == "103"
    assert "ReceiverDistrict" in order.problem


def test_an_expired_token_is_renewed(world, vnpost):
    pickup(world)
    services.deliver_due()
    vnpost.tokens.clear()  # every token VNPost gave has expired
    assert services.poll_tracking() == 1
    paths = [entry["path"] for entry in vnpost.journal]
    assert paths.count("/token") == 2 and paths[-1] == "/tracking"


def test_an_outage_loses_nothing(world, vnpost):
    vnpost.outage = True
    order = pickup(world)
    assert services.deliver_due() == (0, 1)
    order.refresh_from_db()
    assert order.state == State.SENDING and "503" in order.last_error
    vnpost.outage = False
    assert services.deliver_due() == (0, 0)  # not yet due: the backoff
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        assert services.deliver_due() == (1, 0)
    order.refresh_from_db()
    assert order.state == State.CREATED and order.order_number in vnpost.orders


def test_the_result_by_post_is_asked_before_the_result_only(flow, world, vnpost):
    # QĐ 45/2016/QĐ-TTg art. 5: asked with the filing, or afterwards until the result is ready
    run = flow(until="processing")
    through_the_process(run)
    with pytest.raises(services.InvalidInput):
        services.request_result_by_post(world.citizen, run.code, HOME)


def test_another_citizen_cannot_ask_for_someone_elses_result(flow, world, vnpost):
    run = flow(until="processing")
    with pytest.raises(services.NotFound):
        services.request_result_by_post(world.other_citizen, run.code, HOME)


def test_a_pickup_not_yet_collected_is_cancelled(world, vnpost):
    order = pickup(world)
    with pytest.raises(services.InvalidInput):  # not yet at VNPost: nothing to cancel there
        services.cancel_pickup(world.citizen, order.pk)
    services.deliver_due()
    with pytest.raises(services.NotFound):
        services.cancel_pickup(world.other_citizen, order.pk)
    services.cancel_pickup(world.citizen, order.pk)
    assert services.deliver_due(kind=services.CANCEL) == (1, 0)
    order.refresh_from_db()
    assert order.state == State.CANCELLED and order.cancellation.outcome == "Đã hủy"
    assert vnpost.orders[order.order_number]["statusCode"] == "6"
    services.poll_tracking()  # the cancelled event names an order that is over: ignored


def test_a_collected_pickup_is_not_cancelled_by_the_post(world, vnpost):
    order = pickup(world)
    services.deliver_due()
    services.cancel_pickup(world.citizen, order.pk)
    vnpost.advance(order.order_number)
    vnpost.advance(order.order_number)  # in transit before the cancellation arrives
    services.deliver_due(kind=services.CANCEL)
    order.refresh_from_db()
    assert order.state == State.CREATED and "104" in order.cancellation.outcome
