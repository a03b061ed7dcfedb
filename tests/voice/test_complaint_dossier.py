"""A complaint about the handling of a dossier names it (domain feedback-complaints §3.4, so that
QĐ 766 indicator 5.4 counts it): the citizen from "Hồ sơ của tôi", the portal form or the API;
the resolver on accepting a letter typed in at the desk. Only a dossier the person may see."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.core.errors import NotFound
from motcua.voice import services
from motcua.voice.models import ComplaintCase
from tests.factories.dossiers import MONDAY_MORNING, DossierFactory
from tests.factories.voice import act_on_complaint, complaint, complaint_in
from tests.helpers import bearer_headers

FORM = {"agency": "000.00.15.H42", "instance": 1, "act_kind": "act",
        "act_reference": "Không trả kết quả đúng hẹn", "respondent": "Bộ phận một cửa",
        "title": "Khiếu nại việc giải quyết hồ sơ", "content": "Quá hạn không trả kết quả",
        "name": "Nguyễn Văn An", "address": "Hoa Lư", "phone": "0912345678"}


def test_my_dossiers_offer_a_complaint_on_each_dossier_and_the_form_names_it(world, client_as):
    dossier = DossierFactory(world=world, submitted=True)
    citizen = client_as(world.citizen)
    link = f"{reverse('portal:complaint_new')}?ho-so={dossier.code}"
    assert link in citizen.get(reverse("portal:mine")).text
    form = citizen.get(link)
    assert f'value="{dossier.code}"' in form.text
    with time_machine.travel(MONDAY_MORNING, tick=False):
        answer = citizen.post(reverse("portal:complaint_new"),
                              {**FORM, "dossier_code": dossier.code})
    case = ComplaintCase.objects.get()
    assert answer.status_code == 302 and case.dossier == dossier
    page = citizen.get(answer["Location"])
    assert "Hồ sơ liên quan" in page.text and dossier.code in page.text


def test_a_citizen_cannot_name_someone_elses_dossier(world, client_as):
    theirs = DossierFactory(world=world, submitted=True)
    with pytest.raises(NotFound):
        services.file_complaint(world.other_citizen,
                                complaint_in(world, dossier_code=theirs.code))
    answer = client_as(world.other_citizen).post(reverse("portal:complaint_new"),
                                                 {**FORM, "dossier_code": theirs.code})
    assert answer.status_code == 422 and theirs.code in answer.text
    assert not ComplaintCase.objects.exists()


def test_the_resolver_links_the_dossier_on_accepting_from_the_page(world, client_as):
    dossier = DossierFactory(world=world, submitted=True)
    case = complaint(world)
    leader = client_as(world.leader)
    page = leader.get(reverse("backoffice:complaint", args=[case.code]))
    assert "Mã hồ sơ liên quan" in page.text
    with time_machine.travel(MONDAY_MORNING, tick=False):
        answer = leader.post(reverse("backoffice:complaint_action", args=[case.code, "accept"]),
                             {"accept-version": case.version, "accept-dossier_code": "KHONG-CO"})
        assert answer.status_code == 404 and "Không tìm thấy hồ sơ KHONG-CO" in answer.text
        assert ComplaintCase.objects.get().dossier is None
        answer = leader.post(reverse("backoffice:complaint_action", args=[case.code, "accept"]),
                             {"accept-version": case.version,
                              "accept-dossier_code": dossier.code})
    assert answer.status_code == 302
    assert ComplaintCase.objects.get().dossier == dossier
    page = leader.get(reverse("backoffice:complaint", args=[case.code]))
    assert 'id="complaint-dossier"' in page.text and dossier.code in page.text


def test_the_api_takes_and_returns_the_dossier_code(world):
    dossier = DossierFactory(world=world, submitted=True)
    case = complaint(world)
    act_on_complaint(world.leader, case, "accept", MONDAY_MORNING, dossier_code=dossier.code)
    body = Client(headers=bearer_headers(world.citizen.username)).get(
        f"/api/v1/complaints/{case.code}").json()
    assert body["dossier_code"] == dossier.code
