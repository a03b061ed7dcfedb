"""The citizen's export of their own data (NĐ 356/2025 art. 5: view and copy), as JSON and PDF:
their account, their dossiers and history, their letters — and nothing of another citizen."""

import json

import pytest
import time_machine

from motcua.privacy import services
from motcua.voice import services as voice
from tests.helpers import CITIZEN, OTHER_CITIZEN, local, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_citizens(api, world, media_in_tmp):
    """A dossier and a feedback of each citizen."""
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        mine = submit_online(api)["code"]
        theirs = submit_online(api, username=OTHER_CITIZEN)["code"]
        for user, title in ((world.citizen, "Phản ánh của An"),
                            (world.other_citizen, "Phản ánh của Bình")):
            voice.submit_feedback(user, voice.FeedbackIn(
                sender=voice.Sender(user.get_full_name(), "Hoa Lư", "0912345678"),
                title=title, content="Nội dung", agency="000.00.15.H42"))
    return mine, theirs


def test_the_export_holds_the_citizens_dossiers_and_nothing_of_others(world, two_citizens,
                                                                       stored):
    mine, theirs = two_citizens
    data = json.loads(services.export(world.citizen, "json"))
    assert data["account"]["username"] == CITIZEN
    assert [d["code"] for d in data["dossiers"]] == [mine]
    assert data["dossiers"][0]["history"], "the dossier's history is in it"
    assert [letter["title"] for letter in data["letters"]] == ["Phản ánh của An"]
    text = json.dumps(data, ensure_ascii=False)
    assert theirs not in text and OTHER_CITIZEN not in text and "Trần Thị Bình" not in text
    [event] = stored("data_export")
    assert event["export.format"] == "json" and event["user.id"] == world.citizen.pk


def test_the_pdf_export_is_a_pdf_of_the_same_data(world, two_citizens):
    made = services.export(world.citizen, "pdf")
    assert made.startswith(b"%PDF")


def test_the_export_pages_answer_the_citizen_only(world, two_citizens, client_as):
    mine, theirs = two_citizens
    answer = client_as(world.other_citizen).get("/ca-nhan/du-lieu-ca-nhan/tai-ve.json")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "private, no-store"
    body = answer.content.decode()
    assert theirs in body and mine not in body
    pdf = client_as(world.citizen).get("/ca-nhan/du-lieu-ca-nhan/tai-ve.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client_as(world.citizen).get("/ca-nhan/du-lieu-ca-nhan/tai-ve.xml").status_code \
        == 404
    assert client_as(world.officer).get("/ca-nhan/du-lieu-ca-nhan/tai-ve.json").status_code \
        == 403


def test_the_export_holds_the_counters_dossiers_under_the_verified_id_number(world, api,
                                                                             client_as):
    from motcua.org.models import ApplicantProfile, User
    from motcua.org.services import verify_identity
    from tests.dossiers.test_registration import receipt

    status, counter = receipt(api, owner={"name": "Nguyễn Văn An", "id_number": CITIZEN})
    assert status == 201, counter
    assert counter["code"] not in services.export(world.citizen, "json").decode()  # unverified
    admin = User.objects.filter(is_superuser=True).first()
    verify_identity(ApplicantProfile.objects.get(user=world.citizen), by=admin)
    verified = User.objects.get(pk=world.citizen.pk)  # the profile read afresh
    assert counter["code"] in services.export(verified, "json").decode()
    assert counter["code"] not in services.export(world.other_citizen, "json").decode()
