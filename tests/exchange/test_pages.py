"""The documents pages: both registers and their Excel files, a draft, issue, sending inside the
installation, the other agency's handling, the sender's timeline; bad input and other agencies.
"""

import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from motcua.core.errors import InvalidInput
from motcua.exchange import services
from motcua.exchange.models import (
    IncomingDocument,
    IncomingState,
    OutgoingDocument,
    OutgoingState,
)
from motcua.exchange.services import RecipientInput
from tests.exchange.documents import blank_pdf, deliver_all, draft, local


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def new_draft(client, b, **extra):
    data = {"agency": extra.pop("agency"), "document_type": "quyet_dinh",
            "subject": "Về việc công nhận sáng kiến năm 2026", "urgency": "normal",
            "confidentiality": "normal", "internal_recipients": [b.agency.pk],
            "main_file": io.BytesIO(blank_pdf("Quyết định")), **extra}
    if hasattr(data["main_file"], "read"):
        data["main_file"].name = "quyet-dinh.pdf"
    return client.post(reverse("exchange:outgoing_new"), data)


def test_registers_show_only_the_agencys_documents(offices):
    a, b = offices
    mine, theirs = draft(a), draft(b)
    page = client_for(a.clerk).get(reverse("exchange:outgoing_list"))
    assert page.status_code == 200
    assert reverse("exchange:outgoing", args=[mine.pk]) in page.content.decode()
    assert reverse("exchange:outgoing", args=[theirs.pk]) not in page.content.decode()
    assert client_for(a.clerk).get(reverse("exchange:incoming_list")).status_code == 200


