"""The demo catalogue as the public reads it: every section of a procedure (NĐ 63/2010/NĐ-CP
art. 8), its blank form, its fees where a text sets them, and no internal note."""

import pytest
from django.test import Client

from motcua.catalog.models import Fee, ProcedureVersion

pytestmark = pytest.mark.django_db

INTERNAL_NOTES = ("cần xác nhận", "uncertain", "chưa rõ")


def public_texts(version: ProcedureVersion) -> list[str]:
    return [version.name, version.description, version.applicants, version.requirements,
            *version.legal_basis, *(c.name for c in version.components.all()),
            *(f"{f.name} {f.legal_basis}" for f in version.fees.all())]


def test_no_internal_note_where_the_public_reads(media_in_tmp, demo_data):
    for version in ProcedureVersion.objects.all():
        page = Client().get(f"/thu-tuc/{version.procedure.code}/").content.decode()
        for note in INTERNAL_NOTES:
            assert note not in page.lower(), (version.procedure.code, note)
            assert not any(note in text.lower() for text in public_texts(version))


def test_every_procedure_states_who_uses_it_its_steps_and_its_conditions(media_in_tmp,
                                                                         demo_data):
    for version in ProcedureVersion.objects.all():
        assert version.applicants and version.description and version.requirements
        page = Client().get(f"/thu-tuc/{version.procedure.code}/").content.decode()
        for heading in ("Đối tượng thực hiện", "Trình tự thực hiện", "Yêu cầu, điều kiện",
                        "Phí, lệ phí"):
            assert heading in page, (version.procedure.code, heading)


def test_every_procedure_carries_its_blank_form(media_in_tmp, demo_data):
    for version in ProcedureVersion.objects.all():
        form = version.components.get(order=1)
        response = Client().get(f"/thu-tuc/{version.procedure.code}/mau/1/")
        assert response.status_code == 200, version.procedure.code
        assert b"".join(response.streaming_content).startswith(b"%PDF"), form.name


def test_the_postal_licence_fee_follows_circular_291_2016(demo_data):
    """TT 291/2016/TT-BTC: phí thẩm định điều kiện hoạt động bưu chính, phạm vi nội tỉnh."""
    fee = Fee.objects.get(version__procedure__national_code="DP.BC001")
    assert (fee.kind, fee.amount_vnd, fee.legal_basis) == (
        "fee", 10_000_000, "Thông tư 291/2016/TT-BTC")
    assert Fee.objects.count() == 1  # the other demo procedures set no fee


def test_the_bulletin_licence_gives_each_channels_limit_as_the_national_catalogue(demo_data):
    """Procedure 1.009374 in the national catalogue's "Cách thức thực hiện": 20 days through
    each channel (TT 41/2020/TT-BTTTT art. 18), each with where to file."""
    version = ProcedureVersion.objects.get(procedure__national_code="1.009374")
    assert [(way.channel, way.value, way.unit, way.text) for way in version.limits_by_channel()] \
        == [(channel, 20, "calendar_days", "20 ngày") for channel in ("direct", "online", "postal")]
    page = Client().get("/thu-tuc/1.009374/").content.decode()
    assert "<li>Trực tuyến: 20 ngày <span class=\"text-body-secondary\">(Nộp trên Cổng Dịch vụ " \
        "công quốc gia hoặc Cổng dịch vụ công của tỉnh.)</span></li>" in page
