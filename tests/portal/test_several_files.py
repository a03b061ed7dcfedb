"""Several files for one paper, as step 2 of online filing says ("Có thể tải nhiều tệp cho một
giấy tờ"), also when the page is posted without JavaScript."""

import re

import pytest

from motcua.portal.models import DraftFile
from tests.portal.conftest import fill_draft, pdf

pytestmark = pytest.mark.django_db


def test_several_files_for_one_paper_without_javascript(citizen):
    client = citizen()
    pk = fill_draft(client)
    page = client.get(f"/ca-nhan/dang-soan/{pk}/giay-to/").content.decode()
    [picker] = re.findall(r'<input type="file" name="c1"[^>]*>', page)
    assert " multiple " in picker
    response = client.post(f"/ca-nhan/dang-soan/{pk}/giay-to/", {
        "c1": [pdf("trang-1.pdf"), pdf("trang-2.pdf")], "go": "upload"})
    assert response.status_code == 200
    stored = DraftFile.objects.filter(draft=pk, component__order=1)
    assert sorted(f.attachment.original_name for f in stored) == ["trang-1.pdf", "trang-2.pdf"]
