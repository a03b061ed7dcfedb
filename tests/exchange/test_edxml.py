"""edXML packages: round trips, the reference samples, malformed and hostile input."""

import base64
import datetime as dt
import io
import re
import socket
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from motcua.core.dates import VN_TZ
from motcua.exchange import edxml, rules
from motcua.exchange.edxml import (
    NS,
    Attachment,
    DocumentPackage,
    EdxmlError,
    Organ,
    ReceiverChange,
    Replacement,
    ResponseFor,
    StaffInfo,
    StatusPackage,
    Trace,
    UpdateInfo,
)

DATA = Path(__file__).parent / "data"

SENDER = Organ(
    "000.00.00.H01",
    "Ủy ban nhân dân tỉnh Thử Nghiệm",
    organ_add="Số 1 đường Trần Hưng Đạo",
    email="vanthu@thunghiem.gov.vn",
    telephone="0203 3825 000",
    website="https://thunghiem.gov.vn",
    organization_in_charge="Văn phòng UBND tỉnh",
)
RECIPIENT = Organ("000.00.01.H01", "Sở Nội vụ tỉnh Thử Nghiệm", email="snv@thunghiem.gov.vn")
OTHER_RECIPIENT = Organ("000.00.02.H01", "Sở Tài chính tỉnh Thử Nghiệm")
STAFF = StaffInfo("Văn thư", "Nguyễn Thị Hằng", "0912345678", "hang@thunghiem.gov.vn")
SENT_AT = dt.datetime(2026, 3, 2, 9, 30, 15, tzinfo=VN_TZ)


def document(**overrides) -> DocumentPackage:
    values = {
        "sender": SENDER,
        "recipients": (RECIPIENT, OTHER_RECIPIENT),
        "code_number": "05",
        "code_notation": "QĐ-UBND",
        "promulgation_place": "Thử Nghiệm",
        "promulgation_date": dt.date(2026, 3, 2),
        "subject": "Về việc phê duyệt kế hoạch cải cách hành chính năm 2026",
        "document_type": 1,
        "type_name": "Quyết định",
        "content": "Phê duyệt kế hoạch cải cách hành chính năm 2026 của tỉnh.",
        "signer_competence": "KT. CHỦ TỊCH",
        "signer_position": "Phó Chủ tịch",
        "signer_full_name": "Trần Văn Đức",
        "due_date": dt.date(2026, 3, 16),
        "priority": rules.PRIORITY["very_urgent"],
        "sphere_of_promulgation": "Liên thông văn bản quốc gia",
        "typer_notation": "NTH",
        "promulgation_amount": 3,
        "page_amount": 4,
        "appendixes": ("Phụ lục I: Danh mục nhiệm vụ",),
        "steering_type": 1,
        "to_places": ("Như Điều 3;", "Lưu: VT, NC."),
        "paper": True,
        "staff": STAFF,
        "traces": (Trace(SENDER.organ_id, SENT_AT),),
        "attachments": (
            Attachment(
                "05-QD-UBND.pdf", "application/pdf", b"%PDF-1.7\n%\xe2\xe3 test\n", "Bản chính"
            ),
            Attachment(
                "bang-tong-hop.odt", "application/vnd.oasis.opendocument.text", b"\x00\x01odt"
            ),
        ),
    }
    values.update(overrides)
    return DocumentPackage(**values)


def status(code: int, **overrides) -> StatusPackage:
    values = {
        "sender": RECIPIENT,
        "receiver": Organ(SENDER.organ_id, ""),
        "document_id": "000.00.00.H01,2026/03/02,05/QĐ-UBND",
        "status_code": code,
        "timestamp": SENT_AT,
        "description": "Văn bản không đúng thẩm quyền" if code == 2 else "",
        "staff": STAFF,
    }
    values.update(overrides)
    return StatusPackage(**values)


# --- round trips -------------------------------------------------------------------------------


def test_document_round_trip_with_two_attachments_one_zipped():
    package = document()
    assert edxml.parse(edxml.build_document(package)) == package


