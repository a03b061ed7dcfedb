"""A dossier with a result says where and how the applicant collects it (the delivery they chose,
the one-stop that received it); a refused one lists no steps as still to come."""

import pytest

from motcua.dossiers.models import Dossier
from tests.dossiers.test_lifecycle import OFFICER, through_the_process

pytestmark = pytest.mark.django_db


def _collection(client, code):
    page = client.get(f"/ca-nhan/ho-so/{code}/").content.decode()
    assert 'id="collection"' in page, "the dossier page does not say how to collect the result"
    return page.split('id="collection"')[1].split("</div>")[0]


def test_a_finished_dossier_says_where_to_collect_the_result_by_its_delivery(citizen, flow):
    run = flow(until="processing")
    through_the_process(run)
    client = citizen()

    Dossier.objects.filter(code=run.code).update(delivery="counter")
    counter = _collection(client, run.code)
    assert "Nhận kết quả tại Bộ phận Một cửa — Sở Khoa học và Công nghệ" in counter
    assert "giờ làm việc" in counter

    Dossier.objects.filter(code=run.code).update(delivery="post",
                                                 delivery_address="12 Lê Lợi, Huế")
    assert "bưu chính công ích đến địa chỉ: 12 Lê Lợi, Huế" in _collection(client, run.code)

    Dossier.objects.filter(code=run.code).update(delivery="online")
    assert "Nhận bản điện tử trực tuyến" in _collection(client, run.code)


def test_a_delivered_dossier_says_where_and_when_the_result_was_collected(citizen, flow):
    run = flow(until="processing")
    through_the_process(run)
    Dossier.objects.filter(code=run.code).update(delivery="counter")
    run.ok(OFFICER, "deliver", recipient="Nguyễn Văn An")
    collection = _collection(citizen(), run.code)
    assert "Đã nhận kết quả tại Bộ phận Một cửa — Sở Khoa học và Công nghệ" in collection
    assert "Nguyễn Văn An" in collection


def test_a_refused_dossier_lists_no_step_as_still_to_come(citizen, flow):
    run = flow()
    run.ok(OFFICER, "refuse", reason="Hồ sơ không thuộc thẩm quyền")
    page = citizen().get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    assert "Chưa đến" not in page and 'id="progress"' not in page
    assert "Hồ sơ không thuộc thẩm quyền" in page


def test_a_stopped_dossier_marks_the_steps_not_reached_as_not_carried_out(citizen, flow):
    run = flow(until="processing")
    run.ok(OFFICER, "stop", reason="Người nộp không bổ sung")
    page = citizen().get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    progress = page.split('id="progress"')[1].split("</ol>")[0]
    assert "Chưa đến" not in progress and "Không thực hiện" in progress
