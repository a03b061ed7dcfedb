"""At the "Phân công thụ lý" step the head is not let to pass the dossier on without naming a
specialist silently: the plain completion says what it leads to and asks first (domain §1.1, T7:
the division head assigns the specialist; an unassigned step waits in the division's queue)."""

import re

from tests.backoffice.conftest import act, received
from tests.backoffice.test_dossier_work import page

OFFICER, HEAD, SPECIALIST = "khcn.tiepnhan", "khcn.truongphong", "khcn.chuyenvien"


def test_completing_the_assignment_step_without_an_assignee_warns_and_asks(staff):
    dossier = received()
    act(OFFICER, dossier, "forward")
    text = page(staff(HEAD), dossier).content.decode()
    asking = dict(re.findall(r'/thao-tac/([a-z_]+)/"[^>]*data-confirm="([^"]+)"', text))
    assert "Chưa phân công chuyên viên thụ lý" in asking["complete_step"]
    assert "assign" not in asking  # assigning is what the step is for
    assert "Đây là bước phân công thụ lý: chọn chuyên viên bằng thao tác" in text


def test_a_later_step_of_the_head_is_completed_without_that_warning(staff):
    dossier = received()
    act(OFFICER, dossier, "forward")
    act(HEAD, dossier, "assign", assignee=SPECIALIST)
    act(SPECIALIST, dossier, "complete_step")  # B3 is the head's review: no specialist follows
    text = page(staff(HEAD), dossier).content.decode()
    assert "bước phân công thụ lý" not in text
    assert not re.search(r'/thao-tac/complete_step/"[^>]*data-confirm', text)