def test_document_id_is_organ_date_number_and_notation():
    # QCVN 102 (as implemented): <From.OrganId>,<yyyy/MM/dd>,<CodeNumber>/<CodeNotation>
    assert document().document_id == "000.00.00.H01,2026/03/02,05/QĐ-UBND"
    assert document().code == "05/QĐ-UBND"


def test_non_office_attachment_is_sent_zipped_under_its_own_name():
    # QCVN 102 §1.4 (SDK builder): anything other than pdf/doc/docx/xls goes as application/zip
    root = etree.fromstring(edxml.build_document(document()))
    attachments = root.findall(f"{{{NS}}}AttachmentEncoded/{{{NS}}}Attachment")
    types = [a.findtext(f"{{{NS}}}ContentType") for a in attachments]
    assert types == ["application/pdf", "application/zip"]
    payload = base64.b64decode(attachments[1].findtext(f"{{{NS}}}ContentTransferEncoded"))
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        assert archive.namelist() == ["bang-tong-hop.odt"]
        assert archive.read("bang-tong-hop.odt") == b"\x00\x01odt"
    references = root.findall(f".//{{{NS}}}edXMLManifest/{{{NS}}}Reference")
    assert [r.findtext(f"{{{NS}}}ContentId") for r in references] == ["cid:1", "cid:2"]


def test_revoke_update_and_replace_round_trip():
    original = "000.00.00.H01,2026/02/20,03/QĐ-UBND"
    for package in (
        document(business_doc_type=edxml.DOC_REVOKE, business_document_id=original),
        document(
            business_doc_type=edxml.DOC_UPDATE,
            business_document_id=original,
            update_info=UpdateInfo(True, True, (ReceiverChange("000.00.03.H01", 1),)),
        ),
        document(
            business_doc_type=edxml.DOC_REPLACE,
            replacements=(Replacement(original, ("000.00.01.H01", "000.00.02.H01")),),
            response_for=(
                ResponseFor(
                    "000.00.09.H01", "12/SNV-VP", dt.date(2026, 2, 1), "x,2026/02/01,12/SNV-VP"
                ),
            ),
            due_date=None,
        ),
    ):
        assert edxml.parse(edxml.build_document(package)) == package
    assert document(business_doc_type=edxml.DOC_UPDATE).business_doc_reason == (
        "Cập nhật văn bản điện tử"
    )


@pytest.mark.parametrize("code", sorted(edxml.STATUS_CODES))
def test_status_round_trip_for_every_code(code):
    package = status(code)
    data = edxml.build_status(package)
    assert edxml.parse(data) == package
    # QCVN 102 §2.2 (as implemented): two digits on the wire
    assert f"<edXML:StatusCode>{code:02d}</edXML:StatusCode>".encode() in data


def test_status_package_has_no_body_and_no_attachments():
    root = etree.fromstring(edxml.build_status(status(3)))
    assert root.find(f".//{{{NS}}}edXMLBody") is None
    assert root.find(f"{{{NS}}}AttachmentEncoded") is None
    response = root.find(f".//{{{NS}}}ResponseFor")
    assert response.findtext(f"{{{NS}}}Code") == "05/QĐ-UBND"
    assert response.findtext(f"{{{NS}}}PromulgationDate") == "2026/03/02"


def test_times_are_written_in_vietnam_local_time_without_zone():
    # QCVN 102 (as implemented): yyyy/MM/dd HH:mm:ss, UTC+7, no suffix
    utc = dt.datetime(2026, 3, 2, 2, 30, 15, tzinfo=dt.UTC)
    data = edxml.build_status(status(1, timestamp=utc))
    assert b"<edXML:Timestamp>2026/03/02 09:30:15</edXML:Timestamp>" in data
    assert edxml.parse(data).timestamp == utc


def test_naive_timestamp_is_refused():
    with pytest.raises(EdxmlError, match="múi giờ"):
        edxml.build_status(status(1, timestamp=dt.datetime(2026, 3, 2, 9, 30)))


