"""Planned downtime of a portal: announced at least 7 working days ahead with the expected
return (NĐ 224/2026 art. 13(1); e-portal spec §4), shown on its pages until it is back."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.cms.conftest import local, path_of

pytestmark = pytest.mark.django_db

MONDAY = local(2026, 12, 7, 9, 0)  # Monday 07/12/2026


def weekdays(day: dt.date) -> bool:
    return day.weekday() < 5


def test_downtime_notice_seven_working_days_counted_from_the_next_day():
    from motcua.cms.rules import earliest_downtime_day

    assert earliest_downtime_day(dt.date(2026, 12, 7), weekdays) == dt.date(2026, 12, 17)
    assert earliest_downtime_day(dt.date(2026, 12, 11), weekdays) == dt.date(2026, 12, 23)


def announce(home, user, starts_at, hours: int = 4):
    from motcua.cms import services

    return services.announce_downtime(home, starts_at=starts_at,
                                      ends_at=starts_at + dt.timedelta(hours=hours),
                                      reason="Nâng cấp máy chủ.", by=user)


def test_a_planned_downtime_notice_shorter_than_7_working_days_is_refused_with_the_reason(
        portals):
    from motcua.cms import services

    with time_machine.travel(MONDAY, tick=False):
        with pytest.raises(services.NoticeRefused) as refused:
            announce(portals.science, portals.editor, local(2026, 12, 16, 22, 0))
        assert "7 ngày làm việc" in str(refused.value)
        assert "17/12/2026" in str(refused.value)
        notice = announce(portals.science, portals.editor, local(2026, 12, 17, 22, 0))
    assert notice.announced_at == MONDAY


def test_downtime_working_days_follow_the_working_calendar(portals):
    from motcua.cms import services
    from motcua.workcal.models import CalendarOverride

    CalendarOverride.objects.create(date=dt.date(2026, 12, 10), kind="day_off",
                                    reason="Nghỉ bù")
    with time_machine.travel(MONDAY, tick=False):
        with pytest.raises(services.NoticeRefused):
            announce(portals.science, portals.editor, local(2026, 12, 17, 22, 0))
        announce(portals.science, portals.editor, local(2026, 12, 18, 22, 0))


def test_downtime_expected_return_must_follow_the_start(portals):
    from motcua.cms import services

    with time_machine.travel(MONDAY, tick=False), pytest.raises(services.NoticeRefused):
        announce(portals.science, portals.editor, local(2026, 12, 21, 22, 0), hours=-1)


def test_only_an_editor_of_the_portal_announces_its_downtime(portals, client_as):
    from django.core.exceptions import PermissionDenied

    with time_machine.travel(MONDAY, tick=False), pytest.raises(PermissionDenied):
        announce(portals.science, portals.culture_editor, local(2026, 12, 21, 22, 0))
    assert client_as(portals.culture_editor).get(
        f"/bien-tap/tam-ngung/{portals.science.pk}/").status_code == 404


def test_the_notice_is_on_the_portal_pages_from_its_announcement_until_the_return(
        portals, client):
    from tests.cms.conftest import publish_article

    article = publish_article(portals.science, title="Tin hội nghị")
    home, culture = path_of(portals.science), path_of(portals.culture)
    with time_machine.travel(MONDAY, tick=False):
        announce(portals.science, portals.editor, local(2026, 12, 19, 22, 0), hours=6)
    banner = ("tạm ngừng hoạt động từ 19/12/2026 22:00, dự kiến hoạt động trở lại lúc "
              "20/12/2026 04:00")
    with time_machine.travel(local(2026, 12, 8, 9, 0), tick=False):
        for path in (home, path_of(article), f"{home}ngay/2026-12-08/", f"{home}tim-kiem/?q=a"):
            assert banner in client.get(path).content.decode(), path
        assert banner not in client.get(culture).content.decode()
    with time_machine.travel(local(2026, 12, 20, 4, 1), tick=False):
        assert banner not in client.get(home).content.decode()


def test_the_editor_announces_in_the_admin_and_sees_the_refusal(portals, client_as):
    editor = client_as(portals.editor)
    url = f"/bien-tap/tam-ngung/{portals.science.pk}/"
    with time_machine.travel(MONDAY, tick=False):
        refused = editor.post(url, {"starts_at": "16/12/2026 22:00",
                                    "ends_at": "17/12/2026 02:00", "reason": "Nâng cấp"})
        assert refused.status_code == 200
        assert "17/12/2026" in refused.content.decode()
        done = editor.post(url, {"starts_at": "17/12/2026 22:00",
                                 "ends_at": "18/12/2026 02:00", "reason": "Nâng cấp"})
    assert done.status_code == 302
    assert portals.science.downtime_notices.get().reason == "Nâng cấp"
