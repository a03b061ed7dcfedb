"""A year's announced schedule moves the running dossiers counted across the changed days: the
2027 case (tests/workcal/announcement_2027.py), where the estimate had Tết on 04-10/02 and the
announcement grants 03-09/02."""

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.dossiers.models import Dossier, DossierEvent, DossierStep, StepState
from motcua.national.models import DvcqgSync
from motcua.outbox.models import OutboxMessage
from motcua.workcal.engine import Calendar, WorkingDays
from motcua.workcal.models import AnnouncedYear, CalendarOverride
from motcua.workcal.schedule import schedule_loader
from motcua.workcal.selectors import calendar_for
from motcua.workcal.services import announce_year
from tests.dossiers.conftest import CITIZEN, Flow, local, pdf, submit_online
from tests.workcal.announcement_2027 import CSV, DROPPED, SOURCE
from tests.workcal.test_announced_years import announced_2027

OFFICER = "khcn.tiepnhan"


def accepted_2027(api, day, *, forward_at=None) -> str:
    """An online dossier (10 working days) accepted at 09:00 on ``day`` of January 2027."""
    with time_machine.travel(local(2027, 1, day, 8), tick=False):
        run = Flow(api, submit_online(api))
    run.ok(OFFICER, "accept", at=local(2027, 1, day, 9))
    if forward_at is not None:
        run.ok(OFFICER, "forward", at=forward_at)
    return run.code


def announce(**options):
    with time_machine.travel(local(2026, 11, 20, 10), tick=False):
        return announce_year(2027, CSV, SOURCE, **options)


def test_an_announcement_moves_the_due_date_it_implies_labour_code_2019_art_112_3(api):
    code = accepted_2027(api, 20)
    # estimate: 21, 22, 25-29/01, 01-03/02 are the 10 working days
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 3, 9)
    result = announce()
    # announced: 03/02 is Tết and 10/02 a working day, so the tenth day is Wednesday 10/02
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 10, 9)
    assert [(m.code, m.old_due, m.new_due) for m in result.moved] == [
        (code, local(2027, 2, 3, 9), local(2027, 2, 10, 9))
    ]
    assert not calendar_for().is_working_day(local(2027, 2, 3).date())
    assert calendar_for().is_working_day(DROPPED)


def test_each_moved_dossier_gets_an_event_with_both_dues_and_the_source(api):
    code = accepted_2027(api, 20)
    version = Dossier.objects.get(code=code).version
    announce()
    dossier = Dossier.objects.get(code=code)
    event = DossierEvent.objects.filter(dossier=dossier).order_by("version").last()
    assert dossier.version == version + 1 == event.version
    assert event.action == "calendar_announced" and SOURCE in event.note
    assert event.payload["old_due"] == "2027-02-03T09:00:00+07:00"
    assert event.payload["new_due"] == "2027-02-10T09:00:00+07:00"
    assert event.payload["legal_source"] == SOURCE and event.due_at == dossier.due_at
    # the new appointment reaches DVCQG like any change (the sync row marked in the same write)
    assert DvcqgSync.objects.get(dossier=dossier).marked_at == local(2026, 11, 20, 10)


def test_the_citizen_is_told_when_the_appointment_day_changes(api):
    code = accepted_2027(api, 20)
    announce()
    told = OutboxMessage.objects.filter(reference=code, topic="due_recounted")
    assert told.count() == 2  # the e-mail and the inbox of the account that filed
    body = told.get(channel="email").body
    assert "09:00 03/02/2027" in body and "09:00 10/02/2027" in body and SOURCE in body


def test_a_dossier_the_announcement_does_not_move_is_left_alone(api):
    code = accepted_2027(api, 27)  # 28, 29/01, 01, 02/02, then 11-17/02 or 10-17/02: 17/02
    events = DossierEvent.objects.filter(dossier__code=code).count()
    assert announce().moved == []
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 17, 9)
    assert DossierEvent.objects.filter(dossier__code=code).count() == events
    assert not OutboxMessage.objects.filter(reference=code, topic="due_recounted").exists()


def test_an_apology_s_new_date_is_not_recounted(api):
    code = accepted_2027(api, 20)
    Dossier.objects.filter(code=code).update(
        extended_at=local(2027, 1, 25, 9), due_at=local(2027, 2, 4, 9)
    )
    assert announce().moved == []
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 4, 9)


def test_a_running_step_is_recounted_from_its_start(api):
    started = local(2027, 2, 2, 14)  # the first step (6 working hours) ends the next day
    code = accepted_2027(api, 20, forward_at=started)
    step = DossierStep.objects.get(dossier__code=code, state=StepState.ACTIVE)
    value, unit = step.step.duration_value, step.step.duration_unit
    estimate = calendar_for().due(started, value, unit)
    assert step.due_at == estimate
    announce()
    expected = Calendar(WorkingDays(schedule_loader(announced_2027(), [2027]))).due(
        started, value, unit
    )
    assert expected != estimate  # the step's time runs across 03/02
    step.refresh_from_db()
    assert step.due_at == expected
    event = DossierEvent.objects.filter(dossier__code=code).order_by("version").last()
    assert event.payload["steps"][0]["step"] == step.step.key


def test_a_dry_run_shows_the_changes_and_keeps_nothing(api):
    code = accepted_2027(api, 20)
    overrides = set(CalendarOverride.objects.values_list("date", "kind"))
    result = announce(dry_run=True)
    assert [m.code for m in result.moved] == [code] and not result.applied
    assert result.diff.new_working_days[0][0] == DROPPED
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 3, 9)
    assert not AnnouncedYear.objects.filter(year=2027).exists()
    assert set(CalendarOverride.objects.values_list("date", "kind")) == overrides
    assert not OutboxMessage.objects.filter(topic="due_recounted").exists()
    assert calendar_for().is_working_day(local(2027, 2, 3).date())  # the estimate again


