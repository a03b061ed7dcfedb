"""Each slip states what was true when it was issued, whatever happened to the dossier after."""

import io
from pathlib import Path

import time_machine
from pypdf import PdfReader

from motcua.dossiers import services
from motcua.dossiers.models import Attachment, Dossier
from motcua.org.models import User
from tests.backoffice.conftest import act, holds_code, pdf_text
from tests.dossiers.conftest import CITIZEN, local, pdf, submit_online

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
RECEIVER, SPECIALIST, LEADER = "khcn.tiepnhan", "khcn.chuyenvien", "khcn.giamdoc"


def fetched(client, dossier, kind, keep=None):
    """The slip's PDF bytes (kept under var/test-artifacts when ``keep`` names it)."""
    response = client.get(f"/phieu/{dossier.code}/{kind}.pdf")
    assert response.status_code == 200, (kind, response.status_code)
    if keep:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{keep}.pdf").write_bytes(response.content)
    return response.content


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def name_of(username):
    return User.objects.get(username=username).get_full_name()


def citizen_supplements(dossier, at):
    dossier.refresh_from_db()
    with time_machine.travel(at, tick=False):
        return services.act(User.objects.get(username=CITIZEN), dossier.code, "supplement",
                            dossier.version, services.ActionInput(),
                            new_files=[(1, pdf("bo-sung-giay-phep.pdf"))])


def result_file(dossier, at):
    """The agency's result file, as an approval stores it."""
    with time_machine.travel(at, tick=False):
        Attachment.objects.create(
            dossier=dossier, file="dossiers/ab/ket-qua.pdf", original_name="ket-qua-giai-quyet.pdf",
            content_type="application/pdf", size=10, sha256="0" * 64,
            uploaded_by=User.objects.get(username=SPECIALIST), is_result=True)


def online_dossier_with_a_history(api):
    """Accepted 02/03 10:00 (due 16/03 10:00), supplemented, extended to 25/03, with a result."""
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        code = submit_online(api)["code"]
    dossier = Dossier.objects.get(code=code)
    act(RECEIVER, dossier, "accept")
    act(RECEIVER, dossier, "forward")
    act("khcn.truongphong", dossier, "complete_step")
    act(SPECIALIST, dossier, "request_supplement", at=local(2026, 3, 3, 9),
        items=["Bản sao giấy phép"], reason="Thiếu giấy phép")
    citizen_supplements(dossier, local(2026, 3, 4, 9))
    act(LEADER, dossier, "extend", at=local(2026, 3, 5, 9), reason="Cần xác minh",
        new_due_at=local(2026, 3, 25, 16, 0))
    result_file(dossier, local(2026, 3, 6, 9))
    dossier.refresh_from_db()
    return dossier


def test_the_receipt_is_fixed_at_receipt_after_a_supplement_and_an_extension(staff, api):
    # TT 03/2025 Mẫu 01: who received, what and the appointment given at receipt
    dossier = online_dossier_with_a_history(api)
    data = fetched(staff(RECEIVER), dossier, "tiep-nhan", keep="slip-receipt-after-history")
    text = pdf_text(data)
    assert holds_code(text, dossier.code)
    assert name_of(RECEIVER) in text and name_of(SPECIALIST) not in text
    assert "10 giờ 00 phút, ngày 02/03/2026" in text  # received
    assert "ngày 16/03/2026" in text and "25/03/2026" not in text  # the appointment given then
    assert "ngày 02 tháng 03 năm 2026" in text  # dated the day it was issued
    assert "ket-qua-giai-quyet.pdf" not in text  # the result is not a paper received
    components = dossier.procedure_version.components.filter(
        required=True, from_national_database=False).count()
    assert text.count("1 bản điện tử") == components and "2 bản điện tử" not in text
    assert pages(data) == 1  # the signature block on the body's page


def test_the_supplement_request_states_the_due_date_and_the_officer_of_its_day(staff, api):
    # TT 03/2025 Mẫu 02: the officer who guides, the due date when it was asked
    dossier = online_dossier_with_a_history(api)
    text = pdf_text(fetched(staff(RECEIVER), dossier, "bo-sung", keep="slip-supplement"))
    assert name_of(SPECIALIST) in text and name_of(RECEIVER) not in text
    assert "16/03/2026" in text and "25/03/2026" not in text
    assert "ngày 03 tháng 03 năm 2026" in text


