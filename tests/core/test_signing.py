"""PDF signatures: a person signs, the agency seals, a receiver validates; tampering is caught.

The certificates are made by tests.signing_certs for the session; no key is committed."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
import weasyprint
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
from pyhanko.sign.validation.status import ModificationInfo, SignatureCoverageLevel

from motcua.core import signing
from motcua.core.signing import SignatureCheck, SigningError, SigningIdentity
from tests.signing_certs import issue_p12, pki, stranger_root_pem

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SIGNED_AT = dt.datetime(2026, 11, 21, 9, 15, tzinfo=VN)
SEALED_AT = dt.datetime(2026, 11, 21, 10, 40, tzinfo=VN)
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def document() -> bytes:
    """A two-page A4 document as the project renders its papers."""
    return weasyprint.HTML(string=(
        "<style>@page { size: A4 }</style><p>UBND TỈNH NINH BÌNH</p>"
        "<p>Số: 05/QĐ-UBND</p><h1>QUYẾT ĐỊNH</h1><p>Về việc thử nghiệm chữ ký số.</p>"
        "<p style='page-break-before: always'>Nơi nhận: như trên.</p>")).write_pdf()


@pytest.fixture(scope="module")
def person() -> SigningIdentity:
    return SigningIdentity.from_pkcs12(pki().person_p12, pki().passphrase)


@pytest.fixture(scope="module")
def seal() -> SigningIdentity:
    return SigningIdentity.from_pkcs12(pki().seal_p12, pki().passphrase)


@pytest.fixture(scope="module")
def signed(document, person) -> bytes:
    with time_machine.travel(SIGNED_AT, tick=False):
        return signing.sign_pdf(document, person, kind="person", reason="Ban hành",
                                location="Ninh Bình")


@pytest.fixture(scope="module")
def sealed(signed, seal) -> bytes:
    with time_machine.travel(SEALED_AT, tick=False):
        return signing.sign_pdf(signed, seal, kind="seal")


def fields_of(pdf: bytes) -> dict[str, tuple[int, tuple[float, ...]]]:
    """Signature field name -> (page index, rectangle)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    pages = {reader.find_page_for_modification(i)[0].idnum: i for i in range(2)}
    out = {}
    for sig in reader.embedded_signatures:
        field = sig.sig_field
        rect = tuple(float(v) for v in field["/Rect"])
        out[sig.field_name] = (pages[field.raw_get("/P").idnum], rect)
    return out


# --- identities ------------------------------------------------------------------------------


def test_identity_from_pkcs12_has_the_certificate_name(person, seal):
    assert person.subject_name == "Nguyễn Văn An"
    assert seal.subject_name == "UBND tỉnh Ninh Bình"
    assert person.organisation == "UBND tỉnh Ninh Bình"


def test_wrong_passphrase_is_a_clear_error():
    with pytest.raises(SigningError, match="Mật khẩu của tệp khóa ký số không đúng"):
        SigningIdentity.from_pkcs12(pki().person_p12, "sai-mat-khau")


@pytest.mark.parametrize("data", [b"", b"not a key at all", pki().root_pem])
def test_a_file_that_is_not_pkcs12_is_a_clear_error(data):
    with pytest.raises(SigningError, match="không phải là khóa ký số PKCS#12"):
        SigningIdentity.from_pkcs12(data, pki().passphrase)


# --- signing ---------------------------------------------------------------------------------


def test_person_then_seal_gives_two_intact_valid_trusted_signatures(sealed):
    checks = signing.validate_pdf(sealed, trust_roots=pki().root_pem)
    assert [(c.field_name, c.kind, c.signer_name) for c in checks] == [
        ("Chu_ky", "person", "Nguyễn Văn An"),
        ("Dau_co_quan", "seal", "UBND tỉnh Ninh Bình"),
    ]
    for check in checks:
        assert check.intact and check.valid and check.trusted and check.covers_whole_file
    assert [c.signed_at for c in checks] == [SIGNED_AT, SEALED_AT]
    assert checks[0].signed_at.tzinfo is not None
    assert checks[0].summary == (
        "Chữ ký hợp lệ, tin cậy — Nguyễn Văn An, ký lúc 09:15 21/11/2026; sau khi ký chỉ thêm "
        "chữ ký hoặc điền biểu mẫu (Dau_co_quan), được phép")
    assert [c.modified for c in checks] == [False, False]
    assert checks[1].summary == (
        "Chữ ký hợp lệ, tin cậy — UBND tỉnh Ninh Bình, ký lúc 10:40 21/11/2026")


def test_the_seal_is_an_incremental_update_that_keeps_the_first_signature(signed, sealed):
    assert sealed.startswith(signed)  # the signed bytes are left as they were
    first = signing.validate_pdf(signed, trust_roots=pki().root_pem)
    assert [(c.field_name, c.intact, c.covers_whole_file) for c in first] == [
        ("Chu_ky", True, True)]


