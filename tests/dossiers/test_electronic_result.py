"""NĐ 45/2020 art. 14 (as amended by NĐ 118/2025 art. 40(8)): a result the applicant asked to
receive online is the electronic result; the approval that issues it must carry the file, or the
applicant is told to download a result that is not there."""

import json

import time_machine

from motcua.dossiers.lifecycle import Facts, electronic_result_attached
from tests.helpers import Flow, local, pdf, submit_online

HEAD, SPECIALIST, LEADER, CLERK = ("khcn.truongphong", "khcn.chuyenvien", "khcn.giamdoc",
                                   "khcn.vanthu")


def test_electronic_result_attached_guard():
    assert electronic_result_attached(Facts()) is None  # counter or post: the paper result
    assert electronic_result_attached(Facts(electronic_delivery=True, result_attached=True)) \
        is None
    assert "bản điện tử" in electronic_result_attached(Facts(electronic_delivery=True))


def at_the_last_step(api, delivery):
    """An online dossier whose applicant chose ``delivery``, taken to B5 (the clerk's)."""
    with time_machine.travel(local(2026, 3, 2, 9, 0), tick=False):
        run = Flow(api, submit_online(api, delivery=delivery))
    for username, action in (("khcn.tiepnhan", "accept"), ("khcn.tiepnhan", "forward"),
                             (HEAD, "complete_step"), (SPECIALIST, "complete_step"),
                             (HEAD, "complete_step"), (LEADER, "complete_step")):
        run.ok(username, action)
    return run


def approve(run, **files):
    response = run.api(CLERK).client.post(
        f"/api/v1/dossiers/{run.code}/actions/approve",
        {"data": json.dumps({"version": run.dossier["version"]}), **files})
    return response.status_code, response.json()


def test_electronic_result_attached_approval_without_the_result_is_refused(api):
    run = at_the_last_step(api, "online")
    status, answer = approve(run)
    assert status == 422
    assert "nhận kết quả bản điện tử trực tuyến" in answer["detail"]
    assert run.api(CLERK).get(f"/dossiers/{run.code}")[1]["status"] == 4  # nothing changed
    status, dossier = approve(run, result=pdf("giay-xac-nhan.pdf"))
    assert status == 200, dossier
    assert dossier["status"] == 9 and [a for a in dossier["attachments"] if a["is_result"]]


def test_electronic_result_attached_not_asked_for_a_paper_result(api):
    run = at_the_last_step(api, "counter")
    status, dossier = approve(run)
    assert status == 200 and dossier["status"] == 9


def test_electronic_result_attached_the_approval_form_requires_the_file(staff, api):
    run = at_the_last_step(api, "online")
    clerk = staff(CLERK)
    page = clerk.get(f"/can-bo/ho-so/{run.code}/").content.decode()
    assert "Người nộp đăng ký nhận bản điện tử trực tuyến: đính kèm tệp kết quả" in page
    response = clerk.post(f"/can-bo/ho-so/{run.code}/thao-tac/approve/",
                          {"approve-version": run.dossier["version"], "approve-step": "B5"})
    assert response.status_code == 422
    assert "đính kèm tệp kết quả" in response.content.decode()
