"""The complaint pages: the officers' queue and case page with the table's actions and notices,
and the citizen's filing, follow-up, deadlines and withdrawal."""

import io
import unicodedata

import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from motcua.voice.models import ComplaintCase, Letter
from motcua.voice.models import ComplaintStatus as S
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import complaint
from tests.helpers import local


def _text(response) -> str:
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(response.content)).pages
    return unicodedata.normalize("NFC", " ".join(page.extract_text() for page in pages))


def test_the_queue_shows_open_complaints_with_an_overdue_badge(world, client_as):
    case = complaint(world)
    with time_machine.travel(local(2026, 3, 13, 9), tick=False):
        page = client_as(world.specialist).get(reverse("backoffice:complaint_queue"))
    assert case.code in page.text and "Quá hạn" in page.text


def test_the_case_page_offers_the_resolvers_actions_and_the_history(world, client_as):
    case = complaint(world)
    url = reverse("backoffice:complaint", args=[case.code])
    page = client_as(world.leader).get(url)
    assert "Thụ lý giải quyết" in page.text and "Điều 11" in page.text
    assert "Gửi trên cổng" in page.text and "Thời hiệu khiếu nại" in page.text
    assert "Thụ lý giải quyết" not in client_as(world.officer).get(url).text


def test_the_resolver_refuses_citing_art_11_from_the_page_and_the_notice_is_a_pdf(
        world, client_as):
    case = complaint(world)
    leader = client_as(world.leader)
    url = reverse("backoffice:complaint_action", args=[case.code, "refuse"])
    answer = leader.post(url, {"refuse-version": case.version, "refuse-reason": "Chỉ lý do"})
    assert answer.status_code == 422 and "Điều 11" in answer.text
    with time_machine.travel(MONDAY_MORNING, tick=False):
        answer = leader.post(url, {"refuse-version": case.version, "refuse-refusal_reason": "k2",
                                   "refuse-reason": "Không liên quan trực tiếp"})
    assert answer.status_code == 302
    assert ComplaintCase.objects.get().status == S.NOT_ACCEPTED
    text = " ".join(_text(leader.get(reverse(
        "backoffice:complaint_notice", args=[case.code, "thong-bao-khong-thu-ly"]))).split())
    assert "Mẫu số 04" in text and "điều 11 khoản 2" in text
    assert leader.get(reverse("backoffice:complaint_notice",
                              args=[case.code, "quyet-dinh"])).status_code == 404


def test_a_citizen_files_a_complaint_and_sees_their_deadlines(world, client_as):
    citizen = client_as(world.citizen)
    with time_machine.travel(MONDAY_MORNING, tick=False):
        answer = citizen.post(reverse("portal:complaint_new"), {
            "agency": "000.00.15.H42", "instance": 1, "act_kind": "decision",
            "act_reference": "Quyết định số 12/QĐ-SKHCN", "respondent": "Giám đốc Sở",
            "known_on": "2026-02-23", "title": "Khiếu nại quyết định", "content": "Trái luật",
            "name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"})
    case = ComplaintCase.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("portal:complaint",
                                                                args=[case.code])
    page = citizen.get(answer.url)
    assert "Thời hiệu khiếu nại" in page.text and "25/05/2026" in page.text
    assert "Rút đơn khiếu nại" in page.text
    assert client_as(world.other_citizen).get(answer.url).status_code == 404
    # their complaints are listed where they file one, and nobody else's
    assert case.code in citizen.get(reverse("portal:complaint_new")).text
    assert case.code not in client_as(world.other_citizen).get(
        reverse("portal:complaint_new")).text


def test_the_citizen_reads_the_decision_and_its_pdf_and_anyone_follows_by_code_and_phone(
        world, client_as):
    case = complaint(world, "decided")
    page = client_as(world.citizen).get(reverse("portal:complaint", args=[case.code]))
    assert "Khiếu nại đúng một phần" in page.text and "06/04/2026" in page.text
    text = " ".join(_text(client_as(world.citizen).get(reverse(
        "portal:complaint_notice", args=[case.code, "quyet-dinh"]))).split())
    assert "Khiếu nại đúng một phần" in text and "06/04/2026" in text
    follow = reverse("portal:complaint_follow")

    assert case.code in Client().post(follow, {"code": case.code, "phone": "0912345678"}).text
    assert "Không tìm thấy" in Client().post(follow, {"code": case.code, "phone": "0"}).text


def test_the_citizen_withdraws_from_the_portal(world, client_as):
    case = complaint(world, "accepted")
    citizen = client_as(world.citizen)
    citizen.post(reverse("portal:complaint_withdraw", args=[case.code]),
                 {"reason": "Tôi rút đơn"})
    case.refresh_from_db()
    assert case.status == S.TERMINATED


def test_the_acceptance_notice_states_the_due_date_as_it_was_when_issued(world, client_as):
    case = complaint(world, "verifying")
    leader = client_as(world.leader)
    with time_machine.travel(local(2026, 3, 10, 9), tick=False):
        leader.post(reverse("backoffice:complaint_action", args=[case.code, "declare_complex"]),
                    {"declare_complex-version": case.version,
                     "declare_complex-reason": "Nhiều người có quyền lợi liên quan"})
    case.refresh_from_db()
    assert case.resolve_due == local(2026, 4, 17, 9)
    text = " ".join(_text(leader.get(reverse(
        "backoffice:complaint_notice", args=[case.code, "thong-bao-thu-ly"]))).split())
    assert "Mẫu số 03" in text and "02/04/2026" in text and "17/04/2026" not in text


def test_a_letter_classified_as_complaint_links_to_its_case_from_the_register(world, client_as):
    officer = client_as(world.officer)
    with time_machine.travel(MONDAY_MORNING, tick=False):
        officer.post(reverse("backoffice:letters"), {
            "channel": "post", "sender_name": "Lê Văn Cường", "sender_address": "Hoa Lư",
            "sender_phone": "0912000111", "title": "Đơn khiếu nại", "content": "Nội dung"})
        letter = Letter.objects.get()
        officer.post(reverse("backoffice:letter_classify", args=[letter.pk]),
                     {"classification": "complaint"})
    case = ComplaintCase.objects.get()
    assert case.letter == letter and case.accept_due == local(2026, 3, 12, 9)
    page = officer.get(reverse("backoffice:letters"))
    assert reverse("backoffice:complaint", args=[case.code]) in page.text