def test_refusal_02_requires_a_reason_when_built():
    # NĐ 30/2020 art. 21(2): a refused document goes back with its reason
    with pytest.raises(EdxmlError, match="lý do"):
        edxml.build_status(status(2, description="  "))


# --- the prefix rule ---------------------------------------------------------------------------


def test_every_element_in_the_envelope_carries_the_edxml_prefix():
    # QCVN 102 interop (VPCP's .NET serializer): explicit edXML: prefixes inside the envelope
    data = edxml.build_document(document())
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert b'<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">' in data
    assert b"<edXML:MessageHeader>" in data
    envelope = data[data.index(b"<edXML:edXMLEnvelope") : data.index(b"</edXML:edXMLEnvelope>")]
    tags = re.findall(rb"<([A-Za-z:]+)[ >/]", envelope)
    assert tags and all(tag.startswith(b"edXML:") for tag in tags)
    outside = data[data.index(b"</edXML:edXMLEnvelope>") :]
    assert b"<AttachmentEncoded>" in outside and b"<Attachment>" in outside
    for element in etree.fromstring(data).iter():
        assert etree.QName(element).namespace == NS


def test_status_envelope_carries_the_prefix_too():
    data = edxml.build_status(status(5))
    envelope = data[data.index(b"<edXML:edXMLEnvelope") : data.index(b"</edXML:edXMLEnvelope>")]
    assert all(tag.startswith(b"edXML:") for tag in re.findall(rb"<([A-Za-z:]+)[ >/]", envelope))


# --- the samples of the domain reference -------------------------------------------------------


def test_sdk_sample_document_parses():
    package = edxml.parse((DATA / "sample_document.edxml").read_bytes())
    assert isinstance(package, DocumentPackage)
    assert package.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert package.sender.organ_id == "000.00.00.G22"
    assert [organ.organ_id for organ in package.recipients] == ["000.00.00.H53"]
    assert package.code == "7816/VPCP-TTĐT"
    assert package.promulgation_date == dt.date(2015, 9, 30)
    assert package.type_name == "Công văn"
    assert package.due_date == dt.date(2018, 9, 28)
    assert package.steering_type == 1
    assert package.to_places == ("Các bộ và cơ quan ngang bộ",)
    assert package.business_doc_reason == "Văn bản điện tử mới"
    assert package.staff.department == "Văn thư"
    # the zipped .doc comes back as the .doc itself
    (attachment,) = package.attachments
    assert attachment.name == "1896_QD-TTg.doc"
    assert attachment.content_type == "application/msword"
    assert attachment.data.startswith(b"Quyet dinh 1896")


def test_sdk_sample_status_parses():
    package = edxml.parse((DATA / "sample_status_05.edxml").read_bytes())
    assert isinstance(package, StatusPackage)
    assert package.status_code == edxml.STATUS_PROCESSING
    assert package.sender.organ_id == "000.00.00.H41"
    assert package.receiver.organ_id == "000.00.00.G22"
    assert package.document_id == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"
    assert package.timestamp == dt.datetime(2015, 9, 20, 11, 8, 36, tzinfo=VN_TZ)
    assert package.description == "Đang xử lý văn bản đến"


def test_known_variants_are_accepted_when_reading():
    # QCVN 102 §6.3 (as implemented): Business/Bussiness, Status/MessageHeader, "1"/"01",
    # cid: or bare ContentId, other date layouts, no prefix
    text = edxml.build_document(document()).decode()
    text = (
        text.replace("Bussiness", "Business")
        .replace("edXML:", "")
        .replace(' xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"', "")
    )
    text = text.replace("<PromulgationDate>2026/03/02", "<PromulgationDate>2026-03-02")
    text = text.replace("<ContentId>cid:1</ContentId>", "<ContentId>1</ContentId>", 1)
    package = edxml.parse(text.encode())
    assert package.business_doc_reason == "Văn bản điện tử mới"
    assert package.promulgation_date == dt.date(2026, 3, 2)
    assert package.paper is True
    assert [a.description for a in package.attachments] == ["Bản chính", ""]

    status_text = edxml.build_status(status(1)).decode()
    status_text = status_text.replace("MessageHeader>", "Status>").replace(
        "<edXML:StatusCode>01<", "<edXML:StatusCode>1<"
    )
    assert edxml.parse(status_text.encode()).status_code == 1


