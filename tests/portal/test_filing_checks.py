"""Online filing refuses an owner that could never be looked up (core.identifiers' rules)."""

import pytest

from motcua.dossiers.models import Dossier
from tests.factories.catalog import demo_procedure
from tests.portal.conftest import CITIZEN, pdf

pytestmark = pytest.mark.django_db

DETAILS = {"owner_name": "Nguyễn Văn An", "owner_id_number": CITIZEN, "subject": "x",
           "delivery": "online", "receiving_agency": "000.00.15.H42"}


def step_one(client, **changes):
    response = client.post("/thu-tuc/DP.BC002/nop-truc-tuyen/")
    return client.post(response.url, {**DETAILS, **changes})


@pytest.mark.parametrize("id_number", ["12345", "abc"])
def test_filing_refuses_an_owner_id_that_is_not_12_digits_luat_can_cuoc_2023(citizen, id_number):
    # Luật Căn cước 2023 art. 12, NĐ 70/2024: the personal ID number has 12 digits
    answer = step_one(citizen(), owner_id_number=id_number)
    assert answer.status_code == 422
    assert "12 chữ số" in " ".join(answer.context["form"].errors["owner_id_number"])


def test_filing_refuses_a_phone_of_two_digits(citizen):
    answer = step_one(citizen(), owner_phone="12")
    assert answer.status_code == 422 and "owner_phone" in answer.context["form"].errors


def test_filing_keeps_the_id_and_phone_as_typed_in_their_stored_form(citizen):
    answer = step_one(citizen(), owner_id_number="037 090.001 234", owner_phone="+84 912 000 111")
    assert answer.status_code == 302
    from motcua.portal.models import Draft

    data = Draft.objects.get().data
    assert (data["owner_id_number"], data["owner_phone"]) == (CITIZEN, "0912000111")



ORGANISATION = {"owner_name": "Công ty TNHH In Ấn Hương Giang", "subject": "Bản tin nội bộ",
                "delivery": "online"}


def test_an_organisation_owner_is_known_by_its_tax_code_not_a_personal_id(province, citizen):
    # the demo catalogue's 1.009374 (decided by the Department of Culture): organisations only
    demo_procedure("1.009374")
    # core.identifiers: a person by the 12-digit personal ID, an organisation by its tax code
    client = citizen()
    start = client.post("/thu-tuc/1.009374/nop-truc-tuyen/")
    page = client.get(start.url)
    assert "Thủ tục này dành cho: Cơ quan, tổ chức, doanh nghiệp" in page.content.decode()
    details = {**ORGANISATION,
               "receiving_agency": page.context["form"].fields["receiving_agency"].choices[0][0]}
    refused = client.post(start.url, {**details, "owner_type": "business",
                                      "owner_id_number": CITIZEN})
    assert refused.status_code == 422
    assert "Mã số thuế" in " ".join(refused.context["form"].errors["owner_id_number"])
    saved = client.post(start.url, {**details, "owner_type": "business",
                                    "owner_id_number": "3301234567"})
    assert saved.status_code == 302, saved.context["form"].errors
    files = client.post(saved.url, {"c1": pdf("to-khai.pdf"), "c3": pdf("so-yeu.pdf"),
                                    "c4": pdf("mau.pdf"), "go": "next"})
    assert files.status_code == 302, files.context["errors"]
    review = client.get(files.url).content.decode()
    assert "3301234567" in review and "(Doanh nghiệp)" in review
    assert client.post(files.url, {"declaration": "on"}).status_code == 302
    dossier = Dossier.objects.get()
    assert (dossier.owner_type, dossier.owner_id_number) == ("business", "3301234567")
    assert dossier.owner_name == "Công ty TNHH In Ấn Hương Giang"


def test_a_person_owner_needs_a_personal_id_and_an_organisation_a_tax_code(citizen):
    client = citizen()
    start = client.post("/thu-tuc/DP.BC002/nop-truc-tuyen/")
    assert client.get(start.url).context["form"]["owner_type"].initial == "citizen"
    refused = client.post(start.url, {**DETAILS, "owner_type": "citizen",
                                      "owner_id_number": "3301234567"})
    assert "12 chữ số" in " ".join(refused.context["form"].errors["owner_id_number"])
    saved = client.post(start.url, {**DETAILS, "owner_type": "other",
                                    "owner_id_number": "3301234567"})
    assert saved.status_code == 302  # the filer said the owner is an organisation
