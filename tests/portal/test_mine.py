"""'Hồ sơ của tôi': what waits for the citizen on top, drafts reopening where they stopped, and
the counter's dossiers only for an account whose identity has been verified."""

import re
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.dossiers.models import Dossier
from motcua.org.models import ApplicantProfile, User
from motcua.org.services import verify_identity
from motcua.portal.selectors import my_dossiers
from tests.dossiers.test_lifecycle import OFFICER, SPECIALIST
from tests.dossiers.test_registration import receipt
from tests.factories.dossiers import DossierFactory
from tests.factories.org import UserFactory
from tests.portal.conftest import CITIZEN, OTHER_CITIZEN, fill_draft, local, pdf

COUNTER_OWNER = {"name": "Nguyễn Văn An", "id_number": CITIZEN}


def section(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}".*?</(section|ul)>', page, re.S)
    return found.group(0) if found else ""


def test_what_waits_for_the_citizen_is_on_top(citizen, flow):
    asked, fee, other = flow(until="processing"), flow(until="processing"), flow()
    asked.ok(OFFICER, "request_supplement", items=["Bản sao hợp đồng thuê địa điểm"],
             reason="Thiếu giấy tờ")
    fee.ok(SPECIALIST, "request_payment", reason="Lệ phí cấp giấy phép", amount_vnd=1_500_000)
    page = citizen().get("/ca-nhan/").content.decode()
    awaiting = section(page, "awaiting")
    assert asked.code in awaiting and fee.code in awaiting and other.code not in awaiting
    assert "Xem yêu cầu và gửi bổ sung" in awaiting
    assert "Cần nộp 1.500.000 đồng" in awaiting and "Xem cách nộp phí, lệ phí" in awaiting
    assert page.index('id="awaiting"') < page.index('id="dossiers"')
    assert other.code in section(page, "dossiers")


def test_nothing_on_top_when_nothing_waits(citizen, flow):
    flow(until="processing")
    assert 'id="awaiting"' not in citizen().get("/ca-nhan/").content.decode()


def test_a_draft_reopens_at_the_step_it_reached(citizen):
    client = citizen()
    started = client.post("/thu-tuc/DP.BC002/nop-truc-tuyen/").url.rstrip("/").split("/")[-1]
    described = fill_draft(client)
    complete = fill_draft(client)
    client.post(f"/ca-nhan/dang-soan/{complete}/tai-len/", {"component": 1, "file": pdf()})
    page = client.get("/ca-nhan/").content.decode()
    assert f'href="/ca-nhan/dang-soan/{started}/"' in page
    assert f'href="/ca-nhan/dang-soan/{described}/giay-to/"' in page
    assert f'href="/ca-nhan/dang-soan/{complete}/xem-lai/"' in page
    assert "Tiếp tục ở bước 2. Giấy tờ" in page


def test_counter_dossiers_show_only_once_the_identity_is_verified(citizen, api):
    status, counter = receipt(api, owner=COUNTER_OWNER)
    assert status == 201, counter
    client = citizen()
    # the account's ID number was typed at sign-up: not enough to see a dossier
    assert counter["code"] not in client.get("/ca-nhan/").content.decode()
    assert client.get(f"/ca-nhan/ho-so/{counter['code']}/").status_code == 404
    admin = User.objects.filter(is_superuser=True).first()
    verify_identity(ApplicantProfile.objects.get(user__username=CITIZEN), by=admin)
    assert counter["code"] in client.get("/ca-nhan/").content.decode()
    assert client.get(f"/ca-nhan/ho-so/{counter['code']}/").status_code == 200
    # another verified citizen does not see it
    verify_identity(ApplicantProfile.objects.get(user__username=OTHER_CITIZEN), by=admin)
    assert counter["code"] not in citizen(OTHER_CITIZEN).get("/ca-nhan/").content.decode()


def test_an_administrator_marks_an_identity_verified(citizen):
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)
    person = User.objects.get(username=CITIZEN)
    response = client.post("/admin/org/user/", {
        "action": "verify_identity", "_selected_action": [person.pk]})
    assert response.status_code == 302
    profile = ApplicantProfile.objects.get(user=person)
    assert profile.identity_verified and profile.identity_verified_by == admin
    assert not Dossier.objects.exists()


def test_the_dossier_page_tells_the_supplemented_files_from_the_first_ones(citizen, flow):
    import time_machine

    run = flow(until="processing")
    run.ok(OFFICER, "request_supplement", items=["Bản sao giấy phép"], reason="Hết hạn")
    client = citizen()
    with time_machine.travel(local(2026, 3, 4, 14, 30), tick=False):
        assert client.post(f"/ca-nhan/ho-so/{run.code}/bo-sung/",
                           {"c2": pdf("giay-phep-moi.pdf"), "note": ""}).status_code == 302
    papers = section(client.get(f"/ca-nhan/ho-so/{run.code}/").content.decode(), "papers")
    items = re.findall(r"<li.*?</li>", papers, re.S)
    first, added = items[:-1], items[-1]
    assert first and all("Nộp ban đầu" in item and "Bổ sung" not in item for item in first)
    assert "giay-phep-moi.pdf" in added and "Bổ sung" in added and "14:30 04/03/2026" in added