def test_the_apology_keeps_its_new_date_when_a_later_supplement_restarts_the_clock(staff, api):
    # NĐ 61/2018 art. 19(4) restart policy moves due_at after the apology (Mẫu 04) went out
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        code = submit_online(api)["code"]
    dossier = Dossier.objects.get(code=code)
    act(RECEIVER, dossier, "accept")
    act(RECEIVER, dossier, "forward")
    act("khcn.truongphong", dossier, "complete_step")
    act(LEADER, dossier, "extend", at=local(2026, 3, 3, 9), reason="Cần xác minh",
        new_due_at=local(2026, 3, 25, 16, 0))
    act(SPECIALIST, dossier, "request_supplement", at=local(2026, 3, 4, 9),
        items=["Bản sao giấy phép"], reason="Thiếu giấy phép")
    citizen_supplements(dossier, local(2026, 3, 30, 9))
    dossier.refresh_from_db()
    assert dossier.due_at > local(2026, 4, 1)  # recounted from 30/03
    text = pdf_text(fetched(staff(RECEIVER), dossier, "xin-loi", keep="slip-apology"))
    assert "16 giờ 00 phút, ngày 25/03/2026" in text
    assert "ngày 03 tháng 03 năm 2026" in text


def postal_licence(world):
    """DP.BC001 with the nine components of the demo's postal licence."""
    from motcua.catalog.demo import PROCEDURES
    from tests.factories.catalog import ProcedureVersionFactory

    spec = next(spec for spec in PROCEDURES if spec["code"] == "DP.BC001")
    return ProcedureVersionFactory(
        procedure__national_code="DP.BC001", name=spec["name"], deciding_agency=world.agency,
        time_limit_value=30, time_limit_unit="calendar_days", components=spec["components"],
        steps__division=world.division)


def test_the_receipt_of_nine_papers_keeps_its_signatures_on_its_one_page(staff, world):
    # TT 01/2018 art. 9: Mẫu 01 on A5; the signatures belong with the body they sign
    postal_licence(world)
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        dossier = services.receive(
            User.objects.get(username=RECEIVER),
            services.Registration(
                procedure="DP.BC001", subject="Cấp giấy phép bưu chính (phạm vi nội tỉnh)",
                owner=services.Party("Công ty TNHH Chuyển phát nhanh Hoa Lư Ninh Bình",
                                     "2700123456", "0912345678", "lienhe@hoalu.example.vn",
                                     "Số 12 đường Trần Hưng Đạo, phường Hoa Lư, tỉnh Ninh Bình",
                                     type="business"),
                submitter=services.Party("Nguyễn Văn An", "037090001234", "0987654321"),
                documents=[services.PaperCount(n, originals=1, photocopies=2)
                           for n in range(1, 10)]))
    data = fetched(staff(RECEIVER), dossier, "tiep-nhan", keep="slip-receipt-nine-papers")
    text = pdf_text(data)
    assert "Quy định về bồi thường thiệt hại" in text and name_of(RECEIVER) in text
    assert pages(data) == 1
    assert text.count("Cấp giấy phép bưu chính (phạm vi nội tỉnh)") == 1  # not twice


def test_the_refusal_is_dated_and_signed_as_refused_whenever_it_is_printed(staff, api):
    # TT 03/2025 Mẫu 03: the refusing officer and the day of the refusal, printed days later
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        code = submit_online(api)["code"]
    dossier = Dossier.objects.get(code=code)
    act(RECEIVER, dossier, "refuse", at=local(2026, 3, 3, 14, 0), reason="Không thuộc thẩm quyền")
    with time_machine.travel(local(2026, 3, 20, 9), tick=False):
        text = pdf_text(fetched(staff(RECEIVER), dossier, "tu-choi", keep="slip-refusal"))
    assert "ngày 03 tháng 03 năm 2026" in text and "14 giờ 00 phút, ngày 03/03/2026" in text
    assert name_of(RECEIVER) in text and "Không thuộc thẩm quyền" in text


def test_the_control_slip_follows_the_dossier_as_it_is(staff, api):
    # TT 03/2025 Mẫu 06: the running record, the new appointment beside the original one
    dossier = online_dossier_with_a_history(api)
    text = pdf_text(fetched(staff(RECEIVER), dossier, "kiem-soat", keep="slip-control"))
    assert "16 giờ 00 phút, ngày 25/03/2026" in text and "hẹn ban đầu 10 giờ 00 phút" in text


def test_a_file_uploaded_before_receipt_but_supplemented_after_is_not_on_the_receipt(staff, api):
    # TT 03/2025 Mẫu 01: the papers received at intake, not a file handed in with a supplement
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        code = submit_online(api)["code"]
        early = services.upload(User.objects.get(username=CITIZEN), pdf("giay-phep-som.pdf"))
    dossier = Dossier.objects.get(code=code)
    act(RECEIVER, dossier, "accept")
    act(RECEIVER, dossier, "forward")
    act("khcn.truongphong", dossier, "complete_step")
    act(SPECIALIST, dossier, "request_supplement", at=local(2026, 3, 3, 9),
        items=["Bản sao giấy phép"], reason="Thiếu giấy phép")
    dossier.refresh_from_db()
    with time_machine.travel(local(2026, 3, 4, 9), tick=False):
        services.act(User.objects.get(username=CITIZEN), dossier.code, "supplement",
                     dossier.version, services.ActionInput(attachments=[(1, early.pk)]))
    text = pdf_text(fetched(staff(RECEIVER), dossier, "tiep-nhan"))
    assert "2 bản điện tử" not in text and "1 bản điện tử" in text
