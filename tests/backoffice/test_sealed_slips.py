"""A slip carries the receiving agency's seal signature when a seal key is configured for it."""

import pytest

from motcua.core import signing
from tests.backoffice.conftest import pdf_text, received
from tests.signing_certs import pki


@pytest.fixture
def seal_folder(settings, tmp_path):
    settings.MOTCUA_SIGNING = {**settings.MOTCUA_SIGNING, "SEAL_DIR": tmp_path,
                               "SEAL_PASSPHRASE": pki().passphrase}
    return tmp_path


def receipt(staff, dossier) -> bytes:
    response = staff("khcn.tiepnhan").get(f"/phieu/{dossier.code}/tiep-nhan.pdf")
    assert response.status_code == 200
    return response.content


def test_a_slip_is_sealed_with_the_receiving_agency_seal(staff, seal_folder):
    dossier = received()
    code = dossier.receiving_agency.identifier_code
    (seal_folder / f"{code}.p12").write_bytes(pki().seal_p12)
    data = receipt(staff, dossier)
    [check] = signing.validate_pdf(data, trust_roots=pki().root_pem)
    assert check.kind == "seal" and check.signer_name == pki().agency_name
    assert check.intact and check.valid and check.trusted and check.covers_whole_file
    assert dossier.code in pdf_text(data).replace(" ", "")  # the slip itself is unchanged


def test_a_slip_stays_unsigned_without_a_seal_key_for_the_agency(staff, seal_folder):
    (seal_folder / "000.00.99.H42.p12").write_bytes(pki().seal_p12)  # another agency's key
    assert signing.validate_pdf(receipt(staff, received())) == []


def test_an_unusable_seal_key_leaves_the_slip_unsigned_not_broken(staff, seal_folder, settings):
    dossier = received()
    (seal_folder / f"{dossier.receiving_agency.identifier_code}.p12").write_bytes(b"hong")
    assert signing.validate_pdf(receipt(staff, dossier)) == []
