"""Work queues: who sees which dossier where, deadline colours, search and keyset pages."""

import re

import time_machine

from motcua.core import paging
from motcua.dossiers.models import Dossier
from tests.backoffice.conftest import act, received
from tests.dossiers.conftest import local


def codes(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'href="/can-bo/ho-so/([^/"]+)/"', response.content.decode())


def queue(client, name, at=None, **params):
    with time_machine.travel(at or local(2026, 3, 2, 10, 30), tick=False):
        return client.get("/can-bo/", {"hang": name, **params})


def test_each_role_finds_the_dossier_in_its_own_queue(staff):
    dossier = received()
    assert dossier.code in codes(queue(staff("khcn.tiepnhan"), "cho-chuyen-xu-ly"))
    assert dossier.code in codes(queue(staff("khcn.vanthu"), "cho-chuyen-xu-ly"))
    act("khcn.tiepnhan", dossier, "forward")
    # B1: the division head of the postal division assigns it; the specialist waits
    assert dossier.code in codes(queue(staff("khcn.truongphong"), "dang-xu-ly"))
    assert dossier.code not in codes(queue(staff("khcn.chuyenvien"), "dang-xu-ly"))
    act("khcn.truongphong", dossier, "complete_step")
    assert dossier.code in codes(queue(staff("khcn.chuyenvien"), "dang-xu-ly"))
    assert dossier.code not in codes(queue(staff("khcn.truongphong"), "dang-xu-ly"))


def test_the_default_queue_follows_the_role(staff):
    assert "Chờ tiếp nhận</h2>" in queue(staff("khcn.tiepnhan"), "").content.decode()
    assert "Chờ chuyển xử lý</h2>" in queue(staff("khcn.vanthu"), "").content.decode()
    assert "Đang xử lý tại bước của tôi</h2>" in queue(
        staff("khcn.chuyenvien"), "").content.decode()


def test_due_soon_and_overdue_are_coloured_and_listed(staff):
    dossier = received()  # due Monday 16/03/2026 09:00
    officer = staff("khcn.tiepnhan")
    calm = queue(officer, "tat-ca", at=local(2026, 3, 10, 9, 0))
    assert "Còn hạn" in calm.content.decode()
    assert dossier.code not in codes(queue(officer, "sap-den-han", at=local(2026, 3, 10, 9)))
    soon = queue(officer, "sap-den-han", at=local(2026, 3, 13, 10, 0))  # Friday before
    assert dossier.code in codes(soon) and "table-warning" in soon.content.decode()
    late = queue(officer, "qua-han", at=local(2026, 3, 16, 9, 1))
    assert dossier.code in codes(late) and "table-danger" in late.content.decode()
    assert dossier.code not in codes(queue(officer, "sap-den-han", at=local(2026, 3, 16, 9, 1)))


def test_search_ignores_diacritics_and_filters_by_procedure(staff):
    tuyet = received()
    other = received(name="Trần Văn Bình", id_number="037111111111")
    officer = staff("khcn.tiepnhan")
    found = codes(queue(officer, "tat-ca", q="anh tuyet"))
    assert tuyet.code in found and other.code not in found
    assert codes(queue(officer, "tat-ca", **{"thu-tuc": "DP.BC003"})) == []
    assert set(codes(queue(officer, "tat-ca", **{"thu-tuc": "DP.BC002"}))) == {
        tuyet.code, other.code}


def test_keyset_pages_cover_every_dossier_once(staff):
    for minute in range(30):
        received(at=local(2026, 3, 2, 8, minute))
    officer = staff("khcn.tiepnhan")
    first = queue(officer, "tat-ca", **{"sap-xep": "moi"})
    cursor = re.search(r"sau=([^\"&]+)", first.content.decode()).group(1)
    from urllib.parse import unquote

    second = queue(officer, "tat-ca", **{"sap-xep": "moi", "sau": unquote(cursor)})
    seen = codes(first) + codes(second)
    assert len(codes(first)) == 25 and len(codes(second)) == 5
    assert sorted(seen) == sorted(Dossier.objects.values_list("code", flat=True))
    assert seen == sorted(seen, reverse=True)  # newest first: codes grow with the minute


def test_a_cursor_that_does_not_read_starts_from_the_first_page(staff):
    received()
    assert len(codes(queue(staff("khcn.tiepnhan"), "tat-ca", sau="%%%not-base64"))) == 1
    assert paging.decode("bm90IGpzb24", False) is None


