"""Real-world packages (tests/exchange/data/real, sources in its README) read by edxml.parse, and
motcua's own packages checked against what the official SDK's reader expects of them."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from motcua.core.dates import VN_TZ
from motcua.exchange import edxml
from tests.exchange import real

NS = edxml.NS


def test_an_all_empty_response_for_from_the_sdk_builder_means_none():
    package = edxml.parse(
        real.with_response_for(
            real.load("sdk_builder_document.edxml"), real.sdk_empty_response_for()
        )
    )
    assert package.response_for == ()
    assert package.code == "7816/VPCP-TTĐT"


def test_a_bare_empty_response_for_means_none():
    data = real.with_response_for(real.load("sdk_builder_document.edxml"), real.BARE_RESPONSE_FOR)
    assert edxml.parse(data).response_for == ()


def test_a_response_for_with_a_document_id_only_is_kept_without_a_date():
    block = (
        b"<edXML:ResponseFor><edXML:DocumentId>"
        + real.SDK_UUID.encode()
        + (b"</edXML:DocumentId></edXML:ResponseFor>")
    )
    package = edxml.parse(real.with_response_for(real.load("sdk_builder_document.edxml"), block))
    assert package.response_for == (edxml.ResponseFor("", "", None, real.SDK_UUID),)


def test_a_uuid_document_id_is_kept_as_the_axis_delivers_it():
    data = real.with_document_id(real.load("sdk_builder_document.edxml"), real.SDK_UUID)
    package = edxml.parse(data)
    assert package.document_id == real.SDK_UUID
    assert (package.code_number, package.code_notation) == ("7816", "VPCP-TTĐT")
    assert package.promulgation_date == dt.date(2019, 4, 11)


def test_a_status_about_a_uuid_document_is_read_with_its_own_code_and_date():
    data = real.with_document_id(real.load("bkav_status_05.edxml"), real.SDK_UUID)
    package = edxml.parse(data)
    assert isinstance(package, edxml.StatusPackage)
    assert package.document_id == real.SDK_UUID
    assert (package.code, package.promulgation_date) == ("7816/VPCP-TTĐT", dt.date(2015, 9, 30))
    assert package.status_code == 5


def test_a_status_about_a_uuid_document_is_built_from_its_code_and_date():
    built = edxml.build_status(
        edxml.StatusPackage(
            sender=edxml.Organ("000.00.00.H41", "UBND Tỉnh Nghệ An"),
            receiver=edxml.Organ("000.00.00.G22", "Văn phòng Chính phủ"),
            document_id=real.SDK_UUID,
            status_code=1,
            timestamp=dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ),
            code="7816/VPCP-TTĐT",
            promulgation_date=dt.date(2019, 4, 11),
        )
    )
    answered = etree.fromstring(built).find(f".//{{{NS}}}ResponseFor")
    assert [(etree.QName(e).localname, e.text) for e in answered] == [
        ("OrganId", "000.00.00.G22"),
        ("Code", "7816/VPCP-TTĐT"),
        ("PromulgationDate", "2019/04/11"),
        ("DocumentId", real.SDK_UUID),
    ]


def test_a_status_without_its_document_code_is_not_built():
    with pytest.raises(edxml.EdxmlError, match="ResponseFor"):
        edxml.build_status(
            edxml.StatusPackage(
                sender=edxml.Organ("000.00.00.H41", "UBND Tỉnh Nghệ An"),
                receiver=edxml.Organ("000.00.00.G22", ""),
                document_id=real.SDK_UUID,
                status_code=1,
                timestamp=dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ),
            )
        )


def test_an_empty_appendix_is_no_appendix():
    package = edxml.parse(real.load("bkav_document.edxml"))
    assert package.appendixes == ()
    assert package.promulgation_date == dt.date(2020, 10, 30)  # written 30/10/2020
    assert package.due_date is None  # an empty DueDate


def test_the_sdk_update_and_replacement_samples_are_read_with_their_business_parts():
    update = edxml.parse(real.load("sdk_update.edxml"))
    assert update.business_doc_type == edxml.DOC_UPDATE
    assert update.update_info == edxml.UpdateInfo(
        True,
        True,
        (edxml.ReceiverChange("000.00.00.H41", 0), edxml.ReceiverChange("000.00.00.H14", 1)),
    )
    replacement = edxml.parse(real.load("sdk_replacement.edxml"))
    assert replacement.business_doc_type == edxml.DOC_REPLACE
    assert replacement.replacements[0] == edxml.Replacement(
        "000.00.00.G22,2014/01/30,7806/VPCP-TTĐT", ("000.00.00.H41", "000.00.00.H14")
    )


def test_the_sdk_unreadable_sample_gets_a_clear_error():
    with pytest.raises(edxml.EdxmlError, match="không phải XML hợp lệ"):
        edxml.parse(real.load("sdk_unreadable.edxml"))


def _names(root, block: str) -> list[tuple[str, str | None]]:
    """(local name, prefix) of every element under the header's ``block`` element."""
    header = root.find(f"{{{NS}}}edXMLEnvelope/{{{NS}}}edXMLHeader/{{{NS}}}{block}")
    return [(etree.QName(e).localname, e.prefix) for e in header.iter() if isinstance(e.tag, str)]


def _ours_and_sdk(ours: bytes, sdk: bytes, block: str):
    mine, theirs = etree.fromstring(ours), etree.fromstring(sdk)
    assert (mine.tag, mine.prefix) == (theirs.tag, theirs.prefix) == (f"{{{NS}}}edXML", None)
    return _names(mine, block), _names(theirs, block)


def test_motcua_document_packages_use_the_sdk_builders_element_names_and_prefix():
    sdk = real.load("sdk_builder_document.edxml")
    ours = edxml.build_document(edxml.parse(sdk))
    mine, theirs = _ours_and_sdk(ours, sdk, "MessageHeader")
    assert {name for name, _p in mine} <= {name for name, _p in theirs}
    assert {prefix for _n, prefix in mine} == {prefix for _n, prefix in theirs} == {"edXML"}
    traces_mine, traces_sdk = _ours_and_sdk(ours, sdk, "TraceHeaderList")
    assert {n for n, _p in traces_mine} <= {n for n, _p in traces_sdk} | {
        "TraceHeader",
        "OrganId",
        "Timestamp",
    }


def test_motcua_status_packages_use_the_sdk_samples_element_names_and_prefix():
    sdk = real.load("bkav_status_05.edxml")
    ours = edxml.build_status(edxml.parse(sdk))
    mine, theirs = _ours_and_sdk(ours, sdk, "MessageHeader")
    assert sorted(mine) == sorted(theirs)
