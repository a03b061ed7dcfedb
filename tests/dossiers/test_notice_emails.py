"""What the e-mails to applicants say: every one names the agency that received the dossier
and links to the portal (the dossier's page for an account, the lookup otherwise); the
applicant is told when the papers they added have arrived."""

import time_machine
from django.conf import settings

from motcua.dossiers.models import Dossier
from motcua.outbox.models import OutboxMessage
from tests.dossiers.conftest import CITIZEN, local, pdf
from tests.dossiers.test_registration import receipt

OFFICER = "khcn.tiepnhan"


def emails(code: str) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(reference=code, channel="email").order_by("pk"))


def supplemented(flow, api):
    run = flow(until="processing")
    run.ok(OFFICER, "request_supplement", items=["Bản sao giấy phép"], reason="Hết hạn")
    with time_machine.travel(local(2026, 3, 4, 9, 0), tick=False):
        status, answer = api(CITIZEN).post(f"/dossiers/{run.code}/actions/supplement",
                                           {"version": run.dossier["version"]},
                                           files={"component_2": pdf("moi.pdf")})
    assert status == 200, answer
    return run


def test_the_applicant_is_told_the_supplement_arrived_with_the_appointment_now(flow, api):
    run = supplemented(flow, api)
    told = emails(run.code)[-1]
    assert told.topic == "supplement_received" and told.subject.startswith(f"[{run.code}]")
    assert "đã được nhận lúc 09:00 04/03/2026" in told.body
    due = Dossier.objects.get(code=run.code).due_at  # recounted from the supplement
    assert f"Ngày hẹn trả kết quả: {due.astimezone(local(2026, 1, 1).tzinfo):%H:%M %d/%m/%Y}" \
        in told.body


def test_every_e_mail_names_the_agency_and_links_to_the_dossier_page(flow, api):
    run = supplemented(flow, api)
    sent = emails(run.code)
    assert [m.topic for m in sent] == ["submitted", "receipt", "supplement_request",
                                       "supplement_received"]
    page = f"{settings.MOTCUA_PUBLIC_URL}/ca-nhan/ho-so/{run.code}/"
    agency = Dossier.objects.get(code=run.code).receiving_agency.name
    for message in sent:
        assert page in message.body and agency in message.body, message.topic
        assert settings.MOTCUA_SITE_NAME in message.body


def test_a_counter_dossier_s_e_mail_links_to_the_lookup(api):
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        status, dossier = receipt(api)
    assert status == 201, dossier
    (message,) = emails(dossier["code"])
    assert f"{settings.MOTCUA_PUBLIC_URL}/tra-cuu" in message.body
    assert dossier["code"] in message.body and "/ca-nhan/" not in message.body
    assert Dossier.objects.get(code=dossier["code"]).receiving_agency.name in message.body
