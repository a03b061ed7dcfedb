"""The dossier page's newer actions: a withdrawal's queue and acceptance, the assignment of a
specialist, the payment request's form, and the confirmation asked before what cannot be undone."""

import re

import time_machine

from motcua.dossiers.models import Dossier
from motcua.org.models import Agency
from tests.backoffice.conftest import act, received
from tests.backoffice.test_dossier_work import page, post_action
from tests.dossiers.conftest import CITIZEN, local, submit_online
from tests.dossiers.test_assignment import SECOND, second_specialist  # noqa: F401
from tests.factories.world import culture_department

OFFICER, HEAD, SPECIALIST = "khcn.tiepnhan", "khcn.truongphong", "khcn.chuyenvien"


def queue(client, name):
    with time_machine.travel(local(2026, 3, 2, 11), tick=False):
        return client.get("/can-bo/", {"hang": name}).content.decode()


def withdrawn(api) -> Dossier:
    """An online dossier in processing whose applicant asked to withdraw it."""
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        code = submit_online(api)["code"]
    dossier = Dossier.objects.get(code=code)
    act(OFFICER, dossier, "accept")
    act(OFFICER, dossier, "forward")
    act(CITIZEN, dossier, "withdraw", reason="Không còn nhu cầu kinh doanh")
    return Dossier.objects.get(pk=dossier.pk)


def test_a_withdrawal_request_waits_in_the_one_stops_queue(staff, api, world):
    # TT 03/2025 art. 7: the one-stop answers the withdrawal request
    culture_department(world)  # another agency's one-stop officer, motcua.tiepnhan
    dossier = withdrawn(api)
    listed = queue(staff(OFFICER), "yeu-cau-rut")
    assert '<h2 class="h5">Yêu cầu rút hồ sơ</h2>' in listed and dossier.code in listed
    assert dossier.code not in queue(staff(OFFICER), "cho-tiep-nhan")
    assert dossier.code not in queue(staff("motcua.tiepnhan"), "yeu-cau-rut")  # another agency


def test_the_officer_accepts_the_withdrawal_and_is_offered_the_stop_notice(staff, api):
    # TT 03/2025 art. 7, NĐ 118/2025 art. 21: stopped, with the stop notice (Mẫu 05)
    dossier = withdrawn(api)
    officer = staff(OFFICER)
    assert re.findall(r'/thao-tac/([a-z_]+)/"', page(officer, dossier).content.decode()) == [
        "accept_withdrawal"]
    response = post_action(officer, dossier, "accept_withdrawal")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == 8
    assert dossier.close_reason == "Người nộp yêu cầu rút hồ sơ: Không còn nhu cầu kinh doanh"
    shown = page(officer, dossier).content.decode()
    assert 'id="print-slip"' in shown and "Thông báo dừng giải quyết hồ sơ" in shown
    assert dossier.code not in queue(officer, "yeu-cau-rut")


def test_the_head_assigns_a_specialist_seen_in_the_steps_and_the_queues(
        staff, second_specialist):  # noqa: F811
    dossier = received()
    act(OFFICER, dossier, "forward")
    head = staff(HEAD)
    form = page(head, dossier).content.decode()
    assert 'name="assign-assignee"' in form and f'value="{SECOND}"' in form
    response = post_action(head, dossier, "assign", assignee=SECOND,
                           step_due_at="2026-03-05T16:00")
    assert response.status_code == 302
    shown = page(head, dossier).content.decode()
    assert "Hà Văn Quang" in shown and "được phân công" in shown and "16:00 05/03/2026" in shown
    mine = queue(staff(SECOND), "dang-xu-ly")
    assert dossier.code in mine and "Hà Văn Quang" in mine
    # the other specialist of the division no longer has it at their step
    assert dossier.code not in queue(staff(SPECIALIST), "dang-xu-ly")

    post_action(head, dossier, "assign", assignee=SPECIALIST)  # re-assigned
    assert dossier.code in queue(staff(SPECIALIST), "dang-xu-ly")
    assert dossier.code not in queue(staff(SECOND), "dang-xu-ly")


def test_an_unassigned_specialist_step_stays_in_the_divisions_queue(staff):
    dossier = received()
    act(OFFICER, dossier, "forward")
    act(HEAD, dossier, "complete_step")  # passed on without choosing anyone
    assert dossier.code in queue(staff(SPECIALIST), "dang-xu-ly")


def test_the_payment_form_starts_from_the_agencys_instructions(staff):
    Agency.objects.filter(identifier_code="000.00.15.H42").update(
        payment_instructions="Chuyển khoản: tài khoản 1234567890, Kho bạc Nhà nước Ninh Bình")
    dossier = received()
    act(OFFICER, dossier, "forward")
    act(HEAD, dossier, "complete_step")
    text = page(staff(SPECIALIST), dossier).content.decode()
    assert "Chuyển khoản: tài khoản 1234567890, Kho bạc Nhà nước Ninh Bình</textarea>" in text


def test_actions_that_cannot_be_undone_ask_for_confirmation(staff):
    dossier = received()
    text = page(staff(OFFICER), dossier).content.decode()
    asking = re.findall(r'/thao-tac/([a-z_]+)/"[^>]*data-confirm="([^"]+)"', text)
    assert [action for action, _question in asking] == ["stop"]
    assert f"hồ sơ {dossier.code}" in asking[0][1]
    assert 'id="confirm-dialog"' in text and "core/confirm.js" in text


def test_what_cannot_succeed_now_is_not_offered_on_the_page(staff):
    # B1 is neither the last step (no approval) nor after another step (no send-back)
    dossier = received()
    act(OFFICER, dossier, "forward")
    offered = re.findall(r'/thao-tac/([a-z_]+)/"', page(staff(HEAD), dossier).content.decode())
    assert offered == ["complete_step", "assign"]
