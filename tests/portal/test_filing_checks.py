"""Online filing refuses an owner that could never be looked up (core.identifiers' rules)."""

import pytest

from tests.portal.conftest import CITIZEN

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