def test_keyset_order_keeps_dossiers_without_a_due_date_last(staff, api):
    from tests.dossiers.conftest import submit_online

    with time_machine.travel(local(2026, 3, 2, 8, 0), tick=False):
        online = submit_online(api)  # status 1: no due date yet
    counter = received()
    rows = codes(queue(staff("khcn.tiepnhan"), "tat-ca", **{"sap-xep": "han"}))
    assert rows == [counter.code, online["code"]]


def test_people_without_a_working_role_are_kept_out(staff, client, world):
    # the province's statistics viewer, as the demo has one
    from motcua.org.models import Role
    from tests.factories.org import StaffFactory

    StaffFactory(username="motcua.thongke", role=Role.STATISTICS_VIEWER,
                 agency=world.agency.parent)
    assert staff("motcua.thongke").get("/can-bo/").status_code == 403
    assert staff("037090001234").get("/can-bo/").status_code == 403
    assert client.get("/can-bo/").status_code == 302


def test_the_default_tab_is_the_first_queue_with_a_dossier(staff):
    dossier = received()  # accepted at the counter: waits to be forwarded, nothing to receive
    page = queue(staff("khcn.tiepnhan"), "").content.decode()
    assert "Chờ chuyển xử lý</h2>" in page and dossier.code in page
    act("khcn.tiepnhan", dossier, "forward")  # at the division head's step, due 16/03 09:00
    overdue = queue(staff("khcn.chuyenvien"), "", at=local(2026, 3, 16, 9, 1)).content.decode()
    assert "Quá hạn</h2>" in overdue and dossier.code in overdue


def test_the_rows_show_the_filing_date_and_the_channel(staff):
    dossier = received(at=local(2026, 3, 2, 9, 5))
    page = queue(staff("khcn.tiepnhan"), "tat-ca").content.decode()
    assert "Ngày nộp</th>" in page and "Kênh</th>" in page
    row = re.search(rf"<tr[^>]*>\s*<td[^>]*><a href=\"/can-bo/ho-so/{dossier.code}/\".*?</tr>",
                    page, re.S).group(0)
    assert "09:05 02/03/2026" in row and "Trực tiếp" in row


def test_the_header_names_the_officers_agency_and_spans_the_body_width(staff):
    page = queue(staff("khcn.tiepnhan"), "tat-ca").content.decode()
    assert re.search(r'<span id="workplace"[^>]*>Sở Khoa học và Công nghệ[^<]*</span>', page), page
    header = re.search(r'<header[^>]*>\s*<div class="([^"]+)"', page).group(1)
    main = re.search(r'<main id="main" class="([^"]+)"', page).group(1)
    assert header.split()[:2] == main.split()[:2] == ["container-fluid", "px-lg-4"]


def test_waiting_for_acceptance_sorted_by_due_date_lists_the_longest_waiting_first(staff, api):
    """New online dossiers have no due instant yet: "Hạn trả gần nhất" lists them by the time
    they were submitted, oldest first, on the page and across keyset pages."""
    from tests.dossiers.conftest import submit_online

    submitted = {}
    for hour in (10, 8, 9):  # ids grow, submission times do not
        with time_machine.travel(local(2026, 3, 2, hour, 0), tick=False):
            submitted[hour] = submit_online(api)["code"]
    oldest_first = [submitted[8], submitted[9], submitted[10]]
    officer = staff("khcn.tiepnhan")
    assert codes(queue(officer, "cho-tiep-nhan", **{"sap-xep": "han"})) == oldest_first

    from motcua.backoffice.views import SORTS

    seen, cursor = [], ""
    dossiers = Dossier.objects.filter(code__in=oldest_first)
    while True:
        one = paging.page(dossiers, SORTS["han"], cursor, size=1)
        seen += [d.code for d in one.rows]
        if not one.next_cursor:
            break
        cursor = one.next_cursor
    assert seen == oldest_first


def test_only_the_one_stop_officer_is_offered_counter_intake(staff):
    """Counter intake answers 403 to anyone but a one-stop officer: nobody else sees its link."""
    for username in ("khcn.chuyenvien", "khcn.truongphong", "khcn.giamdoc", "khcn.vanthu"):
        page = queue(staff(username), "tat-ca").content.decode()
        assert "/can-bo/tiep-nhan/" not in page and "Tiếp nhận hồ sơ tại quầy" not in page
        assert staff(username).get("/can-bo/tiep-nhan/").status_code == 403
    page = queue(staff("khcn.tiepnhan"), "tat-ca").content.decode()
    assert 'href="/can-bo/tiep-nhan/">Tiếp nhận hồ sơ tại quầy</a>' in page
