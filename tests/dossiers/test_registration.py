"""Registering a dossier: counter receipt, online submission checks, codes, lookup, listing."""

import pytest
import time_machine

from motcua.core.errors import InvalidInput
from motcua.dossiers.codes import format_code
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import CITIZEN, OTHER_CITIZEN, local, pdf, submit_online
from tests.factories import world as world_with

OWNER = {"name": "Công ty TNHH Truyền thông Tràng An", "id_number": "2700123456",
         "type": "business", "email": "tranan@example.vn"}


PAPERS = [{"component": 1, "originals": 1}]  # the one required component not held nationally


@pytest.fixture
def culture(world):
    """Another department of the province, which does not receive DP.BC002."""
    return world_with.culture_department(world)


@pytest.fixture
def two_communes(world):
    """Hoa Lư decides 1.013792; Gia Viễn receives it too (two-tier local government)."""
    return world_with.two_communes(world)


def receipt(api, username="khcn.tiepnhan", procedure="DP.BC002", **extra):
    body = {"procedure": procedure, "subject": "Xác nhận thông báo hoạt động bưu chính",
            "owner": OWNER, "documents": PAPERS, **extra}
    return api(username).post("/dossiers", body)


def test_counter_receipt_is_accepted_at_once_with_its_due_instant(api):
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        status, dossier = receipt(api, channel="postal")
    assert status == 201, dossier
    assert (dossier["status"], dossier["channel"], dossier["channel_code"]) == (2, "postal", 3)
    assert dossier["accepted_at"] == dossier["submitted_at"] == "2026-03-02T09:00:00+07:00"
    assert dossier["due_at"] == "2026-03-16T09:00:00+07:00"
    assert dossier["history"][0]["action"] == "receive"


def test_counter_receipt_after_the_cutoff_counts_from_the_next_working_day(api):
    # NĐ 118/2025, as NĐ 61/2018 art. 18(2): after 15:00, counted from the next opening
    with time_machine.travel(local(2026, 3, 6, 15, 30), tick=False):  # Friday
        status, dossier = receipt(api)
    assert status == 201
    assert dossier["accepted_at"] == "2026-03-06T15:30:00+07:00"
    # 10 working days counted from Monday 09/03 07:00 end at the close of Friday 20/03
    assert dossier["due_at"] == "2026-03-20T17:00:00+07:00"


def test_counter_receipt_needs_a_reception_officer_of_a_receiving_agency(api, culture):
    status, answer = receipt(api, username="khcn.chuyenvien")
    assert status == 403
    status, answer = receipt(api, username="motcua.tiepnhan")  # Sở VHTTDL does not receive it
    assert status == 403
    status, answer = receipt(api, receiving_agency="000.00.12.H42")
    assert status == 422 and "không tiếp nhận" in answer["detail"]


def test_a_commune_receives_a_dossier_another_commune_decides(api, two_communes):
    # NĐ 118/2025: received anywhere in the province, routed to the deciding agency
    status, dossier = receipt(api, username="giavien.tiepnhan", procedure="1.013792")
    assert status == 201, dossier
    assert dossier["code"].startswith("000.22.30.H42-")
    assert dossier["deciding_agency"] == "000.21.30.H42"
    status, seen = api("hoalu.tiepnhan").get(f"/dossiers/{dossier['code']}")
    assert status == 200 and seen["receiving_agency"] == "000.22.30.H42"


def test_counter_receipt_needs_every_required_component_nd_118_2025(api):
    # NĐ 118/2025: only a complete dossier is received; the business registration is held
    # nationally, the notice (component 1) must be handed in on paper or scanned
    status, answer = receipt(api, documents=[{"component": 2, "certified_copies": 1}])
    assert status == 422 and "Thông báo hoạt động bưu chính" in answer["detail"]
    status, answer = receipt(api, documents=[{"component": 1}])  # listed, no copy at all
    assert status == 422 and "Thiếu thành phần" in answer["detail"]
    assert not Dossier.objects.exists()
    status, dossier = api("khcn.tiepnhan").post("/dossiers", {
        "procedure": "DP.BC002", "subject": "Xác nhận", "owner": OWNER},
        files={"component_1": pdf()})  # a scan is enough
    assert status == 201, dossier


def test_counter_receipt_refuses_an_id_number_that_is_not_12_digits_luat_can_cuoc_2023(api):
    # Luật Căn cước 2023 art. 12, NĐ 70/2024: a personal ID number has 12 digits
    for id_number in ("12345", "abc"):
        status, answer = receipt(api, owner={"name": "Nguyễn Văn Bình", "id_number": id_number})
        assert status == 422 and "12 chữ số" in answer["detail"], answer
    status, answer = receipt(api, owner={"name": "Nguyễn Văn Bình", "id_number": "037090001234"},
                             submitter={"name": "Lê Thị Hoa", "id_number": "12345"})
    assert status == 422 and "submitter.id_number" in answer["detail"]
    assert not Dossier.objects.exists()


