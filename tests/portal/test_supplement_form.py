"""The supplement form shows what the agency asked for and marks the papers the request names."""

import pytest

from motcua.portal.forms import requested_by
from tests.dossiers.test_lifecycle import OFFICER

pytestmark = pytest.mark.django_db

REGISTRATION = "Giấy chứng nhận đăng ký doanh nghiệp hoặc quyết định thành lập"


def test_an_item_names_a_component_whatever_form_of_copy_it_asks_for():
    assert requested_by(["Bản sao giấy chứng nhận đăng ký doanh nghiệp"], REGISTRATION)
    assert requested_by(["Bản sao giấy phép"],
                        "Bản sao có chứng thực giấy phép, giấy đăng ký hoặc thẻ tạm trú")
    assert not requested_by(["Bản sao hợp đồng thuê địa điểm"], REGISTRATION)
    assert not requested_by(["Bản sao"], REGISTRATION)


def test_the_requested_paper_is_marked_first_and_the_request_shown_beside_the_form(citizen,
                                                                                     flow):
    run = flow(until="processing")
    run.ok(OFFICER, "request_supplement", items=["Bản sao giấy chứng nhận đăng ký doanh nghiệp"],
           reason="Giấy tờ đã nộp hết hiệu lực")
    page = citizen().get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    requested = page.split('id="requested"')[1].split("</div>")[0]
    assert "Bản sao giấy chứng nhận đăng ký doanh nghiệp" in requested
    assert "Giấy tờ đã nộp hết hiệu lực" in requested
    form = page.split('action="/ca-nhan/ho-so/')[1].split("</form>")[0]
    marked = form.split('class="mb-2 requested-paper"')
    assert len(marked) == 2 and REGISTRATION in marked[1].split("<details")[0]
    assert "Cơ quan yêu cầu bổ sung: Bản sao giấy chứng nhận đăng ký doanh nghiệp" in form
    assert form.index(REGISTRATION) < form.index("Thông báo hoạt động bưu chính")


def test_a_request_naming_no_paper_of_the_procedure_offers_them_all(citizen, flow):
    run = flow(until="processing")
    run.ok(OFFICER, "request_supplement", items=["Bản sao hợp đồng thuê địa điểm"],
           reason="Thiếu giấy tờ")
    page = citizen().get(f"/ca-nhan/ho-so/{run.code}/").content.decode()
    form = page.split('action="/ca-nhan/ho-so/')[1].split("</form>")[0]
    assert "requested-paper" not in form and "<details" not in form
    assert REGISTRATION in form and "Thông báo hoạt động bưu chính" in form