def test_signature_placement_nd30_person_bottom_right_seal_over_its_left_third(sealed):
    # NĐ 30/2020 Phụ lục I: chữ ký ở khối chữ ký; dấu trùm khoảng 1/3 chữ ký về phía trái
    placed = fields_of(sealed)
    page, (px1, py1, px2, py2) = placed["Chu_ky"]
    seal_page, (sx1, sy1, sx2, sy2) = placed["Dau_co_quan"]
    assert page == seal_page == 1  # the last page
    assert px1 > A4[0] / 2 and py2 < A4[1] / 3  # bottom right
    assert sx2 == pytest.approx(px1 + (px2 - px1) / 3)  # covers the left third
    assert sx1 < px1 and sy1 < py1 and sy2 > py2  # a round seal, larger than the line
    assert sx2 - sx1 == pytest.approx(signing.SEAL_DIAMETER)


def test_default_boxes_on_a4():
    assert signing.default_box("person", *A4) == pytest.approx((360.28, 110, 530.28, 180))
    x1, y1, x2, y2 = signing.default_box("seal", *A4)
    assert (x2, (y1 + y2) / 2) == pytest.approx((360.28 + 170 / 3, 145))


def test_the_seal_follows_a_person_signature_placed_elsewhere(document, person, seal):
    box = (100.0, 400.0, 250.0, 460.0)
    signed = signing.sign_pdf(document, person, kind="person", page=0, box=box)
    sealed = signing.sign_pdf(signed, seal, kind="seal", page=0)
    placed = fields_of(sealed)
    assert placed["Chu_ky"] == (0, box)
    assert placed["Dau_co_quan"][1][2] == pytest.approx(150.0)


def test_field_names_stay_unique(signed, person):
    again = signing.sign_pdf(signed, person, kind="person")
    names = [c.field_name for c in signing.validate_pdf(again, trust_roots=pki().root_pem)]
    assert names == ["Chu_ky", "Chu_ky_2"]


def test_a_png_image_is_drawn_and_anything_else_is_refused(document, person):
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
           b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18"
           b"\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    signed = signing.sign_pdf(document, person, kind="person", image=png)
    assert signing.validate_pdf(signed, trust_roots=pki().root_pem)[0].valid
    with pytest.raises(SigningError, match="PNG"):
        signing.sign_pdf(document, person, kind="person", image=b"GIF89a")


def test_signing_what_is_not_a_pdf_is_a_clear_error(person):
    with pytest.raises(SigningError, match="không phải là tài liệu PDF"):
        signing.sign_pdf(b"<html>not a pdf</html>", person, kind="person")


def test_signing_a_missing_page_is_a_clear_error(document, person):
    with pytest.raises(SigningError, match="không có trang"):
        signing.sign_pdf(document, person, kind="person", page=7)


# --- validation ------------------------------------------------------------------------------


def test_one_byte_changed_in_the_signed_range_is_reported_broken(sealed):
    """Issue acceptance: signed, validated, then one byte changed is reported as broken."""
    assert all(c.intact for c in signing.validate_pdf(sealed, trust_roots=pki().root_pem))
    position = sealed.index(b"%", 1) + 1  # the binary comment line, signed by both
    tampered = sealed[:position] + bytes([sealed[position] ^ 0x01]) + sealed[position + 1:]
    assert len(tampered) == len(sealed) and tampered != sealed
    checks = signing.validate_pdf(tampered, trust_roots=pki().root_pem)
    assert len(checks) == 2
    for check in checks:
        assert not check.intact and not check.valid and not check.trusted
        assert check.summary.startswith("Chữ ký bị phá vỡ: tài liệu đã bị sửa sau khi ký")


def test_a_changed_byte_in_the_page_content_breaks_the_signature(signed):
    # One byte of the first page's compressed content stream
    start = signed.index(b"stream\n") + len(b"stream\n") + 20
    tampered = signed[:start] + bytes([signed[start] ^ 0xFF]) + signed[start + 1:]
    [check] = signing.validate_pdf(tampered, trust_roots=pki().root_pem)
    assert not check.intact


def test_an_unknown_root_gives_valid_but_not_trusted(sealed):
    checks = signing.validate_pdf(sealed, trust_roots=stranger_root_pem())
    assert [(c.intact, c.valid, c.trusted) for c in checks] == [(True, True, False)] * 2
    assert "không do tổ chức chứng thực tin cậy cấp" in checks[0].summary


def test_a_certificate_not_meant_for_documents_is_valid_but_not_trusted(document):
    p12 = issue_p12("Lê Văn Cường", "UBND tỉnh Ninh Bình", non_repudiation=False)
    identity = SigningIdentity.from_pkcs12(p12, pki().passphrase)
    signed = signing.sign_pdf(document, identity, kind="person")
    [check] = signing.validate_pdf(signed, trust_roots=pki().root_pem)
    assert (check.intact, check.valid, check.trusted) == (True, True, False)
    assert "chứng thư không được phép dùng để ký văn bản" in check.summary