def test_a_restarted_limit_is_recounted_from_the_supplement_nd_61_2018_art_19_4(api):
    code = accepted_2027(api, 5, forward_at=local(2027, 1, 5, 10))
    run = Flow(api, Dossier.objects.filter(code=code).values("code", "version").get())
    run.ok(OFFICER, "request_supplement", at=local(2027, 1, 6, 9), items=["Bản sao"], reason="Mờ")
    with time_machine.travel(local(2027, 1, 20, 9), tick=False):
        status, answer = api(CITIZEN).post(
            f"/dossiers/{code}/actions/supplement",
            {"version": run.dossier["version"]},
            files={"component_2": pdf("moi.pdf")},
        )
    assert status == 200, answer
    # the 10 working days count again from 20/01 09:00: 03/02 estimated, 10/02 announced
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 3, 9)
    announce()
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 10, 9)


def test_the_admin_previews_the_announcement_then_applies_it(api, admin_client):
    code = accepted_2027(api, 20)
    url = reverse("admin:workcal_announcedyear_announce")
    upload = SimpleUploadedFile("lich-2027.csv", CSV.encode())
    form = {"year": 2027, "legal_source": SOURCE, "file": upload, "preview": "1"}
    with time_machine.travel(local(2026, 11, 20, 10), tick=False):
        page = admin_client.post(url, form)
    preview = page.content.decode()
    assert page.status_code == 200 and "03/02/2027" in preview and "10/02/2027" in preview
    assert code in preview and "09:00 10/02/2027" in preview
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 3, 9)  # nothing yet
    text = page.context["form"].initial["text"]
    with time_machine.travel(local(2026, 11, 20, 10, 5), tick=False):
        done = admin_client.post(
            url, {"year": 2027, "legal_source": SOURCE, "text": text, "apply": "1"}, follow=True
        )
    assert "1 hồ sơ được tính lại" in done.content.decode()
    assert Dossier.objects.get(code=code).due_at == local(2027, 2, 10, 9)
    assert AnnouncedYear.objects.get(year=2027).announced_by.is_superuser


def test_the_citizen_s_page_marks_a_due_date_counted_into_an_estimated_year(api, world, client_as):
    code = accepted_2027(api, 20)
    client = client_as(world.citizen)
    page = client.get(reverse("portal:dossier", args=[code])).content.decode()
    assert "09:00 03/02/2027" in page and 'id="due-estimated"' in page
    assert "(dự kiến)" in client.get(reverse("portal:mine")).content.decode()
    announce()
    page = client.get(reverse("portal:dossier", args=[code])).content.decode()
    assert "09:00 10/02/2027" in page and 'id="due-estimated"' not in page


def test_the_citizen_reads_why_the_due_date_is_provisional(api, world, client_as):
    # a title attribute shows only under a mouse: on a phone the reason must be on the page
    code = accepted_2027(api, 20)
    page = client_as(world.citizen).get(reverse("portal:dossier", args=[code])).content.decode()
    why = page.split('id="due-estimated-why">')[1].split("</span>")[0]
    assert why.startswith("Ngày hẹn được tính theo lịch nghỉ lễ, Tết chưa được công bố")
    assert 'title="Ngày hẹn' not in page


def test_a_due_date_in_an_announced_year_is_not_marked(api, world, client_as):
    with time_machine.travel(local(2026, 3, 2, 8), tick=False):
        run = Flow(api, submit_online(api))
    run.ok(OFFICER, "accept", at=local(2026, 3, 2, 9))
    page = client_as(world.citizen).get(reverse("portal:dossier", args=[run.code]))
    assert "09:00 16/03/2026" in page.content.decode()  # 10 working days in announced 2026
    assert 'id="due-estimated"' not in page.content.decode()


def test_the_officer_s_history_names_the_recount(api, world, client_as):
    code = accepted_2027(api, 20)
    announce()
    page = client_as(world.officer).get(reverse("backoffice:dossier", args=[code]))
    assert "Tính lại ngày hẹn trả theo lịch nghỉ đã công bố" in page.content.decode()
    assert 'id="due-estimated"' not in page.content.decode()  # 2027 is announced now


def test_the_officer_s_page_marks_an_estimated_due_date(api, world, client_as):
    code = accepted_2027(api, 20)
    page = client_as(world.officer).get(reverse("backoffice:dossier", args=[code]))
    assert 'id="due-estimated"' in page.content.decode()
    why = page.content.decode().split('id="due-estimated-why">')[1]
    assert why.startswith("Ngày hẹn được tính theo lịch nghỉ lễ, Tết chưa được công bố")


def test_the_receipt_e_mail_calls_an_estimated_appointment_provisional(api):
    code = accepted_2027(api, 20)
    receipt = OutboxMessage.objects.get(reference=code, topic="receipt", channel="email")
    assert "Ngày hẹn trả kết quả: 09:00 03/02/2027 (dự kiến)." in receipt.body


def test_an_apology_s_date_is_a_promise_not_marked_provisional(api, world, client_as):
    code = accepted_2027(api, 20)
    Dossier.objects.filter(code=code).update(extended_at=local(2027, 1, 25, 9))
    page = client_as(world.citizen).get(reverse("portal:dossier", args=[code]))
    assert 'id="due-estimated"' not in page.content.decode()


def test_the_dossier_api_says_whether_the_due_date_is_provisional(api):
    code = accepted_2027(api, 20)
    status, body = api(CITIZEN).get(f"/dossiers/{code}")
    assert status == 200 and body["due_estimated"] is True
    announce()
    assert api(CITIZEN).get(f"/dossiers/{code}")[1]["due_estimated"] is False
