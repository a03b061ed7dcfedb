"""The post on the pages: the fee before the consent, the tracking on the citizen's and the
officer's dossier pages (in Vietnamese), the counter's post."""

from motcua.post import services
from motcua.post.models import PostalOrder, State
from tests.dossiers.test_lifecycle import through_the_process
from tests.post.conftest import FEE_VND
from tests.post.test_flows import HOME, pickup

OFFICER = "khcn.tiepnhan"
WHERE = {"name": "Nguyễn Văn An", "address": "Số 12 Trần Hưng Đạo", "phone": "0912345678",
         "province": "54", "district": "5402"}


def test_the_fee_is_shown_before_the_citizen_confirms(world, vnpost, staff):
    citizen = staff(world.citizen)
    page = citizen.get(f"/buu-chinh/lay-ho-so/{world.procedure}/")
    assert page.status_code == 200 and "27.500" in page.text
    filing = {**WHERE, "subject": "Thông báo", "agency": world.agency.identifier_code}
    refused = citizen.post(f"/buu-chinh/lay-ho-so/{world.procedure}/", filing)
    assert refused.status_code == 400 and not PostalOrder.objects.exists()  # no consent
    done = citizen.post(f"/buu-chinh/lay-ho-so/{world.procedure}/", {**filing, "agree": "on"})
    assert done.status_code == 302
    order = PostalOrder.objects.get()
    assert order.fee_vnd == FEE_VND and order.applicant == world.citizen
    assert "Đang chuyển yêu cầu sang bưu điện" in citizen.get("/buu-chinh/cua-toi/").text


def test_the_procedure_page_offers_the_pickup(world, vnpost, staff):
    page = staff(world.citizen).get(f"/thu-tuc/{world.procedure}/")
    assert "Nhờ bưu điện đến lấy hồ sơ giấy" in page.text


def test_tracking_is_shown_on_the_citizen_and_officer_pages(flow, world, vnpost, staff):
    run = flow(until="processing")
    citizen = staff(world.citizen)
    assert "Nhận kết quả qua bưu điện" in citizen.get(f"/ca-nhan/ho-so/{run.code}/").text
    asked = citizen.post(f"/buu-chinh/ket-qua/{run.code}/", {**WHERE, "agree": "on"})
    assert asked.status_code == 302
    through_the_process(run)
    officer_page = staff(OFFICER).get(f"/can-bo/ho-so/{run.code}/").text
    assert "Giao kết quả cho bưu điện" in officer_page
    handed = staff(OFFICER).post(f"/buu-chinh/can-bo/ho-so/{run.code}/giao-buu-dien/")
    assert handed.status_code == 302
    assert "Giao kết quả cho bưu điện" not in staff(OFFICER).get(f"/can-bo/ho-so/{run.code}/").text
    services.deliver_due()
    vnpost.advance(run.code)  # collected
    services.poll_tracking()

    for page in (citizen.get(f"/ca-nhan/ho-so/{run.code}/"),
                 staff(OFFICER).get(f"/can-bo/ho-so/{run.code}/")):
        assert page.status_code == 200
        assert "Bưu điện đã nhận hàng" in page.text and "Đã nhận gửi" in page.text


def test_the_counter_accepts_what_the_post_brought(world, vnpost, staff):
    order = pickup(world)
    services.deliver_due()
    vnpost.handover(order.order_number)
    services.poll_tracking()
    desk = staff(OFFICER).get("/buu-chinh/can-bo/")
    assert "Tiếp nhận hồ sơ" in desk.text and order.order_number in desk.text
    accepted = staff(OFFICER).post(f"/buu-chinh/can-bo/don/{order.pk}/tiep-nhan/")
    order.refresh_from_db()
    assert accepted.status_code == 302 and order.dossier.channel == "postal"
    assert accepted.url.endswith(f"/can-bo/ho-so/{order.dossier.code}/")


def test_a_returned_result_shows_on_the_counters_post(flow, world, vnpost, staff):
    run = flow(until="processing")
    services.request_result_by_post(world.citizen, run.code, HOME)
    through_the_process(run)
    assert run.code in staff(OFFICER).get("/buu-chinh/can-bo/").text  # ready to hand over
    services.hand_over_result(world.officer, run.code)
    services.deliver_due()
    vnpost.send_back(run.code)
    services.poll_tracking()
    assert PostalOrder.objects.get().state == State.RETURNED
    assert "Bưu điện chuyển hoàn kết quả" in staff(OFFICER).get("/buu-chinh/can-bo/").text


def test_only_the_counter_sees_the_counters_post(world, vnpost, staff):
    assert staff("khcn.chuyenvien").get("/buu-chinh/can-bo/").status_code == 403
    assert staff(world.citizen).get("/buu-chinh/can-bo/").status_code == 403


def test_the_citizen_cancels_a_pickup_from_their_orders(world, vnpost, staff):
    order = pickup(world)
    services.deliver_due()
    citizen = staff(world.citizen)
    assert "Hủy yêu cầu" in citizen.get("/buu-chinh/cua-toi/").text
    assert staff(world.other_citizen).post(f"/buu-chinh/cua-toi/{order.pk}/huy/").status_code \
        == 404
    assert citizen.post(f"/buu-chinh/cua-toi/{order.pk}/huy/").status_code == 302
    assert "đang gửi sang bưu điện" in citizen.get("/buu-chinh/cua-toi/").text