def test_the_service_itself_refuses_bad_identifiers_and_missing_papers(world):
    # whatever the channel: Luật Căn cước 2023 art. 12, TT 86/2024 art. 5, NĐ 118/2025
    from motcua.dossiers import services

    officer = world.officer

    def receive(owner, submitter=None, papers=((1, 1),)):
        registration = services.Registration(
            procedure="DP.BC002", subject="Xác nhận", owner=services.Party(**owner),
            submitter=services.Party(**submitter) if submitter else None,
            documents=[services.PaperCount(c, originals=n) for c, n in papers])
        with pytest.raises(InvalidInput) as refused:
            services.receive(officer, registration)
        return refused.value.message

    assert "12 chữ số" in receive({"name": "An", "id_number": "12345"})
    assert "Mã số thuế" in receive({"name": "Công ty", "id_number": "abc", "type": "business"})
    assert receive({"name": "An", "id_number": "037090001234"},
                   {"name": "Hoa", "id_number": "037090001235", "phone": "12"}
                   ).startswith("Người nộp: Số điện thoại")
    assert "Thiếu thành phần" in receive({"name": "An", "id_number": "037090001234"},
                                         papers=((1, 0),))
    assert not Dossier.objects.exists()


def test_counter_receipt_refuses_a_business_without_a_tax_code_tt_86_2024(api):
    # Luật Quản lý thuế 2019 art. 30, TT 86/2024 art. 5: 10 digits, a branch adds -NNN
    status, answer = receipt(api, owner={**OWNER, "id_number": "12345"})
    assert status == 422 and "Mã số thuế" in answer["detail"]
    status, dossier = receipt(api, owner={**OWNER, "id_number": "2700123456-001"})
    assert status == 201 and dossier["owner"]["id_number"] == "2700123456-001"


def test_counter_receipt_refuses_a_phone_of_two_digits_and_stores_the_typed_one_compact(api):
    status, answer = receipt(api, owner={**OWNER, "phone": "12"})
    assert status == 422 and "Số điện thoại" in answer["detail"]
    status, dossier = receipt(api, owner={**OWNER, "id_number": "2700 123 456",
                                          "phone": "+84 912 000 111"})
    assert status == 201
    assert (dossier["owner"]["id_number"], dossier["owner"]["phone"]) == ("2700123456",
                                                                          "0912000111")


def test_online_submission_checks_the_required_components(api):
    status, answer = api(CITIZEN).post("/dossiers", {"procedure": "DP.BC002", "subject": "x"})
    assert status == 422 and "Thiếu thành phần" in answer["detail"]
    assert not Dossier.objects.exists()
    status, answer = api(CITIZEN).post("/dossiers", {"procedure": "DP.BC002", "subject": "x"},
                                       files={"component_9": pdf()})
    assert status == 422 and "số 9" in answer["detail"]


def test_online_submission_fills_the_owner_from_the_account(api):
    dossier = submit_online(api)
    assert dossier["owner"]["id_number"] == CITIZEN
    assert dossier["owner"]["name"] == "Nguyễn Văn An"
    assert dossier["channel"] == "online"


def test_online_submission_of_unknown_or_closed_procedures_is_refused(api):
    status, answer = api(CITIZEN).post("/dossiers", {"procedure": "9.999999", "subject": "x"})
    assert status == 422 and "9.999999" in answer["detail"]


def test_post_delivery_needs_an_address(api):
    status, answer = receipt(api, delivery="post")
    assert status == 422 and "địa chỉ" in answer["detail"]


def test_bad_bodies_get_422_not_500(api):
    client = api("khcn.tiepnhan").client
    for body in (b"{", b"[]", b'{"procedure": 5}', b'{"subject": ""}'):
        response = client.post("/api/v1/dossiers", body, content_type="application/json")
        assert response.status_code == 422, body


def test_codes_follow_the_agency_and_the_local_day(api, two_communes):
    # TT 01/2018 art. 19: YYMMDD in local time, the sequence restarts each day
    codes = []
    for moment in (local(2026, 3, 2, 9), local(2026, 3, 2, 10), local(2026, 3, 3, 0, 30)):
        with time_machine.travel(moment, tick=False):
            codes.append(receipt(api)[1]["code"])
    assert codes == ["000.00.15.H42-260302-0001", "000.00.15.H42-260302-0002",
                     "000.00.15.H42-260303-0001"]
    with time_machine.travel(local(2026, 3, 2, 11), tick=False):
        other = receipt(api, username="giavien.tiepnhan", procedure="1.013792")[1]["code"]
    assert other == "000.22.30.H42-260302-0001"