def _row(page: str, code: str) -> str:
    return page.split(f">{code}</a>")[1].split("</li>")[0]


def test_a_dossier_past_its_due_instant_is_marked_overdue_with_the_apology(citizen, flow):
    import time_machine

    from tests.dossiers.test_lifecycle import LEADER

    # due Monday 16/03/2026 10:00 (accepted 02/03 10:00, 10 working days)
    late, extended, waiting = flow(until="processing"), flow(until="processing"), flow()
    extended.ok(LEADER, "extend", at=local(2026, 3, 13, 9, 30), reason="Chờ ý kiến của Bộ",
                new_due_at="2026-03-20T17:00:00+07:00")
    client = citizen()
    with time_machine.travel(local(2026, 3, 16, 9, 59), tick=False):
        page = client.get("/ca-nhan/").content.decode()
    assert "Đã quá hạn" not in page
    with time_machine.travel(local(2026, 3, 16, 10, 1), tick=False):
        page = client.get("/ca-nhan/").content.decode()
    assert "Đã quá hạn" in _row(page, late.code)
    assert "Đã quá hạn" not in _row(page, extended.code)
    assert "Đã quá hạn" not in _row(page, waiting.code)  # not accepted: no clock yet
    with time_machine.travel(local(2026, 3, 23, 8, 0), tick=False):
        page = client.get("/ca-nhan/").content.decode()
    row = _row(page, extended.code)
    assert "Đã quá hạn" in row
    assert ("Ngày 13/03/2026 cơ quan giải quyết đã gửi thư xin lỗi và hẹn lại ngày trả. "
            "Lý do: Chờ ý kiến của Bộ") in row


def _queries(client, path: str = "/ca-nhan/") -> tuple[int, str]:
    client.get(path)  # warm: the session, the cached counts
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    # no count of them all, no skipping over the earlier rows: the cost of a page is its rows
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"] and "dossiers_dossier" in
                q["sql"] or "OFFSET" in q["sql"]]
    return len(queries), page


def _codes(page: str) -> list[str]:
    return re.findall(r'class="dossier-code" href="[^"]*">([^<]+)</a>', section(page, "dossiers"))


def test_the_page_costs_the_same_queries_whatever_the_number_of_dossiers(citizen, world):
    """A page of 20, newest first, read by keyset (no count of them all): 3 dossiers or 30
    cost the same queries; "Trang sau »" leads to the next 20, "« Trang đầu" back."""
    first = local(2026, 3, 2, 8, 0)
    filed = [DossierFactory(world=world, submitted=True, at=first + timedelta(minutes=n))
             for n in range(3)]
    client = citizen()
    few, page = _queries(client)
    assert all(d.code in section(page, "dossiers") for d in filed)
    assert "Trang sau" not in page and "Trang đầu" not in page  # one page: no pager
    filed += [DossierFactory(world=world, submitted=True, at=first + timedelta(minutes=n))
              for n in range(3, 30)]
    many, page = _queries(client)
    assert many == few
    newest_first = [d.code for d in reversed(filed)]
    assert _codes(page) == newest_first[:20]
    following = re.search(r'href="(\?sau=[^"]+)">Trang sau »</a>', page).group(1)
    rest = client.get("/ca-nhan/" + following.replace("&amp;", "&")).content.decode()
    assert _codes(rest) == newest_first[20:]
    assert "Trang sau" not in rest and 'href="/ca-nhan/">« Trang đầu</a>' in rest


def _plan(queryset) -> str:
    """The database's plan for ``queryset``; on PostgreSQL with sequential scans priced out, as
    at a million dossiers (a test table is small enough to read whole)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " ".join(str(row) for row in cursor.fetchall())


def test_the_page_reads_the_applicants_dossiers_off_their_own_index(citizen, world):
    """Newest first off (applicant, submitted_at, id), on PostgreSQL and on SQLite alike: not a
    walk of every dossier's submission time looking for the applicant's (dossiers migrations
    0013 and 0016; at 200,000 dossiers on SQLite 492 → 37 ms, bench/bench_portal.py). A
    verified account's OR over its ID number is planned on the table's statistics, which a
    test table has not: the scale bench measures it at a million."""
    DossierFactory(world=world, submitted=True, at=local(2026, 3, 2, 8, 0))
    citizen()
    plan = _plan(my_dossiers(User.objects.get(username=CITIZEN))[:21])
    assert "dossier_applicant_submitted" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan  # the index's own order