# --- malformed input ---------------------------------------------------------------------------


def _mutate(old: bytes, new: bytes) -> bytes:
    data = edxml.build_document(document())
    assert old in data
    return data.replace(old, new, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "rỗng"),
        (b"this is not xml", "không phải XML"),
        (b"<edXML><unclosed></edXML>", "không phải XML"),
        (
            b'<edXML xmlns="urn:other"><edXMLEnvelope/></edXML>',
            "không gian tên http://www.mic.gov.vn/TBT/QCVN_102_2016",
        ),
        (
            f'<edXML xmlns="{NS}"><edXMLEnvelope><edXMLHeader/></edXMLEnvelope></edXML>'.encode(),
            "MessageHeader",
        ),
        (f'<edXML xmlns="{NS}"/>'.encode(), "edXMLEnvelope"),
    ],
)
def test_malformed_packages_get_a_clear_error(data, message):
    with pytest.raises(EdxmlError, match=re.escape(message)):
        edxml.parse(data)


def test_missing_from_is_named():
    data = edxml.build_document(document())
    start, end = data.index(b"<edXML:From>"), data.index(b"</edXML:From>") + len(b"</edXML:From>")
    with pytest.raises(EdxmlError, match="Thiếu phần tử From trong edXMLHeader/MessageHeader"):
        edxml.parse(data[:start] + data[end:])


def test_bad_date_is_named():
    data = _mutate(b"<edXML:PromulgationDate>2026/03/02", b"<edXML:PromulgationDate>02.03.2026")
    with pytest.raises(EdxmlError, match="PromulgationInfo/PromulgationDate") as error:
        edxml.parse(data)
    assert "02.03.2026" in str(error.value)


def test_unknown_status_code_is_refused():
    data = edxml.build_status(status(5)).replace(b">05<", b">07<")
    with pytest.raises(EdxmlError, match="Mã trạng thái không hợp lệ: '07'"):
        edxml.parse(data)


def test_refusal_02_without_reason_is_refused_when_read():
    # NĐ 30/2020 art. 21(2)
    data = edxml.build_status(status(2)).replace(
        "<edXML:Description>Văn bản không đúng thẩm quyền</edXML:Description>".encode(),
        b"<edXML:Description/>",
    )
    with pytest.raises(EdxmlError, match="thiếu lý do"):
        edxml.parse(data)


def test_truncated_base64_is_refused():
    data = edxml.build_document(document())
    start = data.index(b"ContentTransferEncoded", data.index(b"<AttachmentEncoded>"))
    start = data.index(b">", start) + 1
    end = data.index(b"<", start)
    truncated = data[:start] + data[start : end - 3] + data[end:]
    with pytest.raises(EdxmlError, match=r"base64.*Attachment\[1\] \(05-QD-UBND.pdf\)"):
        edxml.parse(truncated)


def test_broken_zip_is_refused():
    broken = base64.b64encode(b"PK\x03\x04 not really a zip").decode()
    data = edxml.build_document(document(attachments=(Attachment("a.odt", "x", b"1"),)))
    start = data.index(
        b">", data.index(b"ContentTransferEncoded", data.index(b"<AttachmentEncoded>"))
    )
    end = data.index(b"<", start)
    with pytest.raises(EdxmlError, match="tệp nén hỏng"):
        edxml.parse(data[: start + 1] + broken.encode() + data[end:])


def test_too_large_package_is_refused(monkeypatch):
    monkeypatch.setattr(edxml.reader, "MAX_PACKAGE_BYTES", 1000)
    with pytest.raises(EdxmlError, match="quá lớn"):
        edxml.parse(edxml.build_document(document()))


def test_too_many_attachments_are_refused(monkeypatch):
    data = edxml.build_document(document())
    monkeypatch.setattr(edxml.reader, "MAX_ATTACHMENTS", 1)
    with pytest.raises(EdxmlError, match="Quá nhiều tệp đính kèm"):
        edxml.parse(data)


