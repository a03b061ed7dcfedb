"""The queue tabs' counts: exact when counted, then kept 15 s per user with their time."""

import re

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
        # the session and the user, two; the user's roles and their agencies' names, one (read
        # once for the header, the navigation, the guard and the queues: org.selectors'
        # held_roles); the eight counts, one query each; the page's dossiers and their running
        # steps, two; the header's unread notifications, one; the site's root agency (its name),
        # one, and the provincial portal's footer, one, both then kept five minutes (21 before
        # one role reader, with no site name)
        with django_assert_max_num_queries(16):
            fresh = officer.get("/can-bo/", {"hang": "tat-ca"})
        assert "cập nhật lúc" not in fresh.content.decode()
        received()  # a new dossier: the kept counts do not see it yet
        with django_assert_max_num_queries(6):  # the kept counts: none of the eight
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


def test_a_page_reads_the_users_roles_in_one_query(staff):
    # the header (workplaces, links), the navigation, the guard, the queues and the dossier
    # page's permission checks all ask org.selectors.held_roles
    dossier = received()
    officer = staff("khcn.tiepnhan")
    for page in ("/can-bo/", f"/can-bo/ho-so/{dossier.code}/"):
        with CaptureQueriesContext(connection) as done:
            assert officer.get(page).status_code == 200
        role_reads = [q["sql"] for q in done.captured_queries if "org_roleassignment" in q["sql"]]
        assert len(role_reads) == 1, (page, role_reads)
