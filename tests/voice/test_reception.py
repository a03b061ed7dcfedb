"""Reception of citizens (domain feedback-complaints §6): the schedule published at least 5
working days ahead, the register of visits with its 10-working-day answer, and the legal time a
forwarded letter ran under. Time is frozen on Monday 02/03/2026 09:00 (no holiday in March)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from motcua.core.errors import Forbidden, InvalidInput, NotFound
from motcua.voice import reception, services
from motcua.voice.models import ClockRule, LetterChannel, ReceptionVisit, VisitOutcome
from tests.factories.dossiers import MONDAY_MORNING
from tests.factories.voice import sender
from tests.helpers import local


def _session(world, day, starts=dt.time(8), **extra):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        return reception.publish_session(world.officer, reception.SessionIn(
            day=day, starts=starts, ends=dt.time(11), place="Phòng tiếp công dân",
            host="Giám đốc Sở", **extra))


def _visit(world, at=MONDAY_MORNING, **extra):
    fields = {"visitor_name": "Trần Văn Bình", "visitor_address": "12 Lê Lợi, Huế",
              "visitor_id_number": "046090000123", "subject": "Hỏi về việc cấp phép", **extra}
    with time_machine.travel(at, tick=False):
        return reception.record_visit(world.officer, reception.VisitIn(**fields))


def test_a_schedule_is_published_at_least_5_working_days_ahead_luat_tiep_cong_dan_art_24(world):
    # published Monday 02/03 09:00: 5 working days run out on Monday 09/03 09:00
    session = _session(world, dt.date(2026, 3, 9), starts=dt.time(9), by_head=True)
    assert session.published_at == MONDAY_MORNING and session.by_head
    assert list(reception.public_schedule(dt.date(2026, 3, 2))) == [session]


def test_a_schedule_published_too_late_is_refused_with_the_reason_and_earliest_start(world):
    with pytest.raises(InvalidInput) as refused:
        _session(world, dt.date(2026, 3, 9), starts=dt.time(8))
    assert "5 ngày làm việc" in refused.value.message
    assert "điều 24" in refused.value.message and "09:00 09/03/2026" in refused.value.message
    assert not reception.public_schedule(dt.date(2026, 3, 2)).exists()


def test_the_notice_ahead_is_data_a_new_rule_changes_it(world):
    ClockRule.objects.create(track="reception", clock="notice", value=2, unit="working_days",
                             starts_at="ngày công bố", legal_source="Quy định giả định",
                             effective_from=dt.date(2026, 3, 1))
    assert _session(world, dt.date(2026, 3, 4), starts=dt.time(9)).day == dt.date(2026, 3, 4)


def test_the_public_schedule_hides_past_sessions(world):
    _session(world, dt.date(2026, 3, 10))
    assert not reception.public_schedule(dt.date(2026, 3, 11)).exists()


def test_a_visit_is_registered_with_its_number_and_answer_due_luat_tiep_cong_dan_art_28_1(world):
    first, second = _visit(world), _visit(world, people=6)
    assert [(v.year, v.number) for v in (first, second)] == [(2026, 1), (2026, 2)]
    assert first.officer == world.officer and second.people == 6
    # 10 working days from Monday 02/03 09:00
    assert first.answer_due == local(2026, 3, 16, 9)
    assert first.rules_on == dt.date(2026, 3, 2)


def test_a_visit_names_the_visitor_and_what_they_said_art_25(world):
    with pytest.raises(InvalidInput, match="giấy tờ tùy thân"):
        _visit(world, visitor_id_number=" ")


def test_a_visit_links_its_letter_and_session_of_the_same_agency(world):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        letter = services.register_letter(world.officer, services.LetterIn(
            channel=LetterChannel.DESK, sender=sender(world), title="Đơn", content="Nội dung"))
    session = _session(world, dt.date(2026, 3, 10))
    visit = _visit(world, letter_id=letter.pk, session_id=session.pk)
    assert (visit.letter, visit.session) == (letter, session)
    assert list(letter.visits.all()) == [visit]
    with pytest.raises(InvalidInput, match="đơn liên quan"):
        _visit(world, letter_id=letter.pk + 100)


def test_the_answer_is_recorded_once_and_overdue_shows_until_then(world):
    visit = _visit(world)
    assert reception.is_overdue(visit, local(2026, 3, 16, 10))
    with time_machine.travel(local(2026, 3, 10, 9), tick=False):
        reception.answer_visit(world.officer, visit.pk, VisitOutcome.FORWARDED,
                               "Chuyển Sở Tư pháp")
    visit.refresh_from_db()
    assert (visit.outcome, visit.answered_at) == (VisitOutcome.FORWARDED, local(2026, 3, 10, 9))
    assert not reception.is_overdue(visit, local(2026, 3, 16, 10))
    with pytest.raises(InvalidInput, match="đã được trả lời"):
        reception.answer_visit(world.officer, visit.pk, VisitOutcome.REFUSED, "Khác")


def test_only_the_agencys_reception_officers_keep_the_register(world):
    visit = _visit(world)
    assert list(reception.visible_visits(world.officer)) == [visit]
    assert not reception.visible_visits(world.specialist).exists()
    assert not reception.visible_visits(world.citizen).exists()
    with pytest.raises(NotFound):
        reception.answer_visit(world.specialist, visit.pk, VisitOutcome.ACCEPTED, "Thụ lý")
    with pytest.raises(Forbidden):
        reception.record_visit(world.specialist, reception.VisitIn("A", "B", "1", "C"))


def test_a_forwarded_letter_keeps_the_legal_time_it_ran_under(world):
    # a letter of no track yet: the reception answer clock, 10 working days (art. 28(1))
    with time_machine.travel(MONDAY_MORNING, tick=False):
        letter = services.register_letter(world.officer, services.LetterIn(
            channel=LetterChannel.POST, sender=sender(world), title="Đơn", content="Nội dung"))
    with time_machine.travel(local(2026, 3, 17, 9), tick=False):
        letter = services.forward_letter(world.officer, letter.pk, "Sở Tư pháp", "Không thuộc")
    assert letter.transfer_due == local(2026, 3, 16, 9)
    assert letter.transferred_at > letter.transfer_due  # late, and it shows


@pytest.mark.parametrize(("classification", "clock"), [
    ("feedback", ("feedback", "transfer")), ("denunciation", ("denunciation", "transfer")),
    ("complaint", ("reception", "answer")), ("", ("reception", "answer"))])
def test_the_transfer_clock_of_each_track(classification, clock):
    from motcua.voice.clocks import letter_transfer_clock

    assert letter_transfer_clock(classification) == clock


# -- the pages ----------------------------------------------------------------------------------

VISIT = {"visitor_name": "Trần Văn Bình", "visitor_address": "12 Lê Lợi, Huế",
         "visitor_id_number": "046090000123", "people": 1, "subject": "Hỏi về việc cấp phép"}


def test_the_officer_registers_a_visit_and_records_the_answer_on_the_register_page(world,
                                                                                   client_as):
    with time_machine.travel(MONDAY_MORNING, tick=False):
        assert client_as(world.officer).post(reverse("backoffice:reception"),
                                             VISIT).status_code == 302
    [visit] = reception.visible_visits(world.officer)
    with time_machine.travel(local(2026, 3, 17, 9), tick=False):
        officer = Client()
        officer.force_login(world.officer)
        page = officer.get(reverse("backoffice:reception")).text
        assert "Trần Văn Bình" in page and "16/03/2026" in page and "Quá hạn" in page
        officer.post(reverse("backoffice:reception_answer", args=[visit.pk]),
                     {"outcome": "accepted", "note": "Thụ lý"})
    visit.refresh_from_db()
    assert visit.outcome == VisitOutcome.ACCEPTED


def test_a_visit_missing_the_visitors_id_is_shown_again_422(world, client_as):
    answer = client_as(world.officer).post(reverse("backoffice:reception"),
                                           {**VISIT, "visitor_id_number": ""})
    assert answer.status_code == 422 and not reception.visible_visits(world.officer).exists()


def test_a_late_schedule_is_refused_on_the_page_and_a_timely_one_shows_publicly(world,
                                                                               client_as):
    officer = client_as(world.officer)
    session = {"day": "2026-03-09", "starts": "08:00", "ends": "11:00",
               "place": "Phòng tiếp công dân", "host": "Giám đốc Sở"}
    with time_machine.travel(MONDAY_MORNING, tick=False):
        refused = officer.post(reverse("backoffice:reception_schedule"), session)
        assert refused.status_code == 422 and "5 ngày làm việc" in refused.text
        assert officer.post(reverse("backoffice:reception_schedule"),
                            {**session, "day": "2026-03-10"}).status_code == 302
        public = Client().get(reverse("portal:reception_schedule")).text
    assert "10/03/2026" in public and "Giám đốc Sở" in public and "08:00" in public


def test_the_demo_publishes_sessions_and_registers_visits_once(demo_data):
    from motcua.voice import reception_demo

    with time_machine.travel(local(2026, 12, 4, 16), tick=False):
        made = reception_demo.load()
        assert reception_demo.load() == 0
        ahead = reception.public_schedule()
    assert made == len(reception_demo.VISITS)
    assert ahead.count() == 2 and ahead.filter(by_head=True).count() == 1
    assert {visit.outcome for visit in ReceptionVisit.objects.all()} == {
        "", VisitOutcome.GUIDED, VisitOutcome.ACCEPTED}
