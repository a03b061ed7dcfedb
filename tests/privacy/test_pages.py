"""The personal-data pages: the privacy notice linked from every page's footer, a citizen's
request filed and followed on the portal, the officer's queue, case page and steps, and the
breach register showing each notice's deadline."""

import pytest
import time_machine
from django.template.loader import render_to_string

from motcua.privacy.models import Breach, DataRequest, RequestStatus
from tests.helpers import local

pytestmark = pytest.mark.django_db
MONDAY = local(2026, 3, 2, 9, 0)


def test_the_privacy_notice_is_public_and_linked_from_the_footer(client, world):
    home = client.get("/thu-tuc/").content.decode()
    assert 'href="/bao-ve-du-lieu-ca-nhan/"' in home
    page = client.get("/bao-ve-du-lieu-ca-nhan/")
    assert page.status_code == 200
    text = page.content.decode()
    for part in ("Dữ liệu được thu thập", "Mục đích và căn cứ pháp lý", "Thời gian lưu trữ",
                 "Quyền của bạn", "Khiếu nại", "19 khoản 1 điểm c", "2 ngày làm việc"):
        assert part in text


def test_a_citizen_files_a_request_and_reads_its_clocks(world, client_as):
    citizen = client_as(world.citizen)
    with time_machine.travel(MONDAY, tick=False):
        refused = citizen.post("/ca-nhan/du-lieu-ca-nhan/", {"kind": "access", "details": " "})
        assert refused.status_code == 422
        sent = citizen.post("/ca-nhan/du-lieu-ca-nhan/",
                            {"kind": "access", "details": "Cho tôi bản sao dữ liệu"})
    made = DataRequest.objects.get()
    assert sent.status_code == 302 and sent.url.endswith(f"/yeu-cau/{made.code}/")
    page = citizen.get(sent.url).content.decode()
    assert "09:00 04/03/2026" in page and "09:00 12/03/2026" in page  # acknowledge, answer
    listing = citizen.get("/ca-nhan/du-lieu-ca-nhan/").content.decode()
    assert made.code in listing
    assert client_as(world.other_citizen).get(sent.url).status_code == 404


def test_the_officer_acknowledges_from_the_case_page(world, officer, client_as):
    with time_machine.travel(MONDAY, tick=False):
        client_as(world.citizen).post("/ca-nhan/du-lieu-ca-nhan/",
                                      {"kind": "delete", "details": "Xóa dữ liệu của tôi"})
    made = DataRequest.objects.get()
    desk = client_as(officer)
    queue = desk.get("/can-bo/du-lieu-ca-nhan/").content.decode()
    assert made.code in queue
    page = desk.get(f"/can-bo/du-lieu-ca-nhan/{made.code}/").content.decode()
    assert "Xác nhận đã nhận yêu cầu" in page
    with time_machine.travel(local(2026, 3, 3, 9, 0), tick=False):
        done = desk.post(f"/can-bo/du-lieu-ca-nhan/{made.code}/thao-tac/acknowledge/",
                         {"acknowledge-version": made.version})
    assert done.status_code == 302
    assert DataRequest.objects.get().status == RequestStatus.ACKNOWLEDGED
    refused = desk.post(f"/can-bo/du-lieu-ca-nhan/{made.code}/thao-tac/refuse/",
                        {"refuse-version": made.version + 1, "refuse-reason": ""})
    assert refused.status_code == 422
    assert client_as(world.leader).get("/can-bo/du-lieu-ca-nhan/").status_code == 403


def test_a_breach_recorded_shows_its_72_hour_deadline_l91_art_23(world, officer, client_as,
                                                                  stored):
    desk = client_as(officer)
    with time_machine.travel(local(2026, 12, 5, 10, 0), tick=False):
        made = desk.post("/can-bo/vi-pham-du-lieu/", {
            "personal_data": "on", "cyber_incident": "on", "serious": "on",
            "discovered_at": "2026-12-05T08:30", "place": "Cổng dịch vụ công",
            "act": "Truy cập trái phép danh sách hồ sơ", "data_categories": "Họ tên, điện thoại",
            "subjects_count": 120, "records_count": 300, "officer_contact": "0912345678",
            "consequences": "Lộ số điện thoại", "mitigation": "Khóa tài khoản bị lộ"})
        assert made.status_code == 302
        breach = Breach.objects.get()
        assert breach.discovered_at == local(2026, 12, 5, 8, 30)
        page = desk.get(made.url).content.decode()
    assert "08:30 08/12/2026" in page  # personal data: 72 hours (L91 art. 23(1))
    assert "08:30 06/12/2026" in page  # serious incident's first notice: 24 hours
    assert stored("incident_opened")[0]["object.id"] == breach.code
    with time_machine.travel(local(2026, 12, 6, 9, 0), tick=False):
        desk.post(f"/can-bo/vi-pham-du-lieu/{breach.pk}/thong-bao/incident_initial/")
        page = desk.get(made.url).content.decode()
    assert "Trễ hạn" in page  # the first notice was late (09:00 > 08:30)
    breach.refresh_from_db()
    assert breach.incident_initial_at == local(2026, 12, 6, 9, 0)


def test_the_breach_notice_form_08_holds_the_decrees_content_nd_356_art_28(world, officer,
                                                                             client_as):
    from motcua.privacy import services

    with time_machine.travel(local(2026, 12, 5, 10, 0), tick=False):
        breach = services.record_breach(officer, services.BreachIn(
            discovered_at=local(2026, 12, 5, 8, 30), place="Cổng dịch vụ công",
            act="Truy cập trái phép", consequences="Lộ số điện thoại",
            mitigation="Khóa tài khoản", officer_contact="Lê Thị Bảo, 0912345678"))
        made = client_as(officer).get(f"/can-bo/vi-pham-du-lieu/{breach.pk}/mau-08.pdf")
    assert made.status_code == 200 and made.content.startswith(b"%PDF")
    assert made["Cache-Control"] == "private, no-store"
    assert client_as(world.leader).get(
        f"/can-bo/vi-pham-du-lieu/{breach.pk}/mau-08.pdf").status_code == 403
    paper = render_to_string("privacy/breach_notice.html", {
        "breach": breach, "made_at": breach.recorded_at,
        "due": services.dues_of(breach)["personal_data"]})
    for part in ("Mẫu số 08", "08:30 05/12/2026", "Cổng dịch vụ công", "Truy cập trái phép",
                 "Lê Thị Bảo, 0912345678", "Lộ số điện thoại", "Khóa tài khoản",
                 "08:30 08/12/2026"):
        assert part in paper
