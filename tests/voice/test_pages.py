"""The officers' and the citizens' pages of the citizens' voice."""

import time_machine
from django.urls import reverse

from motcua.voice.models import FeedbackCase, Letter, LetterOutcome
from motcua.voice.models import FeedbackStatus as S
from tests.factories.dossiers import MONDAY_MORNING, DossierFactory
from tests.factories.voice import FeedbackFactory
from tests.helpers import local

LETTER = {"channel": "post", "sender_name": "Lê Văn Cường", "sender_address": "Hoa Lư",
          "sender_phone": "0912000111", "title": "Đơn phản ánh", "content": "Nội dung"}


def test_the_queue_shows_open_cases_with_an_overdue_badge(world, client_as):
    case = FeedbackFactory(world=world, state="processing")
    with time_machine.travel(local(2026, 3, 24, 9), tick=False):
        page = client_as(world.specialist).get(reverse("backoffice:feedback_queue"))
    assert case.code in page.text and "Quá hạn" in page.text


def test_the_case_page_offers_the_tables_actions_and_shows_the_history(world, client_as):
    case = FeedbackFactory(world=world)
    page = client_as(world.officer).get(reverse("backoffice:feedback", args=[case.code]))
    assert "Tiếp nhận, phân loại để xử lý" in page.text and "Lịch sử xử lý" in page.text
    assert "Duyệt trả lời" not in page.text
    assert "Gửi trên cổng" in page.text


def test_an_officer_accepts_from_the_case_page(world, client_as):
    case = FeedbackFactory(world=world)
    url = reverse("backoffice:feedback_action", args=[case.code, "accept"])
    answer = client_as(world.officer).post(url, {
        "accept-version": case.version, "accept-class_766": "regulation",
        "accept-content_type": 2})
    assert answer.status_code == 302
    case.refresh_from_db()
    assert case.status == S.PROCESSING


def test_a_refused_action_shows_the_form_again_with_its_reason_422(world, client_as):
    case = FeedbackFactory(world=world)
    url = reverse("backoffice:feedback_action", args=[case.code, "refuse"])
    answer = client_as(world.officer).post(url, {"refuse-version": case.version})
    assert answer.status_code == 422 and "Phải nêu rõ lý do." in answer.text