def test_the_main_file_is_served_as_a_pdf_with_its_name(offices):
    a, _b = offices
    document = draft(a, pdf=blank_pdf())
    answer = client_for(a.clerk).get(reverse("exchange:outgoing_file", args=[document.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "filename=" in answer["Content-Disposition"]
    assert b"".join(answer.streaming_content if answer.streaming else [answer.content]) \
        .startswith(b"%PDF")


def test_another_agencys_officer_gets_404(offices):
    a, b = offices
    document = draft(a, pdf=blank_pdf())
    other = client_for(b.clerk)
    assert other.get(reverse("exchange:outgoing", args=[document.pk])).status_code == 404
    assert other.get(reverse("exchange:outgoing_file", args=[document.pk])).status_code == 404
    answer = other.post(reverse("exchange:outgoing_action", args=[document.pk, "issue"]))
    assert answer.status_code == 404
    document.refresh_from_db()
    assert document.state == OutgoingState.DRAFT


def test_the_whole_exchange_through_the_pages(offices):
    a, b = offices
    clerk_a, clerk_b = client_for(a.clerk), client_for(b.clerk)
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        answer = new_draft(clerk_a, b, agency=a.agency.pk)
        assert answer.status_code == 302, answer.content.decode()[:2000]
        document = OutgoingDocument.objects.get(agency=a.agency)
        shown = clerk_a.get(reverse("exchange:outgoing", args=[document.pk])).content.decode()
        assert 'data-confirm="Thực hiện “Ban hành, cấp số” với văn bản này?' in shown
        page = clerk_a.post(reverse("exchange:outgoing_action", args=[document.pk, "issue"]),
                            follow=True)
        assert "01/QĐ-SKHCN" in page.content.decode()
        clerk_a.post(reverse("exchange:outgoing_action", args=[document.pk, "send"]))
        deliver_all()
    incoming = IncomingDocument.objects.get(agency=b.agency)
    listing = clerk_b.get(reverse("exchange:incoming_list")).content.decode()
    assert reverse("exchange:incoming", args=[incoming.pk]) in listing
    assert "01/QĐ-SKHCN" in listing

    def act(client, action, data=None):
        answer = client.post(reverse("exchange:incoming_action", args=[incoming.pk, action]),
                             data or {})
        assert answer.status_code == 302, answer.content.decode()[:3000]

    with time_machine.travel(local(2026, 3, 2, 10, 0), tick=False):
        act(clerk_b, "register")
        act(clerk_b, "assign", {"assign-division": b.division.pk,
                                "assign-specialist": b.specialist.pk, "assign-working_days": 5})
        specialist = client_for(b.specialist)
        act(specialist, "process")
        act(specialist, "complete", {"complete-reason": "Đã trả lời."})
        deliver_all()
    incoming.refresh_from_db()
    assert incoming.state == IncomingState.COMPLETED
    page = clerk_b.get(reverse("exchange:incoming", args=[incoming.pk])).content.decode()
    assert "Vào sổ văn bản đến" in page and "02/03/2026" in page
    sender = clerk_a.get(reverse("exchange:outgoing", args=[document.pk])).content.decode()
    for code in ("01", "03", "04", "05", "06"):
        assert f"<strong>{code}</strong>" in sender
    assert "06</strong> — Hoàn thành" in sender and "Đã trả lời." in sender


def test_outgoing_register_as_excel(offices):
    a, b = offices
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        document = services.issue_document(a.clerk, draft(a, [RecipientInput(agency=b.agency)],
                                                          document_type="quyet_dinh"))
        draft(a)
    answer = client_for(a.clerk).get(reverse("exchange:outgoing_xlsx"),
                                     {"nam": 2026, "trang_thai": "issued"})
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("Số, ký hiệu văn bản", "Ngày tháng văn bản",
                           "Tên loại và trích yếu nội dung văn bản")
    assert len(rows) == 3  # title, header, the one issued document (the draft is filtered out)
    assert rows[2][0] == document.notation == "01/QĐ-SKHCN"
    assert rows[2][1] == "02/03/2026"
    assert rows[2][4] == b.agency.name


@pytest.mark.parametrize("kind", ["outgoing", "incoming"])
def test_an_excel_register_with_a_bad_filter_goes_back_to_the_page_with_its_error(offices, kind):
    a, _b = offices
    client = client_for(a.clerk)
    answer = client.get(reverse(f"exchange:{kind}_xlsx"), {"nam": "hai nghìn", "q": "sáng kiến"})
    assert answer.status_code == 302  # not the whole register as if unfiltered
    assert answer["Location"].startswith(reverse(f"exchange:{kind}_list") + "?")
    page = client.get(answer["Location"])
    assert page.status_code == 400
    error = page.context["form"].errors["nam"][0]  # Django's own "enter a whole number"
    assert error in page.content.decode()
    assert page.context["form"]["q"].value() == "sáng kiến"  # the filters kept


def test_an_excel_register_past_the_export_limit_says_so_instead_of_cutting(offices, monkeypatch):
    a, b = offices
    monkeypatch.setattr("motcua.exchange.views.EXPORT_LIMIT", 1)
    draft(a), draft(a)
    client = client_for(a.clerk)
    answer = client.get(reverse("exchange:outgoing_xlsx"), {"trang_thai": "draft"}, follow=True)
    assert answer.redirect_chain == [(reverse("exchange:outgoing_list") + "?trang_thai=draft", 302)]
    assert "Sổ có 2 văn bản, quá 1 văn bản cho một tệp Excel" in answer.content.decode()
    draft(b)  # another agency's draft does not count against a's register
    monkeypatch.setattr("motcua.exchange.views.EXPORT_LIMIT", 2)
    file = client.get(reverse("exchange:outgoing_xlsx"))
    assert file.status_code == 200 and file["Content-Disposition"].startswith("attachment")


def test_incoming_register_as_excel(offices):
    a, b = offices
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        services.send_document(a.clerk, services.issue_document(
            a.clerk, draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf())))
        deliver_all()
        services.register_incoming(b.clerk, IncomingDocument.objects.get())
    answer = client_for(b.clerk).get(reverse("exchange:incoming_xlsx"))
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert rows[1][:4] == ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu")
    assert rows[2][:4] == ("02/03/2026", "01", a.agency.name, "01/SKHCN")
    # the sender's register does not list it
    other = client_for(a.clerk).get(reverse("exchange:incoming_xlsx"))
    assert len(list(load_workbook(io.BytesIO(other.content)).active.iter_rows())) == 2


def test_a_main_file_that_is_not_pdf_is_refused_and_nothing_is_saved(offices):
    a, b = offices
    fake = io.BytesIO(b"<html>not a pdf</html>")
    fake.name = "van-ban.pdf"
    answer = new_draft(client_for(a.clerk), b, agency=a.agency.pk, main_file=fake)
    assert answer.status_code == 422
    assert "Tệp văn bản chính phải là PDF." in answer.content.decode()
    assert not OutgoingDocument.objects.exists()


def test_a_file_past_the_upload_limit_is_refused_as_too_large(offices, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1024  # the handler keeps nothing of it past the limit
    a, b = offices
    big = io.BytesIO(blank_pdf("Quyết định") + b"%" * 4096)
    answer = new_draft(client_for(a.clerk), b, agency=a.agency.pk, main_file=big)
    assert answer.status_code == 422
    assert "quá lớn" in answer.content.decode()
    assert not OutgoingDocument.objects.exists()


def test_files_are_typed_by_their_content_and_kept_by_no_cache(offices):
    a, _b = offices
    named_pdf = services.FileInput("ghi-chu.pdf", b"<html><script>x</script></html>")
    with pytest.raises(InvalidInput, match="“ghi-chu.pdf” không đúng định dạng"):
        draft(a, pdf=blank_pdf(), attachments=[named_pdf])
    png_named_pdf = services.FileInput("ghi-chu.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64))
    document = draft(a, pdf=blank_pdf(), attachments=[png_named_pdf])
    client = client_for(a.clerk)
    main = client.get(reverse("exchange:outgoing_file", args=[document.pk]))
    assert main["Cache-Control"] == "private, no-store"
    attachment = document.attachments.get()
    assert (attachment.name, attachment.content_type) == ("ghi-chu.pdf.png", "image/png")
    answer = client.get(reverse("exchange:outgoing_attachment",
                                args=[document.pk, attachment.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "image/png"  # not the name's "pdf"
    assert answer["Content-Disposition"].startswith("attachment")
    assert answer["Cache-Control"] == "private, no-store"
    register = client.get(reverse("exchange:outgoing_xlsx"))
    assert register["Cache-Control"] == "private, no-store"


def test_a_confidential_document_is_not_sent_over_the_axis(offices):
    a, _b = offices
    document = services.issue_document(a.clerk, draft(
        a, [RecipientInput(identifier_code="000.00.01.H41", name="UBND tỉnh Nghệ An")],
        confidentiality="confidential"))
    answer = client_for(a.clerk).post(
        reverse("exchange:outgoing_action", args=[document.pk, "send"]))
    assert answer.status_code == 422
    assert "không được gửi qua Trục liên thông văn bản quốc gia" in answer.content.decode()
    document.refresh_from_db()
    assert document.state == OutgoingState.ISSUED
    assert document.recipients.get().sent_at is None


def test_refusal_without_a_reason_changes_nothing(offices):
    a, b = offices
    services.send_document(a.clerk, services.issue_document(
        a.clerk, draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf())))
    deliver_all()
    incoming = IncomingDocument.objects.get()
    answer = client_for(b.clerk).post(
        reverse("exchange:incoming_action", args=[incoming.pk, "refuse"]), {"refuse-reason": ""})
    assert answer.status_code == 422
    assert "Lý do" in answer.content.decode()
    incoming.refresh_from_db()
    assert incoming.state == IncomingState.RECEIVED


def test_citizens_and_staff_without_document_roles_are_refused(offices, django_user_model):
    person = django_user_model.objects.create(username="dan")
    assert client_for(person).get(reverse("exchange:outgoing_list")).status_code == 403
    assert Client().get(reverse("exchange:outgoing_list")).status_code == 302


@pytest.fixture
def signing(settings, tmp_path):
    from tests.signing_certs import pki

    certs = pki()
    seals = tmp_path / "seals"
    seals.mkdir()
    (seals / "000.00.15.H42.p12").write_bytes(certs.seal_p12)
    settings.MOTCUA_SIGNING = {"TRUST_ROOTS": certs.write_root(tmp_path / "roots"),
                               "SEAL_DIR": seals, "SEAL_PASSPHRASE": certs.passphrase}
    return certs


def signing_key(signing, passphrase: str) -> dict:
    upload = io.BytesIO(signing.person_p12)
    upload.name = "chu-ky.p12"
    return {"sign-key_file": upload, "sign-passphrase": passphrase}


def test_a_refused_action_answers_422_with_its_form_kept_and_the_reason(offices, signing):
    # the same answer as the one-stop pages: the document page again, the action's form open
    # with the service's reason on it (it answered 400 before)
    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    answer = client_for(a.leader).post(
        reverse("exchange:outgoing_action", args=[document.pk, "sign"]),
        signing_key(signing, "sai mật khẩu"))
    assert answer.status_code == 422
    reason = "Mật khẩu của tệp khóa ký số không đúng."
    sign = next(item for item in answer.context["actions"] if item["action"] == "sign")
    assert sign["open"] and reason in " ".join(sign["form"].non_field_errors())
    assert reason in answer.content.decode()
    document.refresh_from_db()
    assert document.signed_by_person_at is None


def test_signed_sealed_and_checked_on_the_receivers_page(offices, signing):
    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)], pdf=blank_pdf("Công văn"))
    sign_url = reverse("exchange:outgoing_action", args=[document.pk, "sign"])
    leader = client_for(a.leader)
    assert leader.post(sign_url, signing_key(signing, signing.passphrase)).status_code == 302
    clerk = client_for(a.clerk)
    for action in ("issue", "seal", "send"):
        answer = clerk.post(reverse("exchange:outgoing_action", args=[document.pk, action]))
        assert answer.status_code == 302, (action, answer.content.decode()[:3000])
    deliver_all()
    incoming = IncomingDocument.objects.get(agency=b.agency)
    page = client_for(b.clerk).get(reverse("exchange:incoming", args=[incoming.pk]))
    text = page.content.decode()
    assert ("Mọi chữ ký số còn nguyên vẹn, hợp lệ và tin cậy; những gì thêm vào sau khi ký đều "
            "được phép.") in text  # the seal came after the signer's signature
    assert text.count("<td>Có</td>") == 6  # two signatures: intact, valid, trusted


def test_a_draft_is_edited_and_the_register_pages_on(offices):
    a, b = offices
    document = draft(a, [RecipientInput(agency=b.agency)])
    clerk = client_for(a.clerk)
    url = reverse("exchange:outgoing_edit", args=[document.pk])
    form = clerk.get(url).content.decode()
    assert "V/v kết nối, liên thông văn bản điện tử" in form
    answer = clerk.post(url, {"agency": a.agency.pk, "document_type": "thong_bao",
                              "subject": "Thông báo lịch tiếp công dân", "urgency": "urgent",
                              "confidentiality": "normal",
                              "external_recipients": "000.00.01.H41 | UBND tỉnh Nghệ An"})
    assert answer.status_code == 302
    document.refresh_from_db()
    assert (document.document_type, document.subject, document.urgency) == (
        "thong_bao", "Thông báo lịch tiếp công dân", "urgent")
    assert [r.identifier_code for r in document.recipients.all()] == ["000.00.01.H41"]
    for _n in range(30):
        draft(a)
    first = clerk.get(reverse("exchange:outgoing_list"))
    assert first.context["next_cursor"] and len(first.context["rows"]) == 25
    second = clerk.get(reverse("exchange:outgoing_list"), {"sau": first.context["next_cursor"]})
    assert len(second.context["rows"]) == 6 and second.context["next_cursor"] is None


def test_a_document_without_signer_or_assignment_says_so(offices):
    """The signer's list starts with "— Chọn người ký —" (not Django's dashes); a document
    with no signer, and one received but not yet assigned, show "—" rather than nothing."""
    import re

    a, b = offices
    clerk_a, clerk_b = client_for(a.clerk), client_for(b.clerk)
    form = clerk_a.get(reverse("exchange:outgoing_new")).content.decode()
    assert '<option value="" selected>— Chọn người ký —</option>' in form
    assert "---------" not in form

    def cell(client, url, name):
        text = client.get(url).content.decode()
        found = re.search(rf'<dd class="col-sm-8" id="{name}">(.*?)</dd>', text, re.S)
        return " ".join(found.group(1).split())

    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        assert new_draft(clerk_a, b, agency=a.agency.pk).status_code == 302
        document = OutgoingDocument.objects.get(agency=a.agency)
        assert cell(clerk_a, reverse("exchange:outgoing", args=[document.pk]), "signer") == "—"
        clerk_a.post(reverse("exchange:outgoing_action", args=[document.pk, "issue"]))
        clerk_a.post(reverse("exchange:outgoing_action", args=[document.pk, "send"]))
        deliver_all()
    incoming = reverse("exchange:incoming", args=[IncomingDocument.objects.get(agency=b.agency).pk])
    assert cell(clerk_b, incoming, "signer") == "—"
    assert cell(clerk_b, incoming, "assigned") == "—"
