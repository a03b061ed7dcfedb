"""A request over the upload cap on a portal page and a back-office page: the site's 400 page
with the limit and a link back to the form, never a bare page."""

import pytest
import time_machine

from tests.backoffice.conftest import intake
from tests.dossiers.conftest import CITIZEN, local
from tests.dossiers.test_upload_safety import MB, big_pdf, signed_in
from tests.portal.conftest import fill_draft

pytestmark = pytest.mark.django_db
LIMIT = "Yêu cầu quá lớn: tổng dung lượng các tệp gửi một lần tối đa 1 MB."


def refused(response, form: str) -> None:
    page = response.content.decode()
    assert response.status_code == 400
    assert '<header class="border-bottom site-header' in page and LIMIT in page
    assert f'href="{form}">Quay lại biểu mẫu</a>' in page


def test_an_oversized_request_on_the_filing_page_leads_back_to_the_form(
        world, media_in_tmp, settings):
    client = signed_in(CITIZEN)
    pk = fill_draft(client)
    settings.MOTCUA_UPLOAD_MAX_REQUEST_BYTES = 1 * MB
    form = f"/ca-nhan/dang-soan/{pk}/giay-to/"
    refused(client.post(form, {"c1": big_pdf(2 * MB), "go": "upload"}), form)


def test_an_oversized_request_at_the_counter_leads_back_to_the_form(
        world, media_in_tmp, settings):
    settings.MOTCUA_UPLOAD_MAX_REQUEST_BYTES = 1 * MB
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        response = intake(signed_in("khcn.tiepnhan"), c1_scan=big_pdf(2 * MB))
    refused(response, "/can-bo/tiep-nhan/?thu-tuc=DP.BC002")