def test_the_sequence_grows_past_four_digits():
    import datetime as dt

    assert format_code("H56.14", dt.date(2024, 8, 23), 1) == "H56.14-240823-0001"
    assert format_code("H56.14", dt.date(2024, 8, 23), 12345) == "H56.14-240823-12345"


def test_public_lookup_shows_status_without_personal_data(api, client):
    dossier = submit_online(api)
    answer = client.get("/api/v1/lookup", {"code": dossier["code"], "id_number": CITIZEN})
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == 1 and body["status_label"] == "Mới đăng ký"
    assert CITIZEN not in answer.content.decode() and "Nguyễn" not in answer.content.decode()
    wrong_id = client.get("/api/v1/lookup", {"code": dossier["code"], "id_number": OTHER_CITIZEN})
    unknown = client.get("/api/v1/lookup", {"code": "000.00.15.H42-260101-0001",
                                            "id_number": CITIZEN})
    assert wrong_id.status_code == unknown.status_code == 404
    assert wrong_id.content == unknown.content


def test_lists_are_scoped_and_filtered(api, culture):
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        mine = submit_online(api)
        theirs = submit_online(api, username=OTHER_CITIZEN)
        counter = receipt(api)[1]
    status, page = api(CITIZEN).get("/dossiers")
    assert status == 200 and [d["code"] for d in page["items"]] == [mine["code"]]
    status, page = api("khcn.tiepnhan").get("/dossiers", status=1)
    assert {d["code"] for d in page["items"]} == {mine["code"], theirs["code"]}
    status, page = api("khcn.tiepnhan").get("/dossiers", q="trang an")  # diacritics ignored
    assert [d["code"] for d in page["items"]] == [counter["code"]]
    status, page = api("khcn.tiepnhan").get("/dossiers", due_before="2026-03-17T00:00:00+07:00")
    assert [d["code"] for d in page["items"]] == [counter["code"]]
    status, page = api("motcua.tiepnhan").get("/dossiers")
    assert page["count"] == 0
    status, page = api("khcn.tiepnhan").get("/dossiers", page_size=101)
    assert status == 422


def test_the_api_list_reads_a_page_in_the_same_queries_whatever_its_length(
        api, django_assert_max_num_queries):
    """The token with its user, the roles, the count, the page with its procedure and agencies
    joined: four queries for 2 rows or 12, every field the list shows read from the page's row
    (the columns it does not show are not fetched, and none is fetched later one by one)."""
    officer = api("khcn.tiepnhan")
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        codes = [receipt(api)[1]["code"] for _ in range(2)]
    for more in (0, 10):
        with time_machine.travel(local(2026, 3, 2, 10), tick=False):
            codes += [receipt(api)[1]["code"] for _ in range(more)]
            officer.get("/dossiers")  # the token's last use stamped (once per 5 minutes)
            with django_assert_max_num_queries(4):
                status, page = officer.get("/dossiers", page_size=25)
        assert status == 200 and page["count"] == len(codes)
        first = page["items"][0]
        assert first["code"] == codes[-1]  # newest first
        assert (first["procedure"], first["receiving_agency"], first["status_label"],
                first["channel_code"]) == ("DP.BC002", "000.00.15.H42", "Được tiếp nhận", 1)


def test_anonymous_requests_are_refused(client):
    assert client.get("/api/v1/dossiers").status_code == 401
    assert client.post("/api/v1/dossiers", {}, content_type="application/json").status_code == 401


