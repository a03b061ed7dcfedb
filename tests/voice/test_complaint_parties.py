"""Several people complaining together (domain feedback-complaints §4.2; Luật Khiếu nại 2011 art.
8(4); NĐ 124/2020 art. 6, 16(1) as amended by NĐ 155/2026): the others named beside the filer,
their representatives, the acceptance that needs their signatures and the appointment, and the
pages and notices that name them."""

import io
import unicodedata

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from motcua.core.errors import InvalidInput
from motcua.voice import complaint_lifecycle, parties, services
from motcua.voice.models import ComplaintCase
from motcua.voice.models import ComplaintStatus as S
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import act_on_complaint, complaint, complaint_in
from tests.helpers import bearer_headers

LINES = ("Trần Thị Bình; 037000000002; Ninh Nhất, Hoa Lư; đại diện\n"
         "\n"
         "Lê Văn Cường; ; Ninh Khánh, Hoa Lư\n")
OTHERS = [parties.Party("Trần Thị Bình", "Ninh Nhất, Hoa Lư", "037000000002", True),
          parties.Party("Lê Văn Cường", "Ninh Khánh, Hoa Lư")]
FORM = {"agency": "000.00.15.H42", "instance": 1, "act_kind": "decision",
        "act_reference": "Quyết định số 12/QĐ-SKHCN", "respondent": "Giám đốc Sở",
        "title": "Khiếu nại quyết định thu hồi", "content": "Trái luật",
        "name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"}


def _text(response) -> str:
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(unicodedata.normalize("NFC", " ".join(
        page.extract_text() for page in pages)).split())


def test_the_others_are_read_one_a_line_with_the_representatives_marked():
    assert parties.parse(LINES) == OTHERS
    assert parties.parse(parties.lines(OTHERS)) == OTHERS
    assert parties.parse("") == []
    with pytest.raises(parties.PartiesInvalid, match="Dòng 2"):
        parties.parse("Trần Thị Bình; ; Hoa Lư\nLê Văn Cường; Hoa Lư")
    with pytest.raises(parties.PartiesInvalid, match="Dòng 1"):
        parties.parse("Trần Thị Bình; ; Hoa Lư; chủ nhà")


def test_each_complainant_gives_a_name_and_an_address_luat_khieu_nai_art_8_2():
    with pytest.raises(parties.PartiesInvalid, match="địa chỉ"):
        parties.parse("Trần Thị Bình; 037000000002;  ")


def test_at_most_five_representatives_with_the_filer_luat_tiep_cong_dan_art_30():
    four = [parties.Party(f"Người {n}", "Hoa Lư", representative=True) for n in range(4)]
    assert parties.checked(four) == four
    with pytest.raises(parties.PartiesInvalid, match="không quá 5"):
        parties.checked([*four, parties.Party("Người 5", "Hoa Lư", representative=True)])


def test_a_complaint_of_several_is_accepted_only_with_signatures_and_appointment_nd_124_art_6(
        world):
    case = complaint(world, co_complainants=OTHERS)
    assert [(p.name, p.representative) for p in case.parties.all()] == [
        ("Trần Thị Bình", True), ("Lê Văn Cường", False)]
    with pytest.raises(complaint_lifecycle.NotAllowed, match="văn bản cử người đại diện"):
        act_on_complaint(world.leader, case, "accept", MONDAY_MORNING)
    case = act_on_complaint(world.leader, case, "accept", MONDAY_MORNING,
                            appointment_checked=True)
    assert case.status == S.ACCEPTED
    # one person alone needs no appointment
    assert act_on_complaint(world.leader, complaint(world), "accept",
                            MONDAY_MORNING).status == S.ACCEPTED


def test_the_filing_is_refused_whole_when_a_party_is_incomplete(world):
    with pytest.raises(InvalidInput):
        services.file_complaint(world.citizen, complaint_in(
            world, co_complainants=[parties.Party("Trần Thị Bình", "")]))
    assert not ComplaintCase.objects.exists()


def test_the_citizen_names_the_others_on_the_portal_and_the_notice_lists_them(world, client_as):
    citizen = client_as(world.citizen)
    bad = citizen.post(reverse("portal:complaint_new"), {**FORM, "co_complainants": "Bình"})
    assert bad.status_code == 422 and "Dòng 1" in bad.text
    with time_machine.travel(MONDAY_MORNING, tick=False):
        answer = citizen.post(reverse("portal:complaint_new"), {**FORM, "co_complainants": LINES})
    case = ComplaintCase.objects.get()
    assert answer.status_code == 302 and case.parties.count() == 2
    page = citizen.get(answer["Location"]).text
    assert 'id="complaint-parties"' in page and "Lê Văn Cường" in page
    assert "037000000002" not in page  # the numbers stay with the officers
    act_on_complaint(world.leader, case, "accept", MONDAY_MORNING, appointment_checked=True)
    text = _text(citizen.get(reverse("portal:complaint_notice",
                                     args=[case.code, "thong-bao-thu-ly"])))
    assert "Nguyễn Văn An (người đại diện)" in text
    assert "Trần Thị Bình (người đại diện); Lê Văn Cường" in text


def test_the_resolver_names_the_others_of_a_desk_letter_on_accepting(world, client_as):
    case = complaint(world)
    leader = client_as(world.leader)
    url = reverse("backoffice:complaint_action", args=[case.code, "accept"])
    with time_machine.travel(MONDAY_MORNING, tick=False):
        refused = leader.post(url, {"accept-version": case.version,
                                    "accept-co_complainants": LINES})
        assert refused.status_code == 422 and "văn bản cử người đại diện" in refused.text
        done = leader.post(url, {"accept-version": case.version, "accept-co_complainants": LINES,
                                 "accept-appointment_checked": "on"})
    assert done.status_code == 302
    page = leader.get(reverse("backoffice:complaint", args=[case.code])).text
    assert "Lê Văn Cường — Ninh Khánh, Hoa Lư" in page and "037000000002" in page


def test_the_api_takes_and_returns_the_others(world):
    client = Client(headers=bearer_headers(world.citizen.username))
    with time_machine.travel(MONDAY_MORNING, tick=False):
        sent = client.post("/api/v1/complaints", {
            "agency": "000.00.15.H42", "act_kind": "decision", "act_reference": "QĐ 12",
            "respondent": "Giám đốc Sở", "title": "Khiếu nại", "content": "Trái luật",
            "sender": {"name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"},
            "co_complainants": [{"name": "Trần Thị Bình", "address": "Ninh Nhất",
                                 "representative": True}]}, content_type="application/json")
    assert sent.status_code == 201, sent.content
    assert sent.json()["co_complainants"] == [{"name": "Trần Thị Bình", "representative": True}]