def test_no_trust_root_configured_means_not_trusted(sealed, settings):
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "TRUST_ROOTS": None}
    assert [c.trusted for c in signing.validate_pdf(sealed)] == [False, False]


def test_trust_roots_come_from_the_configured_folder(sealed, settings, tmp_path):
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING,
                               "TRUST_ROOTS": pki().write_root(tmp_path / "roots")}
    assert [c.trusted for c in signing.validate_pdf(sealed)] == [True, True]


def test_junk_appended_after_signing_is_not_covered(sealed):
    checks = signing.validate_pdf(sealed + b"\n% them vao sau khi ky\n",
                                  trust_roots=pki().root_pem)
    assert [(c.intact, c.valid) for c in checks] == [(True, True)] * 2
    assert [c.covers_whole_file for c in checks] == [False, False]
    # pyHanko's verdict: a comment after the last %%EOF changes no object of the document
    assert [c.modified for c in checks] == [False, False]
    assert checks[1].summary.endswith("sau khi ký chỉ có dữ liệu thêm vào cuối tệp, nội dung "
                                      "không đổi")


@pytest.mark.parametrize(("level", "fields", "said"), [
    (ModificationLevel.FORM_FILLING, {"Dau_co_quan"},
     "chỉ thêm chữ ký hoặc điền biểu mẫu (Dau_co_quan), được phép"),
    (ModificationLevel.FORM_FILLING, set(), "chỉ điền biểu mẫu, được phép"),
    (ModificationLevel.LTA_UPDATES, set(), "chỉ thêm thông tin kiểm tra chữ ký, được phép"),
    (ModificationLevel.ANNOTATIONS, {"Ghi_chu"},
     "có thêm chú thích (ghi chú, đánh dấu) trên trang, được phép; hãy xem các chú thích"),
    (ModificationLevel.NONE, set(), "chỉ có dữ liệu thêm vào cuối tệp, nội dung không đổi"),
])
def test_what_came_after_a_signature_is_said_as_pyhanko_found_it(level, fields, said):
    status = ModificationInfo(coverage=SignatureCoverageLevel.ENTIRE_REVISION,
                              diff_result=DiffResult(level, fields), docmdp_ok=True)
    assert signing._changes(None, status, modified=False) == said


def test_an_unsigned_pdf_has_no_signatures(document):
    assert signing.validate_pdf(document) == []


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 a zip", b"%PDF-1.7\n garbage"])
def test_validating_what_is_not_a_readable_pdf_is_a_clear_error(data):
    with pytest.raises(SigningError, match="PDF"):
        signing.validate_pdf(data)


def test_describe_reads_for_an_officer():
    check = SignatureCheck("Chu_ky", "Trần Thị Bình", None, True, False, False, False, "person",
                           "")
    assert signing.describe(check) == "Chữ ký không hợp lệ — Trần Thị Bình"


# --- seal keys -------------------------------------------------------------------------------


def test_seal_identity_for_reads_the_agency_key_from_the_seal_folder(settings, tmp_path):
    (tmp_path / "000.00.15.H42.p12").write_bytes(pki().seal_p12)
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path,
                               "SEAL_PASSPHRASE": pki().passphrase}
    identity = signing.seal_identity_for("000.00.15.H42")
    assert identity is not None and identity.subject_name == "UBND tỉnh Ninh Bình"
    assert signing.seal_identity_for("000.00.16.H42") is None  # no key for that agency
    assert signing.seal_identity_for("../000.00.15.H42") is None


def test_seal_identity_for_without_a_seal_folder_is_none(settings):
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": None}
    assert signing.seal_identity_for("000.00.15.H42") is None


def test_a_seal_key_with_the_wrong_passphrase_is_an_operator_error(settings, tmp_path):
    (tmp_path / "000.00.15.H42.p12").write_bytes(issue_p12("Sở Tư pháp", "UBND tỉnh Ninh Bình"))
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path,
                               "SEAL_PASSPHRASE": "khong-dung"}
    with pytest.raises(SigningError, match="Mật khẩu"):
        signing.seal_identity_for("000.00.15.H42")


def test_signing_and_validation_work_under_a_running_event_loop(document, person):
    """An ASGI server or a browser-test session runs a loop; pyHanko's asyncio.run() must not
    meet it (it refuses to start inside a running loop)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def in_a_loop():
        signed = signing.sign_pdf(document, person, kind="person")
        return signing.validate_pdf(signed, trust_roots=pki().root_pem)

    # a thread of its own: this one may already run the browser tests' loop
    with ThreadPoolExecutor(max_workers=1) as pool:
        checks = pool.submit(asyncio.run, in_a_loop()).result()
    assert [(check.intact, check.valid, check.trusted) for check in checks] == [(True, True, True)]