def test_a_token_from_the_login_works_and_a_wrong_password_does_not(world, client):
    world.officer.set_password(PASSWORD := "mat-khau-thu-2026")
    world.officer.save()
    wrong = client.post("/api/v1/auth/token", {"username": "khcn.tiepnhan", "password": "x"},
                        content_type="application/json")
    assert wrong.status_code == 401
    answer = client.post("/api/v1/auth/token",
                         {"username": "khcn.tiepnhan", "password": PASSWORD},
                         content_type="application/json")
    assert answer.status_code == 200
    token = answer.json()["token"]
    listed = client.get("/api/v1/dossiers", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200
    bogus = client.get("/api/v1/dossiers", headers={"Authorization": "Bearer nope"})
    assert bogus.status_code == 401


def test_lookup_needs_a_real_id_number(api, client):
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        status, dossier = receipt(api)  # no submitter: its ID number is empty
    for id_number in ("", " ", "%20"):
        answer = client.get("/api/v1/lookup", {"code": dossier["code"], "id_number": id_number})
        assert answer.status_code in (404, 422), id_number


def test_instants_outside_the_calendar_are_422(api):
    status, _ = api("khcn.tiepnhan").get("/dossiers", due_before="0001-01-01T00:00:00")
    assert status == 422


def test_online_notices_go_to_the_account_not_to_a_typed_address(api):
    from motcua.outbox.models import OutboxMessage

    submit_online(api, owner={"name": "Ai đó", "id_number": "037090007777",
                              "email": "victim@example.org"})
    mails = OutboxMessage.objects.filter(channel="email")
    assert set(mails.values_list("recipient", flat=True)) == {
        f"{CITIZEN}@example.vn"}


def test_owner_and_submitter_keep_their_address_and_type(api):
    submitter = {"name": "Trần Văn Dũng", "id_number": "037090005555", "phone": "0912000111",
                 "address": "Số 3 phố Lê Lợi, phường Hoa Lư", "type": "citizen"}
    status, dossier = receipt(api, submitter=submitter)
    assert status == 201
    assert dossier["submitter"] == {**submitter, "email": ""}
    assert dossier["owner"]["type"] == "business"


def test_counter_receipt_keeps_the_papers_handed_in_with_their_counts(api):
    papers = [{"component": 1, "originals": 1}, {"component": 2, "certified_copies": 2,
                                                  "photocopies": 1}]
    status, dossier = receipt(api, documents=papers, sets=2)
    assert status == 201, dossier
    assert dossier["sets"] == 2
    assert [(d["component"], d["originals"], d["certified_copies"], d["photocopies"])
            for d in dossier["documents"]] == [(1, 1, 0, 0), (2, 0, 2, 1)]


def test_paper_counts_name_real_components_once_and_only_at_the_counter(api):
    status, answer = receipt(api, documents=[{"component": 99, "originals": 1}])
    assert status == 422 and "99" in answer["detail"]
    status, answer = receipt(api, documents=[{"component": 1}, {"component": 1}])
    assert status == 422
    status, answer = api(CITIZEN).post("/dossiers", {
        "procedure": "DP.BC002", "subject": "x", "documents": [{"component": 1, "originals": 1}]})
    assert status == 422 and "bản giấy" in answer["detail"]
    assert not Dossier.objects.exists()


def test_online_submission_refuses_a_bad_owner_id_number_or_phone_luat_can_cuoc_2023(api):
    # Luật Căn cước 2023 art. 12: the owner named online must be findable by a real ID number
    for owner in ({"name": "Ai đó", "id_number": "abc"},
                  {"name": "Ai đó", "id_number": "037090007777", "phone": "12"}):
        status, answer = api(CITIZEN).post("/dossiers", {
            "procedure": "DP.BC002", "subject": "x", "owner": owner}, files={"component_1": pdf()})
        assert status == 422, answer
        assert answer["errors"][0]["loc"][-1] in ("id_number", "phone")
    assert not Dossier.objects.exists()


def test_a_large_total_is_counted_once_a_quarter_minute_and_a_small_one_always(
        api, monkeypatch, django_assert_max_num_queries):
    """Counting every dossier an officer of a big agency sees costs half a second at a million
    (the page a few ms): a total above the threshold is kept for 15 s per person and query."""
    from motcua.core.apitools import pagination

    officer = api("khcn.tiepnhan")
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        codes = [receipt(api)[1]["code"] for _ in range(3)]
        officer.get("/dossiers")  # the token's last use stamped
        assert officer.get("/dossiers")[1]["count"] == 3  # small: exact, not kept
        codes.append(receipt(api)[1]["code"])
        assert officer.get("/dossiers")[1]["count"] == 4
        monkeypatch.setattr(pagination, "KEEP_COUNT_ABOVE", 3)
        assert officer.get("/dossiers")[1]["count"] == 4  # large now: counted and kept
        codes.append(receipt(api)[1]["code"])
        with django_assert_max_num_queries(3):  # the token, the roles, the page: no count
            status, page = officer.get("/dossiers")
        assert page["count"] == 4 and page["items"][0]["code"] == codes[-1]  # the page is fresh
        assert officer.get("/dossiers", procedure="DP.BC002")[1]["count"] == 5  # its own
    with time_machine.travel(local(2026, 3, 2, 9, 0, 16), tick=False):
        assert officer.get("/dossiers")[1]["count"] == 5  # counted again after 15 s