def test_the_reception_officer_registers_classifies_and_forwards_letters(world, client_as):
    officer = client_as(world.officer)
    assert officer.post(reverse("backoffice:letters"), LETTER).status_code == 302
    assert officer.post(reverse("backoffice:letters"), LETTER).status_code == 302
    first, second = Letter.objects.order_by("number")
    officer.post(reverse("backoffice:letter_classify", args=[first.pk]),
                 {"classification": "feedback"})
    officer.post(reverse("backoffice:letter_forward", args=[second.pk]),
                 {"recipient": "Sở Tư pháp", "reason": "Không thuộc thẩm quyền"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.feedback.status == S.SUBMITTED
    assert second.outcome == LetterOutcome.FORWARDED
    assert first.feedback.code in officer.get(reverse("backoffice:letters")).text


def test_the_letters_register_pages_on_to_its_older_letters(world, client_as):
    officer = client_as(world.officer)
    for number in range(26):  # one more than a page
        officer.post(reverse("backoffice:letters"), {**LETTER, "title": f"Đơn số {number + 1}"})
    first = officer.get(reverse("backoffice:letters")).text
    assert 'href="?trang=2">Trang sau »</a>' in first and "Đơn số 1<" not in first
    assert "Đơn số 1<" in officer.get(reverse("backoffice:letters"), {"trang": 2}).text


def test_a_letter_without_a_sender_is_not_registered(world, client_as):
    answer = client_as(world.officer).post(reverse("backoffice:letters"),
                                           {**LETTER, "sender_name": ""})
    assert answer.status_code == 422 and not Letter.objects.exists()


def test_my_dossiers_offer_feedback_on_each_dossier(world, client_as):
    dossier = DossierFactory(world=world, submitted=True)
    page = client_as(world.citizen).get(reverse("portal:mine"))
    assert f"{reverse('portal:feedback_new')}?ho-so={dossier.code}" in page.text


def test_a_citizen_sends_feedback_on_a_dossier_from_the_portal(world, client_as):
    dossier = DossierFactory(world=world, submitted=True)
    citizen = client_as(world.citizen)
    form = citizen.get(reverse("portal:feedback_new"), {"ho-so": dossier.code})
    assert dossier.code in form.text
    with time_machine.travel(MONDAY_MORNING, tick=False):
        answer = citizen.post(reverse("portal:feedback_new"), {
            "subject": "dossier", "dossier_code": dossier.code, "title": "Chậm tiếp nhận",
            "content": "Đã 3 ngày", "name": "Nguyễn Văn An", "address": "Hoa Lư",
            "phone": "0912345678", "wants_public": "on"})
    case = FeedbackCase.objects.get()
    assert answer.status_code == 302 and case.dossier == dossier
    assert case.code in citizen.get(answer["Location"]).text


def test_the_citizen_supplements_on_the_portal(world, client_as):
    case = FeedbackFactory(world=world, state="awaiting_supplement")
    citizen = client_as(world.citizen)
    assert "Gửi bổ sung" in citizen.get(reverse("portal:feedback", args=[case.code])).text
    citizen.post(reverse("portal:feedback_supplement", args=[case.code]),
                 {"supplement": "Số hồ sơ 0001"})
    case.refresh_from_db()
    assert case.status == S.SUPPLEMENTED


def test_an_empty_supplement_is_refused_in_a_red_alert_read_out_at_once(world, client_as):
    case = FeedbackFactory(world=world, state="awaiting_supplement")
    page = client_as(world.citizen).post(
        reverse("portal:feedback_supplement", args=[case.code]), {"supplement": " "}, follow=True)
    assert '<div class="alert alert-danger" role="alert">Nhập thông tin bổ sung.</div>' in page.text
    case.refresh_from_db()
    assert case.status == S.AWAITING_SUPPLEMENT


def test_anyone_follows_a_case_by_code_and_phone(client, world):
    case = FeedbackFactory(world=world, state="published")
    found = client.post(reverse("portal:feedback_follow"),
                        {"code": case.code, "phone": "0912345678"})
    wrong = client.post(reverse("portal:feedback_follow"), {"code": case.code, "phone": "0"})
    assert case.answer_body in found.text
    assert case.answer_body not in wrong.text and "Không tìm thấy" in wrong.text


def test_a_search_without_a_match_says_so_and_offers_every_answer(client, world):
    FeedbackFactory(world=world, state="published")
    page = client.get(reverse("portal:feedback_answers"), {"q": "đất đai"}).text
    assert "Không có trả lời nào khớp “đất đai”." in page
    assert "Chưa có trả lời nào được công khai." not in page
    assert f'<a href="{reverse("portal:feedback_answers")}">Xem tất cả các trả lời</a>' in page


def test_published_answers_carry_no_personal_data(client, world):
    case = FeedbackFactory(world=world, state="published")
    page = client.get(reverse("portal:feedback_answers")).text
    assert case.answer_body in page
    for personal in ("0912345678", "an@example.vn", "Trần Hưng Đạo", "Nguyễn Văn An",
                     case.letter.content):
        assert personal not in page


def test_the_reception_officer_splits_a_mixed_letter_on_the_register_page(world, client_as):
    officer = client_as(world.officer)
    officer.post(reverse("backoffice:letters"), LETTER)
    letter = Letter.objects.get()
    officer.post(reverse("backoffice:letter_classify", args=[letter.pk]), {
        "classification": "mixed", "part_classification": ["feedback", "denunciation"],
        "part_title": ["Thủ tục rườm rà", "Cán bộ nhận tiền"],
        "part_content": ["Nội dung phản ánh", "Nội dung tố cáo"]})
    letter.refresh_from_db()
    assert letter.outcome == LetterOutcome.SPLIT
    assert [p.classification for p in letter.parts.order_by("number")] == [
        "feedback", "denunciation"]


def test_the_letters_scan_opens_for_the_registers_keepers_only(world, client_as, media_in_tmp):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.helpers import PDF

    officer = client_as(world.officer)
    officer.post(reverse("backoffice:letters"), {
        **LETTER, "channel": "desk", "scan": SimpleUploadedFile("don.pdf", PDF)})
    letter = Letter.objects.get()
    url = reverse("backoffice:letter_scan", args=[letter.pk])
    assert url in officer.get(reverse("backoffice:letters")).text
    scan = officer.get(url)
    assert (scan.status_code, scan["Content-Type"]) == (200, "application/pdf")
    assert b"".join(scan.streaming_content) == PDF
    assert client_as(world.specialist).get(url).status_code == 403


def test_a_photographed_letter_is_taken_as_its_scan(world, client_as, media_in_tmp):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = b"\xff\xd8\xff\xe0" + b"\0" * 16
    client_as(world.officer).post(reverse("backoffice:letters"), {
        **LETTER, "channel": "desk", "scan": SimpleUploadedFile("don.jpg", photo)})
    scan = client_as(world.officer).get(reverse("backoffice:letter_scan",
                                                args=[Letter.objects.get().pk]))
    assert (scan.status_code, scan["Content-Type"]) == (200, "image/jpeg")
