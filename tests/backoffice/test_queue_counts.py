"""The queue tabs' counts: exact when counted, then kept 15 s per user with their time."""

import re

import time_machine
from django.core.cache import cache

from motcua.backoffice.selectors import Queue, queue_counts, queue_dossiers
from motcua.org.models import User
from tests.backoffice.conftest import act, received
from tests.dossiers.conftest import local

MONDAY = local(2026, 3, 16, 9, 1)


def tab_counts(response) -> dict[str, int]:
    assert response.status_code == 200
    return {key: int(n) for key, n in re.findall(
        r'href="\?hang=([a-z-]+)">[^<]*<span class="badge[^"]*">(\d+)</span>',
        response.content.decode())}


def test_the_counts_equal_each_queues_list_length(staff):
    first, second, third = received(), received(), received()
    act("khcn.tiepnhan", first, "forward")
    act("khcn.truongphong", first, "complete_step")
    act("khcn.tiepnhan", second, "forward")
    assert third
    for at in (local(2026, 3, 10, 9), local(2026, 3, 13, 10), MONDAY):
        for username in ("khcn.tiepnhan", "khcn.vanthu", "khcn.truongphong", "khcn.chuyenvien"):
            user = User.objects.get(username=username)
            expected = {queue: queue_dossiers(user, queue, at).count()
                        for queue in Queue if queue is not Queue.ALL}
            assert queue_counts(user, at) == expected
    assert any(expected.values())


def test_the_page_counts_then_reads_the_kept_counts_for_15_seconds(
        staff, django_assert_max_num_queries):
    received()
    officer = staff("khcn.tiepnhan")
    with time_machine.travel(MONDAY, tick=False):
        # the eight counts, one query each; the header's agency names, one; its unread
        # notifications, one; the role reads (eight today, each page part reading roles
        # again: one role reader per request is issue 20's, and will lower this budget)
        with django_assert_max_num_queries(21):
            fresh = officer.get("/can-bo/", {"hang": "tat-ca"})
        assert "cập nhật lúc" not in fresh.content.decode()
        received()  # a new dossier: the kept counts do not see it yet
        with django_assert_max_num_queries(12):  # the kept counts: none of the eight
            kept = officer.get("/can-bo/", {"hang": "tat-ca"})
        assert tab_counts(kept) == tab_counts(fresh)
        assert "Số hồ sơ cập nhật lúc 09:01:00" in kept.content.decode()
    with time_machine.travel(local(2026, 3, 16, 9, 1, 16), tick=False):
        later = officer.get("/can-bo/", {"hang": "tat-ca"})
    assert tab_counts(later)["qua-han"] == tab_counts(fresh)["qua-han"] + 1
    assert "cập nhật lúc" not in later.content.decode()


def test_each_user_has_their_own_counts(staff):
    received()
    with time_machine.travel(MONDAY, tick=False):
        reception = tab_counts(staff("khcn.tiepnhan").get("/can-bo/"))
        specialist = tab_counts(staff("khcn.chuyenvien").get("/can-bo/"))
    assert reception["cho-chuyen-xu-ly"] == 1
    assert specialist["cho-chuyen-xu-ly"] == 0
    assert cache.get(f"backoffice:queue-counts:{User.objects.get(username='khcn.vanthu').pk}") \
        is None


def test_the_officers_own_action_is_counted_on_their_next_page(staff):
    dossier = received()
    officer = staff("khcn.tiepnhan")
    with time_machine.travel(MONDAY, tick=False):
        before = tab_counts(officer.get("/can-bo/"))
        dossier.refresh_from_db()
        done = officer.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/forward/",
                            {"forward-version": dossier.version})
        assert done.status_code == 302
        after = officer.get("/can-bo/")
    assert "cập nhật lúc" not in after.content.decode()  # counted again, not the kept counts
    assert tab_counts(after)["cho-chuyen-xu-ly"] == before["cho-chuyen-xu-ly"] - 1