def test_a_document_without_recipient_cannot_be_built():
    with pytest.raises(EdxmlError, match="nơi nhận"):
        edxml.build_document(document(recipients=()))


def test_a_control_character_cannot_be_built():
    with pytest.raises(EdxmlError, match="ký tự không hợp lệ"):
        edxml.build_document(document(subject="Trích yếu\x00"))


# --- hostile input -----------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader>
<MessageHeader><From><OrganId>&lol9;</OrganId></From></MessageHeader></edXMLHeader>
</edXMLEnvelope></edXML>"""


def _xxe(system_id: str) -> bytes:
    package = edxml.build_document(document()).decode()
    package = package.replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    package = package.replace("<edXML:Subject>Về việc", "<edXML:Subject>&xxe; Về việc")
    declaration = (
        f'<?xml version="1.0"?>\n<!DOCTYPE edXML [ <!ENTITY xxe SYSTEM "{system_id}"> ]>\n'
    )
    return (declaration + package).encode()


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        _xxe("file:///etc/passwd"),
        _xxe("http://127.0.0.1:9/secret"),
        b'<!doctype edXML SYSTEM "http://127.0.0.1:9/edxml.dtd"><edXML/>',
        "<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE x [<!ENTITY a 'b'>]><edXML/>".encode(
            "utf-16"
        ),
    ],
    ids=["billion-laughs", "xxe-file", "xxe-http", "external-dtd", "utf-16"],
)
def test_doctype_and_entities_are_refused(data):
    with pytest.raises(
        EdxmlError, match="(?i)gói tin chứa khai báo DOCTYPE/thực thể, bị từ chối"
    ) as error:
        edxml.parse(data)
    assert "root:" not in str(error.value)


def test_a_file_entity_never_leaks_even_if_the_scan_were_bypassed(monkeypatch):
    """The parser itself resolves nothing: with the DOCTYPE scan off, &xxe; stays unexpanded and
    the package is still refused."""
    monkeypatch.setattr(edxml.reader, "_has_declaration", lambda data: False)
    with pytest.raises(EdxmlError) as error:
        edxml.parse(_xxe("file:///etc/passwd"))
    assert "root:" not in str(error.value)


def test_an_http_entity_is_never_fetched_even_if_the_scan_were_bypassed(monkeypatch):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    monkeypatch.setattr(edxml.reader, "_has_declaration", lambda data: False)
    try:
        with pytest.raises(EdxmlError):
            edxml.parse(_xxe(f"http://127.0.0.1:{listener.getsockname()[1]}/secret"))
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody called
    finally:
        listener.close()


# --- property: any Vietnamese subject and notation survive the round trip ----------------------

VIETNAMESE = (
    st.text(
        alphabet=st.sampled_from(
            list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộ")
            + list("ớờởỡợúùủũụứừửữựýỳỷỹỵ0123456789 -/,.;:()&<>\"'")
        ),
        min_size=1,
        max_size=80,
    )
    .map(str.strip)
    .filter(bool)
)
NOTATION = st.text(
    alphabet=st.sampled_from(list("ABCDĐEGHKLMNPQRSTUVXYyĐ-")), min_size=1, max_size=20
)


@settings(max_examples=60, deadline=None)
@given(subject=VIETNAMESE, notation=NOTATION, number=st.integers(1, 99999))
def test_round_trip_property(subject, notation, number):
    package = document(subject=subject, code_notation=notation, code_number=f"{number:02d}")
    parsed = edxml.parse(edxml.build_document(package))
    assert parsed == package
    assert parsed.document_id.endswith(f",{number:02d}/{notation}")


def test_an_attachment_beyond_the_parser_text_limit_gets_a_clear_error():
    big = Attachment("lon.pdf", "application/pdf", b"%PDF" + bytes(8 * 1024 * 1024))
    data = edxml.build_document(document(attachments=(big,)))
    with pytest.raises(EdxmlError, match="tối đa khoảng 7 MB"):
        edxml.parse(data)
